"""The 新旧対照表 as DOCX (python-docx): the same content as the PDF, for
staff who edit or forward it in Word."""
from __future__ import annotations

import base64
import io
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from .. import ooxml
from ..ooxml import GOTHIC, MINCHO
from .view import Document, Para

UNDERLINED = ("changed",)
# A blank (text that exists only on the other side) is an underline with no
# characters: a black 1 × 1 PNG drawn as a thin line just below the
# baseline, as wide as the missing text. Copying the cell copies no filler.
_LINE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==")
BLANK_RULE_PT = 0.6


def _font(run, name: str, size: float | None = None, bold: bool = False) -> None:
    ooxml.set_fonts(run._r, name, name)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None


def _text(paragraph, text: str, name: str = MINCHO, size: float = 9.5,
          bold: bool = False, underline: bool = False):
    run = paragraph.add_run(text)
    _font(run, name, size, bold)
    if underline:
        run.font.underline = True
    return run


def _blank(paragraph, width_em: float, size: float = 9.5) -> None:
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(_LINE_PNG), width=Pt(width_em * size), height=Pt(BLANK_RULE_PT))
    ooxml.lower_run(run, 2)


def _para(cell_or_doc, pieces: Para, first: bool):
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for piece in pieces:
        if piece.kind == "blank":
            _blank(p, piece.width)
            continue
        gothic = piece.kind in ("mark", "label")
        # a label (②, 目標値) is set apart by a full-width space of its own run
        text = f"{piece.text}\u3000" if piece.kind == "label" else piece.text
        _text(p, text, GOTHIC if gothic else MINCHO, 8.5 if piece.kind == "label" else 9.5,
              underline=piece.kind in UNDERLINED)
    return p


def _page_setup(doc, title: str, sources: str) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(14)
    sec.top_margin, sec.bottom_margin = Mm(16), Mm(14)
    head = sec.header.paragraphs[0]
    stops = head.paragraph_format.tab_stops
    for inherited in doc.styles["Header"].paragraph_format.tab_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Mm(297 - 28), WD_TAB_ALIGNMENT.RIGHT)
    _text(head, f"{title}\t{sources}", GOTHIC, 8)
    foot = sec.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.add_field(foot, "PAGE", "1")
    _text(foot, " / ", GOTHIC, 8)
    ooxml.add_field(foot, "NUMPAGES", "1")
    ooxml.set_document_language(doc)
    style = doc.styles["Normal"]
    ooxml.set_fonts(style.element, MINCHO, MINCHO)
    style.font.size = Pt(9.5)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.3


def _cover(doc, d: Document) -> None:
    h = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    h.paragraph_format.space_after = Pt(12)
    _text(h, d.title, GOTHIC, 18, bold=True)
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for side, label in d.sources:
        cells = t.add_row().cells
        _text(cells[0].paragraphs[0], side, GOTHIC, 11, bold=True)
        ooxml.shade_cell(cells[0], "EEEEEE")
        _text(cells[1].paragraphs[0], label, MINCHO, 11)
    _widths(t, (Mm(15), Mm(110)))
    legend = doc.add_paragraph()
    legend.paragraph_format.space_before = Pt(8)
    underlined, rest = d.legend
    _text(legend, underlined, underline=True)
    _text(legend, rest)
    head = doc.add_paragraph()
    head.paragraph_format.space_before = Pt(10)
    _text(head, d.counts_heading, GOTHIC, 12, bold=True)
    if not d.summary:
        _text(doc.add_paragraph(), d.no_changes, GOTHIC, 12, bold=True)
        return
    heads = (d.item_heading, *d.kind_labels, d.total_heading)
    s = doc.add_table(rows=1, cols=len(heads))
    s.style = "Table Grid"
    for cell, head in zip(s.rows[0].cells, heads):
        _text(cell.paragraphs[0], head, GOTHIC, 9, bold=True)
        ooxml.shade_cell(cell, "EEEEEE")
    for item in (*d.summary, d.total):
        cells = s.add_row().cells
        values = (item.label, *(item.count(k) for k in d.kinds), item.total)
        for k, (cell, v) in enumerate(zip(cells, values)):
            p = cell.paragraphs[0]
            if k:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _text(p, str(v), GOTHIC, 9, bold=item is d.total)
    _widths(s, (Mm(110), *(Mm(20) for _ in heads[1:])))
    if d.unchanged_units:
        _text(doc.add_paragraph(), d.unchanged_note, size=9)


def _widths(table, widths) -> None:
    """Column widths that Word and LibreOffice both honour (grid and cells)."""
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = w
    for row in table.rows:
        cells = row.cells
        if len(cells) > 1 and all(c._tc is cells[0]._tc for c in cells):
            cells[0].width = sum(widths)       # a row merged into one cell
            continue
        for cell, w in zip(cells, widths):
            cell.width = w


def _merged(table, text: str, size: float, bold: bool, fill: str | None, key: str = ""):
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[1])
    p = cell.paragraphs[0]
    p.paragraph_format.keep_with_next = True
    _text(p, text, GOTHIC, size, bold)
    if key:
        _text(p, f"　{key}", GOTHIC, 7).font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    if fill:
        ooxml.shade_cell(cell, fill)
    return row


def _table(doc, d: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    head = t.rows[0]
    ooxml.repeat_header(head)
    for cell, name in zip(head.cells, d.columns):
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(p, name, GOTHIC, 11, bold=True)
        ooxml.shade_cell(cell, "DDDDDD")
    for sec in d.sections:
        _merged(t, sec.heading, 10.5, True, "F2F2F2")
        for r in sec.rows:
            if r.caption:
                _merged(t, r.caption, 8, False, None, r.key)
            row = t.add_row()
            ooxml.cant_split(row)
            for cell, paras in zip(row.cells, r.cells):
                for k, pieces in enumerate(paras):
                    _para(cell, pieces, k == 0)
    _widths(t, (Mm(134.5), Mm(134.5)))


def write_docx(d: Document, path: Path) -> None:
    doc = new_docx()
    sources = "　".join(f"{side}：{label}" for side, label in d.sources)
    _page_setup(doc, d.title, sources)
    _cover(doc, d)
    if d.sections:
        _table(doc, d)
    doc.core_properties.title = d.title
    ooxml.save_reproducibly(doc, path)
