"""The print body: the booklet as laid out by the PDF builder, with the print
stylesheet (bleed, trim marks, bands into the bleed), padded with blank pages
to the binding's page multiple, written as PDF/X-4."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import boxes, colour
from .spine import padding

PRINT_CSS = "print/body.css"
PAGE_CSS = "print/page.css"
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
    findings: list = field(default_factory=list)       # the layout's (planbook.render.overflow)


def stylesheets(bleed_mm: float) -> list:
    """The print additions to the booklet layout (layouts/print/)."""
    from ..render import Stylesheet
    return [Stylesheet(PRINT_CSS), Stylesheet(PAGE_CSS, boxes.page_values(bleed_mm))]


def blank_pages(layouts: Path, count: int, width_px: float, height_px: float, bleed_mm: float,
                options: dict):
    """`count` empty pages of the body's size, with the same bleed and marks.
    `options` carry the body's font_config (render/fonts.py)."""
    import jinja2
    from weasyprint import HTML
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(layouts) / "print"),
                             autoescape=True)
    html = env.get_template("blank.html").render(count=count, width_px=width_px,
                                                 height_px=height_px, **boxes.page_values(bleed_mm))
    return HTML(string=html).render(**options).pages


def chapters(document) -> list[tuple[str, int]]:
    """Top-level bookmarks (chapters) with their 1-based page numbers."""
    return [(label, target[0] + 1) for label, target, _children, _state
            in document.make_bookmark_tree()]


def render_body(lay_out, view, layouts: Path, fonts: Path, bleed_mm: float, multiple: int,
                cmyk: Path, path: Path) -> Body:
    """Lay out the booklet view with the print stylesheets (`lay_out`:
    BuildContext.lay_out, which also gives the layout's findings); write PDF/X-4."""
    from ..render.fonts import font_config
    profiles = colour.profiles(cmyk)
    options = {"pdf_variant": VARIANT, "color_profiles": profiles}
    document, findings = lay_out(view, stylesheets(bleed_mm), **options)
    if not document.pages:
        raise BodyError("冊子が 1 ページもありません。")
    n = len(document.pages)
    pad = padding(n, multiple)
    if pad:
        first = document.pages[0]
        extra = blank_pages(layouts, pad, first.width, first.height, bleed_mm,
                            {"pdf_variant": VARIANT, "color_profiles": profiles,
                             "font_config": font_config(fonts)})
        document = document.copy(document.pages + extra)
    document.write_pdf(path, pdf_variant=VARIANT,
                       finisher=boxes.finisher(bleed_mm, "DefaultRGB"))
    first = document.pages[0]
    trim = (round(first.width * MM_PER_PX, 2), round(first.height * MM_PER_PX, 2))
    return Body(pages=n + pad, trim_mm=trim, padded=list(range(n + 1, n + pad + 1)),
                findings=findings,
                chapters=chapters(document))
