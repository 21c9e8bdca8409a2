"""What the 新旧対照表 prints, independent of the format: the PDF and the DOCX
renderers both draw this, so they never differ in content."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import DiffConf
from ..present import labels as L
from .result import (ADDED, ALWAYS, BLANK, BREAK, KINDS, MOVED, REMOVED, SAME, Comparison,
                     Line, Row, UnitDiff)

ORDERS = ("old-new", "new-old")
UNCHANGED = ("omit", "ryaku")
ADDED_MARK, REMOVED_MARK, RYAKU = L.DIFF_ADDED, L.DIFF_REMOVED, L.DIFF_RYAKU
SIDE_NAMES = L.DIFF_SIDES
# A gap wider than this (ems) is cut into pieces that a line may break between.
BLANK_PIECE = 8.0


class SettingError(ValueError):
    """A wrong 新旧対照表 setting; the message is for the user."""


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str            # same, changed, blank (an underlined gap), mark, label
    width: float = 0.0   # a blank's width in ems (it holds no characters)


Para = tuple[Piece, ...]


@dataclass(frozen=True)
class TableRow:
    caption: str | None          # 施策 4-411 ＞ 施策推進の方向性 ② …; None for 略
    key: str
    kind: str                    # same, changed, added, removed
    cells: tuple[tuple[Para, ...], tuple[Para, ...]]     # in column order


@dataclass(frozen=True)
class Section:
    heading: str
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class Summary:
    label: str
    changed: int
    added: int
    removed: int
    moved: int = 0
    split: int = 0
    merged: int = 0

    @property
    def total(self) -> int:
        return self.changed + self.added + self.removed + self.moved + self.split + self.merged

    def count(self, kind: str) -> int:
        return getattr(self, kind)


@dataclass(frozen=True)
class Document:
    title: str
    sources: tuple[tuple[str, str], ...]     # (旧, 初校（2026-11-01）), (新, …)
    columns: tuple[str, str]                 # 旧, 新 in printed order
    summary: tuple[Summary, ...]
    total: Summary
    unchanged_units: int
    sections: tuple[Section, ...] = field(default=())
    unchanged: str = "omit"                  # omit | ryaku
    kinds: tuple[str, ...] = ALWAYS          # the kinds counted (columns of the summary)

    # The words both renderers print (planbook.present.labels).
    counts_heading = L.DIFF_COUNTS
    item_heading = L.DIFF_ITEM
    total_heading = L.TOTAL
    no_changes = L.NO_CHANGES

    @property
    def kind_labels(self) -> tuple[str, ...]:
        return tuple(L.DIFF_KIND_WORDS[k] for k in self.kinds)

    @property
    def legend(self) -> tuple[str, str]:
        """The word printed underlined, then the rest."""
        return L.diff_legend(self.unchanged == "ryaku")

    @property
    def unchanged_note(self) -> str:
        return L.diff_unchanged_units(self.unchanged_units)


def settings(conf: DiffConf, order: str | None, unchanged: str | None) -> tuple[str, str]:
    """The column order and the handling of unchanged parts: the argument, else
    style.yaml's `diff:` (`plan.style.diff`, validated at load; its defaults
    are old-new and omit)."""
    order = order or conf.order
    unchanged = unchanged or conf.unchanged
    if order not in ORDERS:
        raise SettingError(f"新旧対照表の列の順「{order}」は使えません（old-new か new-old）。")
    if unchanged not in UNCHANGED:
        raise SettingError(f"変更のない部分の扱い「{unchanged}」は使えません（omit か ryaku）。")
    return order, unchanged


def _mark(text: str) -> tuple[Para, ...]:
    return ((Piece(text, "mark"),),)


def _pieces(span) -> list[Piece]:
    if span.kind != BLANK:
        return [Piece(span.text, span.kind)] if span.text else []
    out, left = [], span.width
    while left > 0:
        out.append(Piece("", "blank", min(left, BLANK_PIECE)))
        left -= BLANK_PIECE
    return out


def _side(line: Line, side: str) -> tuple[Para, ...]:
    """One side of a line: its paragraphs (a split or merged line has
    several), the label (②, 目標値) before the first."""
    spans = line.old if side == "old" else line.new
    label = line.old_label if side == "old" else line.new_label
    if spans is None:
        return ((Piece(ADDED_MARK if side == "old" else REMOVED_MARK, "mark"),),)
    paras: list[list[Piece]] = [[Piece(label, "label")] if label else []]
    for s in spans:
        if s.kind == BREAK:
            paras.append([])
        else:
            paras[-1] += _pieces(s)
    return tuple(tuple(p) for p in paras)


def _cell(row: Row, side: str) -> tuple[Para, ...]:
    if row.kind == ADDED and side == "old":
        return _mark(ADDED_MARK)
    if row.kind == REMOVED and side == "new":
        return _mark(REMOVED_MARK)
    return tuple(p for ln in row.lines for p in _side(ln, side))


def caption(unit: UnitDiff, row: Row) -> str:
    rest = " ".join(x for x in (row.section, row.item) if x)
    if row.kind == MOVED and row.moved_from:
        rest += L.diff_moved_from(row.moved_from)
    else:
        rest += L.DIFF_PARAGRAPH_NOTES.get(row.kind, "")
    return f"{unit.short} ＞ {rest}"


def _rows(unit: UnitDiff, sides: tuple[str, str], unchanged: str) -> list[TableRow]:
    out: list[TableRow] = []
    for row in unit.rows:
        if row.kind == SAME:
            if unchanged == "ryaku" and (not out or out[-1].caption is not None):
                out.append(TableRow(None, "", SAME, (_mark(RYAKU), _mark(RYAKU))))
            continue
        cells = tuple(_cell(row, s) for s in sides)
        out.append(TableRow(caption(unit, row), row.key, row.kind, cells))
    return out


def _heading(unit: UnitDiff) -> str:
    if unit.kind == ADDED:
        return f"{unit.label}{ADDED_MARK}"
    if unit.kind == REMOVED:
        return f"{unit.label}{REMOVED_MARK}"
    return unit.label


def document(cmp: Comparison, title: str, old_label: str, new_label: str,
             order: str = "old-new", unchanged: str = "omit") -> Document:
    sides = ("old", "new") if order == "old-new" else ("new", "old")
    labels = {"old": old_label, "new": new_label}
    changed = [u for u in cmp.units if u.changed]
    summary = tuple(_summary(u.label, u.count) for u in changed)
    total = _summary(L.DIFF_TOTAL_ROW, cmp.count)
    sections = tuple(Section(_heading(u), tuple(_rows(u, sides, unchanged))) for u in changed)
    return Document(
        title=f"{title} {L.DIFF_TITLE}".strip(),
        sources=tuple((SIDE_NAMES[s], labels[s]) for s in sides),
        columns=tuple(SIDE_NAMES[s] for s in sides),
        summary=summary, total=total,
        unchanged_units=len(cmp.units) - len(changed),
        sections=sections, unchanged=unchanged, kinds=tuple(cmp.counts))


def _summary(label: str, count) -> Summary:
    return Summary(label, *(count(k) for k in KINDS))
