"""Japanese justification in WeasyPrint 70 (JLREQ §3.8): every line of a
justified paragraph but the last set to the full measure by inter-character
spacing, and the 四分アキ between Japanese and Western letters.

WeasyPrint justifies only by widening U+0020 spaces. This module is the one
patch to it, active only inside `composing()` (planbook.render.typeset
enters it around each render that composes Japanese text: the booklet):

- `weasyprint.text.line_break.Layout` becomes `SpacedLayout`, a subclass that
  adds Pango letter-spacing attributes when its text is set: the 四分アキ on
  the zero-width carriers inline.py puts at Japanese/Western boundaries (so
  line breaking counts it), and, for the boxes of a justified line, the
  line's plan. The instances stay in the laid-out boxes: the draw step of
  `write_pdf`, later and outside `composing()`, re-sets their text
  (`reactivate` → `set_text`) and draws the same spacing.
- `weasyprint.layout.inline.justify_line` becomes `justify_line` below: a line
  with CJK text shares its leftover width among its gaps by JLREQ's
  priorities (planbook.render.spacing); other lines keep WeasyPrint's own.

Only elements with `text-align: justify` are justified (the layout decides,
in layouts/booklet/compose.css); their last line is set flush to the start.
The 四分アキ is set in any text with carriers (not in text with CSS word
spacing), so headings, running heads, the 目次 and tables have it too.
Pinned to WeasyPrint 70.0, and to Pango's way of letter-spacing: both
checked at import. The facts of Pango and of WeasyPrint's drawing it relies
on are at the end (`letter_spacing_model`, `drawn`)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate

from .pinning import pin

WEASYPRINT = "70.0"
# what this module replaces or relies on: (object, the signature it expects)
TARGETS = {
    "weasyprint.layout.inline.justify_line": "(context, line, extra_width)",
    "weasyprint.text.line_break.Layout.setup": "(self, style)",
    "weasyprint.text.line_break.Layout.set_text": "(self, text, justify=False)",
    "weasyprint.text.line_break.Layout.reactivate": "(self, style)",
    "weasyprint.text.line_break.Layout.deactivate": "(self)",
    "weasyprint.text.line_break.Layout.get_first_line": "(self)",
    "weasyprint.text.fonts.get_pango_font_key": "(pango_font)",
    "weasyprint.text.fonts.FontConfiguration.__init__": "(self)",
}
pin(__name__, WEASYPRINT, TARGETS)

from weasyprint.formatting_structure import boxes  # noqa: E402
from weasyprint.layout import inline as wp_inline  # noqa: E402
from weasyprint.text import line_break  # noqa: E402
from weasyprint.text.ffi import TO_UNITS, ffi, pango  # noqa: E402

from ... import spacing as S  # noqa: E402
from .pango import EMPTY_ADVANCE, PANGO_SCALE, drawn, letter_spacing_model  # noqa: E402

if not letter_spacing_model():
    raise ImportError(f"planbook.render.typeset.patches.justify: Pango {pango.pango_version()} does not "
                      "letter-space clusters as it expects (half before, half after, "
                      "trimmed at line edges)")

_BaseLayout = line_break.Layout
_wp_justify_line = wp_inline.justify_line


def composes(style) -> bool:
    """Text set by this module: justified, without CSS letter/word spacing."""
    return (style["text_align_all"] == "justify" and style["letter_spacing"] == "normal"
            and not style["word_spacing"])


def spaces(style) -> bool:
    """Text given the 四分アキ at its boundary carriers: any text without CSS
    word spacing (headings, tables, running heads, the 目次 as well as the
    body); text with CSS letter-spacing has it at its carriers too."""
    return not style["word_spacing"]


class SpacedLayout(_BaseLayout):
    """A WeasyPrint text layout that also carries planbook's letter-spacing:
    `plan` (text, [(start, end, px)]) once its box is justified, otherwise
    the 四分アキ of the text's boundary carriers."""
    plan = None

    def setup(self, style):
        super().setup(style)
        self._spaced = False            # this Pango layout holds our attributes

    def set_text(self, text, justify=False):
        super().set_text(text, justify)
        if not spaces(self.style) or (justify and self.justification_spacing):
            return
        if self.plan is not None and self.plan[0] == self.text:
            spans = self.plan[1]
        else:
            em = S.QUARTER * self.style["font_size"] / EMPTY_ADVANCE
            spans = [(i, i + 1, em) for i in S.boundary_carriers(self.text)]
        if spans or self._spaced:
            self._apply(spans)

    def _apply(self, spans):
        offsets = [0, *accumulate(len(ch.encode()) for ch in self.text)]
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)

        def add(start, end, units):
            attr = pango.pango_attr_letter_spacing_new(units)
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_change(attrs, attr)

        if self._spaced:                # the previous text's spacing, back to the CSS one
            css = self.style["letter_spacing"]
            add(0, offsets[-1], 0 if css == "normal" else int(css * TO_UNITS))
        for start, end, px in spans:
            units = round(px * TO_UNITS)
            if units and units % PANGO_SCALE == 0:
                units += 1              # whole pixels would be split with rounding
            add(offsets[start], offsets[end], units)
        pango.pango_layout_set_attributes(self.layout, attrs)
        self._spaced = bool(spans)


# -- the seam ---------------------------------------------------------------------

_lock = threading.RLock()
_depth = 0


@contextmanager
def composing():
    """Japanese composition for the WeasyPrint renders inside the block.
    Renders are serialised; the patch is removed when the outermost block
    ends, even on error."""
    global _depth
    with _lock:
        if _depth == 0:
            line_break.Layout = SpacedLayout
            wp_inline.justify_line = justify_line
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if _depth == 0:
                line_break.Layout = _BaseLayout
                wp_inline.justify_line = _wp_justify_line


# -- justifying one line -------------------------------------------------------------

@dataclass(eq=False)
class Unit:
    """One cluster of a text box, or one box drawn as a whole (an inline
    block, text with its own spacing: its `char` is empty)."""
    box: object
    start: int = 0
    end: int = 0
    char: str = ""
    kind: str = "opaque"         # "text", "space", "carrier" or "opaque"
    boundary: bool = False       # a carrier with its 四分アキ
    attached: bool = False       # inside a raised box (a ※ marker)


def _collect(box, units: list[Unit], first: dict, attached: bool = False):
    start = len(units)
    if isinstance(box, boxes.TextBox):
        if box.text and composes(box.style) and isinstance(box.pango_layout, SpacedLayout):
            raised = attached or box.style["vertical_align"] != "baseline"
            carriers = set(S.boundary_carriers(box.text))
            for a, b in S.clusters(box.text):
                ch = box.text[a]
                kind = "carrier" if ch in S.CARRIERS else "space" if ch in " \u00a0" else "text"
                units.append(Unit(box, a, b, ch, kind, a in carriers, raised))
        else:
            units.append(Unit(box))
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        raised = attached or (isinstance(box, boxes.InlineBox)
                              and box.style["vertical_align"] != "baseline")
        for child in box.children:
            if child.is_in_normal_flow():
                _collect(child, units, first, raised)
    else:
        units.append(Unit(box))
    if len(units) > start:
        first[id(box)] = start


def _gaps(units: list[Unit]) -> list[tuple[int, int | None, S.Gap]]:
    """The gaps between visible units: the index of the unit before each, of
    its boundary carrier if any, and the gap."""
    visible = [i for i, u in enumerate(units) if u.kind in ("text", "opaque")]
    planned = []
    for a, b in zip(visible, visible[1:]):
        ua, ub, middle = units[a], units[b], units[a + 1:b]
        carrier = next((k for k in range(a + 1, b) if units[k].boundary), None)
        # an inline block (a ruby) counts as a kanji, but the one that
        # starts a line (a note's label) keeps the text after it in place
        priority, cap = S.classify(
            ua.char or "一", ub.char or "一", boundary=carrier is not None,
            spaced=any(m.kind == "space" for m in middle),
            glued=any(m.char == S.WJ for m in middle),
            attached=ub.attached, opaque=ua.kind == "opaque" and a == 0,
            width_a=_width(ua), width_b=_width(ub))
        em = (units[carrier] if carrier is not None else ua).box.style["font_size"]
        squeeze = S.punctuation_squeeze(ua.char, ub.char, _width(ua), _width(ub)) \
            if priority != S.NEVER else 0.0
        gap = S.Gap(S.QUARTER * em if carrier is not None else 0.0, priority, cap * em,
                    squeeze=squeeze * em)
        planned.append((a, carrier, gap))
    return planned


_widths: dict = {}


def _width(unit: Unit) -> float:
    """The advance of a punctuation unit's glyph in its font (em), measured
    once per font and size: Pango's advance, in whole Pango units, is not
    the same fraction of an em at every size (、 0.60004 em at 8 pt, 0.60010
    at 10.5 pt), so a cache keyed without the size gave each line the
    fraction of whichever size the process had measured first."""
    if unit.char not in S.PUNCT:
        return 1.0
    style = unit.box.style
    key = (unit.char, tuple(style["font_family"]), style["font_size"], style["font_weight"],
           style["font_style"], style["font_stretch"], style["font_variant_east_asian"],
           style["font_feature_settings"])
    if key not in _widths:
        layout = _BaseLayout(style)
        layout.set_text(unit.char)
        width, _ = line_break.line_size(layout.get_first_line()[0], style)
        _widths[key] = width / style["font_size"]
    return _widths[key]


def justify_line(context, line, extra_width):
    """WeasyPrint's `justify_line` for lines with CJK text: share
    `extra_width` among the gaps, set each text box's letter-spacing, check
    the line's end as WeasyPrint will draw it, move the boxes."""
    units: list[Unit] = []
    first: dict[int, int] = {}
    _collect(line, units, first)
    if line.style["direction"] == "rtl" or not any(
            u.kind == "text" and S.is_cjk(u.char) for u in units):
        return _wp_justify_line(context, line, extra_width)
    planned = _gaps(units)
    # the line was measured with each 四分アキ as Pango lays it, 2.4 % short
    # of what is drawn (SpacedLayout.set_text)
    drawn_more = sum(g.natural for _, c, g in planned if c is not None) * (1 - 1 / EMPTY_ADVANCE)
    S.distribute([g for _, _, g in planned], extra_width - drawn_more)
    plan = _Plan(units, planned)
    built = {r: _build(units[plan.runs[r][0]].box, spans)
             for r in range(len(plan.runs)) if (spans := plan.spans(r)) is not None}
    # where the last glyph ends as drawn: the last box by its last glyph,
    # the others by their advance
    last = max(built, default=None)
    added = sum(plan.before.values()) + sum(
        (end if r == last == len(plan.runs) - 1 else advance) - units[plan.runs[r][0]].box.width
        for r, (_, advance, end) in built.items())
    error = extra_width - added
    if abs(error) > 1e-3:
        r = plan.correct(error)
        if r is not None:
            built[r] = _build(units[plan.runs[r][0]].box, plan.spans(r))
    moves = {plan.runs[r][0]: v for r, v in plan.before.items()}
    _shift(line, 0.0, moves, {id(units[plan.runs[r][0]].box): b[:2] for r, b in built.items()},
           first)


def _runs(units: list[Unit]) -> list[tuple[int, int]]:
    """(first, last) unit index of each box, in line order."""
    runs = []
    for i, u in enumerate(units):
        if runs and units[runs[-1][0]].box is u.box:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


class _Plan:
    """Where each gap of a justified line goes: on a boundary carrier,
    between two clusters of a text box (letter-spacing), or before a box
    (a move). A gap with a 四分アキ lives on its carrier, a zero-width
    cluster, so that the wide gaps do not pile up in the alternating
    letter-spacing of the visible clusters (Pango shifts a glyph by half its
    letter-spacing, and WeasyPrint draws that shift 2.4 % too far)."""

    def __init__(self, units: list[Unit], planned):
        self.units, self.runs = units, _runs(units)
        self.run_of = {k: r for r, (i, j) in enumerate(self.runs) for k in range(i, j + 1)}
        self.inside: dict[int, float] = {}      # after this unit, inside its box
        self.on_carrier: dict[int, float] = {}
        self.before: dict[int, float] = {}      # run index → move before it
        self.first: dict[int, float] = {}       # run index → its first L (S.chain)
        for a, carrier, gap in planned:
            value = gap.natural + gap.extra
            r = self.run_of[a]
            if not value:
                continue
            if carrier is not None:
                self.on_carrier[carrier] = value
            elif self._next_chained(a) is not None:
                self.inside[a] = self.inside.get(a, 0.0) + value
            elif r + 1 < len(self.runs):
                self.before[r + 1] = self.before.get(r + 1, 0.0) + value

    def _next_chained(self, a):
        end = self.runs[self.run_of[a]][1]
        return next((k for k in range(a + 1, end + 1) if self.units[k].kind != "carrier"), None)

    def spans(self, r: int):
        """The letter-spacing spans of run `r`'s text box, or None when it
        keeps the layout it has."""
        units, (i, j) = self.units, self.runs[r]
        chained = [k for k in range(i, j + 1) if units[k].kind != "carrier"]
        if units[i].kind == "opaque" or not chained:
            return None
        gaps = [self.inside.get(k, 0.0) for k in chained[:-1]]
        carried = {k: v / EMPTY_ADVANCE for k, v in self.on_carrier.items() if i <= k <= j}
        if not any(gaps) and not carried:
            return None
        lead, trail = chained[0] > i, chained[-1] < j
        ls = S.chain(gaps, pin_first=lead and not trail, pin_last=trail and not lead,
                     first=self.first.get(r), skew=EMPTY_ADVANCE - 1)
        self.first[r] = ls[0]
        spacing = dict(zip(chained, ls))
        spacing.update(carried)
        # a carrier at the box's edge: Pango trims it, not the visible
        # cluster next to it; it takes back that cluster's outer half
        if lead and ls[0]:
            spacing[i] = -ls[0]
        if trail and ls[-1]:
            spacing[j] = -ls[-1]
        return [(units[k].start, units[k].end, v) for k, v in sorted(spacing.items()) if v]

    def correct(self, error: float):
        """Widen the line's last gap by `error` px: the run to lay out again
        (its other clusters keep their spacing), or None when a move does it."""
        visible = [k for k, u in enumerate(self.units) if u.kind in ("text", "opaque")]
        if len(visible) < 2:
            return None
        last = visible[-1]
        r = self.run_of[last]
        i = self.runs[r][0]
        chained = [k for k in range(i, last) if self.units[k].kind != "carrier"]
        if self.units[last].kind != "opaque" and chained:
            self.inside[chained[-1]] = self.inside.get(chained[-1], 0.0) + error
            return r
        if r:
            self.before[r] = self.before.get(r, 0.0) + error
        return None


def _build(box, spans):
    """A layout of `box`'s text with `spans`; its advance and the end of its
    last glyph as drawn (px from the box's start)."""
    layout = SpacedLayout(box.style)
    layout.plan = (box.text, spans)
    layout.set_text(box.text, justify=True)
    advance, end = drawn(layout)
    layout.deactivate()
    return layout, advance, end


def _shift(box, x: float, moves: dict, built: dict, first: dict) -> float:
    """Move `box` by `x` (and by the move planned before it), give a text box
    its new layout; the x advance after it."""
    start = first.get(id(box))
    if start is not None:
        x += moves.pop(start, 0.0)
    if isinstance(box, boxes.TextBox):
        box.position_x += x
        if id(box) in built:
            box.pango_layout, width = built[id(box)]
            x += width - box.width
            box.width = width
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x
        before = x
        for child in box.children:
            if child.is_in_normal_flow():
                x = _shift(child, x, moves, built, first)
        box.width += x - before
    else:
        box.translate(x, 0)
    return x
