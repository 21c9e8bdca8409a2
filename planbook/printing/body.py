"""The print body: the booklet as laid out by the PDF builder, with the print
stylesheet (bleed, trim marks, bands into the bleed), padded with blank pages
to the binding's page multiple, written as PDF/X-4."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Plan
from . import boxes, colour
from .spine import padding

PRINT_CSS = "print/body.css"
VARIANT = "pdf/x-4"
MM_PER_PX = 25.4 / 96


class BodyError(Exception):
    """A Japanese message: the body cannot be built."""


@dataclass
class Body:
    pages: int                          # after padding
    trim_mm: tuple[float, float] = (0.0, 0.0)               # page width, height
    padded: list[int] = field(default_factory=list)       # page numbers added blank
    chapters: list[tuple[str, int]] = field(default_factory=list)  # (title, page)


def booklet_document(plan: Plan, ctx, extra_css: list[str], options: dict):
    """The booklet laid out by the PDF builder with `extra_css` (CSS text,
    after the booklet's own stylesheet) and `options` passed to render()."""
    try:
        from ..render import render_document
    except ImportError as e:
        raise BodyError("冊子の組版（planbook.render.render_document）が見つからないため、"
                        "印刷用の本文を作れません。") from e
    return render_document(plan, ctx, extra_css=extra_css, **options)


def print_css(layouts: Path, bleed_mm: float) -> list[str]:
    return [(layouts / PRINT_CSS).read_text(encoding="utf-8"), boxes.page_css(bleed_mm)]


def blank_pages(count: int, width_px: float, height_px: float, bleed_mm: float, options: dict):
    """`count` empty pages of the body's size, with the same bleed and marks."""
    from weasyprint import HTML
    html = (f"<style>@page {{ size: {width_px}px {height_px}px; margin: 0; }}"
            f"{boxes.page_css(bleed_mm)} div + div {{ break-before: page; }}</style>"
            + "<div></div>" * count)
    return HTML(string=html).render(**options).pages


def chapters(document) -> list[tuple[str, int]]:
    """Top-level bookmarks (chapters) with their 1-based page numbers."""
    return [(label, target[0] + 1) for label, target, _children, _state
            in document.make_bookmark_tree()]


def render_body(plan: Plan, ctx, bleed_mm: float, multiple: int, cmyk: Path,
                path: Path) -> Body:
    profiles = colour.profiles(cmyk)
    options = {"pdf_variant": VARIANT, "color_profiles": profiles}
    document = booklet_document(plan, ctx, print_css(Path(ctx.layouts), bleed_mm), options)
    if not document.pages:
        raise BodyError("冊子が 1 ページもありません。")
    n = len(document.pages)
    pad = padding(n, multiple)
    if pad:
        first = document.pages[0]
        extra = blank_pages(pad, first.width, first.height, bleed_mm,
                            {"pdf_variant": VARIANT, "color_profiles": profiles})
        document = document.copy(document.pages + extra)
    document.write_pdf(path, pdf_variant=VARIANT,
                       finisher=boxes.finisher(bleed_mm, "DefaultRGB"))
    first = document.pages[0]
    trim = (round(first.width * MM_PER_PX, 2), round(first.height * MM_PER_PX, 2))
    return Body(pages=n + pad, trim_mm=trim, padded=list(range(n + 1, n + pad + 1)),
                chapters=chapters(document))
