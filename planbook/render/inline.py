"""Inline markup → HTML for the layouts: escaped text, ※ markers, ruby."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..markup import NoteRef, Plain, Ruby, tokens

# A small kana or 長音 must not start a line: glue it to the character before.
_NO_START = re.compile(r"(.)([ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々ゝゞヽヾ]+)")


def _glue(text: str) -> Markup:
    out, pos = [], 0
    for m in _NO_START.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(Markup('<span class="nb">') + escape(m.group(0)) + Markup("</span>"))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _marked(text: str, offset: int, ranges) -> Markup:
    """Plain text at `offset` of the plain paragraph, with the changed
    ranges wrapped for a proof."""
    if not ranges:
        return _glue(text)
    cuts = {0, len(text)}
    for a, b in ranges:
        cuts |= {min(max(a - offset, 0), len(text)), min(max(b - offset, 0), len(text))}
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _glue(text[a:b])
        changed = any(ra <= offset + a and offset + b <= rb for ra, rb in ranges)
        out.append(Markup('<span class="chg">') + piece + Markup("</span>") if changed else piece)
    return Markup("").join(out)


def inline(text: str | None, labels: dict | None = None, ranges=None) -> Markup:
    """`ranges`: changed (start, end) of the plain text, marked in proofs."""
    if text is None:
        return Markup('<span class="placeholder">未入力</span>')
    parts = []
    offset = 0
    for t in tokens(text):
        if isinstance(t, Plain):
            parts.append(_marked(t.text, offset, ranges))
            offset += len(t.text)
        elif isinstance(t, NoteRef):
            label = (labels or {}).get(t.key, "※")
            parts.append(Markup('<span class="note-ref">') + escape(label) + Markup("</span>"))
        elif isinstance(t, Ruby):
            parts.append(ruby(t.base, t.reading))
            offset += len(t.base)
    return Markup("").join(parts)


def ruby(base: str, reading: str) -> Markup:
    """WeasyPrint has no <ruby>: an inline-block with the reading above."""
    return (Markup('<span class="ruby"><span class="rt">') + escape(reading)
            + Markup('</span><span class="rb">') + escape(base) + Markup("</span></span>"))

