"""Page boxes for print: WeasyPrint puts crop marks inside the CSS bleed, so
the CSS bleed is the real bleed plus room for the marks, and the PDF
BleedBox is then set to exactly the real bleed."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

MARK_AREA_MM = 10.0            # room outside the bleed for トンボ
PT_PER_MM = 72 / 25.4


def css_bleed_mm(bleed_mm: float) -> float:
    return bleed_mm + MARK_AREA_MM


def set_bleed_box(path: Path, bleed_mm: float) -> None:
    """BleedBox = TrimBox grown by `bleed_mm` on every side, on every page."""
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    d = bleed_mm * PT_PER_MM
    for page in writer.pages:
        x0, y0, x1, y1 = (float(v) for v in page["/TrimBox"])
        page[NameObject("/BleedBox")] = ArrayObject(
            [FloatObject(round(v, 3)) for v in (x0 - d, y0 - d, x1 + d, y1 + d)])
    tmp = path.with_suffix(".tmp.pdf")
    with open(tmp, "wb") as f:
        writer.write(f)
    tmp.replace(path)
