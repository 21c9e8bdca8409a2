"""Paragraph ids a proofreader can rely on, from round to round.

The loader gives every paragraph an id from its place: `411/directions/2/1`
is the first paragraph of the 2nd direction of 施策411. Printed on a proof,
such an id must keep meaning the same paragraph in every later round, even
when paragraphs or directions are inserted, removed or moved. So the ids a
proof prints are carried over from the previous recorded round:

- each paragraph, direction and indicator of the plan is paired with the
  same one of the previous round (planbook.diff: by content, in order, moves
  and split paragraphs included) and takes its id;
- a new one gets a number never used before under the same parent (the
  previous round's ids and every id retired in an earlier round count as
  used): a direction inserted between ② and ③ of a plan whose last direction
  was ④ is `…/directions/5`, its paragraphs `…/directions/5/1`, …;
- a paragraph split in two keeps its id on the first part; the second part
  is new. Paragraphs merged into one keep the first one's id.

The record of each round (source/rounds/N/round.json) keeps the ids it
printed (`ids`: where they differ from the loader's) and the ids retired so
far (`retired_ids`), so a later round, or a fresh clone, finds them again.
Without an earlier round the ids are the loader's.
"""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

from ..checking import load_plan
from ..diff import compare
from ..findings import LoadFailed
from ..model import Indicator, Paragraph, Plan
from ..present.values import direction_key
from ..walk import paragraphs
from .rounds import list_rounds, read_meta, read_round

_NUMBER = re.compile(r"\d+")


def _ids(plan: Plan) -> tuple[list[str], list[str]]:
    """(paragraph ids, indicator ids) of a plan."""
    paras = [p.id for _, p in paragraphs(plan)]
    inds = [i.id for p in plan.policies for i in p.indicators or ()]
    return paras, inds


def _rebuild(obj, para_map: dict, item_map: dict):
    if isinstance(obj, Paragraph):
        new = para_map.get(obj.id)
        return replace(obj, id=new) if new and new != obj.id else obj
    if isinstance(obj, tuple):
        items = tuple(_rebuild(x, para_map, item_map) for x in obj)
        return items if any(a is not b for a, b in zip(items, obj)) else obj
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in fields(obj):
            if f.name in ("loc", "locs", "style"):
                continue
            value = getattr(obj, f.name)
            if isinstance(value, (Paragraph, tuple)) or is_dataclass(value):
                new = _rebuild(value, para_map, item_map)
                if new is not value:
                    changes[f.name] = new
        if isinstance(obj, Indicator) and item_map.get(obj.id, obj.id) != obj.id:
            changes["id"] = item_map[obj.id]
        return replace(obj, **changes) if changes else obj
    return obj


def apply(plan: Plan, mapping: dict[str, str]) -> Plan:
    """The plan with its paragraph and indicator ids renamed by `mapping`
    (the loader's id -> the id to print); the others unchanged."""
    if not mapping:
        return plan
    return replace(plan, concept=_rebuild(plan.concept, mapping, mapping),
                   policies=_rebuild(plan.policies, mapping, mapping))


def recorded(plan: Plan) -> Plan:
    """A recorded round's plan with the ids its proof printed."""
    mapping = read_meta(plan.source_dir).get("ids")
    return apply(plan, dict(mapping)) if isinstance(mapping, dict) else plan


def retired(plan: Plan) -> set[str]:
    ids = read_meta(plan.source_dir).get("retired_ids")
    return set(ids) if isinstance(ids, list) else set()


class _Fresh:
    """New ids: the next number under a parent that no id has used."""

    def __init__(self, used: set[str]):
        self.top: dict[str, int] = {}
        for i in used:
            self._see(i)

    def _see(self, pid: str) -> None:
        parent, _, last = pid.rpartition("/")
        if _NUMBER.fullmatch(last):
            self.top[parent] = max(self.top.get(parent, 0), int(last))

    def next(self, parent: str) -> str:
        n = self.top.get(parent, 0) + 1
        self.top[parent] = n
        return f"{parent}/{n}"

    def take(self, pid: str) -> str:
        self._see(pid)
        return pid


def carry(previous: Plan, plan: Plan, used: set[str] = frozenset()) -> dict[str, str]:
    """The ids `plan` (with the loader's ids) should print, given the
    previous round (with the ids it printed): loader id -> id, for every
    paragraph and indicator whose id differs. `used`: ids retired earlier."""
    pairs = compare(previous, plan).changes.pairs
    old_paras, old_inds = _ids(previous)
    fresh = _Fresh(set(used) | set(old_paras) | set(old_inds) | _item_keys(previous))
    items: dict[str, str] = {}
    for p in plan.policies:
        for n, d in enumerate(p.directions or (), 1):
            key = direction_key(d, n, p.code)
            items[key] = fresh.take(pairs[key]) if key in pairs else None
        for ind in p.indicators or ():
            items[ind.id] = fresh.take(pairs[ind.id]) if ind.id in pairs else None
    for key, value in items.items():
        if value is None:
            items[key] = fresh.next(key.rpartition("/")[0])
    mapping = {k: v for k, v in items.items() if k != v}
    for _, para in paragraphs(plan):
        pid = para.id
        if pid in pairs:
            new = fresh.take(pairs[pid])
        else:
            parent, _, last = pid.rpartition("/")
            parent = items.get(parent, parent)
            new = fresh.next(parent) if _NUMBER.fullmatch(last) else f"{parent}/{last}"
        if new != pid:
            mapping[pid] = new
    return mapping


def _item_keys(plan: Plan) -> set[str]:
    return {direction_key(d, n, p.code) for p in plan.policies
            for n, d in enumerate(p.directions or (), 1)}


def previous_round(source_dir: Path, before: int | None = None):
    """The latest recorded round (before round `before`), or None."""
    rounds = [r for r in list_rounds(source_dir) if before is None or r.number < before]
    return rounds[-1] if rounds else None


def stable(plan: Plan, before: int | None = None) -> tuple[Plan, dict, str | None]:
    """The plan with the ids its proof prints, carried over from the latest
    round recorded before round `before`; with what the record of this round
    keeps ({"ids", "retired_ids"}) and a warning when the previous round
    cannot be read (the loader's ids are used then)."""
    prev = previous_round(plan.source_dir, before)
    if prev is None:
        return plan, {"ids": {}, "retired_ids": []}, None
    try:
        old = recorded(load_plan(prev.path, with_style=False))
    except LoadFailed:
        return plan, {"ids": {}, "retired_ids": []}, (
            f"{prev.label} の記録（{prev.path}）を読み込めないため、段落の番号を引き継げません。"
            "この回の番号は source の並びから付けます。")
    used = retired(old)
    mapping = carry(old, plan, used)
    new = apply(plan, mapping)
    now = set().union(*map(set, _ids(new)))
    gone = (used | set().union(*map(set, _ids(old))) | _item_keys(old)) - now - _item_keys(new)
    return new, {"ids": mapping, "retired_ids": sorted(gone)}, None


def for_source(plan: Plan) -> Plan:
    """The ids to show for a version of the plan: a recorded round's own,
    else carried over from the latest round recorded in its folder."""
    if read_round(plan.source_dir) is not None:
        return recorded(plan)
    return stable(plan)[0]
