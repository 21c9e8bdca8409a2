"""Every raw WordprocessingML tweak python-docx has no API for, in one place:
East Asian fonts and language, fields (TOC, PAGE, PAGEREF), bookmarks, ruby,
cell shading."""
from __future__ import annotations

import itertools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_bookmark_ids = itertools.count(1)


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


def add_field(paragraph, instr: str, placeholder: str | list[str] = "") -> None:
    """A complex field (TOC, PAGE, PAGEREF …) updated when the document opens.
    `placeholder` is the cached result shown until then (lines for a list)."""
    def fld(kind):
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            c.set(qn("w:dirty"), "true")
        r.append(c)
        return r

    p = paragraph._p
    p.append(fld("begin"))
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instr} "
    r.append(t)
    p.append(r)
    p.append(fld("separate"))
    lines = placeholder if isinstance(placeholder, list) else [placeholder]
    r = OxmlElement("w:r")
    for i, line in enumerate(lines):
        if i:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line
        r.append(t)
    p.append(r)
    p.append(fld("end"))


def update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    upd = _child(settings, "w:updateFields")
    upd.set(qn("w:val"), "true")


def add_bookmark(paragraph, name: str) -> None:
    bid = str(next(_bookmark_ids))
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
