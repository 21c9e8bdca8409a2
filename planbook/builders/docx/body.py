"""Paragraphs and tables added to the document body with the XML python-docx
writes, without its costs that grow with the document: on every paragraph it
looks its style up by scanning the styles, finds the body's w:sectPr by
scanning the body, and for every table finds the last section the same way
(quadratic in the number of 施策)."""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.run import _RunContentAppender
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def add_run(par: Paragraph, text: str) -> Run:
    """`par.add_run(text)`, without clearing the new run first (a search)."""
    r = par._p.add_r()
    if text:
        _RunContentAppender.append_to_run_from_text(r, text)
    return Run(r, par)


def clear_cell(cell) -> Paragraph:
    """`cell.text = ""` (one paragraph holding an empty run), and that paragraph."""
    tc = cell._tc
    tc.clear_content()
    p = tc.add_p()
    p.add_r()
    return Paragraph(p, cell)


class Body:
    """`doc.add_paragraph`, `add_heading` and `add_table` of one document,
    once its styles and page are set up."""

    def __init__(self, doc):
        self.doc = doc
        self.container = doc._body          # the paragraphs' parent, as python-docx gives it
        self.element = doc.element.body
        self.end = self.element.sectPr      # new elements go before it
        self.width = doc._block_width       # the text width of the last section
        self.ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        key = (name, kind)
        if key not in self.ids:
            self.ids[key] = self.doc.part.get_style_id(name, kind)
        return self.ids[key]

    def set_style(self, par: Paragraph, name: str) -> None:
        """`par.style = name`."""
        sid, p = self.style_id(name), par._p
        if sid is None or p.pPr is not None:
            p.style = sid
            return
        # a new w:pPr holds only the w:pStyle: no need to look for its place
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), sid)
        p.get_or_add_pPr().append(style)

    def _append(self, element):
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.element.append(element)
        return element

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """`doc.add_paragraph(text, style)`."""
        par = Paragraph(self._append(OxmlElement("w:p")), self.container)
        if text:
            add_run(par, text)
        if style is not None:
            self.set_style(par, style)
        return par

    def heading(self, level: int) -> Paragraph:
        """`doc.add_heading(level=level)`."""
        return self.paragraph("", "Title" if level == 0 else f"Heading {level}")

    def table(self, rows: int, cols: int, style: str | None = None) -> Table:
        """`doc.add_table(rows, cols)`, then `table.style = style`."""
        table = Table(self._append(CT_Tbl.new_tbl(rows, cols, self.width)), self.container)
        table._tbl.tblStyle_val = None if style is None else self.style_id(style, WD_STYLE_TYPE.TABLE)
        return table
