"""Read a written PDF back the way a print vendor's preflight does: page
boxes, fonts, images with their effective resolution, colour spaces, the
PDF/X version and output intent."""
from __future__ import annotations

import re

from pypdf import PdfReader
from pypdf.generic import ContentStream

from .finish import tac

PT_PER_MM = 72 / 25.4
MIN_DPI = 300
COLOUR_OPS = {b"rg": "DeviceRGB", b"RG": "DeviceRGB", b"k": "DeviceCMYK", b"K": "DeviceCMYK",
              b"g": "DeviceGray", b"G": "DeviceGray"}


def mm(points: float) -> float:
    return round(points / PT_PER_MM, 2)


def box(page, name: str) -> dict | None:
    b = page.get(f"/{name}")
    if b is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in b)
    return {"width_mm": mm(x1 - x0), "height_mm": mm(y1 - y0),
            "pt": [round(v, 2) for v in (x0, y0, x1, y1)]}


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def colour_space_name(cs) -> str:
    """A readable name: DeviceRGB, ICCBased CMYK, Lab, …"""
    cs = cs.get_object() if hasattr(cs, "get_object") else cs
    if isinstance(cs, list) and cs:
        family = str(cs[0]).lstrip("/")
        if family == "ICCBased":
            n = int(cs[1].get_object().get("/N", 0))
            return "ICCBased " + {1: "Gray", 3: "RGB", 4: "CMYK"}.get(n, str(n))
        if family == "Indexed":
            return "Indexed " + colour_space_name(cs[1])
        return family
    return str(cs).lstrip("/")


def _resolve_cs(name, resources) -> str:
    spaces = (resources or {}).get("/ColorSpace") or {}
    spaces = spaces.get_object() if hasattr(spaces, "get_object") else spaces
    if name in spaces:
        return colour_space_name(spaces[name])
    return str(name).lstrip("/")


def scan_page(page, reader, min_dpi: int = MIN_DPI, tacs: dict | None = None
              ) -> tuple[list[dict], set[str]]:
    """Images drawn on the page (size from the current transformation matrix)
    and the colour spaces used, following form XObjects."""
    images: list[dict] = []
    spaces: set[str] = set()

    def walk(owner, resources, ctm, depth=0):
        resources = resources.get_object() if hasattr(resources, "get_object") else (resources or {})
        xobjects = resources.get("/XObject") or {}
        xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
        try:
            content = owner.get_contents() if hasattr(owner, "get_contents") else owner
            if content is None:
                return
            ops = ContentStream(content, reader).operations
        except Exception:  # noqa: BLE001 - an unreadable stream has nothing to report
            return
        stack, m = [], list(ctm)
        for operands, op in ops:
            if op == b"q":
                stack.append(list(m))
            elif op == b"Q" and stack:
                m = stack.pop()
            elif op == b"cm":
                m = _multiply([float(v) for v in operands], m)
            elif op in COLOUR_OPS:
                spaces.add(COLOUR_OPS[op])
            elif op in (b"cs", b"CS") and operands:
                spaces.add(_resolve_cs(operands[0], resources))
            elif op == b"Do" and operands[0] in xobjects:
                xo = xobjects[operands[0]].get_object()
                if xo.get("/Subtype") == "/Image":
                    images.append(_image(xo, m, operands[0], min_dpi, tacs))
                    if "/ColorSpace" in xo:
                        spaces.add(colour_space_name(xo["/ColorSpace"]))
                elif xo.get("/Subtype") == "/Form" and depth < 20:
                    fm = [float(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(xo, xo.get("/Resources") or resources, _multiply(fm, m), depth + 1)

    walk(page, page.get("/Resources"), [1, 0, 0, 1, 0, 0])
    res = page.get("/Resources") or {}
    defaults = res.get_object().get("/ColorSpace") if hasattr(res, "get_object") else res.get("/ColorSpace")
    if "DeviceRGB" in spaces and defaults is not None and "/DefaultRGB" in defaults.get_object():
        spaces.discard("DeviceRGB")
        spaces.add("DeviceRGB（DefaultRGB: " + colour_space_name(defaults.get_object()["/DefaultRGB"]) + "）")
    return images, spaces


def image_tac(xo, cache: dict | None = None) -> int | None:
    """Highest total area coverage (%) of a CMYK image (None: not CMYK)."""
    if colour_space_name(xo.get("/ColorSpace", "")) not in ("DeviceCMYK", "ICCBased CMYK"):
        return None
    key = id(xo)
    if cache is not None and key in cache:
        return cache[key]
    try:
        value = tac(xo.decode_as_image())
    except Exception:  # noqa: BLE001 - an image pypdf cannot decode has no known TAC
        value = None
    if cache is not None:
        cache[key] = value
    return value


def _image(xo, m, name, min_dpi: int = MIN_DPI, tacs: dict | None = None) -> dict:
    w_pt = (m[0] ** 2 + m[1] ** 2) ** 0.5
    h_pt = (m[2] ** 2 + m[3] ** 2) ** 0.5
    px_w, px_h = int(xo.get("/Width", 0)), int(xo.get("/Height", 0))
    dpis = [px / (pt / 72) for px, pt in ((px_w, w_pt), (px_h, h_pt)) if pt > 0]
    dpi = round(min(dpis)) if dpis else 0
    return {"name": str(name).lstrip("/"), "pixels": [px_w, px_h],
            "printed_mm": [mm(w_pt), mm(h_pt)], "effective_dpi": dpi,
            "colorspace": colour_space_name(xo.get("/ColorSpace", "")) if "/ColorSpace" in xo else "",
            "tac_percent": image_tac(xo, tacs), "ok": dpi >= min_dpi}


def fonts(reader: PdfReader) -> list[dict]:
    found: dict[str, dict] = {}

    def collect(resources, depth=0):
        resources = resources.get_object() if hasattr(resources, "get_object") else (resources or {})
        for ref in ((resources.get("/Font") or {}).values()):
            f = ref.get_object()
            base = str(f.get("/BaseFont", "")).lstrip("/")
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[base] = {"name": base, "type": str(f.get("/Subtype", "")).lstrip("/"),
                           "embedded": embedded, "subset": bool(re.match(r"[A-Z]{6}\+", base))}
        for xo in ((resources.get("/XObject") or {}).values()):
            xo = xo.get_object()
            if xo.get("/Subtype") == "/Form" and depth < 20:
                collect(xo.get("/Resources"), depth + 1)

    for page in reader.pages:
        collect(page.get("/Resources"))
    return sorted(found.values(), key=lambda f: f["name"])


def pdfx_version(reader: PdfReader) -> str:
    """GTS_PDFXVersion from the XMP metadata, else from the document info."""
    meta = reader.trailer["/Root"].get("/Metadata")
    if meta is not None:
        xmp = meta.get_object().get_data().decode("utf-8", "replace")
        m = re.search(r"GTS_PDFXVersion(?:>|=[\"'])([^<\"']+)", xmp)
        if m:
            return m.group(1).strip()
    info = reader.metadata or {}
    return str(info.get("/GTS_PDFXVersion", "") or "")


def output_intent(reader: PdfReader) -> dict:
    intents = reader.trailer["/Root"].get("/OutputIntents")
    if not intents:
        return {}
    oi = intents[0].get_object()
    profile = oi.get("/DestOutputProfile")
    n = int(profile.get_object().get("/N", 0)) if profile is not None else 0
    return {"subtype": str(oi.get("/S", "")).lstrip("/"),
            "condition": str(oi.get("/OutputConditionIdentifier", "")),
            "output_condition": str(oi.get("/OutputCondition", "")),
            "registry": str(oi.get("/RegistryName", "")),
            "profile_components": n}
