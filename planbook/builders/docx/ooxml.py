"""Every raw WordprocessingML tweak python-docx has no API for, in one place:
East Asian fonts and language, fields (TOC, PAGE, PAGEREF), bookmarks, ruby,
shading, borders, table grid widths, built-in style ids."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length


def _child(parent, tag: str):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def set_fonts(rpr_owner, east_asia: str, latin: str) -> None:
    """Set w:rFonts (ascii, hAnsi, eastAsia) and w:lang ja-JP on a style or run."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "ja-JP")
    lang.set(qn("w:eastAsia"), "ja-JP")


def set_document_language(doc) -> None:
    """Default run properties of the document: Japanese."""
    styles = doc.styles.element
    defaults = _child(styles, "w:docDefaults")
    rpr_default = _child(defaults, "w:rPrDefault")
    rpr = _child(rpr_default, "w:rPr")
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "ja-JP")
    lang.set(qn("w:eastAsia"), "ja-JP")


def _fld(kind: str):
    r = OxmlElement("w:r")
    c = OxmlElement("w:fldChar")
    c.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        c.set(qn("w:dirty"), "true")
    r.append(c)
    return r


def _instr(instr: str):
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instr} "
    r.append(t)
    return r


def _text_run(text: str):
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def add_field(paragraph, instr: str, placeholder: str = "") -> None:
    """A complex field (PAGE, PAGEREF …) updated when the document opens;
    `placeholder` is the cached result shown until then."""
    p = paragraph._p
    for el in (_fld("begin"), _instr(instr), _fld("separate"), _text_run(placeholder),
               _fld("end")):
        p.append(el)


def add_toc(paragraphs, entries) -> None:
    """Turn `paragraphs` (empty, one per entry, in order) into a TOC field whose
    cached result is `entries` [(text, bookmark)], each a link to its heading.
    Word rebuilds it with page numbers when the document opens."""
    last = len(paragraphs) - 1
    for i, (par, (text, bookmark)) in enumerate(zip(paragraphs, entries)):
        p = par._p
        if i == 0:
            for el in (_fld("begin"), _instr('TOC \\o "1-3" \\h \\z \\u'), _fld("separate")):
                p.append(el)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        link.append(_text_run(text))
        p.append(link)
        if i == last:
            p.append(_fld("end"))


def update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    upd = _child(settings, "w:updateFields")
    upd.set(qn("w:val"), "true")


def add_bookmark(paragraph, name: str, bid: int) -> None:
    bid = str(bid)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), bid)
    paragraph._p.insert(0 if paragraph._p.pPr is None else 1, start)
    paragraph._p.append(end)


def add_ruby(paragraph, base: str, reading: str, base_pt: float, font: str) -> None:
    """Real Word ruby (w:ruby): the reading, half the base size, above the base."""
    half = int(round(base_pt * 2))          # base size in half-points
    r = OxmlElement("w:r")
    ruby = OxmlElement("w:ruby")
    pr = OxmlElement("w:rubyPr")
    for tag, val in (("w:rubyAlign", "center"), ("w:hps", str(half // 2)),
                     ("w:hpsRaise", str(half - 2)), ("w:hpsBaseText", str(half)),
                     ("w:lid", "ja-JP")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        pr.append(el)
    ruby.append(pr)
    for tag, text in (("w:rt", reading), ("w:rubyBase", base)):
        holder = OxmlElement(tag)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        if tag == "w:rt":
            fonts = OxmlElement("w:rFonts")
            for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
                fonts.set(qn(attr), font)
            rpr.append(fonts)
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(half // 2 if tag == "w:rt" else half))
        rpr.append(sz)
        run.append(rpr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        holder.append(run)
        ruby.append(holder)
    r.append(ruby)
    paragraph._p.append(r)


def shade_cell(cell, fill_hex: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill_hex)
    tcpr.append(shd)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def paragraph_border(paragraph, color: str = "999999", dashed: bool = True) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "dashed" if dashed else "single")
        el.set(qn("w:sz"), "6")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), color)
        bdr.append(el)
    ppr.append(bdr)


def paragraph_shading(paragraph, fill_hex: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill_hex)
    ppr.append(shd)


def set_widths(table, widths: list[Length]) -> None:
    """Fixed column widths: the grid (which LibreOffice reads), every cell
    (which Word reads) and the table width."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    layout = _child(tblpr, "w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblw = _child(tblpr, "w:tblW")
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(w.twips for w in widths)))
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w.twips))
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, widths):
            tcw = _child(tc.get_or_add_tcPr(), "w:tcW")
            tcw.set(qn("w:type"), "dxa")
            tcw.set(qn("w:w"), str(w.twips))


def builtin_style_id(style, style_id: str) -> None:
    """Give an added style the id Word uses for its built-in one (TOC1 …)."""
    style.element.set(qn("w:styleId"), style_id)
