"""Build Lines (one paragraph or field, old and new side by side) and keep the
per-paragraph record the proof uses."""
from __future__ import annotations

import unicodedata
from typing import Callable, Sequence

from ..markup import NoteRef, Plain, Ruby, plain_text, tokens
from ..model import Paragraph
from . import chars
from .align import by_similarity
from .result import ADDED, CHANGED, REMOVED, SAME, Changes, Line, Row, Span

Labels = dict[str, str]      # note key -> printed label (※, ※1…)


def printed(p: Paragraph | None, labels: Labels) -> str | None:
    """The paragraph as the booklet prints it: ruby bases, ※ markers."""
    if p is None:
        return None
    out = []
    for t in tokens(p.text):
        if isinstance(t, Plain):
            out.append(t.text)
        elif isinstance(t, Ruby):
            out.append(t.base)
        elif isinstance(t, NoteRef):
            out.append(labels.get(t.key, ""))
    return "".join(out)


def plain(p: Paragraph | None) -> str:
    return plain_text(p.text) if p is not None else ""


def blank(text: str) -> str:
    """Full-width spaces as wide as `text`: the underlined gap left on the side
    where that text does not exist."""
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return "\u3000" * max(1, (width + 1) // 2)


def spans(old: str, new: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    a: list[Span] = []
    b: list[Span] = []
    for op in chars.diff(old, new):
        o, n = old[op.i1:op.i2], new[op.j1:op.j2]
        if op.tag == "equal":
            a.append(Span(o))
            b.append(Span(n))
        elif op.tag == "replace":
            a.append(Span(o, CHANGED))
            b.append(Span(n, CHANGED))
        elif op.tag == "delete":
            a.append(Span(o, CHANGED))
            b.append(Span(blank(o), "blank"))
        else:
            a.append(Span(blank(n), "blank"))
            b.append(Span(n, CHANGED))
    return tuple(a), tuple(b)


def whole(text: str | None) -> tuple[Span, ...] | None:
    return None if text is None else (Span(text, CHANGED),)


class Recorder:
    """Collects the per-paragraph changes of the new plan (see Changes)."""

    def __init__(self):
        self.ranges: dict = {}
        self.deletions: dict = {}
        self.added: set[str] = set()
        self.removed: set[str] = set()
        self.items: dict = {}

    def paragraph(self, old: Paragraph | None, new: Paragraph | None) -> None:
        if new is None:
            if old is not None:
                self.removed.add(old.id)
            return
        text = plain(new)
        if old is None:
            self.added.add(new.id)
            if text:
                self.ranges[new.id] = ((0, len(text)),)
            return
        ops = chars.diff(plain(old), text)
        if r := chars.new_ranges(ops):
            self.ranges[new.id] = r
        if d := chars.deletion_points(ops):
            self.deletions[new.id] = d

    def item(self, key: str, fields: Sequence[str]) -> None:
        if fields:
            self.items[key] = tuple(fields)

    def changes(self) -> Changes:
        return Changes(dict(self.ranges), dict(self.deletions), frozenset(self.added),
                       frozenset(self.removed), dict(self.items))


class Builder:
    """Line and row factory for one unit: knows each side's note labels."""

    def __init__(self, rec: Recorder, old_labels: Labels | None = None,
                 new_labels: Labels | None = None):
        self.rec = rec
        self.old_labels = old_labels or {}
        self.new_labels = new_labels or {}

    def para(self, field: str, old: Paragraph | None, new: Paragraph | None,
             old_label: str = "", new_label: str = "") -> Line | None:
        """A paragraph line; None when the paragraph is empty on both sides."""
        if old is None and new is None:
            return None
        self.rec.paragraph(old, new)
        a, b = printed(old, self.old_labels), printed(new, self.new_labels)
        oa, nb = self._pair(a, b)
        return Line(field, oa, nb, old_label, new_label,
                    old.id if old else None, new.id if new else None)

    def value(self, field: str, label: str, old: str | None, new: str | None) -> Line | None:
        """A field line (indicator values, credits, plan facts); a side is None
        when the whole item is absent there."""
        if not old and not new:
            return None
        oa, nb = self._pair(old, new)
        return Line(field, oa, nb, label, label)

    @staticmethod
    def _pair(a: str | None, b: str | None):
        if a is not None and b is not None:
            if a == b:
                return (Span(a),), (Span(b),)
            return spans(a, b)
        return whole(a), whole(b)

    def text(self, field: str, old: Sequence[Paragraph] | None,
             new: Sequence[Paragraph] | None) -> list[Line]:
        """The paragraphs of a text field, paired by similarity."""
        out = []
        for n, (a, b) in enumerate(pair_paragraphs(old or (), new or ()), 1):
            line = self.para(f"{field}/{n}", a, b)
            if line is not None:
                out.append(line)
        return out


def pair_paragraphs(old: Sequence[Paragraph], new: Sequence[Paragraph]):
    return by_similarity(list(old), list(new),
                         lambda a, b: chars.similarity(plain(a), plain(b)), threshold=0.4)


def row(section: str, item: str, key: str, lines: Sequence[Line | None]) -> Row | None:
    """A row of the table; its kind follows from its lines."""
    lines = tuple(ln for ln in lines if ln is not None)
    if not lines:
        return None
    if all(ln.old is None for ln in lines):
        kind = ADDED
    elif all(ln.new is None for ln in lines):
        kind = REMOVED
    elif any(ln.changed for ln in lines):
        kind = CHANGED
    else:
        kind = SAME
    return Row(kind, section, item, key, lines)


def rows_per_paragraph(b: Builder, section: str, key: str, old, new,
                       item: Callable[[int], str] = lambda n: "") -> list[Row]:
    """One row per paragraph of a text field (10年後の姿, 本文…)."""
    out = []
    for n, line in enumerate(b.text(key.rsplit("/", 1)[-1], old, new), 1):
        r = row(section, item(n), line.new_id or line.old_id or key, [line])
        if r is not None:
            out.append(r)
    return out
