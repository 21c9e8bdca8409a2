"""Compare two plans into units, rows and lines (see result.py)."""
from __future__ import annotations

import re

from .. import present
from ..present import labels as L
from ..model import Goal, Plan, Policy, Vision
from . import chars
from .align import by_key, by_similarity
from .items import artwork_unit, direction_rows, indicator_rows, note_rows, plan_unit
from .lines import Builder, Recorder, printed, row, rows_per_paragraph
from .result import ADDED, CHANGED, REMOVED, SAME, Comparison, UnitDiff


def compare(old: Plan, new: Plan) -> Comparison:
    rec = Recorder()
    units = [plan_unit(old, new, rec), _philosophy(old, new, rec), _visions(old, new, rec)]
    for a, b in by_key(old.goals(), new.goals(), lambda g: g.code):
        units.append(_goal(a, b, rec))
    for a, b in by_key(old.policies, new.policies, lambda p: p.code):
        units.append(_policy(old, new, a, b, rec))
        if b is None:           # a proof shows it struck through in 計画の体系
            kept = [p for p in new.policies if p.goal == a.goal]
            rec.removed_item(f"goals/{a.goal}/policies",
                             sum(_natural(p.code) < _natural(a.code) for p in kept), a, "",
                             f"policy/{a.code}")
    units.append(artwork_unit(old, new, rec))
    return Comparison(tuple(u for u in units if u is not None), rec.changes())


def _natural(code: str):
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", code) if t]


def _unit(key: str, short: str, label: str, rows, old_absent=False, new_absent=False):
    rows = tuple(r for r in rows if r is not None)
    if old_absent:
        kind = ADDED
    elif new_absent:
        kind = REMOVED
    else:
        kind = CHANGED if any(r.kind != SAME for r in rows) else SAME
    return UnitDiff(key, short, label, kind, rows)


def _philosophy(old: Plan, new: Plan, rec: Recorder) -> UnitDiff:
    a, b = old.concept.philosophy, new.concept.philosophy
    bl = Builder(rec)
    rows = rows_per_paragraph(bl, "前文", "philosophy/lead", a and a.lead, b and b.lead)
    rows.append(row("理念", "", "philosophy/motto",
                    [bl.para("motto", a and a.motto, b and b.motto)]))
    rows += rows_per_paragraph(bl, "本文", "philosophy/body", a and a.body, b and b.body)
    return _unit("philosophy", L.CHAPTERS["philosophy"], L.CHAPTERS["philosophy"], rows)


def _vision_sim(a: Vision, b: Vision) -> float:
    text = chars.similarity(printed(a.title, {}) or "", printed(b.title, {}) or "")
    return max(text, 0.6 if a.number == b.number else 0.0)


def _visions(old: Plan, new: Plan, rec: Recorder) -> UnitDiff:
    bl = Builder(rec)
    rows = rows_per_paragraph(bl, "前文", "visions_intro",
                              old.concept.visions_intro, new.concept.visions_intro)
    pairs = by_similarity(list(old.concept.visions), list(new.concept.visions), _vision_sim)
    for a, b in pairs:
        v = b or a
        lines = [bl.para("title", a and a.title, b and b.title,
                         L.vision_label(a.number) if a else "", L.vision_label(b.number) if b else "")]
        lines += bl.text("summary", a and a.summary, b and b.summary,
                         f"visions/{b.number}/summary" if b else "")
        rows.append(row("", f"{L.vision_label(v.number)} {printed(v.title, {}) or ''}",
                        f"visions/{v.number}", lines))
    return _unit("visions", L.CHAPTERS["visions"], L.CHAPTERS["visions"], rows)


def _goal(a: Goal | None, b: Goal | None, rec: Recorder) -> UnitDiff:
    g = b or a
    bl = Builder(rec, a and present.goal_note_labels(a), b and present.goal_note_labels(b))
    rows = [row("基本目標名", "", f"goals/{g.code}/title",
                [bl.para("title", a and a.title, b and b.title)])]
    rows += rows_per_paragraph(bl, "本文", f"goals/{g.code}/body", a and a.body, b and b.body)
    rows += note_rows(bl, f"goals/{g.code}", a.notes if a else (), b.notes if b else ())
    title = printed(g.title, bl.new_labels if b else bl.old_labels) or ""
    return _unit(f"goal {g.code}", L.goal_label(g.code), f"{L.goal_label(g.code)} {title}".strip(),
                 rows, a is None, b is None)


def _policy(old_plan: Plan, new_plan: Plan, a: Policy | None, b: Policy | None,
            rec: Recorder) -> UnitDiff:
    p = b or a
    short = (new_plan if b else old_plan).policy_label(p)
    bl = Builder(rec, a and present.policy_note_labels(a), b and present.policy_note_labels(b))
    code = p.code
    rows = [row("施策名", "", f"{code}/title", [bl.para("title", a and a.title, b and b.title)])]
    rows.append(row(L.GOAL_WORD, "", f"{code}/goal", [bl.value(
        "goal", "", a and L.goal_label(a.goal), b and L.goal_label(b.goal))]))
    rows.append(row(L.DEPARTMENTS.rstrip("："), "", f"{code}/departments", [bl.value(
        "departments", "", a and "、".join(a.departments), b and "、".join(b.departments))]))
    rows += rows_per_paragraph(bl, L.POLICY_SECTIONS["future"], f"{code}/future",
                               a and a.future, b and b.future)
    rows += direction_rows(bl, code, a and a.directions, b and b.directions)
    rows += indicator_rows(bl, code, a and a.indicators, b and b.indicators)
    ca, cb = a and a.collaboration, b and b.collaboration
    sec = L.POLICY_SECTIONS["collaboration"]
    citizens, government = L.COLLABORATION_COLUMNS
    rows.append(row(sec, "", f"{code}/collaboration/summary",
                    [bl.para("summary", ca and ca.summary, cb and cb.summary)]))
    rows += rows_per_paragraph(bl, sec, f"{code}/collaboration/citizens",
                               ca and ca.citizens, cb and cb.citizens, lambda n: citizens)
    rows += rows_per_paragraph(bl, sec, f"{code}/collaboration/government",
                               ca and ca.government, cb and cb.government, lambda n: government)
    rows += note_rows(bl, code, a.notes if a else (), b.notes if b else ())
    title = printed(p.title, bl.new_labels if b else bl.old_labels) or ""
    return _unit(code, short, f"{short} {title}".strip(), rows, a is None, b is None)
