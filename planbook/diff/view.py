"""What the 新旧対照表 prints, independent of the format: the PDF and the DOCX
renderers both draw this, so they never differ in content."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import DiffConf
from .result import (ADDED, ALWAYS, BLANK, BREAK, KIND_LABELS, KINDS, MERGED, MOVED,
                     REMOVED, SAME, SPLIT, Comparison, Line, Row, UnitDiff)

ORDERS = ("old-new", "new-old")
UNCHANGED = ("omit", "ryaku")
ADDED_MARK, REMOVED_MARK, RYAKU = "（新設）", "（削る）", "（略）"
SIDE_NAMES = {"old": "旧", "new": "新"}
# A gap wider than this (ems) is cut into pieces that a line may break between.
BLANK_PIECE = 8.0
# What a row's caption adds for kinds other than changed, added, removed.
KIND_NOTES = {SPLIT: "（段落を分割）", MERGED: "（段落を統合）"}


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

    @property
    def kind_labels(self) -> tuple[str, ...]:
        return tuple(KIND_LABELS[k] for k in self.kinds)


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
        rest += f"（{row.moved_from}から移動）"
    elif row.kind == MOVED:
        rest += "（段落を移動）"
    else:
        rest += KIND_NOTES.get(row.kind, "")
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
    total = _summary("合計", cmp.count)
    sections = tuple(Section(_heading(u), tuple(_rows(u, sides, unchanged))) for u in changed)
    return Document(
        title=f"{title} 新旧対照表".strip(),
        sources=tuple((SIDE_NAMES[s], labels[s]) for s in sides),
        columns=tuple(SIDE_NAMES[s] for s in sides),
        summary=summary, total=total,
        unchanged_units=len(cmp.units) - len(changed),
        sections=sections, unchanged=unchanged, kinds=tuple(cmp.counts))


def _summary(label: str, count) -> Summary:
    return Summary(label, *(count(k) for k in KINDS))
