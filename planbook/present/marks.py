"""What a proof marks on the booklet view: changed characters, deleted text
at its old place, removed items struck through where they were, a word in
the margin for moved, new, split and merged items, and the old value of a
changed table cell. Made by planbook.diff (Changes); the booklet builder
only reads it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .labels import PROOF_REMOVED

Range = tuple[int, int]

# A deletion longer than this (characters) goes to the margin; shorter ones
# are struck through in the line.
INLINE_DELETION = 10

REMOVED_WORD = PROOF_REMOVED


@dataclass(frozen=True)
class Removed:
    """An item of the OLD plan shown struck through at its old place: a
    Paragraph, Direction, Indicator or Note of the model; `label` its old
    number (②), `key` its old id."""
    item: object
    label: str = ""
    key: str = ""


@dataclass(frozen=True)
class Marks:
    ranges: Mapping[str, tuple[Range, ...]] = field(default_factory=dict)
    deleted: Mapping[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    removed: Mapping[str, tuple[tuple[int, Removed], ...]] = field(default_factory=dict)
    cells: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, marks) -> "Marks":
        """Marks from planbook.diff's Changes, from a plain {paragraph id:
        changed ranges} dict, or None (no marks)."""
        if marks is None:
            return cls()
        if isinstance(marks, Marks):
            return marks
        if isinstance(marks, Mapping):
            return cls(ranges={k: tuple(v) for k, v in marks.items()})
        return cls(ranges=marks.ranges, deleted=marks.deletions, notes=marks.notes,
                   removed=marks.removed_at, cells=marks.cells)

    def __bool__(self) -> bool:
        return bool(self.ranges or self.deleted or self.notes or self.removed or self.cells)

    def marked(self, pid: str) -> bool:
        return pid in self.ranges or pid in self.deleted or pid in self.notes

    def removed_in(self, container: str) -> dict[int, list[Removed]]:
        """The removed items of a container, by the index of the new item
        they are shown before."""
        out: dict[int, list[Removed]] = {}
        for index, r in self.removed.get(container, ()):
            out.setdefault(index, []).append(r)
        return out
