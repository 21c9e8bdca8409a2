"""The cover spread 表4 | spine | 表1 with bleed, finished for press like the
body (トンボ and the spine's fold marks from planbook.printing.marks). 表1 is
the booklet's cover, drawn from the booklet view by the same partial
(layouts/booklet/partials/front.html, cover.css)."""
from __future__ import annotations

from pathlib import Path

from ..model import Plan, PrintSettings
from ..render import typeset
from . import boxes, colour, finish
from .body import VARIANT, weasyprint_profile
from .spine import cover_width_mm, spine_mm, spine_text

# characters turned a quarter when set one per line on the spine (縦中の回転)
ROTATED = set("ー－―‐-–—〜～…‥（）()「」『』【】〔〕［］[]｛｝{}〈〉《》＝=→←")


class CoverError(Exception):
    """A Japanese message: the cover cannot be built."""


def spine_chars(text: str) -> list[tuple[str, bool]]:
    return [(ch, ch in ROTATED) for ch in text if not ch.isspace()]


def spine_font_mm(spine: float, chars: int) -> float:
    """As large as the spine's width and its height below the band allow."""
    return round(min(spine * 0.62, 8.0, 195 / max(chars, 1) / 1.08), 2)


def render_cover(plan: Plan, view, s: PrintSettings, body_pages: int,
                 trim: tuple[float, float], layouts: Path, fonts: Path,
                 intent: colour.OutputIntent, path: Path, roots=()) -> dict:
    """Write the cover PDF; return its geometry for the report. `view`: the
    booklet view (planbook.present.Booklet) whose cover is 表1. WeasyPrint
    reads only inside `layouts`, `fonts` and `roots` (the source folder)."""
    info = plan.info
    page_w, page_h = trim
    spine = spine_mm(body_pages, s)
    width = cover_width_mm(body_pages, s, page_w)
    title = info.title or ""
    show = spine_text(spine, s) and bool(title)
    title_chars = spine_chars(title) if show else []
    name_chars = spine_chars(info.municipality or "") if show else []
    html = typeset.template(layouts, ("cover", "print", "booklet"), "cover.html").render(
        info=info, b=view, fonts=fonts.resolve().as_uri(),
        width_mm=width, height_mm=page_h, page_w=page_w, spine_mm=spine,
        **boxes.page_values(s.bleed_mm),
        spine_title=title_chars, spine_name=name_chars,
        spine_font=spine_font_mm(spine, len(title_chars) + len(name_chars) + 2))
    doc = typeset.render(html, (layouts / "cover").as_uri() + "/", fonts, [*roots, layouts], compose=True,
                         pdf_variant=VARIANT,
                         color_profiles=colour.profiles(weasyprint_profile(intent)))
    typeset.write(doc, path, pdf_variant=VARIANT,
                  finisher=boxes.finisher(s.bleed_mm, "DefaultRGB"))
    folds = (page_w, page_w + spine) if spine else (page_w,)
    try:
        finish.finish(path, s.bleed_mm, intent.profile, s.max_ink_percent, folds)
    except finish.FinishError as e:
        raise CoverError(str(e)) from e
    if s.binding == "saddle":
        spine_note = "中綴じのため背はありません。"
    elif show:
        spine_note = "背に書名と発行者名を一字ずつ縦に並べて入れています。"
    else:
        spine_note = (f"背幅が {s.spine_text_min_mm:g} mm 未満のため、背の文字は入れていません。")
    return {"spine_mm": spine, "width_mm": width, "height_mm": page_h, "page_w_mm": page_w,
            "spine_title": show, "spine_note": spine_note, "pages": len(doc.pages)}
