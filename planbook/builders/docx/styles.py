"""The document's named styles, each defined once: Word's built-in headings
(shown as 見出し 1–3 in a Japanese Word), 目次 1–3, and a few of our own."""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from ... import ooxml
from ...ooxml import GOTHIC, MINCHO
HEADING_COLOR = RGBColor(0x1F, 0x2D, 0x4D)

BODY = "計画 本文"
NOTE = "計画 注記"
MOTTO = "計画 標語"
TABLE = "計画 表"
TABLE_HEAD = "計画 表見出し"
PLACEHOLDER = "計画 未入力"
CREDIT = "計画 クレジット"
COVER = "計画 表紙"
LABEL = "計画 小見出し"
CREDIT_PT = 10
VISION_GOALS = "計画 将来像の基本目標"
TOC_TITLE = "TOC Heading"

# A4 portrait; the text block is what tables are sized to.
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGINS = {"top": Mm(22), "bottom": Mm(20), "left": Mm(22), "right": Mm(18)}
TEXT_WIDTH_MM = 210 - 22 - 18


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


def _headings(doc) -> None:
    for level, size in ((1, 18), (2, 14), (3, 12)):
        h = doc.styles[f"Heading {level}"]
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.color.rgb = HEADING_COLOR
        ooxml.set_fonts(h.element, GOTHIC, GOTHIC)
        h.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
    title = doc.styles[TOC_TITLE]
    title.hidden = False
    title.paragraph_format.space_after = Pt(12)


def _toc(doc) -> None:
    """目次 1–3: the styles Word gives the entries when it rebuilds the TOC."""
    for level in (1, 2, 3):
        st = _para_style(doc, f"toc {level}", font=GOTHIC if level == 1 else MINCHO,
                         size=10.5 if level == 1 else 10, bold=level == 1,
                         space_after=2 if level == 1 else 0)
        ooxml.builtin_style_id(st, f"TOC{level}")
        st.quick_style = False
        pf = st.paragraph_format
        pf.left_indent = Pt(10.5 * 1.5 * (level - 1))
        pf.line_spacing = 1.2
        pf.space_before = Pt(6 if level == 1 else 0)


def define(doc) -> None:
    ooxml.set_document_defaults(doc, MINCHO, MINCHO)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    ooxml.set_fonts(normal.element, MINCHO, MINCHO)
    normal.paragraph_format.line_spacing = 1.5
    _headings(doc)
    title = doc.styles["Title"]
    title.font.size = Pt(28)
    title.font.color.rgb = HEADING_COLOR
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.set_fonts(title.element, GOTHIC, GOTHIC)
    _toc(doc)
    _para_style(doc, BODY, indent_first=Pt(10.5))
    _para_style(doc, NOTE, size=9, space_after=2)
    motto = _para_style(doc, MOTTO, font=GOTHIC, size=18, bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    motto.paragraph_format.space_before = Pt(12)
    table = _para_style(doc, TABLE, size=9.5, space_after=1.5)
    table.paragraph_format.line_spacing = 1.25
    table.paragraph_format.space_before = Pt(1.5)
    _para_style(doc, TABLE_HEAD, base=TABLE, font=GOTHIC, size=9.5, bold=True, space_after=1.5)
    _para_style(doc, PLACEHOLDER, font=GOTHIC, size=10, color="595959",
                align=WD_ALIGN_PARAGRAPH.CENTER)
    credit = _para_style(doc, CREDIT, font=GOTHIC, size=CREDIT_PT,
                         align=WD_ALIGN_PARAGRAPH.CENTER)
    credit.paragraph_format.space_before = Pt(4)
    _para_style(doc, VISION_GOALS, font=GOTHIC, size=11, align=WD_ALIGN_PARAGRAPH.CENTER,
                space_after=2)
    _para_style(doc, COVER, font=GOTHIC, size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
                space_after=18)
    label = _para_style(doc, LABEL, font=GOTHIC, size=11, bold=True, color="005AFF",
                        space_after=0)
    label.paragraph_format.space_before = Pt(10)
    label.paragraph_format.keep_with_next = True


def page_setup(doc) -> None:
    """A4 portrait, margins like the PDF's (binding side a little wider); no
    page number on the cover."""
    for s in doc.sections:
        s.page_width, s.page_height = PAGE_W, PAGE_H
        s.top_margin, s.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        s.left_margin, s.right_margin = MARGINS["left"], MARGINS["right"]
        s.different_first_page_header_footer = True
