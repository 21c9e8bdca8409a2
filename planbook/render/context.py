"""What the booklet layouts print, derived from the model: the 体系 table's
rows, the artwork slots, the policies in page order. No wording or colour
lives here: the layouts decide how it looks."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import present
from ..model import Goal, Plan, Policy, Vision


@dataclass
class Row:
    """One row of the 計画の体系 table. A span > 0 starts a merged cell;
    `*_cont` marks a merged cell that continues one cut by a page break."""
    index: int
    vision: Vision | None
    goal: Goal | None
    policy: Policy | None
    vision_key: int = 0
    goal_key: tuple = ()
    vision_span: int = 0
    goal_span: int = 0
    vision_cont: bool = False
    goal_cont: bool = False
    cut: bool = False               # a page break is forced before this row


@dataclass
class Slot:
    """An artwork slot as printed: the image (a file: URL) or the grey box,
    and the credit parts (empty when the slot has no entry)."""
    id: str | None
    image: str | None = None
    credit: dict = field(default_factory=dict)


def orphans(plan: Plan) -> tuple[Policy, ...]:
    """Policies whose 基本目標 is in no 将来像 (printed apart, never dropped)."""
    known = {g.code for g in plan.goals()}
    return tuple(p for p in plan.policies if p.goal not in known)


def system_rows(plan: Plan, cuts: frozenset[int] = frozenset()) -> list[Row]:
    """Rows of the 計画の体系 table with the rowspans of the merged cells.
    `cuts`: row indices that start a new page; merged cells restart there."""
    groups = [(v, [(g, plan.policies_of(g.code)) for g in v.goals]) for v in plan.concept.visions]
    stray = orphans(plan)
    if stray:
        by_goal: dict[str, list[Policy]] = {}
        for p in stray:
            by_goal.setdefault(p.goal, []).append(p)
        groups.append((None, [(None, tuple(ps)) for ps in by_goal.values()]))
    rows: list[Row] = []
    for vk, (vision, goals) in enumerate(groups):
        if not goals:
            rows.append(Row(len(rows), vision, None, None, vk, (vk, 0)))
        for gk, (goal, policies) in enumerate(goals):
            for p in policies or (None,):
                rows.append(Row(len(rows), vision, goal, p, vk, (vk, gk)))
    for row in rows:
        row.cut = row.index in cuts and row.index > 0
    _spans(rows, "vision")
    _spans(rows, "goal")
    return rows


def _spans(rows: list[Row], level: str) -> None:
    key = lambda r: getattr(r, f"{level}_key")          # noqa: E731
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and key(rows[j]) == key(rows[i]) and not rows[j].cut:
            j += 1
        setattr(rows[i], f"{level}_span", j - i)
        setattr(rows[i], f"{level}_cont", i > 0 and key(rows[i - 1]) == key(rows[i]))
        i = j


def page_cuts(rows: list[Row], pages: dict[int, int]) -> set[int]:
    """Rows (by index) that a page break separates from the row above while
    inside a merged cell: there the cell must restart with its label."""
    return {r.index for r in rows[1:]
            if not r.vision_span and pages.get(r.index) != pages.get(r.index - 1)}


def system_groups(rows: list[Row]) -> list[list[Row]]:
    """The 体系 rows cut into one group per 将来像 (kept on one page when it fits)."""
    groups: list[list[Row]] = []
    for row in rows:
        if row.vision_span or not groups:
            groups.append([])
        groups[-1].append(row)
    return groups


def artwork_slot(plan: Plan, slot_id: str | None, final: bool) -> Slot:
    art = plan.artwork_slot(slot_id)
    if art is None:
        return Slot(slot_id)
    credit = present.credit(art, final)
    image = None
    path = Path(art.image_path) if art.image_path else None
    if path and path.is_file() and credit.get("show_image"):
        image = path.resolve().as_uri()
    return Slot(slot_id, image, credit)


def written(policies) -> list[Policy]:
    return [p for p in policies if p.has_page]
