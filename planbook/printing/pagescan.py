"""What each page of a written PDF paints, read back (pypdf) the way a
vendor's preflight does: the colour of every text run, fill and stroke
(following form XObjects, with the graphics state), the fonts and glyphs
text is drawn with, and whether the page paints anything but the marks.
Text runs carry their overprint state, size, weight, position and
characters (ToUnicode); fills carry the box they cover, so a text's
background can be found as the last fill drawn under it."""
from __future__ import annotations

import io
import math
import re
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
PATH_OPS = {b"m", b"l", b"c", b"v", b"y", b"re", b"h"}
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
BOLD = re.compile(r"bold|heavy|black|W[6-9]\b|demi", re.I)


@dataclass
class Paint:
    kind: str                   # text | fill | stroke
    space: str                  # DeviceCMYK, DeviceRGB, ICCBased RGB, Separation All, …
    values: tuple[float, ...]
    overprint: bool = False     # fill (text, fill) or stroke overprint in effect
    size: float | None = None   # text: the size it is printed at (pt)
    bold: bool = False          # text: a bold face
    point: tuple[float, float] | None = None   # text: a point inside its first glyph
    text: str = ""              # text: the characters (ToUnicode)
    bbox: tuple[float, float, float, float] | None = None   # fill: the area it covers


@dataclass
class PageScan:
    paints: list[Paint] = field(default_factory=list)
    fonts: set[str] = field(default_factory=set)          # BaseFonts text is drawn with
    notdef: dict[str, int] = field(default_factory=dict)  # BaseFont -> .notdef glyphs drawn
    marks_only: bool = True                              # paints nothing but registration marks


def _mul(m, n):
    """The matrix product m × n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m, x, y):
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


def _flag(v) -> bool:
    """A PDF boolean (pypdf's BooleanObject is truthy whatever its value)."""
    return bool(getattr(_get(v), "value", v))


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
        self.bold = bool(BOLD.search(self.name))
        self.unicode = self._to_unicode(font.get("/ToUnicode"))

    @staticmethod
    def _to_unicode(stream) -> dict[int, str]:
        """Character code -> text, from the font's ToUnicode CMap (bfchar, bfrange)."""
        out: dict[int, str] = {}
        if stream is None:
            return out
        try:
            data = _get(stream).get_data().decode("latin-1")
        except Exception:  # noqa: BLE001 - no map: the text stays unknown
            return out
        hexes = r"<([0-9A-Fa-f]+)>"
        for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in re.findall(hexes + r"\s*" + hexes, block):
                out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi, dst in re.findall(hexes + r"\s*" + hexes + r"\s*" + hexes, block):
                first = bytes.fromhex(dst).decode("utf-16-be", "replace")
                for i in range(int(lo, 16), min(int(hi, 16), int(lo, 16) + 256) + 1):
                    out[i] = first[:-1] + chr(ord(first[-1]) + i - int(lo, 16)) if first else ""
        return out

    def decode(self, raw: bytes) -> str:
        step = 2 if self.two_byte else 1
        return "".join(self.unicode.get(int.from_bytes(raw[i:i + step], "big"), "")
                       for i in range(0, len(raw) - step + 1, step))

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
        self._walk(page, page.get("/Resources"), scan, 0, None)
        return scan

    def _walk(self, owner, resources, scan: PageScan, depth: int, inherited) -> None:
        resources = _get(resources) or {}
        spaces = _get(resources.get("/ColorSpace")) or {}
        fonts = _get(resources.get("/Font")) or {}
        xobjects = _get(resources.get("/XObject")) or {}
        extg = _get(resources.get("/ExtGState")) or {}
        content = owner.get_contents() if hasattr(owner, "get_contents") else owner
        if content is None:
            return
        state = dict(inherited) if inherited else {
            "fill": ("DeviceGray", (0.0,)), "stroke": ("DeviceGray", (0.0,)), "font": None,
            "op": False, "OP": False, "ctm": IDENTITY}
        state.update(font=None, size=0.0, tm=IDENTITY, tlm=IDENTITY, leading=0.0)
        stack, path = [], []
        for operands, op in ContentStream(content, self.reader).operations:
            if op == b"q":
                stack.append(dict(state))
            elif op == b"Q" and stack:
                state = stack.pop()
            elif op == b"cm":
                state["ctm"] = _mul(tuple(float(v) for v in operands), state["ctm"])
            elif op == b"gs" and operands[0] in extg:
                g = _get(extg[operands[0]])
                if "/OP" in g:
                    state["OP"] = state["op"] = _flag(g["/OP"])
                if "/op" in g:
                    state["op"] = _flag(g["/op"])
            elif op == b"BT":
                state["tm"] = state["tlm"] = IDENTITY
            elif op == b"Tm":
                state["tm"] = state["tlm"] = tuple(float(v) for v in operands)
            elif op in (b"Td", b"TD"):
                tx, ty = float(operands[0]), float(operands[1])
                if op == b"TD":
                    state["leading"] = -ty
                state["tm"] = state["tlm"] = _mul((1, 0, 0, 1, tx, ty), state["tlm"])
            elif op == b"TL":
                state["leading"] = float(operands[0])
            elif op in (b"T*", b"'", b'"'):
                state["tm"] = state["tlm"] = _mul((1, 0, 0, 1, 0, -state["leading"]), state["tlm"])
                if op != b"T*":
                    self._text(operands, op, state, scan)
            elif op in PATH_OPS:
                nums = [float(v) for v in operands]
                if op == b"re":
                    x, y, w, h = nums
                    nums = [x, y, x + w, y + h]
                path += [_apply(state["ctm"], nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
            elif op == b"n":
                path = []
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
                state["size"] = float(operands[1])
            elif op in TEXT_SHOW:
                self._text(operands, op, state, scan)
            elif op in FILLS or op in STROKES:
                if op in FILLS:
                    bbox = None
                    if path:
                        xs, ys = [p[0] for p in path], [p[1] for p in path]
                        bbox = (min(xs), min(ys), max(xs), max(ys))
                    self._paint("fill", state["fill"], scan, overprint=state["op"], bbox=bbox)
                if op in STROKES:
                    self._paint("stroke", state["stroke"], scan, overprint=state["OP"])
                path = []
            elif op in OTHER_PAINT:
                scan.marks_only = False
            elif op == b"Do" and operands[0] in xobjects:
                xo = _get(xobjects[operands[0]])
                if xo.get("/Subtype") == "/Form" and depth < 20:
                    inner = dict(state)
                    matrix = xo.get("/Matrix")
                    if matrix is not None:
                        inner["ctm"] = _mul(tuple(float(v) for v in matrix), state["ctm"])
                    self._walk(xo, xo.get("/Resources") or resources, scan, depth + 1, inner)
                else:
                    scan.marks_only = False

    def _paint(self, kind: str, colour, scan: PageScan, **facts) -> Paint:
        space, values = colour
        if space != "Separation All":
            scan.marks_only = False
        paint = Paint(kind, space, values, **facts)
        scan.paints.append(paint)
        return paint

    def _text(self, operands, op, state, scan: PageScan) -> None:
        scan.marks_only = False
        m = _mul(state["tm"], state["ctm"])
        size = state["size"] * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        point = _apply(m, 0.25 * state["size"], 0.35 * state["size"])
        font = state["font"]
        paint = self._paint("text", state["fill"], scan, overprint=state["op"], size=round(size, 2),
                            bold=bool(font and font.bold), point=point)
        if font is None:
            return
        scan.fonts.add(font.base)
        items = operands[0] if op == b"TJ" else [operands[-1]]
        for item in items:
            raw = getattr(item, "original_bytes", None)
            if raw is None and isinstance(item, bytes):
                raw = bytes(item)
            if raw:
                paint.text += font.decode(raw)
                bad = font.notdef(raw)
                if bad:
                    scan.notdef[font.base] = scan.notdef.get(font.base, 0) + bad
