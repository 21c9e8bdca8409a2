"""Inline markup → HTML for the layouts: escaped text, ※ markers, ruby."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..markup import NoteRef, Plain, Ruby, tokens

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
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


def inline(text: str | None, labels: dict | None = None) -> Markup:
    if text is None:
        return Markup('<span class="placeholder">未入力</span>')
    parts = []
    for t in tokens(text):
        if isinstance(t, Plain):
            parts.append(_glue(t.text))
        elif isinstance(t, NoteRef):
            label = (labels or {}).get(t.key, "※")
            parts.append(Markup('<span class="note-ref">') + escape(label) + Markup("</span>"))
        elif isinstance(t, Ruby):
            parts.append(ruby(t.base, t.reading))
    return Markup("").join(parts)


def ruby(base: str, reading: str) -> Markup:
    """WeasyPrint has no <ruby>: an inline-block with the reading above."""
    return (Markup('<span class="ruby"><span class="rt">') + escape(reading)
            + Markup('</span><span class="rb">') + escape(base) + Markup("</span></span>"))


def circled(n: int) -> str:
    return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else f"({n})"
