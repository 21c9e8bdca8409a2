"""One embedded font per face in a PDF joined from chunks (join.py).

Each chunk embeds its own subset of a font under the same resource name
(WeasyPrint's hash of the font description) and keeps the glyph ids of the
full font (WeasyPrint subsets with retain-gids), so the chunks' text needs
no change: one font dictionary per name is kept, its font program subset
again from the file of fonts/ to the glyphs of all chunks (with WeasyPrint's
own subsetting, so the bytes are the ones a single pass would write), and
its widths and ToUnicode map cover all chunks. Every chunk's resources then
point to it; the chunks' own copies are no longer referenced and are not
written."""
from __future__ import annotations

import hashlib
from math import ceil
from pathlib import Path

import pikepdf
from pikepdf import Array, Name

from .. import typeset

_files: dict[tuple, dict[str, Path]] = {}


def font_files(fonts_dir: Path) -> dict[str, Path]:
    """sha256 -> font file of fonts/, remembered while the files do not change."""
    files = sorted(p for p in Path(fonts_dir).rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    if key not in _files:
        _files[key] = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in files}
    return _files[key]


def _font_dicts(pdf) -> dict[str, list]:
    """Resource name -> the Font resource dictionaries naming it (pages and
    their form XObjects)."""
    found: dict[str, list] = {}
    seen: set = set()

    def visit(resources):
        if not isinstance(resources, pikepdf.Dictionary):
            return
        if resources.is_indirect:
            if resources.objgen in seen:
                return
            seen.add(resources.objgen)
        fonts = resources.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for name in list(fonts.keys()):
                found.setdefault(name, [])
                if not any(d.objgen == fonts.objgen and d.is_indirect for d in found[name]):
                    found[name].append(fonts)
        xobjects = resources.get("/XObject")
        if isinstance(xobjects, pikepdf.Dictionary):
            for x in xobjects.values():
                if isinstance(x, pikepdf.Stream) and "/Resources" in x:
                    visit(x.Resources)

    for page in pdf.pages:
        visit(page.obj.get("/Resources"))
    return found


def merge_fonts(pdf, parts_fonts: list[dict], fonts_dir: Path, hinting: bool = False) -> None:
    merged: dict[str, dict] = {}
    for fonts in parts_fonts:
        for key, f in fonts.items():
            m = merged.setdefault(key, {"sha256": f["sha256"], "index": f["index"],
                                        "family": f["family"], "widths": {}, "to_unicode": {},
                                        "missing": set()})
            m["widths"].update({int(k): v for k, v in f["widths"].items()})
            m["to_unicode"].update({int(k): v for k, v in f["to_unicode"].items()})
            m["missing"] |= set(f["missing"])
    files = font_files(fonts_dir)
    for name, holders in _font_dicts(pdf).items():
        info = merged.get(name[1:])
        if info is None or info["sha256"] not in files:
            continue          # a font not of fonts/: left as the chunk wrote it
        font = holders[0][name]
        _rebuild(pdf, font, info, files[info["sha256"]].read_bytes(), hinting)
        for holder in holders:
            holder[name] = font


def _subset(data: bytes, info: dict, hinting: bool) -> bytes:
    """WeasyPrint's own subsetting (pdf/fonts.py), on the full font file."""
    return typeset.subset_font(data, info["index"], info["family"], info["missing"],
                               info["to_unicode"], hinting)


def _rebuild(pdf, font, info: dict, data: bytes, hinting: bool) -> None:
    """Font program, widths and ToUnicode of `font` (a Type0 dictionary) for
    the glyphs of every chunk."""
    widths, to_unicode = info["widths"], info["to_unicode"]
    cid = font.DescendantFonts[0]
    descriptor = cid.FontDescriptor
    program = _subset(data, info, hinting) if to_unicode else data
    key = "/FontFile3" if "/FontFile3" in descriptor else "/FontFile2"
    stream = pikepdf.Stream(pdf, program)
    if key == "/FontFile2":
        stream.Length1 = len(program)
    else:
        stream.Subtype = descriptor[key].get("/Subtype", Name.OpenType)
    descriptor[key] = pdf.make_indirect(stream)
    bbox = descriptor.FontBBox
    descriptor.FontBBox = Array([bbox[0], bbox[1], max(widths.values()) if widths else 0, bbox[3]])
    flags = int(descriptor.Flags) & ~1
    if len(widths) > 1 and len(set(widths.values())) == 1:
        flags |= 1
    descriptor.Flags = flags
    w = Array()
    for i in sorted(widths):
        if i - 1 not in widths:
            w.append(i)
            current = Array()
            w.append(current)
        current.append(widths[i])
    cid.W = w
    font.ToUnicode = pdf.make_indirect(pikepdf.Stream(pdf, _to_unicode(to_unicode)))


def _to_unicode(to_unicode: dict[int, str]) -> bytes:
    """WeasyPrint's ToUnicode CMap."""
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo", b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0",
             b">> def", b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(to_unicode.items())
    for i in range(ceil(len(items) / 100)):
        batch = items[i * 100:(i + 1) * 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        for glyph, text in batch:
            hexed = "".join(c.encode("utf-16-be").hex() for c in text)
            lines.append(f"<{glyph:04x}> <{hexed}>".encode())
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)
