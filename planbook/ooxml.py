"""What every DOCX planbook writes shares, below both writers (the booklet's
planbook.builders.docx and the 新旧対照表's planbook.diff.render_docx), in
the spirit of python-docx's oxml layer: every raw WordprocessingML tweak
python-docx has no API for (East Asian fonts and language, fields (TOC,
PAGE, PAGEREF), bookmarks, ruby, shading, borders, table grid widths,
built-in style ids), the two faces, and a reproducible save."""
from __future__ import annotations

import io
from pathlib import Path

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length

from . import reproducible

# The faces of every DOCX (the booklet's fonts, by their Word names).
MINCHO = "BIZ UDPMincho"
GOTHIC = "BIZ UDPGothic"

# Schema order: raw children are inserted before these, wherever they exist.
_TBLPR_AFTER_W = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                  "w:tblLayout", "w:tblCellMar", "w:tblLook")
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                   "w:hideMark")
_SETTINGS_AFTER_UPDATE = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
                          "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                          "w:themeFontLang", "w:clrSchemeMapping",
                          "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                          "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                          "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
                          "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
_PPR_AFTER_BDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                  "w:pPrChange")


def _child(parent, tag: str):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def _set_rfonts(rpr, east_asia: str, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    lang = _child(rpr, "w:lang")          # lang is (nearly) last in w:rPr
    lang.set(qn("w:val"), "ja-JP")
    lang.set(qn("w:eastAsia"), "ja-JP")


def set_fonts(rpr_owner, east_asia: str, latin: str) -> None:
    """w:rFonts (ascii, hAnsi, eastAsia) and w:lang ja-JP of a style or run."""
    _set_rfonts(rpr_owner.get_or_add_rPr(), east_asia, latin)


def _default_rpr(doc):
    defaults = _child(doc.styles.element, "w:docDefaults")
    return _child(_child(defaults, "w:rPrDefault"), "w:rPr")


def set_document_defaults(doc, east_asia: str, latin: str) -> None:
    """Default run properties of the document (w:docDefaults): fonts, ja-JP."""
    _set_rfonts(_default_rpr(doc), east_asia, latin)


def set_document_language(doc) -> None:
    """Only the default language (w:docDefaults): ja-JP."""
    lang = _child(_default_rpr(doc), "w:lang")
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
    return _text_run(f" {instr} ", "w:instrText")


def _text_run(text: str, tag: str = "w:t"):
    """A run of one text element (w:t, or a field's w:instrText), spaces kept."""
    r = OxmlElement("w:r")
    t = OxmlElement(tag)
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


def japanese_settings(doc) -> None:
    """Fields updated when the document opens (TOC page numbers, PAGEREF) and
    Japanese as the East Asian theme language."""
    settings = doc.settings.element
    upd = settings.find(qn("w:updateFields"))
    if upd is None:
        upd = OxmlElement("w:updateFields")
        settings.insert_element_before(upd, *_SETTINGS_AFTER_UPDATE)
    upd.set(qn("w:val"), "true")
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "ja-JP")


def add_bookmark(paragraph, name: str, bid: int) -> None:
    bid = str(bid)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), bid)
    paragraph._p.insert(0 if paragraph._p.pPr is None else 1, start)
    paragraph._p.append(end)


def add_ruby(paragraph, base: str, reading: str, base_pt: float) -> None:
    """Real Word ruby (w:ruby): the reading, half the base size, above the base;
    both in the paragraph style's font."""
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
    for tag, text, size in (("w:rt", reading, half // 2), ("w:rubyBase", base, half)):
        holder = OxmlElement(tag)
        run = _text_run(text)
        rpr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(size))
        rpr.append(sz)
        run.insert(0, rpr)
        holder.append(run)
        ruby.append(holder)
    r.append(ruby)
    paragraph._p.append(r)


def _shd(fill_hex: str):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill_hex)
    return shd


def shade_cell(cell, fill_hex: str) -> None:
    cell._tc.get_or_add_tcPr().insert_element_before(_shd(fill_hex), *_TCPR_AFTER_SHD)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def paragraph_border(paragraph, color: str = "999999", dashed: bool = True) -> None:
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "dashed" if dashed else "single")
        el.set(qn("w:sz"), "6")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), color)
        bdr.append(el)
    paragraph._p.get_or_add_pPr().insert_element_before(bdr, *_PPR_AFTER_BDR)


def merge_down(tcs) -> None:
    """Merge table cells `tcs` (w:tc, one per row, top first) into one
    (w:vMerge restart, then continue); the cells below keep one empty
    paragraph, as Word requires."""
    top, *rest = tcs
    top.vMerge = "restart"
    for tc in rest:
        tc.vMerge = "continue"
        for p in tc.findall(qn("w:p"))[1:]:
            tc.remove(p)
        first = tc.find(qn("w:p"))
        if first is None:
            tc.append(OxmlElement("w:p"))
        else:
            for child in list(first):
                if child.tag != qn("w:pPr"):
                    first.remove(child)


def set_widths(table, widths: list[Length]) -> None:
    """Fixed column widths: the grid (which LibreOffice reads), every cell
    (which Word reads) and the table width."""
    table.autofit = False
    tbl = table._tbl
    tblw = tbl.tblPr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tbl.tblPr.insert_element_before(tblw, *_TBLPR_AFTER_W)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(w.twips for w in widths)))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w.twips))
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, widths):
            tc.width = w


def builtin_style_id(style, style_id: str) -> None:
    """Make an added style Word's built-in one of the same name (toc 1 → TOC1)."""
    style.element.set(qn("w:styleId"), style_id)
    style.element.attrib.pop(qn("w:customStyle"), None)


def lower_run(run, half_points: int) -> None:
    """w:position: move a run below the baseline (an underline drawn as a picture)."""
    rpr = run._r.get_or_add_rPr()
    pos = OxmlElement("w:position")
    pos.set(qn("w:val"), str(-int(half_points)))
    rpr.append(pos)


def save_reproducibly(doc, path: Path) -> None:
    """Save with the dates of planbook.reproducible (document properties and
    zip entries): the same input gives the same bytes."""
    core = doc.core_properties
    core.created = core.modified = reproducible.build_time().replace(tzinfo=None)
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    Path(path).write_bytes(reproducible.normalise_zip(buffer.getvalue()))


# Settings that come after w:trackRevisions and w:doNotTrackMoves (schema order).
_SETTINGS_AFTER_TRACK = ("w:doNotTrackFormatting", "w:documentProtection",
                         "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
                         "w:defaultTabStop", "w:autoHyphenation",
                         "w:characterSpacingControl", "w:compat")


def track_revisions(doc) -> None:
    """Open with 変更履歴の記録 on (w:trackRevisions); a move is recorded as a
    deletion and an insertion (w:doNotTrackMoves), which every reader knows."""
    settings = doc.settings.element
    for tag in ("w:doNotTrackMoves", "w:trackRevisions"):
        if settings.find(qn(tag)) is None:
            settings.insert_element_before(OxmlElement(tag), *_SETTINGS_AFTER_TRACK)


CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
CUSTOM_XML_PROPS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "customXmlProps")
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def add_custom_xml(doc, blob: bytes, guid: str) -> None:
    """A custom XML part (customXml/itemN.xml, with its properties part naming
    the data store item `guid`): data Word keeps through editing and saving."""
    package = doc.part.package
    name = package.next_partname("/customXml/item%d.xml")
    item = Part(name, "application/xml", blob, package)
    props = Part(PackURI(name.replace("/item", "/itemProps")),
                 "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
                 (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                  f'<ds:datastoreItem ds:itemID="{{{guid}}}" xmlns:ds="{_DATASTORE}">'
                  f'<ds:schemaRefs/></ds:datastoreItem>').encode(), package)
    item.relate_to(props, CUSTOM_XML_PROPS)
    doc.part.relate_to(item, CUSTOM_XML)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT = {f"{{{W}}}t", f"{{{W}}}delText"}
_RT = f"{{{W}}}rt"


def paragraph_text(p) -> str:
    """The text of a w:p as printed: every w:t (and w:delText), ruby bases
    without their readings (w:rt), tabs as tabs."""
    out = []
    for el in p.iter(*_TEXT, f"{{{W}}}tab"):
        if any(a.tag == _RT for a in el.iterancestors()):
            continue
        if el.tag == f"{{{W}}}tab" and el.getparent().tag != f"{{{W}}}r":
            continue                    # a tab stop of the paragraph's properties
        out.append("\t" if el.tag == f"{{{W}}}tab" else (el.text or ""))
    return "".join(out)
