"""Preflight: read the written print PDFs back and report what a print
vendor's operator checks — boxes, pages, fonts, images and their effective
resolution, colour spaces, PDF/X version, checksums."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

PT_PER_MM = 72 / 25.4
MIN_DPI = 300


def mm(points: float) -> float:
    return round(points / PT_PER_MM, 1)


def _box(page, name: str):
    box = page.get(f"/{name}")
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in box)
    return {"width_mm": mm(x1 - x0), "height_mm": mm(y1 - y0),
            "box_pt": [round(v, 2) for v in (x0, y0, x1, y1)]}


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _images_on_page(page, reader) -> list[dict]:
    """Every image drawn on the page with the size it is drawn at (from the
    current transformation matrix), following form XObjects."""
    found: list[dict] = []

    def walk(content_owner, resources, ctm):
        xobjects = (resources or {}).get("/XObject") or {}
        xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
        try:
            ops = ContentStream(content_owner, reader).operations
        except Exception:  # noqa: BLE001 - unreadable stream: nothing to report
            return
        stack, m = [], list(ctm)
        for operands, op in ops:
            if op == b"q":
                stack.append(list(m))
            elif op == b"Q" and stack:
                m = stack.pop()
            elif op == b"cm":
                m = _multiply([float(v) for v in operands], m)
            elif op == b"Do":
                xo = xobjects.get(operands[0])
                if xo is None:
                    continue
                xo = xo.get_object()
                if xo.get("/Subtype") == "/Image":
                    w_pt = (m[0] ** 2 + m[1] ** 2) ** 0.5
                    h_pt = (m[2] ** 2 + m[3] ** 2) ** 0.5
                    px_w, px_h = int(xo.get("/Width", 0)), int(xo.get("/Height", 0))
                    dpi = min(px_w / (w_pt / 72) if w_pt else 0, px_h / (h_pt / 72) if h_pt else 0)
                    found.append({"name": str(operands[0]), "pixels": [px_w, px_h],
                                  "printed_mm": [mm(w_pt), mm(h_pt)],
                                  "effective_dpi": round(dpi),
                                  "colorspace": str(xo.get("/ColorSpace", "")),
                                  "ok": dpi >= MIN_DPI})
                elif xo.get("/Subtype") == "/Form":
                    fm = [float(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(xo, xo.get("/Resources"), _multiply(fm, m))

    walk(page, page.get("/Resources"), [1, 0, 0, 1, 0, 0])
    return found


def _fonts(reader) -> list[dict]:
    fonts: dict[str, dict] = {}
    for page in reader.pages:
        res = page.get("/Resources") or {}
        for _, ref in ((res.get("/Font") or {}).items()):
            f = ref.get_object()
            base = str(f.get("/BaseFont", ""))
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[base] = {"name": base.lstrip("/"), "embedded": embedded,
                           "subset": bool(re.match(r"/?[A-Z]{6}\+", base))}
    return sorted(fonts.values(), key=lambda f: f["name"])


def _colorspaces(reader) -> list[str]:
    spaces: set[str] = set()
    for page in reader.pages:
        data = page.get_contents().get_data() if page.get_contents() else b""
        if re.search(rb"[\d.]+ [\d.]+ [\d.]+ [\d.]+ [kK]\b", data):
            spaces.add("DeviceCMYK")
        if re.search(rb"[\d.]+ [\d.]+ [\d.]+ (rg|RG)\b", data):
            spaces.add("DeviceRGB")
        if re.search(rb"[\d.]+ (g|G)\b", data):
            spaces.add("DeviceGray")
        res = page.get("/Resources") or {}
        for _, cs in ((res.get("/ColorSpace") or {}).items()):
            cs = cs.get_object()
            spaces.add(str(cs[0]).lstrip("/") if isinstance(cs, list) else str(cs).lstrip("/"))
    return sorted(spaces)


def pdfx_version(reader) -> str:
    meta = reader.trailer["/Root"].get("/Metadata")
    if meta is not None:
        xmp = meta.get_object().get_data().decode("utf-8", "replace")
        m = re.search(r"GTS_PDFXVersion(?:>|=\")([^<\"]+)", xmp)
        if m:
            return m.group(1)
    info = reader.metadata or {}
    return str(info.get("/GTS_PDFXVersion", "")) or ""


@dataclass
class FileReport:
    kind: str
    path: str
    sha256: str
    pages: int = 0
    boxes: dict = field(default_factory=dict)
    fonts: list = field(default_factory=list)
    images: list = field(default_factory=list)
    colorspaces: list = field(default_factory=list)
    pdfx: str = ""
    output_intent: str = ""
    problems: list = field(default_factory=list)


def inspect(path: Path, kind: str, sha256: str) -> FileReport:
    reader = PdfReader(path)
    rep = FileReport(kind=kind, path=path.name, sha256=sha256, pages=len(reader.pages))
    first = reader.pages[0]
    rep.boxes = {n: _box(first, n) for n in ("MediaBox", "BleedBox", "TrimBox")}
    sizes = {tuple(_box(p, "TrimBox")["box_pt"]) if p.get("/TrimBox") else None
             for p in reader.pages}
    if len(sizes) > 1:
        rep.problems.append("ページによって仕上がりサイズ（TrimBox）が違います。")
    rep.fonts = _fonts(reader)
    rep.problems += [f"フォント {f['name']} が埋め込まれていません。" for f in rep.fonts
                     if not f["embedded"]]
    for n, page in enumerate(reader.pages, 1):
        for img in _images_on_page(page, reader):
            img["page"] = n
            rep.images.append(img)
            if not img["ok"]:
                rep.problems.append(f"{n} ページの画像の解像度が {img['effective_dpi']} dpi です"
                                    f"（{MIN_DPI} dpi 以上が必要）。")
    rep.colorspaces = _colorspaces(reader)
    rep.pdfx = pdfx_version(reader)
    intents = reader.trailer["/Root"].get("/OutputIntents")
    if intents:
        rep.output_intent = str(intents[0].get_object().get("/OutputConditionIdentifier", ""))
    if not rep.pdfx:
        rep.problems.append("PDF/X の版が記録されていません。")
    return rep
