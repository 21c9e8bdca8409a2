"""Press finishing of a PDF written by WeasyPrint (pikepdf): nothing
interactive left (PDF/X forbids annotations in the printable area: the
links of 目次 and 計画の体系, forms and actions stay in the booklet PDF
only; bookmarks stay as plain destinations), the MediaBox moved to the
origin (the content and destinations with it), TrimBox and BleedBox nested
inside it, images converted to CMYK with the output profile under the ink
limit, the トンボ drawn in registration colour (a Separation /All, so they
print on every plate), and black text set to overprint (スミのせ): every
text run filled with K 100 alone gets an ExtGState with /OP /op true and
/OPM 1, so it prints over the colours beneath instead of knocking them
out; whatever else paints after it gets the knock-out state back."""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from PIL import ImageCms, ImageMath
from pikepdf import Array, Dictionary, Name

from ..scratch import write_file
from . import marks

REGISTRATION = "PBRegistration"          # resource name of the Separation /All
OVERPRINT, KNOCKOUT = "PBOverprint", "PBKnockout"   # ExtGState resource names
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
COLOUR_OPS = {"g": "DeviceGray", "rg": "DeviceRGB", "k": "DeviceCMYK"}
PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"}
RGB_FAMILIES = {"/DeviceRGB", "/CalRGB"}


class FinishError(Exception):
    """A Japanese message: the file cannot be finished for press."""


@dataclass
class Finished:
    blank: list[int] = field(default_factory=list)        # pages (1-based) that draw nothing
    overprinted: int = 0                                 # black text runs set to overprint
    converted: int = 0                                   # images converted to CMYK
    limited: int = 0                                     # of them, held to the ink limit


def registration(pdf: pikepdf.Pdf) -> Array:
    """Separation /All with a CMYK alternate (tint 1 = 100 % of every ink)."""
    tint = Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return Array([Name.Separation, Name.All, Name.DeviceCMYK, pdf.make_indirect(tint)])


def finish(path: Path, bleed_mm: float, profile: Path | None, max_ink: int,
           folds_mm: tuple[float, ...] = ()) -> Finished:
    """Rewrite `path` in place for press; `folds_mm`: fold lines of a cover
    from the trim's left edge."""
    bleed = bleed_mm * marks.PT_PER_MM
    result = Finished()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        sep = pdf.make_indirect(registration(pdf))
        shifts: dict[tuple[int, int], tuple[float, float]] = {}
        images = _Images(profile, max_ink)
        strip_interactive(pdf)
        states = _states(pdf)
        forms: set = set()
        for n, page in enumerate(pdf.pages, 1):
            if _blank(page):
                result.blank.append(n)
            result.overprinted += overprint_black_text(pdf, page.obj, states, forms)
            images.convert(page.obj, set())
            dx, dy = _move_to_origin(pdf, page, bleed)
            shifts[page.obj.objgen] = (dx, dy)
            trim = tuple(float(v) for v in page.obj.TrimBox)
            g = marks.Geometry(trim, bleed)
            folds = tuple(trim[0] + f * marks.PT_PER_MM for f in folds_mm)
            resources = page.obj.Resources
            if "/ColorSpace" not in resources:
                resources.ColorSpace = Dictionary()
            resources.ColorSpace[f"/{REGISTRATION}"] = sep
            page.contents_add(pdf.make_stream(marks.content(g, REGISTRATION, folds)), prepend=False)
        _shift_destinations(pdf.Root, shifts, set())
        result.converted, result.limited = images.converted, images.limited
        data = io.BytesIO()         # (in memory, then written whole: see scratch.write_file)
        pdf.save(data, fix_metadata_version=False)
        write_file(Path(path), data.getvalue())
    return result


def _states(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    return {OVERPRINT: pdf.make_indirect(Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=1)),
            KNOCKOUT: pdf.make_indirect(Dictionary(Type=Name.ExtGState, OP=False, op=False, OPM=0))}


def is_solid_black(space: str, values: tuple[float, ...]) -> bool:
    """K 100 alone (C = M = Y = 0) in DeviceCMYK."""
    return (space == "DeviceCMYK" and len(values) == 4 and max(values[:3]) <= 0.0005
            and values[3] >= 0.9995)


def overprint_black_text(pdf: pikepdf.Pdf, holder, states: dict, forms: set) -> int:
    """Rewrite the content of a page or form XObject so that K 100 text
    overprints and everything else knocks out (the PDF default); forms it
    draws are rewritten once each. Returns the black text runs set."""
    resources = holder.get("/Resources")
    if resources is None:
        return 0
    spaces = resources.get("/ColorSpace") or {}
    extg = resources.get("/ExtGState") or {}
    xobjects = resources.get("/XObject") or {}
    fill, current, stack, out, count = ("DeviceGray", (0.0,)), False, [], [], 0
    for operands, op in pikepdf.parse_content_stream(holder):
        name = str(op)
        want = None
        if name == "q":
            stack.append((fill, current))
        elif name == "Q" and stack:
            fill, current = stack.pop()
        elif name in COLOUR_OPS:
            fill = (COLOUR_OPS[name], tuple(float(v) for v in operands))
        elif name == "cs":
            cs = str(operands[0])
            space = spaces.get(cs) if cs in spaces else Name(cs)
            fill = (str(space).lstrip("/") if isinstance(space, Name) else "other", ())
        elif name in ("sc", "scn"):
            fill = (fill[0], tuple(float(v) for v in operands if not isinstance(v, Name)))
        elif name == "gs":
            g = extg.get(str(operands[0]))
            if g is not None and ("/OP" in g or "/op" in g):
                current = None                          # someone else's overprint: unknown
        elif name in TEXT_SHOW:
            want = is_solid_black(*fill)
            count += want
        elif name in PAINT or name == "INLINE IMAGE":
            want = False
            if name == "Do":
                xo = xobjects.get(str(operands[0]))
                if xo is not None and xo.get("/Subtype") == Name.Form and xo.objgen not in forms:
                    forms.add(xo.objgen)
                    count += overprint_black_text(pdf, xo, states, forms)
        if want is not None and want != current:
            out.append(([Name("/" + (OVERPRINT if want else KNOCKOUT))], pikepdf.Operator("gs")))
            current = want
        out.append((operands, op))
    if not count:
        return 0
    if "/ExtGState" not in resources:
        resources.ExtGState = Dictionary()
    for key, state in states.items():
        resources.ExtGState[f"/{key}"] = state
    data = pikepdf.unparse_content_stream(out)
    if isinstance(holder, pikepdf.Stream):
        holder.write(data)
    else:
        holder.Contents = pdf.make_stream(data)
    return count


def _move_to_origin(pdf: pikepdf.Pdf, page: pikepdf.Page, bleed: float) -> tuple[float, float]:
    """MediaBox at (0, 0): the content and boxes shift with it."""
    obj = page.obj
    mx0, my0, mx1, my1 = (float(v) for v in obj.MediaBox)
    dx, dy = -mx0, -my0
    page.contents_add(pdf.make_stream(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm\n".encode()),
                      prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n"), prepend=False)
    obj.MediaBox = Array([0, 0, round(mx1 - mx0, 4), round(my1 - my0, 4)])
    x0, y0, x1, y1 = (float(v) for v in obj.TrimBox)
    trim = (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
    obj.TrimBox = Array([round(v, 4) for v in trim])
    obj.BleedBox = Array([round(v, 4) for v in (trim[0] - bleed, trim[1] - bleed,
                                                 trim[2] + bleed, trim[3] + bleed)])
    for key in ("/CropBox", "/ArtBox"):
        if key in obj:
            del obj[key]
    return dx, dy


def strip_interactive(pdf: pikepdf.Pdf) -> None:
    """No annotation, form or action in a press file: every page's /Annots
    and /AA, the catalog's /AcroForm, /OpenAction, /AA and JavaScript go;
    an outline item's GoTo action becomes its plain /Dest, any other
    action is dropped (the item stays, without a target)."""
    for page in pdf.pages:
        for key in ("/Annots", "/AA"):
            if key in page.obj:
                del page.obj[key]
    root = pdf.Root
    for key in ("/AcroForm", "/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names:
        del names["/JavaScript"]
    outlines = root.get("/Outlines")
    if outlines is not None:
        _plain_outline(outlines.get("/First"), set())


def _plain_outline(item, seen: set) -> None:
    while item is not None and (item.objgen if item.is_indirect else id(item)) not in seen:
        seen.add(item.objgen if item.is_indirect else id(item))
        action = item.get("/A")
        if action is not None:
            if action.get("/S") == Name.GoTo and "/D" in action and "/Dest" not in item:
                item.Dest = action.D
            del item["/A"]
        _plain_outline(item.get("/First"), seen)
        item = item.get("/Next")


def _shift_destinations(obj, shifts: dict, seen: set) -> None:
    """Every explicit destination [page /XYZ left top zoom] follows its page."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, Array):
        if len(obj) >= 4 and obj[1] == Name.XYZ and isinstance(obj[0], Dictionary) \
                and obj[0].is_indirect and obj[0].objgen in shifts:
            dx, dy = shifts[obj[0].objgen]
            if obj[2] is not None:
                obj[2] = float(obj[2]) + dx
            if obj[3] is not None:
                obj[3] = float(obj[3]) + dy
            return
        for item in obj:
            _shift_destinations(item, shifts, seen)
    elif isinstance(obj, Dictionary) and not isinstance(obj, pikepdf.Stream):
        for key in obj.keys():
            if key not in ("/Parent", "/Resources", "/Contents", "/Font", "/XObject"):
                _shift_destinations(obj[key], shifts, seen)


def _blank(page: pikepdf.Page) -> bool:
    """Does the page draw nothing (ignoring forms that draw nothing)?"""
    return not _paints(page.obj, page.obj.get("/Resources"), set())


def _paints(holder, resources, seen: set) -> bool:
    xobjects = (resources or {}).get("/XObject") or {}
    for operands, op in pikepdf.parse_content_stream(holder):
        op = str(op)
        if op == "Do":
            xo = xobjects.get(str(operands[0]))
            if xo is None or xo.objgen in seen:
                continue
            seen.add(xo.objgen)
            if xo.get("/Subtype") != Name.Form or _paints(xo, xo.get("/Resources") or resources, seen):
                return True
        elif op in PAINT:
            return True
    return False


class _Images:
    """Converts every RGB image once (shared images are shared objects)."""

    def __init__(self, profile: Path | None, max_ink: int):
        self.profile, self.max_ink = profile, max_ink
        self.done: set = set()
        self.converted = self.limited = 0

    def convert(self, holder, seen: set) -> None:
        xobjects = (holder.get("/Resources") or {}).get("/XObject") or {}
        for _name, xo in xobjects.items():
            if xo.objgen in seen:
                continue
            seen.add(xo.objgen)
            if xo.get("/Subtype") == Name.Form:
                self.convert(xo, seen)
            elif xo.get("/Subtype") == Name.Image and xo.objgen not in self.done:
                self.done.add(xo.objgen)
                if _is_rgb(xo.get("/ColorSpace")):
                    self._to_cmyk(xo)

    def _to_cmyk(self, xo) -> None:
        if self.profile is None:
            raise FinishError("RGB の画像を CMYK に変換する ICC プロファイルがありません。")
        image = pikepdf.PdfImage(xo)
        pil = image.as_pil_image()
        source = image.icc or ImageCms.createProfile("sRGB")
        if pil.mode != "RGB":
            pil = pil.convert("RGB")
        transform = ImageCms.buildTransform(
            source, str(self.profile), "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
        cmyk = ImageCms.applyTransform(pil, transform)
        data, limited = limit_ink(cmyk, self.max_ink)
        self.limited += limited
        self.converted += 1
        xo.write(zlib.compress(data, 6), filter=Name.FlateDecode)
        xo.ColorSpace = Name.DeviceCMYK
        xo.BitsPerComponent = 8
        for key in ("/Decode", "/DecodeParms", "/Intent"):
            if key in xo:
                del xo[key]


def _is_rgb(cs) -> bool:
    if cs is None:
        return False
    if isinstance(cs, Name):
        return str(cs) in RGB_FAMILIES
    family = str(cs[0])
    if family == "/ICCBased":
        return int(cs[1].get("/N", 0)) == 3
    if family == "/Indexed":
        return _is_rgb(cs[1])
    return family in RGB_FAMILIES


def tac(image) -> int:
    """Highest total area coverage (%) of a CMYK Pillow image."""
    c, m, y, k = (band.convert("I") for band in image.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return round(total.getextrema()[1] * 100 / 255)


def limit_ink(image, max_ink: int) -> tuple[bytes, bool]:
    """The image's CMYK bytes with no pixel over `max_ink` % in total: where
    a pixel is over, its C, M and Y are reduced in proportion (K kept)."""
    data = image.tobytes()
    if tac(image) <= max_ink:
        return data, False
    limit = max_ink * 255 // 100
    out = bytearray(data)
    for i in range(0, len(out), 4):
        c, m, y, k = out[i], out[i + 1], out[i + 2], out[i + 3]
        if c + m + y + k > limit:
            room = max(limit - k, 0)
            f = room / (c + m + y) if c + m + y else 0
            out[i], out[i + 1], out[i + 2] = int(c * f), int(m * f), int(y * f)
    return bytes(out), True
