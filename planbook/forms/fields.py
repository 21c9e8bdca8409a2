"""What a form asks for: every field of a 施策 a department fills in, with
its place in the policy file (a path of keys and list positions), its kind,
and its value as the form shows it.

The same list is made when the form is written (the values then are kept in
the workbook, so a returned form can be compared with the source of its
day) and when it is read back (the values now)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Indicator, Paragraph, Policy
from ..present.values import DIRECTION_WORDS, circled

# kinds of value
LINE, TEXT, NUMBER, YEAR, DIRECTION = "line", "text", "number", "year", "direction"
# the Japanese words of an indicator's direction, and back
WORDS = DIRECTION_WORDS
FROM_WORD = {v: k for k, v in WORDS.items()}
EXTRA_DIRECTIONS = 1         # empty directions a form offers beyond the written ones
MIN_DIRECTIONS = 3
EXTRA_INDICATORS = 1
MIN_INDICATORS = 3

Path = tuple                 # ("directions", 0, "body"): keys and 0-based list positions


@dataclass(frozen=True)
class Field:
    path: Path
    kind: str
    label: str               # as the form's label column says it
    value: object            # as the source has it: str, int, float or None (a direction: up…)
    section: str = ""        # the block of the form it belongs to


def _text(paras) -> str | None:
    if paras is None:
        return None
    if isinstance(paras, Paragraph):
        return paras.text or None
    return "\n\n".join(p.text for p in paras) or None


def _indicator(n: int, ind: Indicator | None) -> list[Field]:
    base = ind.baseline if ind else None
    target = ind.target if ind else None
    k = ("indicators", n - 1)
    label = f"指標{n}"
    return [
        Field(k + ("name",), LINE, f"{label} 指標名", ind.name if ind else None, "indicators"),
        Field(k + ("unit",), LINE, f"{label} 単位", ind.unit if ind else None, "indicators"),
        Field(k + ("baseline", "value"), NUMBER, f"{label} 現状値", base.value if base else None, "indicators"),
        Field(k + ("baseline", "year"), YEAR, f"{label} 現状値の年度", base.year if base else None, "indicators"),
        Field(k + ("target", "value"), NUMBER, f"{label} 目標値", target.value if target else None, "indicators"),
        Field(k + ("target", "year"), YEAR, f"{label} 目標値の年度", target.year if target else None, "indicators"),
        Field(k + ("direction",), DIRECTION, f"{label} 方向", ind.direction if ind else None, "indicators"),
        Field(k + ("note",), LINE, f"{label} 説明", _text(ind.note) if ind else None, "indicators"),
    ]


def policy_fields(policy: Policy, slots: tuple[int, int] | None = None) -> list[Field]:
    """Every field of the form of `policy`, in the form's order. `slots`:
    (directions, indicators) to offer; by default the written ones, one
    more, and at least three of each."""
    dirs = list(policy.directions or ())
    inds = list(policy.indicators or ())
    nd, ni = slots or (max(len(dirs) + EXTRA_DIRECTIONS, MIN_DIRECTIONS),
                       max(len(inds) + EXTRA_INDICATORS, MIN_INDICATORS))
    out = [Field(("title",), LINE, "施策名", _text(policy.title), "title"),
           Field(("future",), TEXT, "10年後の姿", _text(policy.future), "future")]
    for n in range(1, nd + 1):
        d = dirs[n - 1] if n <= len(dirs) else None
        out += [Field(("directions", n - 1, "title"), LINE, f"方向性{circled(n)} 見出し",
                      _text(d.title) if d else None, "directions"),
                Field(("directions", n - 1, "body"), TEXT, f"方向性{circled(n)} 本文",
                      _text(d.body) if d else None, "directions")]
    for n in range(1, ni + 1):
        out += _indicator(n, inds[n - 1] if n <= len(inds) else None)
    c = policy.collaboration
    out += [Field(("collaboration", "summary"), LINE, "協働方針（まとめ）", _text(c.summary) if c else None,
                  "collaboration"),
            Field(("collaboration", "citizens"), TEXT, "市民の役割", _text(c.citizens) if c else None,
                  "collaboration"),
            Field(("collaboration", "government"), TEXT, "行政の役割", _text(c.government) if c else None,
                  "collaboration")]
    for note in policy.notes:
        out.append(Field(("notes", note.key), LINE, f"※ {note.key}", _text(note.text), "notes"))
    return out


_MEASURE = {("baseline", "value"): NUMBER, ("baseline", "year"): YEAR,
            ("target", "value"): NUMBER, ("target", "year"): YEAR}
_INDICATOR = {"name": LINE, "unit": LINE, "direction": DIRECTION, "note": LINE}
_FIXED = {("title",): LINE, ("future",): TEXT, ("collaboration", "summary"): LINE,
          ("collaboration", "citizens"): TEXT, ("collaboration", "government"): TEXT, ("comment",): TEXT}
MAX_ITEMS = 99


def kind_of(path: tuple) -> str | None:
    """The kind of the field at `path` when a form may have such a field,
    else None (a returned form's record is not trusted to name any key)."""
    if path in _FIXED:
        return _FIXED[path]
    if len(path) < 2 or not isinstance(path[1], int) or isinstance(path[1], bool):
        if len(path) == 2 and path[0] == "notes" and isinstance(path[1], str) \
                and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", path[1]):
            return LINE
        return None
    if not 0 <= path[1] < MAX_ITEMS:
        return None
    rest = tuple(path[2:])
    if path[0] == "directions":
        return {("title",): LINE, ("body",): TEXT}.get(rest)
    if path[0] == "indicators":
        return _MEASURE.get(rest) or (_INDICATOR.get(rest[0]) if len(rest) == 1 else None)
    return None


def shown(kind: str, value) -> object:
    """A value as the form and the report show it (a direction as its word)."""
    return WORDS.get(value, value) if kind == DIRECTION else value


def slots_of(fields: list[Field]) -> tuple[int, int]:
    """(directions, indicators) a list of fields offers."""
    dirs = {f.path[1] for f in fields if f.path[0] == "directions"}
    inds = {f.path[1] for f in fields if f.path[0] == "indicators"}
    return len(dirs), len(inds)
