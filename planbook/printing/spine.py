"""Cover geometry: the spine width from the page count and the papers."""
from __future__ import annotations

import math

from ..model import PrintSettings

A4_W, A4_H = 210.0, 297.0
SPINE_TITLE_MIN_MM = 5.0       # narrower spines carry no title


def sheets(pages: int) -> int:
    return math.ceil(pages / 2)


def spine_mm(pages: int, s: PrintSettings) -> float:
    """Body sheets × paper thickness + two covers + glue. A saddle-stitched
    booklet has no flat spine: 0."""
    if s.binding == "saddle":
        return 0.0
    return round(sheets(pages) * s.paper_thickness_mm + 2 * s.cover_thickness_mm + s.glue_mm, 2)


def cover_size_mm(pages: int, s: PrintSettings) -> tuple[float, float]:
    """Trim size of the cover spread 表4 | spine | 表1 (without bleed)."""
    return 2 * A4_W + spine_mm(pages, s), A4_H


def padding(pages: int, multiple: int) -> int:
    return (-pages) % multiple
