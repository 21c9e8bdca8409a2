"""Walk the model: every paragraph with the unit it belongs to, in printed order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .model import Goal, Note, Paragraph, Plan, Policy


@dataclass(frozen=True, slots=True)
class Unit:
    """A part of the booklet that numbers its own ※ notes."""
    key: str              # "philosophy", "visions", "goal 11", "411"
    label: str            # for reports: 基本目標11, 施策411
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...] = ()


def _some(*items) -> list[Paragraph]:
    out: list[Paragraph] = []
    for it in items:
        if it is None:
            continue
        if isinstance(it, Paragraph):
            out.append(it)
        else:
            out.extend(p for p in it if p is not None)
    return out


def goal_paragraphs(goal: Goal) -> list[Paragraph]:
    return _some(goal.title, goal.body)


def policy_paragraphs(policy: Policy) -> list[Paragraph]:
    """Paragraphs of a 施策 page in printed order (notes excluded)."""
    items: list = [policy.title, policy.future]
    for d in policy.directions or ():
        items += [d.title, d.body]
    for ind in policy.indicators or ():
        items.append(ind.note)
    c = policy.collaboration
    if c is not None:
        items += [c.summary, c.citizens, c.government]
    return _some(*items)


def units(plan: Plan) -> Iterator[Unit]:
    ph = plan.concept.philosophy
    if ph is not None:
        yield Unit("philosophy", "基本理念", tuple(_some(ph.lead, ph.motto, ph.body)))
    vis = _some(plan.concept.visions_intro)
    for v in plan.concept.visions:
        vis += _some(v.title, v.summary)
    yield Unit("visions", "将来像", tuple(vis))
    for g in plan.goals():
        yield Unit(f"goal {g.code}", f"基本目標{g.code}", tuple(goal_paragraphs(g)), g.notes)
    for p in plan.policies:
        yield Unit(p.code, f"施策{p.code}", tuple(policy_paragraphs(p)), p.notes)


def paragraphs(plan: Plan, with_notes: bool = True) -> Iterator[tuple[Unit, Paragraph]]:
    for u in units(plan):
        for p in u.paragraphs:
            yield u, p
        if with_notes:
            for n in u.notes:
                if n.text is not None:
                    yield u, n.text
