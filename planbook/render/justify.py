"""Japanese justification in WeasyPrint 70 (JLREQ §3.8): every line of a
justified paragraph but the last set to the full measure by inter-character
spacing, and the 四分アキ between Japanese and Western letters.

WeasyPrint justifies only by widening U+0020 spaces. This module is the one
seam with it, active only inside `composing()` (render_document uses it
around each `HTML.render`):

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

Only elements with `text-align: justify` are touched (the layout decides, in
layouts/booklet/compose.css); their last line is set flush to the start.
Pinned to WeasyPrint 70.0 and Pango ≥ 1.44 (letter-spacing trimmed at line
edges): checked at import."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate

import weasyprint

WEASYPRINT = "70.0"
if weasyprint.__version__ != WEASYPRINT:
    raise ImportError(
        f"planbook.render.justify patches WeasyPrint {WEASYPRINT} internals "
        "(weasyprint.layout.inline.justify_line, weasyprint.text.line_break.Layout and "
        f"its set_text/reactivate) but WeasyPrint {weasyprint.__version__} is installed: "
        "check those against the new version, then update WEASYPRINT in this module.")

from weasyprint.formatting_structure import boxes  # noqa: E402
from weasyprint.layout import inline as wp_inline  # noqa: E402
from weasyprint.text import line_break  # noqa: E402
from weasyprint.text.ffi import TO_UNITS, ffi, pango  # noqa: E402

from . import spacing as S  # noqa: E402

if pango.pango_version() < 14400:
    raise ImportError("planbook.render.justify needs Pango 1.44 or later "
                      f"(found {pango.pango_version()}): letter-spacing is trimmed at line edges")

_BaseLayout = line_break.Layout
_wp_justify_line = wp_inline.justify_line
PANGO_SCALE = 1024


def composes(style) -> bool:
    """Text set by this module: justified, without CSS letter/word spacing."""
    return (style["text_align_all"] == "justify" and style["letter_spacing"] == "normal"
            and not style["word_spacing"])


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
        if not composes(self.style):
            return
        if self.plan is not None and self.plan[0] == self.text:
            spans = self.plan[1]
        else:
            em = S.QUARTER * self.style["font_size"]
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

        if self._spaced:
            add(0, offsets[-1], 0)      # the previous text's spacing
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
    block, text with its own spacing)."""
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
        gap = S.Gap()
        if carrier is not None:
            em = units[carrier].box.style["font_size"]
            gap.natural = S.QUARTER * em
            gap.cap = (S.BOUNDARY_MAX - S.QUARTER) * em
        gap.priority = S.priority(
            ua.char, ub.char, boundary=carrier is not None,
            spaced=any(m.kind == "space" for m in middle),
            glued=any(m.char == S.WJ for m in middle),
            attached=ub.attached, opaque="opaque" in (ua.kind, ub.kind))
        planned.append((a, carrier, gap))
    return planned


def justify_line(context, line, extra_width):
    """WeasyPrint's `justify_line` for lines with CJK text."""
    units: list[Unit] = []
    first: dict[int, int] = {}
    _collect(line, units, first)
    if line.style["direction"] == "rtl" or not any(
            u.kind == "text" and S.is_cjk(u.char) for u in units):
        return _wp_justify_line(context, line, extra_width)
    planned = _gaps(units)
    S.distribute([g for _, _, g in planned], extra_width)
    _shift(context, line, 0.0, _plans(units, planned), first)


def _runs(units: list[Unit]) -> list[tuple[int, int]]:
    """(first, last) unit index of each box, in line order."""
    runs = []
    for i, u in enumerate(units):
        if runs and units[runs[-1][0]].box is u.box:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


# WeasyPrint 70 draws an empty glyph (a carrier) with an advance of its
# width in Pango units / 1000 px, 2.4 % too wide (draw_first_line:
# `-width / font_size`); a visible glyph's advance is exact.
EMPTY_ADVANCE = PANGO_SCALE / 1000


def _plans(units: list[Unit], planned) -> dict:
    """Per text box: its letter-spacing spans and how much wider it is drawn
    than Pango measures it; per unit starting a box: the gap before the box.

    A gap with a 四分アキ lives on its carrier, a zero-width cluster, so that
    the wide gaps do not pile up in the alternating letter-spacing of the
    visible clusters (Pango shifts a glyph by half its letter-spacing and
    WeasyPrint draws that shift 2.4 % too far)."""
    runs = _runs(units)
    run_of = {k: r for r, (i, j) in enumerate(runs) for k in range(i, j + 1)}
    inside: dict[int, float] = {}           # after this visible unit, inside its box
    on_carrier: dict[int, float] = {}
    plans: dict = {}
    for a, carrier, gap in planned:
        value = gap.natural + gap.extra
        if not value:
            continue
        r = run_of[a]
        nxt = next((k for k in range(a + 1, runs[r][1] + 1) if units[k].kind != "carrier"), None)
        if carrier is not None:
            on_carrier[carrier] = value
        elif nxt is not None:
            inside[a] = inside.get(a, 0.0) + value
        elif r + 1 < len(runs):
            key = ("before", runs[r + 1][0])
            plans[key] = plans.get(key, 0.0) + value
    for i, j in runs:
        chained = [k for k in range(i, j + 1) if units[k].kind != "carrier"]
        if units[i].kind == "opaque" or not chained:
            continue
        gaps = [inside.get(k, 0.0) for k in chained[:-1]]
        carried = {k: v / EMPTY_ADVANCE for k, v in on_carrier.items() if i <= k <= j}
        if not any(gaps) and not carried:
            continue
        lead, trail = chained[0] > i, chained[-1] < j
        ls = S.chain(gaps, pin_first=lead and not trail, pin_last=trail and not lead)
        spacing = dict(zip(chained, ls))
        spacing.update(carried)
        # a carrier at the box's edge: Pango trims it, not the visible
        # cluster next to it; it takes back that cluster's outer half
        if lead and ls[0]:
            spacing[i] = -ls[0]
        if trail and ls[-1]:
            spacing[j] = -ls[-1]
        spans = [(units[k].start, units[k].end, v) for k, v in sorted(spacing.items()) if v]
        wider = sum((v if i < k < j else v / 2) * (EMPTY_ADVANCE - 1)
                    for k, v in spacing.items() if units[k].kind == "carrier")
        plans[id(units[i].box)] = (spans, wider)
    return plans


def _shift(context, box, x: float, plans: dict, first: dict) -> float:
    """Move `box` by `x`, widen its text as planned; the new x advance."""
    start = first.get(id(box))
    if start is not None:
        x += plans.pop(("before", start), 0.0)
    if isinstance(box, boxes.TextBox):
        box.position_x += x
        plan = plans.get(id(box))
        if plan is not None:
            spans, wider = plan
            layout = SpacedLayout(box.style)
            layout.plan = (box.text, spans)
            layout.set_text(box.text, justify=True)
            width, _ = line_break.line_size(layout.get_first_line()[0], box.style)
            layout.deactivate()
            box.pango_layout = layout
            width += wider
            x += width - box.width
            box.width = width
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x
        before = x
        for child in box.children:
            if child.is_in_normal_flow():
                x = _shift(context, child, x, plans, first)
        box.width += x - before
    else:
        box.translate(x, 0)
    return x
