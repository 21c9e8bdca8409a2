"""Values as printed: 和暦, numbers, indicator values, credits, ※ labels."""
from __future__ import annotations

import re

from ..markup import note_numbers
from ..model import Artwork, Goal, Indicator, Measure, Plan, Policy
from ..numbers import grouped
from ..walk import goal_paragraphs, policy_paragraphs
from .labels import NO_CONSENT, PLACEHOLDER
from .view import Piece

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ARROWS = {"up": "↑", "down": "↓", "keep": "→"}
DIRECTION_WORDS = {"up": "増加", "down": "減少", "keep": "維持"}

# (first year, era name); newest first.
_ERAS = ((2019, "令和"), (1989, "平成"), (1926, "昭和"))


def wareki(year: int | None) -> str:
    """2026 -> 令和8年 (元年 for the first year)."""
    if year is None:
        return PLACEHOLDER
    for start, name in _ERAS:
        if year >= start:
            n = year - start + 1
            return f"{name}{'元' if n == 1 else n}年"
    return f"{year}年"


def fiscal_year(year: int | None, seireki: bool = True) -> str:
    """2026 -> 令和8年度（2026年度）, or 令和8年度 without room."""
    if year is None:
        return PLACEHOLDER
    w = wareki(year) + "度"
    return f"{w}（{year}年度）" if seireki else w


def period_label(plan: Plan, seireki: bool = True) -> str:
    p = plan.info.period
    if p is None:
        return PLACEHOLDER
    if seireki:
        return f"{wareki(p.start)}度（{p.start}年度）〜{wareki(p.end)}度（{p.end}年度）"
    return f"{wareki(p.start)}度〜{wareki(p.end)}度"


def circled(n: int) -> str:
    """①…⑳ for the directions, (21) beyond."""
    return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else f"({n})"


def direction_key(d, number: int, code: str) -> str:
    """A direction's id (the ids of its paragraphs without their last part):
    `411/directions/2`."""
    for p in (d.title, *(d.body or ())):
        if p is not None:
            return p.id.rsplit("/", 1)[0]
    return f"{code}/directions/{number}"


def number(value) -> str:
    """12345 -> 12,345; 12.50 stays as written (12.5) (planbook.numbers)."""
    return PLACEHOLDER if value is None else grouped(value)


def decimals(text: str | None) -> str:
    """The digits after the decimal point of a printed number ("" for none)."""
    return (text or "").partition(".")[2]


def figure(text: str | None, places: int) -> tuple[Piece, ...]:
    """A printed number as pieces (digits, 「,」「.」 separators) padded to
    `places` decimals: 1,250.5 with 2 places is 1 , 250 . 5 and a padding 0."""
    if text is None:
        return ()
    pieces = [Piece(part, part in ",.") for part in re.split(r"([,.])", text) if part]
    missing = places - len(decimals(text))
    if missing > 0:
        if "." not in text:
            pieces.append(Piece(".", True, True))
        pieces.append(Piece("0" * missing, False, True))
    return tuple(pieces)


def measure(m: Measure | None) -> tuple[str, str]:
    """(value, year label) of an indicator value."""
    if m is None:
        return PLACEHOLDER, PLACEHOLDER
    return number(m.value), fiscal_year(m.year, seireki=False) if m.year else PLACEHOLDER


def arrow(ind: Indicator) -> str:
    return ARROWS.get(ind.direction or "", PLACEHOLDER)


def credit(art: Artwork | None, final: bool = False) -> dict:
    """The parts of an artwork credit: 清瀬小学校 5年 永井 想真 さん."""
    if art is None:
        return {}
    show_name = art.consent is True or not final
    return {
        "school": art.school or PLACEHOLDER,
        "grade": f"{art.grade}年" if art.grade else PLACEHOLDER,
        "name": (art.name or PLACEHOLDER) if show_name else "",
        "reading": (art.reading or "") if show_name else "",
        "consent_note": "" if art.consent is True else NO_CONSENT,
        "show_image": show_name,
    }


def goal_note_labels(goal: Goal) -> dict[str, str]:
    return note_numbers(goal_paragraphs(goal), goal.notes)


def policy_note_labels(policy: Policy) -> dict[str, str]:
    return note_numbers(policy_paragraphs(policy), policy.notes)

