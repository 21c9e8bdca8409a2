"""Japanese inter-character spacing (JLREQ §3.2, §3.8) as pure functions:
character classes, the 四分アキ between Japanese and Western letters, which
gaps of a line a justification may widen and by how much. No WeasyPrint here:
planbook.render.typeset.patches.justify applies the results to Pango layouts.

Lengths are in CSS px, like WeasyPrint's boxes."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WJ = "\u2060"           # word joiner: no break here (the glue of inline.py)
ZWSP = "\u200b"         # zero width space: a break is allowed here
CARRIERS = WJ + ZWSP    # zero-width characters that carry a 四分アキ

QUARTER = 0.25          # 四分アキ between Japanese and Western letters (em)
BOUNDARY_MAX = 0.5      # justification widens it up to 二分 first (em)

OPEN = "（「『【〔［｛〈《｟〘〖«〝‘“([{"
CLOSE = "）」』】〕］｝〉》｠〙〗»〟’”)]}"
STOPS = "、。，．！？‼⁇⁈⁉"
MIDDLE = "・：；"
PUNCT = OPEN + CLOSE + STOPS + MIDDLE
DASHES = "―—…‥"         # doubled, they are one inseparable mark (——, ……)
# Western letters and digits that take a 四分アキ next to Japanese letters
# ("AIを", "第3次", "30%の"); full-width letters are Japanese.
_WEST = "A-Za-z0-9%\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# Japanese letters: kanji, kana, 々〆〇 (not the middle dot ・ of the katakana block).
_JA = ("\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
       "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff")
_IS_WEST = re.compile(f"[{_WEST}]")
_IS_JA = re.compile(f"[{_JA}]")
BOUNDARY_AT = re.compile(f"(?<=[{_WEST}])(?=[{_JA}])|(?<=[{_JA}])(?=[{_WEST}])")
_CARRIER_AT = re.compile(f"[{CARRIERS}]")


def is_west(ch: str) -> bool:
    return bool(ch) and _IS_WEST.match(ch) is not None


def is_ja(ch: str) -> bool:
    return bool(ch) and _IS_JA.match(ch) is not None


def is_boundary(left: str, right: str) -> bool:
    """A Japanese letter next to a Western letter or digit: a 四分アキ."""
    return (is_west(left) and is_ja(right)) or (is_ja(left) and is_west(right))


def boundary_carriers(text: str) -> list[int]:
    """Indexes of the carriers of `text` that sit between a Japanese and a
    Western letter (both inside `text`)."""
    if WJ not in text and ZWSP not in text:
        return []
    return [m.start() for m in _CARRIER_AT.finditer(text)
            if 0 < m.start() < len(text) - 1 and is_boundary(text[m.start() - 1], text[m.start() + 1])]


def is_western(ch: str) -> bool:
    """Latin, Greek, Cyrillic letters, ASCII digits and punctuation."""
    return "!" <= ch < "\u2000" and not ch.isspace()


def is_cjk(ch: str) -> bool:
    return ch == "\u3000" or (ch >= "\u2e80" and not ch.isspace())


# -- gaps of a justified line ---------------------------------------------------

NEVER, PUNCT_AKI, BOUNDARY, INTER, LAST_RESORT = range(5)

# JLREQ sets a punctuation mark in a full em: a half-em glyph and half an em
# of space after a closing bracket or a stop, before an opening bracket, a
# quarter on each side of a middle dot. Two marks in a row share one space:
# 」「 and 、「 take 1.5 em, not 2. A proportional font (BIZ UDPMincho: 」「
# half an em each, 、。 0.6 em) leaves some of that space out: a
# justification gives it back first. `width` is the font's advance (em).
MARK = 1.0
PAIR = 1.5
_STOP_MARKS = "、。，．"


def punctuation_space(a: str, b: str, width_a: float = 0.5, width_b: float = 0.5) -> float:
    """The space JLREQ puts between `a` and `b` that the glyphs do not have (em)."""
    if a in PUNCT and b in PUNCT:
        return max(0.0, PAIR - width_a - width_b)
    after = (MARK - width_a) if a in CLOSE or a in _STOP_MARKS else \
        (MARK - width_a) / 2 if a in MIDDLE else 0.0
    before = (MARK - width_b) if b in OPEN else (MARK - width_b) / 2 if b in MIDDLE else 0.0
    return max(0.0, after, before)


@dataclass
class Gap:
    """The space between two visible units of a line: its natural width
    beyond the glyphs (px), its priority, the most it may grow at a capped
    priority (px), and the extra given by the justification."""
    natural: float = 0.0
    priority: int = INTER
    cap: float = 0.0
    extra: float = 0.0


def classify(a: str, b: str, *, boundary: bool = False, spaced: bool = False,
             glued: bool = False, attached: bool = False, opaque: bool = False,
             width_a: float = 0.5, width_b: float = 0.5) -> tuple[int, float]:
    """How a justification may widen the gap between characters `a` and `b`
    (JLREQ §3.8.3), and up to how much (em) at a capped priority: first the
    space a punctuation mark lacks in the font (`width_a`, `width_b`: the
    glyphs' advances, em), then the 四分アキ up to 二分, then between
    characters and at spaces. Never inside a glued pair, before a raised ※
    marker or after a line's leading label; as a last resort only inside a
    bracket (「あ, あ」), before 、。, between two marks that share no space
    (。」 」、) or inside a Western word."""
    if boundary:
        return BOUNDARY, BOUNDARY_MAX - QUARTER
    if glued or attached or opaque:
        return NEVER, 0.0
    if spaced:
        return INTER, 0.0
    if a in OPEN or b in CLOSE or b in STOPS or (a == b and a in DASHES) \
            or (is_western(a) and is_western(b)):
        return LAST_RESORT, 0.0
    if a in PUNCT or b in PUNCT:
        space = punctuation_space(a, b, width_a, width_b)
        return (PUNCT_AKI, space) if space else (LAST_RESORT, 0.0)
    return INTER, 0.0


def distribute(gaps: list[Gap], budget: float) -> None:
    """Share `budget` (px) among `gaps` by priority: each capped priority up
    to its caps, then evenly between characters; failing those, the capped
    gaps beyond their caps, then the last-resort gaps."""
    for level in (PUNCT_AKI, BOUNDARY):
        chosen = [g for g in gaps if g.priority == level]
        while chosen and budget > 1e-9:
            share = budget / len(chosen)
            for g in chosen:
                step = min(share, g.cap - g.extra)
                g.extra += step
                budget -= step
            chosen = [g for g in chosen if g.cap - g.extra > 1e-9]
    for levels in ((INTER,), (PUNCT_AKI, BOUNDARY), (LAST_RESORT,)):
        if budget <= 1e-9:
            return
        chosen = [g for g in gaps if g.priority in levels]
        if chosen:
            for g in chosen:
                g.extra += budget / len(chosen)
            return


def chain(gaps: list[float], pin_first: bool = False, pin_last: bool = False,
          first: float | None = None, skew: float = 0.0) -> list[float]:
    """Pango letter-spacing L of each of n clusters for the n - 1 wanted gaps.

    Pango puts half of a cluster's letter-spacing before it (its x_offset)
    and half after, except before the first and after the last cluster of a
    line, so the gap between clusters k and k + 1 is (L[k] + L[k + 1]) / 2.
    A renderer that draws each glyph `skew` × its x_offset further (WeasyPrint
    70: 2.4 %) makes it (L[k] + L[k + 1] + skew × (L[k + 1] - L[k])) / 2,
    without the last term's L[k] for the first cluster.

    The one free value, L[0], moves no glyph: it is `first` when given, sets
    L[0] or L[-1] to 0 when pinned, else keeps the largest |L| small."""
    alpha, beta = [0.0], [1.0]            # L[k] = alpha[k] + beta[k] * L[0]
    for k, g in enumerate(gaps):
        back = 1.0 if k == 0 else 1.0 - skew
        alpha.append((2 * g - back * alpha[-1]) / (1.0 + skew))
        beta.append(-back * beta[-1] / (1.0 + skew))
    if first is None:
        if pin_first:
            first = 0.0
        elif pin_last:
            first = -alpha[-1] / beta[-1]
        else:
            up = [a for a, b in zip(alpha, beta) if b > 0]
            down = [a for a, b in zip(alpha, beta) if b < 0] or [0.0]
            first = (max(-min(up), max(down)) - max(max(up), -min(down))) / 2
    return [a + b * first for a, b in zip(alpha, beta)]


def clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of `text`, combining marks and variation
    selectors kept with their base."""
    out: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if out and (unicodedata.combining(ch) or "\ufe00" <= ch <= "\ufe0f"
                    or "\U000e0100" <= ch <= "\U000e01ef" or ch == "\u200d"):
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out
