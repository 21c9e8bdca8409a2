"""A model paragraph → a view `Para`: ※ labels resolved, ruby split out,
changed ranges (proofs) attached to the runs."""
from __future__ import annotations

from typing import Sequence

from ..clusters import snap
from ..markup import NoteRef, Plain, Ruby, tokens
from ..model import Paragraph
from .labels import BLOCK_PLACEHOLDER, NOTE_MARK, PLACEHOLDER
from .marks import INLINE_DELETION, REMOVED_WORD, Marks
from .view import Blank, NoteMark, Para, Run, RubyText, Struck

Ranges = Sequence[tuple[int, int]]


def _runs(text: str, offset: int, ranges: Ranges, cuts_at: Sequence[int] = ()) -> list[Run]:
    """`text` at `offset` of the plain paragraph, cut where a changed range
    starts or ends (and at `cuts_at`, where deleted text is shown), but never
    between a character and its variation selector (planbook.clusters): that
    piece is changed when any of it is."""
    if not ranges and not cuts_at:
        return [Run(text)]
    cuts = {0, len(text)}
    for a, b in ranges:
        cuts |= {snap(text, min(max(a - offset, 0), len(text))),
                 snap(text, min(max(b - offset, 0), len(text)))}
    cuts |= {snap(text, c - offset) for c in cuts_at if offset < c < offset + len(text)}
    cuts_sorted = sorted(cuts)
    out = []
    for a, b in zip(cuts_sorted, cuts_sorted[1:]):
        changed = any(ra < offset + b and offset + a < rb for ra, rb in ranges)
        out.append(Run(text[a:b], changed))
    return out


def _struck(deleted: Sequence[tuple[int, str]], upto: int | None, done: set) -> list[Struck]:
    """The deletions at offsets before `upto` (all when None) not shown yet."""
    out = []
    for k, (at, text) in enumerate(deleted):
        if k not in done and (upto is None or at <= upto):
            done.add(k)
            out.append(Struck(text, len(text) > INLINE_DELETION))
    return out


def para(p: Paragraph | None, labels: dict[str, str] | None = None,
         marks=None, missing: str = PLACEHOLDER) -> Para:
    """One text as a view paragraph; `missing` when the model has none.
    `marks` (planbook.present.marks): the changed ranges of its plain text
    and the deleted text shown struck through where it was."""
    if p is None:
        return Para("", (Blank(missing),))
    m = Marks.of(marks)
    ranges = m.ranges.get(p.id) or ()
    if not ranges and p.id not in m.deleted and "[" not in p.text and "{" not in p.text:
        # no markup and no marks: the text is one run
        return Para(p.id, (Run(p.text),) if p.text else (), changed=m.marked(p.id),
                    note=m.notes.get(p.id, ""))
    deleted = sorted(m.deleted.get(p.id) or (), key=lambda d: d[0])
    done: set[int] = set()
    inlines: list = []
    offset = 0
    for t in tokens(p.text):
        if isinstance(t, Plain):
            for run in _runs(t.text, offset, ranges, [at for at, _ in deleted]):
                inlines += _struck(deleted, offset, done)
                inlines.append(run)
                offset += len(run.text)
        elif isinstance(t, NoteRef):
            inlines.append(NoteMark((labels or {}).get(t.key, NOTE_MARK)))
        elif isinstance(t, Ruby):
            inlines += _struck(deleted, offset, done)
            changed = any(a < offset + len(t.base) and offset < b for a, b in ranges)
            inlines.append(RubyText(t.base, t.reading, changed))
            offset += len(t.base)
    inlines += _struck(deleted, None, done)
    return Para(p.id, tuple(inlines), changed=m.marked(p.id), note=m.notes.get(p.id, ""))


def removed(p: Paragraph, labels: dict[str, str] | None = None, word: bool = True) -> Para:
    """A paragraph of the old plan a proof shows struck through where it was;
    「（削除）」 before it unless `word` is False (a part of a removed item that
    says it once)."""
    shown = para(p, labels)
    return Para(p.id, shown.inlines, note=REMOVED_WORD if word else "", removed=True)


def text(paras, labels=None, marks=None, key: str = "") -> tuple[Para, ...]:
    """A text field: its paragraphs, or one placeholder block. A proof shows
    the paragraphs removed from field `key` struck through where they were."""
    gone = Marks.of(marks).removed_in(key) if key and marks else {}
    if not paras and not gone:
        return (missing_block(),)
    out: list[Para] = []
    for n, p in enumerate(list(paras or ()) + [None]):
        out += [removed(r.item, labels) for r in gone.get(n, ()) if isinstance(r.item, Paragraph)]
        if p is not None:
            out.append(para(p, labels, marks))
    return tuple(out)


def missing_block(label: str = BLOCK_PLACEHOLDER) -> Para:
    return Para("", (Blank(label),), placeholder=True)


def plain(value: str | None, missing: str = PLACEHOLDER) -> Para:
    """A plain value (a name, a unit) as a one-line paragraph."""
    return Para("", (Run(value),)) if value else Para("", (Blank(missing),))


