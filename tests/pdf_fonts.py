"""Reading the fonts back out of a PDF: which font programs are embedded
(their own name table, not the PDF's BaseFont, which WeasyPrint takes from
the CSS family) and which glyph ids the content streams draw with each.

WeasyPrint 70 writes text as 2-byte glyph ids (Identity-H, CIDToGIDMap
Identity) and subsets fonts with HarfBuzz keeping the glyph ids, so an id in
the content stream is the original font's glyph id. A character no font has
is drawn with an id past the font's last glyph (WeasyPrint's stand-in for
.notdef, so that copying the text still gives the character)."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from planbook import paths


@lru_cache(maxsize=1)
def ours() -> dict[str, Path]:
    """PostScript name -> file of each font in fonts/."""
    out = {}
    for f in paths.font_files():
        with TTFont(f, lazy=True) as font:
            out[font["name"].getDebugName(6)] = f
    return out


def _font_program(font) -> TTFont:
    font = font.get_object()
    desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    desc = desc.get_object()
    stream = desc.get("/FontFile2") or desc.get("/FontFile3") or desc.get("/FontFile")
    assert stream is not None, f"{font['/BaseFont']} is not embedded"
    return TTFont(io.BytesIO(stream.get_object().get_data()))


class PdfFonts:
    """`programs`: BaseFont -> embedded font program; `glyphs`: BaseFont ->
    glyph ids drawn with it."""

    def __init__(self, path: Path):
        self.reader = PdfReader(path)
        self.programs: dict[str, TTFont] = {}
        self.glyphs: dict[str, set[int]] = {}
        for page in self.reader.pages:
            self._walk(page.get_contents(), page.get("/Resources"))

    def _walk(self, contents, resources) -> None:
        if contents is None or resources is None:
            return
        resources = resources.get_object()
        fonts = {str(k): v for k, v in (resources.get("/Font") or {}).items()}
        for key, ref in fonts.items():
            name = str(ref.get_object()["/BaseFont"])
            if name not in self.programs:
                self.programs[name] = _font_program(ref)
        current = None
        for operands, op in ContentStream(contents, self.reader).operations:
            if op == b"Tf":
                current = str(fonts[str(operands[0])].get_object()["/BaseFont"])
            elif op in (b"Tj", b"TJ"):
                items = operands[0] if op == b"TJ" else [operands[0]]
                for item in items:
                    raw = getattr(item, "original_bytes", None)
                    if raw is not None:
                        self.glyphs.setdefault(current, set()).update(
                            int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2))
            elif op == b"Do":
                xobj = (resources.get("/XObject") or {}).get(str(operands[0]))
                xobj = xobj.get_object() if xobj is not None else None
                if xobj is not None and xobj.get("/Subtype") == "/Form":
                    self._walk(xobj, xobj.get("/Resources") or resources)

    def postscript_names(self) -> dict[str, str]:
        """BaseFont -> the PostScript name in the embedded program's name table."""
        return {k: t["name"].getDebugName(6) for k, t in self.programs.items()}

    def of(self, postscript_name: str) -> list[str]:
        """The BaseFonts whose program is the font `postscript_name`."""
        return [k for k, ps in self.postscript_names().items() if ps == postscript_name]


def variant_gid(font_file: Path, base: str, selector: int) -> int:
    """The glyph id the font's cmap 14 gives base + selector (its default
    glyph when the sequence uses the default)."""
    with TTFont(font_file) as font:
        uvs = font["cmap"].getcmap(0, 5)
        glyph = dict(uvs.uvsDict[selector])[ord(base)]
        if glyph is None:
            glyph = font.getBestCmap()[ord(base)]
        return font.getGlyphID(glyph)


def plain_gid(font_file: Path, ch: str) -> int:
    with TTFont(font_file) as font:
        return font.getGlyphID(font.getBestCmap()[ord(ch)])
