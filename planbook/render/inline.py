"""View paragraphs → HTML for the layouts: escaped text, ※ markers, ruby,
proof marks, and the glue that keeps Japanese line breaks right.

WeasyPrint breaks lines through Pango (UAX #14). Pango already keeps small
kana, ー and closing punctuation off the line start inside one run of text,
but it breaks between a number and the character next to it (令和7 / 年度,
12 / 人, 50 / ㎡), before ～ (U+FF5E), and at the edges of inline boxes (a
※ marker or a ruby may start a line, a 、 after them too). A WORD JOINER
(U+2060) at those places is honoured by Pango, is not drawn and is not
extracted as text; WeasyPrint's maintainers recommend it for this.

The same zero-width characters carry the 四分アキ between Japanese and
Western letters (planbook.render.typeset.patches.justify spaces them in justified text): a
boundary without a word joiner gets a ZERO WIDTH SPACE (U+200B), which keeps
the break allowed there."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..model import Loc, Paragraph
from ..present.inline import para
from ..present.labels import DELETED_HERE
from ..present.view import Blank, NoteMark, Para, RubyText, Run, Struck
from .spacing import BOUNDARY_AT, WJ, ZWSP

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
    """`text` with word joiners where a line must not break, and a carrier
    of the 四分アキ at each Japanese/Western boundary: the word joiner if
    there is one, else a zero width space (a word joiner before a character
    that cannot start a line)."""
    text = _GLUE.sub(WJ, text)
    return BOUNDARY_AT.sub(lambda m: WJ if text[m.start()] in NO_START else ZWSP, text)


def _wrap(cls: str, inner) -> Markup:
    return Markup(f'<span class="{cls}">') + inner + Markup("</span>")


def placeholder(text: str) -> Markup:
    """The one placeholder style for an empty value inside a line."""
    return _wrap("placeholder", escape(text))


def html(p: Para | None, notes: bool = True) -> Markup:
    """The inline content of a view paragraph. `notes=False` leaves the ※
    markers out (a title repeated away from its notes)."""
    if p is None:
        return Markup("")
    parts: list[Markup] = []
    last = ""               # the last character set, "box" after an inline box
    runs: list[Run] = []

    def flush():
        prev = ""
        for r in runs:
            joint = glue(prev[-1] + r.text[0])[1:-1] if prev else ""
            if joint:
                parts.append(Markup(joint))    # glue or 四分アキ cut by a proof mark
            piece = escape(glue(r.text))
            parts.append(_wrap("chg", piece) if r.changed else piece)
            prev = r.text
        runs.clear()

    for k, t in enumerate(p.inlines):
        if isinstance(t, Run):
            if not t.text:
                continue
            if last == "box" and t.text[:1] in NO_START and not runs:
                parts.append(Markup(WJ))
            runs.append(t)
            last = t.text[-1:]
            continue
        flush()
        if isinstance(t, NoteMark):
            if not notes:
                continue
            if last:
                parts.append(Markup(WJ))
            parts.append(_wrap("note-ref", escape(t.label)))
            last = "box"
        elif isinstance(t, RubyText):
            if last and last in NO_END:
                parts.append(Markup(WJ))
            after = next((n for n in p.inlines[k + 1:] if not isinstance(n, Run) or n.text), None)
            r = ruby(t.base, t.reading, overhang=is_kana(last) and isinstance(after, Run)
                     and is_kana(after.text[0]))
            parts.append(_wrap("chg", r) if t.changed else r)
            last = "box"
        elif isinstance(t, Blank):
            parts.append(placeholder(t.text))
            last = "box"
        elif isinstance(t, Struck):
            parts.append(struck(t))
            last = "box"
    flush()
    return Markup("").join(parts)


def struck(t: Struck) -> Markup:
    """Deleted text in a proof: struck through in the line when short; when
    long, a mark in the line and the text in the margin (layouts/proof)."""
    if t.margin:
        return _wrap("del-at", escape(DELETED_HERE)) + _wrap("del-note", escape(t.text))
    return _wrap("del", escape(glue(t.text)))


def is_kana(ch: str) -> bool:
    return len(ch) == 1 and ("\u3041" <= ch <= "\u309f" or "\u30a1" <= ch <= "\u30ff")


def ruby(base: str, reading: str, overhang: bool = False) -> Markup:
    """WeasyPrint has no <ruby>: an inline-block with the reading above the
    base, centred over it. `overhang`: kana on both sides, so a reading longer
    than its base may reach over them by up to one ruby character each
    (JLREQ §3.3.8; layouts/booklet/booklet.css `.ruby.overhang`)."""
    cls = "ruby overhang" if overhang else "ruby"
    return (Markup(f'<span class="{cls}"><span class="rt">') + escape(reading)
            + Markup('</span><span class="rb">') + escape(glue(base)) + Markup("</span></span>"))


def inline(text: str | None, labels: dict | None = None, ranges=None, notes: bool = True) -> Markup:
    """One marked-up text (`[^key]`, `{漢字|かんじ}`) as HTML, through the
    presentation model: `ranges` are changed (start, end) of its plain text."""
    p = None if text is None else Paragraph("x", text, Loc("", 0))
    return html(para(p, labels, {"x": tuple(ranges)} if ranges else None), notes)
