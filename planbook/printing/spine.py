"""Cover geometry: the spine width from the page count and the papers, and
the padding of the body to the binding's page multiple."""
from __future__ import annotations

import math

from ..model import PrintSettings

SPINE_TITLE_MIN_MM = 5.0       # narrower spines carry no title


def sheets(pages: int) -> int:
    return math.ceil(pages / 2)


def spine_mm(pages: int, s: PrintSettings) -> float:
    """Body sheets × paper thickness + two covers (+ glue). A saddle-stitched
    booklet is folded, not glued: it has no flat spine (0)."""
    if s.binding == "saddle":
        return 0.0
    return round(sheets(pages) * s.paper_thickness_mm + 2 * s.cover_thickness_mm + s.glue_mm, 2)


def cover_width_mm(pages: int, s: PrintSettings, page_w: float) -> float:
    """Trim width of the spread 表4 | spine | 表1 (the bleed comes on top)."""
    return round(2 * page_w + spine_mm(pages, s), 2)


def padding(pages: int, multiple: int) -> int:
    return (-pages) % multiple
