"""What each page of a written PDF paints, read back (pypdf) the way a
vendor's preflight does: the colour of every text run, fill and stroke
(following form XObjects, with the graphics state), the fonts and glyphs
text is drawn with, and whether the page paints anything but the marks."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache

from fontTools.ttLib import TTFont
from pypdf.generic import ContentStream

from .. import paths

TEXT_SHOW = {b"Tj", b"TJ", b"'", b'"'}
FILLS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
STROKES = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
OTHER_PAINT = {b"sh", b"BI"}
DEVICE = {b"g": ("fill", "DeviceGray"), b"G": ("stroke", "DeviceGray"),
          b"rg": ("fill", "DeviceRGB"), b"RG": ("stroke", "DeviceRGB"),
          b"k": ("fill", "DeviceCMYK"), b"K": ("stroke", "DeviceCMYK")}
NEUTRAL_SPREAD = 0.12          # C, M, Y this close together make a grey, not a colour


@dataclass
class Paint:
    kind: str                   # text | fill | stroke
    space: str                  # DeviceCMYK, DeviceRGB, ICCBased RGB, Separation All, …
    values: tuple[float, ...]


@dataclass
class PageScan:
    paints: list[Paint] = field(default_factory=list)
    fonts: set[str] = field(default_factory=set)          # BaseFonts text is drawn with
    notdef: dict[str, int] = field(default_factory=dict)  # BaseFont -> .notdef glyphs drawn
    marks_only: bool = True                              # paints nothing but registration marks


def _get(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def space_name(cs) -> str:
    cs = _get(cs)
    if isinstance(cs, list) and cs:
        family = str(cs[0]).lstrip("/")
        if family == "ICCBased":
            n = int(_get(cs[1]).get("/N", 0))
            return "ICCBased " + {1: "Gray", 3: "RGB", 4: "CMYK"}.get(n, str(n))
        if family == "Separation":
            return "Separation " + str(cs[1]).lstrip("/")
        return family
    return str(cs).lstrip("/")


def is_k_only_problem(p: Paint) -> bool:
    """A black or grey that is not K only (C = M = Y = 0) in DeviceCMYK."""
    v = p.values
    if p.space in ("DeviceGray", "ICCBased Gray", "CalGray"):
        return True
    if p.space in ("DeviceRGB", "ICCBased RGB", "CalRGB") and len(v) == 3:
        return max(v) - min(v) <= 0.02
    if p.space in ("DeviceCMYK", "ICCBased CMYK") and len(v) == 4:
        cmy = v[:3]
        if max(cmy) == 0:
            return p.space != "DeviceCMYK"
        return min(cmy) > 0 and max(cmy) - min(cmy) <= NEUTRAL_SPREAD
    return False


@lru_cache(maxsize=1)
def planbook_font_names() -> frozenset[str]:
    """The names a font of fonts/ goes by in a PDF: its PostScript name, and
    its full name with spaces as hyphens (WeasyPrint's BaseFont)."""

    names = set()
    for f in paths.font_files():
        with TTFont(f, lazy=True) as font:
            names.add(font["name"].getDebugName(6))
            names.add(font["name"].getDebugName(4).replace(" ", "-"))
    return frozenset(n for n in names if n)


class _Font:
    """A font resource: its name, where it comes from and its glyph count."""

    def __init__(self, font):
        font = _get(font)
        self.base = str(font.get("/BaseFont", "")).lstrip("/")
        self.name = self.base.split("+", 1)[-1]
        self.two_byte = font.get("/Subtype") == "/Type0"
        desc, self.cid_map = None, None
        if self.two_byte:
            cid = _get(font["/DescendantFonts"][0])
            desc = _get(cid.get("/FontDescriptor"))
            m = cid.get("/CIDToGIDMap")
            self.cid_map = None if m is None or str(m) == "/Identity" else _get(m).get_data()
        else:
            desc = _get(font.get("/FontDescriptor")) if font.get("/FontDescriptor") else None
        self.embedded = bool(desc) and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        self.glyphs, self.program = self._program(desc)

    @staticmethod
    def _program(desc) -> tuple[int | None, str | None]:
        """Glyph count and PostScript name of an embedded TrueType program."""
        if not desc or "/FontFile2" not in desc:
            return None, None
        try:
            tt = TTFont(io.BytesIO(_get(desc["/FontFile2"]).get_data()), lazy=True)
            ps = tt["name"].getDebugName(6) if "name" in tt else None
            return tt["maxp"].numGlyphs, ps
        except Exception:  # noqa: BLE001 - an unreadable program counts as unknown
            return None, None

    def ours(self) -> bool:
        names = planbook_font_names()
        return self.name in names or (self.program is not None and self.program in names)

    def notdef(self, raw: bytes) -> int:
        """How many glyphs of this string are .notdef (id 0, or past the font's glyphs)."""
        if not self.two_byte or self.glyphs is None:
            return 0
        count = 0
        for i in range(0, len(raw) - 1, 2):
            cid = int.from_bytes(raw[i:i + 2], "big")
            gid = cid
            if self.cid_map is not None:
                gid = int.from_bytes(self.cid_map[2 * cid:2 * cid + 2], "big") \
                    if 2 * cid + 1 < len(self.cid_map) else 0
            count += gid == 0 or gid >= self.glyphs
        return count


class Scanner:
    """Scans pages of one PDF (fonts are read once per file)."""

    def __init__(self, reader):
        self.reader = reader
        self.fonts: dict[int, _Font] = {}

    def font(self, ref) -> _Font:
        key = id(_get(ref))
        if key not in self.fonts:
            self.fonts[key] = _Font(ref)
        return self.fonts[key]

    def page(self, page) -> PageScan:
        scan = PageScan()
        self._walk(page, page.get("/Resources"), scan, 0)
        return scan

    def _walk(self, owner, resources, scan: PageScan, depth: int) -> None:
        resources = _get(resources) or {}
        spaces = _get(resources.get("/ColorSpace")) or {}
        fonts = _get(resources.get("/Font")) or {}
        xobjects = _get(resources.get("/XObject")) or {}
        content = owner.get_contents() if hasattr(owner, "get_contents") else owner
        if content is None:
            return
        state = {"fill": ("DeviceGray", (0.0,)), "stroke": ("DeviceGray", (0.0,)), "font": None}
        stack = []
        for operands, op in ContentStream(content, self.reader).operations:
            if op == b"q":
                stack.append(dict(state))
            elif op == b"Q" and stack:
                state = stack.pop()
            elif op in DEVICE:
                which, space = DEVICE[op]
                state[which] = (space, tuple(float(v) for v in operands))
            elif op in (b"cs", b"CS"):
                name = operands[0]
                space = space_name(spaces[name]) if name in spaces else str(name).lstrip("/")
                state["fill" if op == b"cs" else "stroke"] = (space, ())
            elif op in (b"sc", b"scn", b"SC", b"SCN"):
                which = "fill" if op in (b"sc", b"scn") else "stroke"
                values = tuple(float(v) for v in operands if isinstance(v, (int, float)))
                state[which] = (state[which][0], values)
            elif op == b"Tf":
                state["font"] = self.font(fonts[operands[0]]) if operands[0] in fonts else None
            elif op in TEXT_SHOW:
                self._text(operands, op, state, scan)
            elif op in FILLS or op in STROKES:
                if op in FILLS:
                    self._paint("fill", state["fill"], scan)
                if op in STROKES:
                    self._paint("stroke", state["stroke"], scan)
            elif op in OTHER_PAINT:
                scan.marks_only = False
            elif op == b"Do" and operands[0] in xobjects:
                xo = _get(xobjects[operands[0]])
                if xo.get("/Subtype") == "/Form" and depth < 20:
                    self._walk(xo, xo.get("/Resources") or resources, scan, depth + 1)
                else:
                    scan.marks_only = False

    def _paint(self, kind: str, colour, scan: PageScan) -> None:
        space, values = colour
        if space != "Separation All":
            scan.marks_only = False
        scan.paints.append(Paint(kind, space, values))

    def _text(self, operands, op, state, scan: PageScan) -> None:
        scan.marks_only = False
        self._paint("text", state["fill"], scan)
        font = state["font"]
        if font is None:
            return
        scan.fonts.add(font.base)
        items = operands[0] if op == b"TJ" else [operands[-1]]
        for item in items:
            raw = getattr(item, "original_bytes", None)
            if raw is None and isinstance(item, bytes):
                raw = bytes(item)
            if raw:
                bad = font.notdef(raw)
                if bad:
                    scan.notdef[font.base] = scan.notdef.get(font.base, 0) + bad
