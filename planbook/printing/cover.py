"""The cover spread 表4 | spine | 表1 with bleed and trim marks."""
from __future__ import annotations

from pathlib import Path

import jinja2
import weasyprint

from .. import present
from ..model import Plan, PrintSettings
from .spine import A4_H, A4_W, SPINE_TITLE_MIN_MM, spine_mm


def render_cover(plan: Plan, s: PrintSettings, body_pages: int, layouts: Path, fonts: Path,
                 path: Path, url_fetcher, pdf_variant: str, icc: str | None) -> dict:
    """Write the cover PDF; return its geometry for the preflight report."""
    spine = spine_mm(body_pages, s)
    title = plan.info.title or ""
    show_title = spine >= SPINE_TITLE_MIN_MM
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(layouts / "cover"),
                             autoescape=True)
    html = env.get_template("cover.html").render(
        info=plan.info, period=present.period_label(plan), fonts=fonts.as_uri(),
        width_mm=2 * A4_W + spine, height_mm=A4_H, page_w=A4_W, spine_mm=spine,
        bleed_mm=s.bleed_mm, spine_title=title if show_title else "", icc=icc)
    doc = weasyprint.HTML(string=html, base_url=str(layouts / "cover") + "/",
                          url_fetcher=url_fetcher).render()
    doc.write_pdf(path, pdf_variant=pdf_variant)
    return {"spine_mm": spine, "width_mm": 2 * A4_W + spine, "height_mm": A4_H,
            "spine_title": show_title}
