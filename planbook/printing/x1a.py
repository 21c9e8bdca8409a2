"""PDF/X-1a:2003 through Ghostscript from the finished PDF/X-4 file, whose
colours are already CMYK (layouts/print/colours.css) and whose images are
already converted with the output profile (planbook.printing.finish):
Ghostscript leaves every colour as it is (so K-only black stays K-only and
the registration colour stays a Separation /All), flattens transparency
(PDF 1.3 output) and writes the output intent: the vendor's profile
embedded, or the registered name of the condition alone. Anything still
not CMYK would stay as it is and the preflight refuses it."""
from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from .. import scratch
from .colour import OutputIntent
from .transparency import strip

VERSION = "PDF/X-1a:2003"


class ConversionError(Exception):
    """A Japanese message: Ghostscript could not convert the file."""


def _ps_string(s: str) -> str:
    """A PostScript string literal; non-ASCII as UTF-16BE hex with a BOM."""
    if s.isascii():
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def _definitions(intent: OutputIntent, title: str) -> str:
    profile = registry = ""
    if intent.profile is not None:
        profile = f"""[/_objdef {{icc_PDFX}} /type /stream /OBJ pdfmark
[{{icc_PDFX}} << /N 4 >> /PUT pdfmark
[{{icc_PDFX}} <{str(intent.profile.resolve()).encode("utf-8").hex()}> (r) file /PUT pdfmark
"""
    if intent.registry:
        registry = f"/RegistryName {_ps_string(intent.registry)}"
    dest = "/DestOutputProfile {icc_PDFX}" if intent.profile is not None else ""
    return f"""%!
[ /GTS_PDFXVersion ({VERSION}) /GTS_PDFXConformance ({VERSION})
  /Title {_ps_string(title)} /Trapped /False /DOCINFO pdfmark
{profile}[/_objdef {{OutputIntent_PDFX}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFX}} << /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition {_ps_string(intent.output_condition)}
  /OutputConditionIdentifier {_ps_string(intent.identifier)}
  /Info {_ps_string(intent.output_condition)} {registry} {dest} >> /PUT pdfmark
[{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFX}} ] >> /PUT pdfmark
"""


def ghostscript() -> str | None:
    return shutil.which("gs")


def convert(path: Path, intent: OutputIntent, title: str) -> list[int]:
    """Rewrite `path` (a PDF/X-4 with marks and boxes) as PDF/X-1a; return
    the pages that had real transparency (flattened to images)."""
    gs = ghostscript()
    if gs is None:
        raise ConversionError("PDF/X-1a への変換には Ghostscript（gs）が必要ですが、見つかりません。")
    reader = PdfReader(path)
    page_boxes = [{k: [float(v) for v in p[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox")
                   if k in p} for p in reader.pages]
    with scratch.temporary("x1a-") as tmp:
        defs = Path(tmp) / "pdfx.ps"
        defs.write_text(_definitions(intent, title), encoding="ascii")
        out, flat = Path(tmp) / "x1a.pdf", Path(tmp) / "flat.pdf"
        shutil.copy(path, flat)
        with quiet_pypdf():
            transparent = strip(flat)
        read = [f"--permit-file-read={intent.profile.resolve()}"] if intent.profile else []
        cmd = [gs, "-dNOPAUSE", "-dBATCH", "-dSAFER", "-q", *read,
               "-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.3",
               "-sColorConversionStrategy=LeaveColorUnchanged", "-sProcessColorModel=DeviceCMYK",
               "-dEmbedAllFonts=true", "-dSubsetFonts=true", "-dAutoRotatePages=/None",
               "-dDownsampleColorImages=false", "-dDownsampleGrayImages=false",
               f"-sOutputFile={out}", str(defs), str(flat)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        log = (r.stdout + r.stderr).strip()
        if r.returncode != 0 or not out.is_file() or "Error" in log:
            raise ConversionError(f"Ghostscript で PDF/X-1a に変換できませんでした: {log[-600:]}")
        with quiet_pypdf():
            _restore_boxes(out, page_boxes)
        shutil.move(out, path)
    return transparent


@contextlib.contextmanager
def quiet_pypdf():
    """pypdf logs harmless notes (e.g. on trailer sizes) that users need not see."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _restore_boxes(path: Path, page_boxes: list[dict]) -> None:
    """Ghostscript moves the MediaBox to the origin and drops TrimBox and
    BleedBox: put them back, shifted as the MediaBox was."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page, b in zip(writer.pages, page_boxes):
        old, new = b["/MediaBox"], [float(v) for v in page["/MediaBox"]]
        dx, dy = new[0] - old[0], new[1] - old[1]
        for name in ("/TrimBox", "/BleedBox"):
            if name in b:
                x0, y0, x1, y1 = b[name]
                page[NameObject(name)] = ArrayObject(
                    [FloatObject(round(v, 3)) for v in (x0 + dx, y0 + dy, x1 + dx, y1 + dy)])
    tmp = path.with_suffix(".boxes.pdf")
    with open(tmp, "wb") as f:
        writer.write(f)
    tmp.replace(path)
