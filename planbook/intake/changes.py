"""Returned values compared with the source: per field of a 施策, the value
the form (or packet) was made with (base), the source now (current) and the
returned value (new).

- new is base: the department left it; nothing to do (even if the source
  changed meanwhile);
- new is current: already so (applied before, or the same fix made twice);
- base is current: a change to apply;
- otherwise the field changed in the source since the form was made and in
  the form too: a conflict, reported with the three versions, never applied.

Two returns that change the same field differently are a conflict too.

Word packets (planbook.intake.word) give `ParagraphEdit`s keyed by the
paragraph ids their proof printed; `paragraph_edits` maps them to the same
fields (one paragraph of a text)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..forms.fields import LINE, TEXT, YEAR, policy_fields, slots_of
from ..model import Plan, Policy
from ..proofs.ids import for_source
from ..walk import paragraphs
from .cells import as_loaded, same
from .edits import NOBASE, FieldEdit, ParagraphEdit, Problem

CHANGE, CONFLICT, ALREADY = "change", "conflict", "already"


@dataclass
class Change:
    code: str
    path: tuple
    kind: str
    label: str
    old: object               # the source now
    new: object
    base: object = NOBASE     # the value the form was made with
    status: str = CHANGE
    who: list = field(default_factory=list)       # departments
    where: list = field(default_factory=list)     # Where of each return saying it
    paragraph: int | None = None                   # one paragraph of a text (0-based)
    others: list = field(default_factory=list)     # conflicting returned values


def _current(policy: Policy | None, path: tuple, slots) -> object:
    if policy is None:
        return None
    for f in policy_fields(policy, slots):
        if f.path == path:
            return f.value
    return None


def _norm(kind: str, value):
    if kind == TEXT and isinstance(value, str):
        return as_loaded(value) or None
    return value


def field_changes(plan: Plan, edits: list[FieldEdit]) -> tuple[list[Change], list[Problem], int]:
    """(changes and conflicts, problems, how many returned values are already so)."""
    by_code = {p.code: p for p in plan.policies}
    changes: dict[tuple, Change] = {}
    problems: list[Problem] = []
    already = 0
    wide = {}
    for e in edits:
        n = wide.setdefault(e.code, [0, 0])
        if e.path[0] in ("directions", "indicators"):
            i = 0 if e.path[0] == "directions" else 1
            n[i] = max(n[i], e.path[1] + 1)
    for e in edits:
        policy = by_code.get(e.code)
        if policy is None:
            problems.append(no_policy(e))
            continue
        slots = tuple(max(a, b) for a, b in zip(wide[e.code], slots_of(policy_fields(policy))))
        new, base = _norm(e.kind, e.new), _norm(e.kind, e.base)
        current = _norm(e.kind, _current(policy, e.path, slots))
        if e.kind == YEAR and new is None:
            continue            # an empty year is the plan's default year
        status = classify(e.kind, new, base, current)
        already += status == ALREADY
        if status in (None, ALREADY):
            continue
        _add(changes, Change(e.code, e.path, e.kind, e.label, current, new, base, status,
                             [e.who], [e.where]))
    problems += _new_items_named(changes)
    return list(changes.values()), problems, already


def no_policy(e: FieldEdit) -> Problem:
    return Problem(e.where, f"施策{e.code} が source にありません（様式を作った後に消したか、"
                   "番号を変えたようです）。この施策の欄は読み込めません。")


def classify(kind: str, new, base, current) -> str | None:
    """None: the return left the value as the form had it; ALREADY: the
    source has it already; CHANGE; CONFLICT: changed in the source and in
    the return since the form was made."""
    if same(kind, new, base):
        return None
    if same(kind, new, current):
        return ALREADY
    return CHANGE if same(kind, base, current) else CONFLICT


def _add(changes: dict, c: Change) -> None:
    key = (c.code, c.path, c.paragraph)
    had = changes.get(key)
    if had is None:
        changes[key] = c
        return
    had.who += [w for w in c.who if w not in had.who]
    had.where += c.where
    if not same(c.kind, had.new, c.new):
        had.status = CONFLICT
        had.others.append((c.new, c.who, c.where))
    elif c.status == CONFLICT:
        had.status = CONFLICT


def _new_items_named(changes: dict) -> list[Problem]:
    """An indicator added in an empty row needs its name."""
    out = []
    added = {}
    for c in changes.values():
        if c.path[0] == "indicators" and c.old is None:
            added.setdefault((c.code, c.path[1]), []).append(c)
    for (code, n), group in added.items():
        if any(c.path[2] == "name" for c in group):
            continue
        # a name already written in the source counts
        if any(c.status == CONFLICT for c in group):
            continue
        first = group[0]
        out.append(Problem(first.where[0], f"指標{n + 1} に値が書かれていますが、指標名がありません。"
                           "指標名を書いてもらうか、この行の値を消してもらってください。"))
    return out


# -- Word packets ----------------------------------------------------------

def _paragraph_places(plan: Plan) -> dict[str, tuple[str, tuple, int, str]]:
    """printed id -> (code, field path, paragraph index, kind), for every
    paragraph of a 施策 (the ids the loader gives mapped to the ids the
    proofs print, planbook.proofs.ids)."""
    printed = for_source(plan)
    out = {}
    for (unit, para), (_, shown) in zip(paragraphs(plan), paragraphs(printed)):
        parts = para.id.split("/")
        code = parts[0]
        if unit.key != code:
            continue
        rest = parts[1:]
        if rest == ["title"]:
            out[shown.id] = (code, ("title",), 0, LINE)
        elif rest[0] == "future":
            out[shown.id] = (code, ("future",), int(rest[1]) - 1, TEXT)
        elif rest[0] == "directions" and rest[2] == "title":
            out[shown.id] = (code, ("directions", int(rest[1]) - 1, "title"), 0, LINE)
        elif rest[0] == "directions":
            out[shown.id] = (code, ("directions", int(rest[1]) - 1, "body"), int(rest[2]) - 1, TEXT)
        elif rest[0] == "indicators" and rest[-1] == "note":
            out[shown.id] = (code, ("indicators", int(rest[1]) - 1, "note"), 0, LINE)
        elif rest[0] == "collaboration" and rest[1] == "summary":
            out[shown.id] = (code, ("collaboration", "summary"), 0, LINE)
        elif rest[0] == "collaboration":
            out[shown.id] = (code, ("collaboration", rest[1]), int(rest[2]) - 1, TEXT)
        elif rest[0] == "notes":
            out[shown.id] = (code, ("notes", rest[1]), 0, LINE)
    return out


def paragraph_changes(plan: Plan, edits: list[ParagraphEdit]) -> tuple[list[Change], list[Problem], int]:
    """Word packets' paragraphs as changes of their fields (one paragraph each)."""
    places = _paragraph_places(plan)
    by_code = {p.code: p for p in plan.policies}
    changes: dict[tuple, Change] = {}
    problems, already = [], 0
    for e in edits:
        place = places.get(e.paragraph_id)
        if place is None:
            problems.append(Problem(e.where, f"段落 {e.paragraph_id} が source にありません（校正刷りの後に"
                                    "消したか、番号が違います）。この段落は読み込めません。"))
            continue
        code, path, index, kind = place
        text = _current(by_code[code], path, None)
        paras = (text or "").split("\n\n") if kind == TEXT else [text or ""]
        current = paras[index] if index < len(paras) else None
        new = as_loaded(e.new_text) if kind == TEXT else " ".join(e.new_text.split("\n")).strip()
        if "\n\n" in new and kind != TEXT:
            new = new.replace("\n\n", "")
        if new == current:
            already += 1
            continue
        base = e.old_text if e.old_text is NOBASE else (as_loaded(e.old_text) if kind == TEXT else e.old_text)
        if base is not NOBASE and new == base:
            continue
        status = CHANGE if base is NOBASE or base == current else CONFLICT
        label = f"段落 {e.paragraph_id}"
        _add(changes, Change(code, path, kind, label, current, new, base, status, [e.who], [e.where],
                             paragraph=index))
    return list(changes.values()), problems, already
