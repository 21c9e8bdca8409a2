"""How Pango letter-spaces a line and how WeasyPrint 70 draws it: the facts
the justification patch (justify.py) relies on, checked
(`letter_spacing_model`) or replicated (`drawn`) here. Not a patch itself:
imported by justify.py after its version check (its TARGETS name the
WeasyPrint internals used here)."""
from __future__ import annotations

from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango
from weasyprint.text.fonts import FontConfiguration, get_pango_font_key

PANGO_SCALE = 1024
# WeasyPrint 70 (draw_first_line) writes Pango units where thousandths of
# an em are due: an empty glyph (a carrier) advances 2.4 % too far
# (`-width / font_size`), a glyph is drawn 2.4 % too far from its pen
# (`x_offset / font_size`). A glyph's advance is exact but for its kerning,
# truncated to whole thousandths of an em (`int(kerning)`).
EMPTY_ADVANCE = PANGO_SCALE / 1000


def letter_spacing_model() -> bool:
    """Whether Pango letter-spaces as justify expects: half of a
    cluster's spacing before it (its x_offset) and half after, nothing
    before a line's first cluster nor after its last (seen in Pango 1.50)."""
    def widths(spacing):
        context = ffi.gc(pango.pango_font_map_create_context(FontConfiguration().font_map),
                         gobject.g_object_unref)
        layout = ffi.gc(pango.pango_layout_new(context), gobject.g_object_unref)
        pango.pango_layout_set_text(layout, ffi.new("char[]", b"xxx"), 3)
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for k in range(3):
            attr = pango.pango_attr_letter_spacing_new(spacing)
            attr.start_index, attr.end_index = k, k + 1
            pango.pango_attr_list_change(attrs, attr)
        pango.pango_layout_set_attributes(layout, attrs)
        run = pango.pango_layout_get_line_readonly(layout, 0).runs
        out = []
        while run != ffi.NULL:
            glyphs, run = run.data.glyphs, run.next
            out += [(glyphs.glyphs[n].geometry.width, glyphs.glyphs[n].geometry.x_offset)
                    for n in range(glyphs.num_glyphs)]
        return out

    plain, spaced = widths(0), widths(2001)
    want = [(1001, 0), (2001, 1000), (1000, 1000)]
    return len(spaced) == 3 and all(
        abs(w - w0 - dw) <= 2 and abs(x - dx) <= 2
        for (w, x), (w0, _), (dw, dx) in zip(spaced, plain, want))


_ink, _logical = ffi.new("PangoRectangle *"), ffi.new("PangoRectangle *")


def drawn(layout) -> tuple[float, float]:
    """The advance of the layout's first line as WeasyPrint 70's
    draw_first_line writes it in the PDF, and where its last visible glyph
    ends (px): a glyph is shown `x_offset / font_size` thousandths of an em
    after the pen, and the pen moved by the glyph's width, its kerning
    truncated to whole thousandths."""
    line, _ = layout.get_first_line()
    pen = end = 0.0
    run, sizes = line.runs, {}
    while run != ffi.NULL:
        item, run = run.data, run.next
        font = item.item.analysis.font
        key = int(ffi.cast("uintptr_t", font))
        if key not in sizes:
            sizes[key] = get_pango_font_key(font)[2]
        size = sizes[key]
        for n in range(item.glyphs.num_glyphs):
            info = item.glyphs.glyphs[n]
            width = info.geometry.width
            if info.glyph == pango.PANGO_GLYPH_EMPTY:
                pen += width / 1000
                continue
            pango.pango_font_get_glyph_extents(font, info.glyph, _ink, _logical)
            logical = round(_logical.width * 1000 * FROM_UNITS / size)
            offset = info.geometry.x_offset / size
            kerning = logical + offset - width * 1000 * FROM_UNITS / size
            end = pen + (offset + logical) * size / 1000
            pen += (logical + offset - int(kerning)) * size / 1000
    return pen, end
