"""Inline markup → HTML for the layouts: escaped text, ※ markers, ruby, and
the glue that keeps Japanese line breaks right.

WeasyPrint breaks lines through Pango (UAX #14). Pango already keeps small
kana, ー and closing punctuation off the line start inside one run of text,
but it breaks between a number and the character next to it (令和7 / 年度,
12 / 人, 50 / ㎡), before ～ (U+FF5E), and at the edges of inline boxes (a
※ marker or a ruby may start a line, a 、 after them too). A WORD JOINER
(U+2060) at those places is honoured by Pango, is not drawn and is not
extracted as text; WeasyPrint's maintainers recommend it for this."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..markup import NoteRef, Plain, Ruby, tokens

WJ = "\u2060"

# Never at line start (JIS X 4051 / JLREQ, strict): closing brackets,
# punctuation, iteration marks, ー, small kana, wave dashes.
NO_START = ("）」』】〕］｝〉》｠〙〗»〟’”、。，．・：；！？‼⁇⁈⁉‐〜゠～–"
            "ヽヾゝゞ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
# Never at line end: opening brackets.
NO_END = "（「『【〔［｛〈《｟〘〖«〝‘“"

_DIGITS = "0-9０-９"
_SEP = ",.，．"
_QUIET = re.escape(NO_START + NO_END + _SEP)
# A number glued to the letter or unit on either side (令和7年度, 12人, 50㎡),
# and ～ glued to what precedes it. Punctuation and brackets keep their breaks.
_GLUE = re.compile(rf"(?<=[^\s{_DIGITS}{_QUIET}])(?=[{_DIGITS}])"
                   rf"|(?<=[{_DIGITS}])(?=[^\s{_DIGITS}{_QUIET}])"
                   r"|(?<=\S)(?=～)")


def glue(text: str) -> str:
    """`text` with word joiners where a line must not break."""
    return _GLUE.sub(WJ, text)


def _marked(text: str, offset: int, ranges) -> Markup:
    """Plain text at `offset` of the plain paragraph, with the changed
    ranges wrapped for a proof."""
    if not ranges:
        return escape(glue(text))
    cuts = {0, len(text)}
    for a, b in ranges:
        cuts |= {min(max(a - offset, 0), len(text)), min(max(b - offset, 0), len(text))}
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(glue(text[a:b]))
        changed = any(ra <= offset + a and offset + b <= rb for ra, rb in ranges)
        out.append(Markup('<span class="chg">') + piece + Markup("</span>") if changed else piece)
    return Markup("").join(out)


def placeholder(text: str = "未入力") -> Markup:
    """The one placeholder style for an empty value inside a line."""
    return Markup('<span class="placeholder">') + escape(text) + Markup("</span>")


def inline(text: str | None, labels: dict | None = None, ranges=None, notes: bool = True) -> Markup:
    """One text with inline markup as HTML. `labels`: note key -> ※ label;
    `ranges`: changed (start, end) of the plain text, marked in proofs;
    `notes=False` leaves the ※ markers out (a title repeated away from its
    notes: 目次, 体系, running lists)."""
    if text is None:
        return placeholder()
    parts: list[Markup] = []
    offset = 0
    last = ""               # the last character set, "box" after an inline box
    for t in tokens(text):
        if isinstance(t, Plain):
            if last == "box" and t.text[:1] in NO_START:
                parts.append(Markup(WJ))
            parts.append(_marked(t.text, offset, ranges))
            offset += len(t.text)
            last = t.text[-1:]
        elif isinstance(t, NoteRef):
            if not notes:
                continue
            label = (labels or {}).get(t.key, "※")
            if last:
                parts.append(Markup(WJ))
            parts.append(Markup('<span class="note-ref">') + escape(label) + Markup("</span>"))
            last = "box"
        elif isinstance(t, Ruby):
            if last and last in NO_END:
                parts.append(Markup(WJ))
            parts.append(ruby(t.base, t.reading))
            offset += len(t.base)
            last = "box"
    return Markup("").join(parts)


def ruby(base: str, reading: str) -> Markup:
    """WeasyPrint has no <ruby>: an inline-block with the reading above the
    base, centred over it."""
    return (Markup('<span class="ruby"><span class="rt">') + escape(reading)
            + Markup('</span><span class="rb">') + escape(glue(base)) + Markup("</span></span>"))
