"""A model paragraph → a view `Para`: ※ labels resolved, ruby split out,
changed ranges (proofs) attached to the runs."""
from __future__ import annotations

from typing import Sequence

from ..clusters import snap
from ..markup import NoteRef, Plain, Ruby, tokens
from ..model import Paragraph
from .labels import BLOCK_PLACEHOLDER, NOTE_MARK, PLACEHOLDER
from .view import Blank, NoteMark, Para, Run, RubyText

Ranges = Sequence[tuple[int, int]]


def _runs(text: str, offset: int, ranges: Ranges) -> list[Run]:
    """`text` at `offset` of the plain paragraph, cut where a changed range
    starts or ends, but never between a character and its variation
    selector (planbook.clusters): that piece is changed when any of it is."""
    if not ranges:
        return [Run(text)]
    cuts = {0, len(text)}
    for a, b in ranges:
        cuts |= {snap(text, min(max(a - offset, 0), len(text))),
                 snap(text, min(max(b - offset, 0), len(text)))}
    cuts_sorted = sorted(cuts)
    out = []
    for a, b in zip(cuts_sorted, cuts_sorted[1:]):
        changed = any(ra < offset + b and offset + a < rb for ra, rb in ranges)
        out.append(Run(text[a:b], changed))
    return out


def para(p: Paragraph | None, labels: dict[str, str] | None = None,
         marks: dict | None = None, missing: str = PLACEHOLDER) -> Para:
    """One text as a view paragraph; `missing` when the model has none."""
    if p is None:
        return Para("", (Blank(missing),))
    ranges = (marks or {}).get(p.id)
    inlines: list = []
    offset = 0
    for t in tokens(p.text):
        if isinstance(t, Plain):
            inlines += _runs(t.text, offset, ranges or ())
            offset += len(t.text)
        elif isinstance(t, NoteRef):
            inlines.append(NoteMark((labels or {}).get(t.key, NOTE_MARK)))
        elif isinstance(t, Ruby):
            changed = any(a < offset + len(t.base) and offset < b for a, b in ranges or ())
            inlines.append(RubyText(t.base, t.reading, changed))
            offset += len(t.base)
    return Para(p.id, tuple(inlines), changed=ranges is not None)


def text(paras, labels=None, marks=None) -> tuple[Para, ...]:
    """A text field: its paragraphs, or one placeholder block."""
    if not paras:
        return (missing_block(),)
    return tuple(para(p, labels, marks) for p in paras)


def missing_block(label: str = BLOCK_PLACEHOLDER) -> Para:
    return Para("", (Blank(label),), placeholder=True)


def plain(value: str | None, missing: str = PLACEHOLDER) -> Para:
    """A plain value (a name, a unit) as a one-line paragraph."""
    return Para("", (Run(value),)) if value else Para("", (Blank(missing),))


