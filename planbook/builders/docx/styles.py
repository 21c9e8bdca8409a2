"""The document's named styles, each defined once: Word's built-in headings
(shown as 見出し 1–3 in a Japanese Word) and a few of our own."""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from . import ooxml

MINCHO = "BIZ UDPMincho"
GOTHIC = "BIZ UDPGothic"

BODY = "計画 本文"
NOTE = "計画 注記"
MOTTO = "計画 標語"
TABLE = "計画 表"
PLACEHOLDER = "計画 未入力"
CREDIT = "計画 クレジット"
LABEL = "計画 施策番号"


def _para_style(doc, name, base="Normal", font=MINCHO, size=10.5, bold=False,
                color=None, align=None, space_after=4, indent_first=None):
    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles[base]
    st.quick_style = True
    st.font.size = Pt(size)
    st.font.bold = bold
    if color:
        st.font.color.rgb = RGBColor.from_string(color)
    ooxml.set_fonts(st.element, font, font)
    pf = st.paragraph_format
    pf.space_after = Pt(space_after)
    if align is not None:
        pf.alignment = align
    if indent_first is not None:
        pf.first_line_indent = indent_first
    return st


def define(doc) -> None:
    ooxml.set_document_language(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    ooxml.set_fonts(normal.element, MINCHO, MINCHO)
    normal.paragraph_format.line_spacing = 1.5
    for level, size in ((1, 18), (2, 14), (3, 12)):
        h = doc.styles[f"Heading {level}"]
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.color.rgb = RGBColor(0x1F, 0x2D, 0x4D)
        ooxml.set_fonts(h.element, GOTHIC, GOTHIC)
        h.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
    title = doc.styles["Title"]
    title.font.size = Pt(28)
    ooxml.set_fonts(title.element, GOTHIC, GOTHIC)
    _para_style(doc, BODY, indent_first=Pt(10.5))
    _para_style(doc, NOTE, size=9, space_after=2)
    _para_style(doc, MOTTO, font=GOTHIC, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                space_after=12)
    _para_style(doc, TABLE, size=9.5, space_after=0)
    _para_style(doc, PLACEHOLDER, font=GOTHIC, size=10, color="666666",
                align=WD_ALIGN_PARAGRAPH.CENTER)
    _para_style(doc, CREDIT, font=GOTHIC, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para_style(doc, LABEL, font=GOTHIC, size=11, bold=True, color="005AFF", space_after=0)
    toc = doc.styles["Caption"]
    ooxml.set_fonts(toc.element, GOTHIC, GOTHIC)


def page_setup(doc) -> None:
    """A4 portrait, margins like the PDF's (binding side a little wider)."""
    for s in doc.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin = Mm(22), Mm(20)
        s.left_margin, s.right_margin = Mm(22), Mm(18)
