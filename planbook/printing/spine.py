"""Cover geometry: the spine width from the page count and the papers, and
the padding of the body to the binding's page multiple."""
from __future__ import annotations

import math

from ..model import PrintSettings



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


def binding_refusal(pages: int, s: PrintSettings) -> str | None:
    """Why the book cannot be bound as asked: a perfect-bound spine thinner
    than the vendor's minimum (plan.yaml print.min_spine_mm)."""
    if s.binding != "perfect":
        return None
    spine = spine_mm(pages, s)
    if spine >= s.min_spine_mm:
        return None
    saddle = "中綴じ（--binding saddle）に向いています" if pages <= s.saddle_max_pages and pages % 4 == 0 \
        else "中綴じ（--binding saddle）を印刷会社に相談してください"
    return (f"無線綴じの背幅が {spine:g} mm で、印刷会社の最小 {s.min_spine_mm:g} mm に足りません"
            f"（本文 {pages} ページ）。このページ数は{saddle}。"
            "用紙の厚さ（paper_thickness_mm）が違うときは plan.yaml の print: を直してください。")


def binding_warnings(pages: int, s: PrintSettings) -> list[str]:
    if s.binding == "saddle" and pages > s.saddle_max_pages:
        return [f"中綴じで本文が {pages} ページあり、中綴じで綴じられる目安の {s.saddle_max_pages} ページを"
                "超えています。無線綴じ（--binding perfect）にするか、印刷会社に確かめてください。"]
    return []


def spine_text(spine: float, s: PrintSettings) -> bool:
    """Is the spine wide enough for its text (plan.yaml print.spine_text_min_mm)?"""
    return spine >= s.spine_text_min_mm
