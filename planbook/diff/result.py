"""The structured result of comparing two plans.

Comparison → UnitDiff (基本理念, 将来像, 基本目標NN, 施策NNN, …) → Row (one
paragraph or one list item: a direction, an indicator, a credit) → Line (one
paragraph or field of it, old and new side by side as Spans).

`Changes` is the per-paragraph view the proof uses: which paragraphs of the
new plan changed and which character ranges of their plain text, what was
deleted where, what moved, and the removed items with the place they are
shown at.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .chars import Range

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
MOVED, SPLIT, MERGED = "moved", "split", "merged"
# Every kind of change, in the order the summaries count them; the first three
# are always counted, the others when they occur.
KINDS = (CHANGED, ADDED, REMOVED, MOVED, SPLIT, MERGED)
ALWAYS = (CHANGED, ADDED, REMOVED)
BLANK, BREAK = "blank", "break"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of printed text: `kind` is same, changed (underlined), blank
    (an underlined gap `width` ems wide standing for text that exists only on
    the other side: no characters) or break (a paragraph ends here: a split
    or merged paragraph)."""
    text: str
    kind: str = SAME
    width: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph or field. A side is None when the line exists only on
    the other side."""
    field: str                          # e.g. title, body/2, target, school
    old: tuple[Span, ...] | None
    new: tuple[Span, ...] | None
    old_label: str = ""                 # printed before the text: 目標値, ②, ※1
    new_label: str = ""
    old_id: str | None = None           # paragraph ids, when the line is one
    new_id: str | None = None
    old_ids: tuple[str, ...] = ()       # every paragraph of a split or merged line
    new_ids: tuple[str, ...] = ()
    kind: str = ""                      # split | merged | moved, else ""

    @property
    def changed(self) -> bool:
        if self.old is None or self.new is None or self.kind:
            return True
        return any(s.kind != SAME for s in self.old + self.new)


@dataclass(frozen=True, slots=True)
class Row:
    kind: str                           # same, changed, added, removed
    section: str                        # 施策推進の方向性
    item: str                           # ② まちの活性化を図ります (may be "")
    key: str                            # stable id of the item, new side if any
    lines: tuple[Line, ...]
    moved_from: str = ""                # the old place of a moved item: ②
    anchors: tuple[str, ...] = ()       # where the proof shows it (planbook.present)

    @property
    def changed_fields(self) -> tuple[str, ...]:
        return tuple(ln.field for ln in self.lines if ln.changed)


@dataclass(frozen=True, slots=True)
class UnitDiff:
    key: str                            # plan, philosophy, visions, goal 11, 411, artwork
    short: str                          # 施策411
    label: str                          # 施策411 産業・観光の振興
    kind: str
    rows: tuple[Row, ...]

    def count(self, kind: str) -> int:
        return sum(r.kind == kind for r in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.count)

    @property
    def changed(self) -> bool:
        return any(r.kind != SAME for r in self.rows)


@dataclass(frozen=True)
class Changes:
    """What changed, per paragraph and item of the NEW plan (the proof's marks).

    - `ranges[id]`: (start, end) character ranges of the paragraph's plain text
      (markup.plain_text: no ※ markers, no ruby readings) that are new or
      changed; a new paragraph has one range over its whole text;
    - `deletions[id]`: (offset, old text) where old text was removed from the
      paragraph or replaced: the offset in the new plain text;
    - `added`: ids of paragraphs that have no counterpart in the old plan;
    - `removed`: ids (old plan) of paragraphs that are gone;
    - `items[key]`: non-paragraph items (indicators `411/indicators/1`, artwork
      `artwork/<slot>`, `plan`) with the names of the fields that changed;
    - `notes[key]`: a word for the margin of a paragraph or item: 「②から移動」,
      「新設」, 「分割」, 「統合」;
    - `removed_at[container]`: (index, Removed) — an old item shown struck
      through before the index-th new item of the container (a text field
      `411/future`, a direction's body `411/directions/2/body`, a list
      `411/directions`, `411/indicators`, `411/notes`);
    - `cells[key]`: an indicator's changed fields with their old printed value;
    - `pairs[new id]`: the old id of the same paragraph or item (ids carried
      from round to round, planbook.proofs.ids).
    """
    ranges: Mapping[str, tuple[Range, ...]] = field(default_factory=dict)
    deletions: Mapping[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    items: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    removed_at: Mapping[str, tuple] = field(default_factory=dict)
    cells: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    pairs: Mapping[str, str] = field(default_factory=dict)

    def changed(self, paragraph_id: str) -> bool:
        return paragraph_id in self.ranges or paragraph_id in self.deletions

    @property
    def ids(self) -> frozenset[str]:
        """Every paragraph of the new plan that a proof should mark."""
        return frozenset(self.ranges) | frozenset(self.deletions)


@dataclass(frozen=True)
class Comparison:
    units: tuple[UnitDiff, ...]
    changes: Changes

    def count(self, kind: str) -> int:
        return sum(u.count(kind) for u in self.units)

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.count)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self, changed_only: bool = True) -> list[tuple[UnitDiff, Row]]:
        return [(u, r) for u in self.units for r in u.rows
                if not changed_only or r.kind != SAME]


def _counts(count) -> dict[str, int]:
    """Changed, added and removed always; moved, split, merged when any."""
    out = {k: count(k) for k in KINDS}
    return {k: n for k, n in out.items() if n or k in ALWAYS}
