"""Build Lines (one paragraph or field, old and new side by side) and keep the
per-paragraph record the proof uses."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Callable, Sequence

from ..markup import NoteRef, Plain, Ruby, plain_text, tokens
from ..model import Paragraph
from . import chars
from .align import by_similarity
from ..present import labels as L
from ..present.marks import Removed
from .result import (ADDED, BLANK, BREAK, CHANGED, MERGED, MOVED, REMOVED, SAME,
                     SPLIT, Changes, Line, Row, Span)

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


def blank_width(text: str) -> float:
    """How many ems `text` takes (a wide character one, a narrow one half):
    the width of the underlined gap left on the side where it does not exist."""
    width = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    return max(1.0, width)


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
            b.append(Span("", BLANK, blank_width(o)))
        else:
            a.append(Span("", BLANK, blank_width(n)))
            b.append(Span(n, CHANGED))
    return tuple(a), tuple(b)


def cut(side: tuple[Span, ...], bounds: Sequence[int]) -> tuple[Span, ...]:
    """`side` with a break span at each offset of `bounds` (the ends of the
    paragraphs joined into one text)."""
    out: list[Span] = []
    pos, todo = 0, sorted(bounds)
    for s in side:
        text = s.text
        while todo and pos <= todo[0] < pos + len(text):
            k = todo.pop(0) - pos
            if k:
                out.append(Span(text[:k], s.kind))
            out.append(Span("", BREAK))
            text, pos = text[k:], pos + k
        if text or s.kind == BLANK:
            out.append(Span(text, s.kind, s.width))
        pos += len(text)
    out += [Span("", BREAK) for _ in todo]
    return tuple(out)


def whole(text: str | None) -> tuple[Span, ...] | None:
    return None if text is None else (Span(text, CHANGED),)


def _bounds(texts: Sequence[str]) -> list[int]:
    out, pos = [], 0
    for t in texts[:-1]:
        pos += len(t)
        out.append(pos)
    return out


class Recorder:
    """Collects what changed in the new plan, per paragraph and item (see Changes)."""

    def __init__(self):
        self.ranges: dict = {}
        self.deletions: dict = {}
        self.added: set[str] = set()
        self.removed: set[str] = set()
        self.items: dict = {}
        self.notes: dict[str, str] = {}
        self.removed_at: dict[str, list] = {}
        self.cells: dict[str, dict[str, str]] = {}
        self.pairs: dict[str, str] = {}

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
        self.pairs[new.id] = old.id
        self._marks([new.id], [text], chars.diff(plain(old), text), plain(old))

    def group(self, olds: Sequence[Paragraph], news: Sequence[Paragraph], kind: str) -> None:
        """Paragraphs split (one old, several new) or merged (several old, one
        new): the first new paragraph keeps the first old one's id."""
        old_t = "".join(plain(p) for p in olds)
        texts = [plain(p) for p in news]
        self.pairs[news[0].id] = olds[0].id
        self.removed.update(p.id for p in olds[1:])
        self._marks([p.id for p in news], texts, chars.diff(old_t, "".join(texts)), old_t)
        for p in news:
            self.notes[p.id] = L.PROOF_SPLIT if kind == SPLIT else L.PROOF_MERGED

    def _marks(self, ids: list[str], texts: list[str], ops, old_text: str) -> None:
        starts = [0] + _bounds(texts)
        ends = starts[1:] + [sum(len(t) for t in texts)]
        for pid, s, e in zip(ids, starts, ends):
            ranges = tuple((max(a, s) - s, min(b, e) - s) for a, b in chars.new_ranges(ops)
                           if a < e and b > s)
            if ranges:
                self.ranges[pid] = ranges
        for o in ops:
            if o.tag not in ("delete", "replace"):
                continue
            k = next((n for n, (s, e) in enumerate(zip(starts, ends)) if s <= o.j1 < e),
                     len(ids) - 1)
            self.deletions[ids[k]] = self.deletions.get(ids[k], ()) + \
                ((o.j1 - starts[k], old_text[o.i1:o.i2]),)

    def note(self, key: str, text: str) -> None:
        self.notes[key] = text

    def pair(self, new_key: str, old_key: str) -> None:
        self.pairs[new_key] = old_key

    def removed_item(self, container: str, index: int, item, label: str = "",
                     key: str = "") -> None:
        """An old item shown struck through before the index-th new item."""
        if container:
            self.removed_at.setdefault(container, []).append((index, Removed(item, label, key)))

    def cell(self, key: str, field: str, old: str) -> None:
        self.cells.setdefault(key, {})[field] = old

    def item(self, key: str, fields: Sequence[str]) -> None:
        if fields:
            self.items[key] = tuple(fields)

    def changes(self) -> Changes:
        return Changes(dict(self.ranges), dict(self.deletions), frozenset(self.added),
                       frozenset(self.removed), dict(self.items), dict(self.notes),
                       {k: tuple(v) for k, v in self.removed_at.items()},
                       {k: dict(v) for k, v in self.cells.items()}, dict(self.pairs))


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

    def joined(self, field: str, olds: Sequence[Paragraph], news: Sequence[Paragraph],
               kind: str) -> Line:
        """One line for paragraphs split or merged: the texts compared as one,
        each side cut back into its paragraphs."""
        self.rec.group(olds, news, kind)
        a = [printed(p, self.old_labels) or "" for p in olds]
        b = [printed(p, self.new_labels) or "" for p in news]
        oa, nb = spans("".join(a), "".join(b))
        return Line(field, cut(oa, _bounds(a)), cut(nb, _bounds(b)), "", "",
                    olds[0].id, news[0].id, tuple(p.id for p in olds),
                    tuple(p.id for p in news), kind)

    def text(self, field: str, old: Sequence[Paragraph] | None,
             new: Sequence[Paragraph] | None, container: str = "") -> list[Line]:
        """The paragraphs of a text field, paired by similarity; a paragraph
        split in two (or two merged into one) is one line, a paragraph that
        moved is one line at its new place. A removed paragraph is shown in
        the proof before the new paragraph that follows it in `container`."""
        old, new = list(old or ()), list(new or ())
        out = []
        shown = 0
        for n, (olds, news, moved) in enumerate(group_paragraphs(old, new), 1):
            if len(olds) > 1 or len(news) > 1:
                line = self.joined(f"{field}/{n}", olds, news, SPLIT if len(news) > 1 else MERGED)
            else:
                a, b = (olds or [None])[0], (news or [None])[0]
                line = self.para(f"{field}/{n}", a, b)
                if line is not None and moved:
                    line = replace(line, kind=MOVED)
                    self.rec.note(b.id, L.moved_from(f"第{old.index(a) + 1}段落"))
                if b is None and a is not None:
                    self.rec.removed_item(container, shown, a, "", a.id)
            shown += len(news)
            if line is not None:
                out.append(line)
        return out


def _joined_sim(olds: Sequence[Paragraph], news: Sequence[Paragraph]) -> float:
    return chars.similarity("".join(plain(p) for p in olds), "".join(plain(p) for p in news))


PARA_THRESHOLD = 0.4
GROUP_GAIN, GROUP_MIN = 0.1, 0.6
MOVE_MIN = 0.6


def _absorb(g, h, after: bool):
    """Group `g` (paired paragraphs) with the paragraph of `h` beside it (one
    paragraph present on one side only, next in order): a split when it is
    new, a merge when it is old; None when they do not fit together."""
    for side in (1, 0):
        other = 1 - side
        if len(h[side]) == 1 and not h[other] and len(g[other]) == 1:
            edge = g[side][-1] + 1 if after else g[side][0] - 1
            if h[side][0] == edge:
                joined = [list(g[0]), list(g[1])]
                joined[side] = joined[side] + h[side] if after else h[side] + joined[side]
                return joined[0], joined[1]
    return None


def group_paragraphs(old: Sequence[Paragraph], new: Sequence[Paragraph]
                     ) -> list[tuple[list[Paragraph], list[Paragraph], bool]]:
    """The paragraphs of two versions of a text field as groups (olds, news,
    moved): one old and one new (the same paragraph), one side empty (added
    or removed), one old and several new (split), several old and one new
    (merged). Paired in order; then what is left over is paired as a move."""
    pairs = by_similarity(list(range(len(old))), list(range(len(new))),
                          lambda i, j: chars.similarity(plain(old[i]), plain(new[j])),
                          threshold=PARA_THRESHOLD)
    groups = [([i] if i is not None else [], [j] if j is not None else []) for i, j in pairs]

    def sim(g):
        return _joined_sim([old[i] for i in g[0]], [new[j] for j in g[1]])

    grew = True
    while grew:
        grew = False
        for k, g in enumerate(groups):
            for m in (k + 1, k - 1):
                joined = _absorb(g, groups[m], m > k) if g[0] and g[1] and 0 <= m < len(groups) \
                    else None
                if joined and sim(joined) >= max(sim(g) + GROUP_GAIN, GROUP_MIN):
                    groups[k] = joined
                    del groups[m]
                    grew = True
                    break
            if grew:
                break
    # moves: a removed and an added paragraph that are the same text
    gone = [n for n, g in enumerate(groups) if g[0] and not g[1] and len(g[0]) == 1]
    came = [n for n, g in enumerate(groups) if g[1] and not g[0] and len(g[1]) == 1]
    scored = sorted(((sim((groups[a][0], groups[b][1])), a, b) for a in gone for b in came),
                    reverse=True)
    partner: dict[int, int] = {}
    used: set[int] = set()
    for s, a, b in scored:
        if s >= MOVE_MIN and a not in used and b not in partner:
            partner[b] = a
            used.add(a)
    out = []
    for n, (olds, news) in enumerate(groups):
        if n in used:
            continue
        if n in partner:
            out.append(([old[i] for i in groups[partner[n]][0]], [new[j] for j in news], True))
        else:
            out.append(([old[i] for i in olds], [new[j] for j in news], False))
    return out


def row(section: str, item: str, key: str, lines: Sequence[Line | None],
        moved_from: str = "", anchors: Sequence[str] | None = None) -> Row | None:
    """A row of the table; its kind follows from its lines (a moved item:
    `moved_from`, its old place). `anchors`: where the proof shows it (the
    new paragraphs by default, or the removed ones)."""
    lines = tuple(ln for ln in lines if ln is not None)
    if not lines:
        return None
    kinds = {ln.kind for ln in lines}
    if all(ln.old is None for ln in lines):
        kind = ADDED
    elif all(ln.new is None for ln in lines):
        kind = REMOVED
    elif moved_from or MOVED in kinds:
        kind = MOVED
    elif SPLIT in kinds:
        kind = SPLIT
    elif MERGED in kinds:
        kind = MERGED
    elif any(ln.changed for ln in lines):
        kind = CHANGED
    else:
        kind = SAME
    if anchors is None:
        new_ids = [i for ln in lines for i in (ln.new_ids or (ln.new_id,)) if i]
        anchors = new_ids or [f"del:{i}" for ln in lines for i in (ln.old_ids or (ln.old_id,)) if i]
    return Row(kind, section, item, key, lines, moved_from, tuple(anchors))


def rows_per_paragraph(b: Builder, section: str, key: str, old, new,
                       item: Callable[[int], str] = lambda n: "") -> list[Row]:
    """One row per paragraph of a text field (10年後の姿, 本文…); `key` is the
    field (the container the proof shows removed paragraphs in)."""
    out = []
    for n, line in enumerate(b.text(key.rsplit("/", 1)[-1], old, new, key), 1):
        r = row(section, item(n), line.new_id or line.old_id or key, [line])
        if r is not None:
            out.append(r)
    return out
