"""The fields of each source file (the contract in docs/source-format.md)."""
from __future__ import annotations

import re
from dataclasses import replace

import yaml

from .. import model as m
from ..template import POLICY_LABEL_FIELDS, problem
from .fields import Names, Year
from .schema import (MISSING, F, Bool, Code, Enum, FilePath, Int, ListOf, MapOf, Name, Number,
                     Para, Record, Str, Text)


def _make(cls, **fixed):
    def build(values, loc, locs, ctx, present):
        return cls(loc=loc, locs=locs, **values, **fixed)
    return build


def _notes(values: dict | None) -> tuple[m.Note, ...]:
    if not values:
        return ()
    return tuple(m.Note(loc=loc, key=k, text=v) for k, (v, loc) in values.items())


NOTES = MapOf(Para())

# -- plan.yaml --------------------------------------------------------------

def _period(values, loc, locs, ctx, present):
    """Both years, start ≤ end (an unknown period is `period:` left empty)."""
    start, end = values["start"], values["end"]
    if start is None or end is None:
        ctx.error(loc.line, "load-period", "period には start と end の両方の年を書いてください"
                  "（まだ決まっていなければ「period:」だけを書いて空にします）。")
        return MISSING
    if start > end:
        ctx.error(loc.line, "load-period", f"period の start {start} が end {end} より後です。")
        return MISSING
    return m.Period(loc=loc, locs=locs, start=start, end=end)


PERIOD = Record({"start": F(Year(), True), "end": F(Year(), True)}, _period)


def _with_defaults(cls):
    """Build `cls`, leaving empty values to the dataclass defaults."""
    def build(values, loc, locs, ctx, present):
        return cls(loc=loc, locs=locs, **{k: v for k, v in values.items() if v is not None})
    return build


class OutputName(Name):
    label = "ファイル名に使える名前（半角英数字と - _）"

    def convert_value(self, node, ctx):
        v = super().convert_value(node, ctx)
        if isinstance(v, str) and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", v):
            return self.wrong(node, ctx)
        return v


class Mm(Number):
    label = "ミリメートルの数値（例: 0.1）"

    def convert_value(self, node, ctx):
        v = super().convert_value(node, ctx)
        if isinstance(v, (int, float)) and not 0 <= v <= 50:
            ctx.error(node, "load-range", f"「{ctx.key_name()}」の値 {v} mm は範囲外です（0〜50）。")
            return MISSING
        return float(v) if isinstance(v, int) else v


class Pt(Number):
    label = "ポイントの数値（例: 10）"

    def convert_value(self, node, ctx):
        v = super().convert_value(node, ctx)
        if isinstance(v, (int, float)) and not 4 <= v <= 72:
            ctx.error(node, "load-range", f"「{ctx.key_name()}」の値 {v} pt は範囲外です（4〜72）。")
            return MISSING
        return float(v) if isinstance(v, int) else v


class Template(Str):
    """A template of planbook.template: only the documented {fields}."""

    def __init__(self, fields: tuple[str, ...]):
        self.fields = fields

    def convert_value(self, node, ctx):
        v = super().convert_value(node, ctx)
        wrong = problem(v, self.fields) if isinstance(v, str) else None
        if wrong:
            ctx.error(node, "load-template", f"「{ctx.key_name()}」: {wrong}")
            return MISSING
        return v


PRINT = Record({
    "binding": F(Enum("saddle", "perfect")),
    "page_multiple": F(Int(1, 64)),
    "paper_thickness_mm": F(Mm()),
    "cover_thickness_mm": F(Mm()),
    "glue_mm": F(Mm()),
    "bleed_mm": F(Mm()),
    "pdf_x": F(Enum("4", "1a")),
    "icc_profile": F(FilePath()),
    "condition": F(Enum("japan-color-2011-coated", "japan-color-2001-coated")),
    "min_spine_mm": F(Mm()),
    "saddle_max_pages": F(Int(4, 1000)),
    "spine_text_min_mm": F(Mm()),
    "min_dpi": F(Int(72, 2400)),
    "max_ink_percent": F(Int(200, 400)),
    "min_tint_percent": F(Int(0, 20)),
    "knockout_min_bold_pt": F(Pt()),
    "knockout_min_regular_pt": F(Pt()),
    "vendor": F(Str()),
}, _with_defaults(m.PrintSettings))

THRESHOLDS = ("rate", "change", "points")


def _grade(values, loc, locs, ctx, present):
    given = [k for k in THRESHOLDS if values[k] is not None]
    if len(given) > 1:
        ctx.error(loc.line, "load-grade", f"評語「{values['grade']}」に {'・'.join(given)} の"
                  "二つ以上の基準が書かれています。一つの評語には一つの基準（rate＝達成率、"
                  "change＝基準値からの変化率、points＝基準値からの差）だけを書きます。")
        return MISSING
    values = {k: float(v) if isinstance(v, int) else v for k, v in values.items()}
    return m.Grade(loc=loc, locs=locs, **values)


GRADE = Record({
    "grade": F(Str(), True, empty=False),
    "rate": F(Number()),
    "change": F(Number()),
    "points": F(Number()),
    "meaning": F(Str()),
}, _grade)


def _grading(values, loc, locs, ctx, present):
    """The grades in order: each but the last with one threshold, the last
    with none (it takes every indicator the others do not)."""
    grades = values["grades"] or ()
    if not grades:
        ctx.error(loc.line, "load-grade", "progress の grades に評語を一つ以上書いてください"
                  "（例: - {grade: A, rate: 100}）。書かなければ既定の評語（A〜D）を使います。")
        return MISSING
    bad = False
    seen: dict[str, int] = {}
    for i, g in enumerate(grades):
        last = i == len(grades) - 1
        has = any(getattr(g, k) is not None for k in THRESHOLDS)
        if g.grade in seen:
            ctx.error(g.loc.line, "load-grade", f"評語「{g.grade}」が二度あります（{seen[g.grade]}行目にも）。")
            bad = True
        seen.setdefault(g.grade, g.loc.line)
        if last and has:
            ctx.error(g.loc.line, "load-grade", f"最後の評語「{g.grade}」には基準を書かないでください。"
                      "最後の評語は、ほかのどの基準にも届かなかった指標に付けます。")
            bad = True
        elif not last and not has:
            ctx.error(g.loc.line, "load-grade", f"評語「{g.grade}」に基準（rate・change・points の"
                      "どれか）がありません。基準のない評語は最後に一つだけ書けます。")
            bad = True
    if bad:
        return MISSING
    out = {"grades": tuple(grades)}
    out.update({k: v for k, v in values.items() if k != "grades" and v is not None})
    return m.Grading(loc=loc, locs=locs, **out)


GRADING = Record({
    "grades": F(ListOf(GRADE)),
    "unknown": F(Str()),
    "ungradable": F(Str()),
}, _grading)

PLAN = Record({
    "municipality": F(Str(), True),
    "title": F(Str(), True),
    "subtitle": F(Str()),
    "period": F(PERIOD, True),
    "baseline_year": F(Year()),
    "vision_suffix": F(Str()),
    "policy_label": F(Template(POLICY_LABEL_FIELDS)),
    "output_name": F(OutputName()),
    "code_prefix_rule": F(Bool()),
    "print": F(PRINT),
    "layout": F(Record({"policy_pages": F(Int(1, 2))}, _with_defaults(m.LayoutSettings))),
    "departments": F(Names()),
    "proof": F(Record({"contact": F(Str()), "return_days": F(Int(0, 365))},
                      _with_defaults(m.ProofSettings))),
    "progress": F(GRADING),
}, _with_defaults(m.PlanInfo))

# -- concept.yaml -----------------------------------------------------------


def _goal(values, loc, locs, ctx, present):
    values["notes"] = _notes(values["notes"])
    return m.Goal(loc=loc, locs=locs, **values)


class _Rooted(Record):
    """A record whose paragraph ids start afresh at `<root>/<its key>`
    (goals are `goals/11/…` wherever they sit in concept.yaml)."""

    def __init__(self, root: str, fields, build):
        super().__init__(fields, build)
        self.root = root

    def convert_value(self, node, ctx):
        saved = ctx.path
        ctx.path = [self.root, saved[-1]] if saved else [self.root]
        try:
            return super().convert_value(node, ctx)
        finally:
            ctx.path = saved


GOAL = _Rooted("goals", {
    "code": F(Code(), True, empty=False),
    "title": F(Para(), True),
    "body": F(Text()),
    "notes": F(NOTES),
}, _goal)


def _vision(values, loc, locs, ctx, present):
    goals = tuple(g for g in (values.pop("goals") or ()))
    number = values["number"]
    goals = tuple(_with_vision(g, number) for g in goals)
    return m.Vision(loc=loc, locs=locs, goals=goals, **values)


def _with_vision(goal: m.Goal, number: int) -> m.Goal:
    return replace(goal, vision=number)


VISION = _Rooted("visions", {
    "number": F(Int(0, 99), True, empty=False),
    "title": F(Para(), True),
    "summary": F(Text()),
    "artwork": F(Name()),
    "goals": F(ListOf(GOAL, key="code"), True),
}, _vision)

PHILOSOPHY = Record({
    "lead": F(Text()),
    "motto": F(Para(), True),
    "body": F(Text()),
    "artwork": F(Name()),
}, _make(m.Philosophy))


def _concept(values, loc, locs, ctx, present):
    values["visions"] = values["visions"] or ()
    return m.Concept(loc=loc, locs=locs, **values)


CONCEPT = Record({
    "philosophy": F(PHILOSOPHY, True),
    "visions_intro": F(Text()),
    "visions": F(ListOf(VISION, key="number"), True),
}, _concept)

# -- policies/NNN.yaml ------------------------------------------------------

MEASURE = Record({"value": F(Number()), "year": F(Year())}, _make(m.Measure))


def _indicator(values, loc, locs, ctx, present):
    values["cumulative"] = bool(values["cumulative"])
    return m.Indicator(loc=loc, locs=locs, id="/".join(ctx.path), **values)


INDICATOR = Record({
    "name": F(Str(), True),
    "unit": F(Str()),
    "baseline": F(MEASURE),
    "target": F(MEASURE),
    "direction": F(Enum("up", "down", "keep")),
    "note": F(Para()),
    "cumulative": F(Bool()),
}, _indicator)

DIRECTION = Record({"title": F(Para(), True), "body": F(Text(named=False))}, _make(m.Direction))

COLLABORATION = Record({
    "summary": F(Para()),
    "citizens": F(Text()),
    "government": F(Text()),
}, _make(m.Collaboration))

PAGE_FIELDS = ("future", "directions", "indicators", "collaboration", "notes")


def _policy(values, loc, locs, ctx, present):
    values["notes"] = _notes(values["notes"])
    values["departments"] = tuple(values["departments"] or ())
    has_page = any(k in present for k in PAGE_FIELDS)
    return m.Policy(loc=loc, locs=locs, has_page=has_page, **values)


class _PolicyPath(Record):
    """A 施策's ids start with its code: `411/directions/2/1`."""

    def convert_value(self, node, ctx):
        code = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == "code" and hasattr(v, "value") \
                        and isinstance(v.value, str) and v.value.strip():
                    code = v.value.strip()
        ctx.path = [code or ctx.rel]
        return super().convert_value(node, ctx)


POLICY = _PolicyPath({
    "code": F(Code(), True, empty=False),
    "goal": F(Code(), True, empty=False),
    "title": F(Para(), True),
    "departments": F(Names()),
    "future": F(Text()),
    "directions": F(ListOf(DIRECTION)),
    "indicators": F(ListOf(INDICATOR)),
    "collaboration": F(COLLABORATION),
    "notes": F(NOTES),
}, _policy)

# -- artwork.yaml -----------------------------------------------------------

def _artwork(values, loc, locs, ctx, present):
    """A work's values; `alt` (what the picture shows) and `decorative: true`
    (no alt needed) exclude each other."""
    if values["alt"] is not None and values["decorative"]:
        slot = ctx.path[-1] if ctx.path else ""
        ctx.error(locs["decorative"].line, "load-alt-decorative",
                  f"作品「{slot}」に alt:（{locs['alt'].line}行目）と decorative: true の両方が"
                  "書かれています。絵に描かれているものを読み上げるなら alt: だけを、飾りの絵で"
                  "説明が要らないなら decorative: true だけを残してください。")
        return MISSING
    return {**values, "decorative": bool(values["decorative"])}, loc, locs


ARTWORK = Record({
    "image": F(FilePath()),
    "alt": F(Para()),
    "decorative": F(Bool()),
    "school": F(Name(nfc=False)),
    "grade": F(Int(1, 12)),
    "name": F(Name(nfc=False)),
    "reading": F(Name(nfc=False)),
    "consent": F(Bool()),
}, _artwork)

ARTWORK_FILE = MapOf(ARTWORK)
