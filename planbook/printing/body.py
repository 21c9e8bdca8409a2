"""The print body: the booklet as laid out by the PDF builder, with the print
stylesheets (bleed, CMYK colours, bands into the bleed), padded with blank
pages to the binding's page multiple, written as PDF/X-4 and finished for
press (planbook.printing.finish: origin, images, トンボ)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..render import Stylesheet, typeset
from . import boxes, colour, finish
from .spine import padding

PRINT_CSS = "print/body.css"
PAGE_CSS = "print/page.css"
COLOURS_CSS = "print/colours.css"
VARIANT = "pdf/x-4"
MM_PER_PX = 25.4 / 96
POLICY_ANCHOR = "policy-"
SYSTEM_ANCHOR = "system"          # the 計画の体系 (present.booklet)


class BodyError(Exception):
    """A Japanese message: the body cannot be built."""


@dataclass
class Body:
    pages: int                          # after padding
    trim_mm: tuple[float, float] = (0.0, 0.0)               # page width, height
    padded: list[int] = field(default_factory=list)       # page numbers added blank
    blank: list[dict] = field(default_factory=list)       # {page, reason} of every empty page
    chapters: list[tuple[str, int]] = field(default_factory=list)  # (title, page)
    parts: list[tuple[str, int]] = field(default_factory=list)     # (anchor, page) of each part
    findings: list = field(default_factory=list)       # the layout's (planbook.render.overflow)
    images_converted: int = 0
    images_limited: int = 0


def stylesheets(bleed_mm: float) -> list:
    """The print additions to the booklet layout (layouts/print/)."""
    return [Stylesheet(PRINT_CSS), Stylesheet(COLOURS_CSS),
            Stylesheet(PAGE_CSS, boxes.page_values(bleed_mm))]


def blank_pages(layouts: Path, fonts: Path, count: int, width_px: float, height_px: float,
                bleed_mm: float, options: dict):
    """`count` empty pages of the body's size, with the same bleed, in the
    fonts of `fonts`; `options`: the body's (pdf_variant, color_profiles)."""
    html = typeset.template(layouts, "print", "blank.html").render(
        count=count, width_px=width_px, height_px=height_px, **boxes.page_values(bleed_mm))
    return typeset.render(html, None, fonts, **options).pages


def chapters(document) -> list[tuple[str, int]]:
    """Top-level bookmarks (chapters) with their 1-based page numbers."""
    return [(label, target[0] + 1) for label, target, _children, _state
            in document.make_bookmark_tree()]


def openings(document) -> dict[int, list[str]]:
    """The anchors that open on each page (1-based): where each first appears
    (a box split over pages carries its anchor on every page)."""
    first: dict[str, int] = {}
    for n, page in enumerate(document.pages, 1):
        for a in page.anchors:
            first.setdefault(a, n)
    out: dict[int, list[str]] = {}
    for a, n in first.items():
        out.setdefault(n, []).append(a)
    return out


def _is_part(anchor: str) -> bool:
    return anchor == "orphans" or (anchor.startswith("vision-") and anchor[7:].isdigit())


def parts(opened: dict[int, list[str]]) -> list[tuple[str, int]]:
    """The page (1-based) each part (将来像扉) opens on: it must be a right page."""
    return [(a, n) for n, anchors in sorted(opened.items()) for a in anchors if _is_part(a)]


def blank_reason(n: int, opened: dict[int, list[str]], padded: list[int], multiple: int) -> str:
    """Why page `n` (1-based) of the body carries nothing, from the layout:
    what the next page opens."""
    if n in padded:
        return f"製本のページ数を {multiple} の倍数にそろえるために加えた白ページ"
    following = opened.get(n + 1, [])
    if n % 2 == 0 and any(_is_part(a) for a in following):
        return "次の部の扉を右ページ（奇数ページ）から始めるため、その前の左ページが白ページ"
    if n % 2 == 1 and SYSTEM_ANCHOR in following:
        return "計画の体系を見開きで見せるため左ページ（偶数ページ）から始め、その前の右ページが白ページ"
    policies = [a[len(POLICY_ANCHOR):] for a in following
                if a.startswith(POLICY_ANCHOR) and not a.endswith(("-end", "-right"))]
    if n % 2 == 1 and policies:
        return (f"施策 {policies[0]} の見開きを左ページ（偶数ページ）から始めるため、"
                "その前の右ページが白ページ")
    return "前の内容がこのページに続かず、次の内容が次のページから始まるための白ページ"


def render_body(lay_out, view, layouts: Path, fonts: Path, bleed_mm: float, multiple: int,
                intent: colour.OutputIntent, max_ink: int, path: Path) -> Body:
    """Lay out the booklet view with the print stylesheets (`lay_out`:
    BuildContext.lay_out, which also gives the layout's findings); write
    PDF/X-4 finished for press."""
    profiles = colour.profiles(weasyprint_profile(intent))
    options = {"pdf_variant": VARIANT, "color_profiles": profiles}
    document, findings = lay_out(view, stylesheets(bleed_mm), **options)
    if not document.pages:
        raise BodyError("冊子が 1 ページもありません。")
    n = len(document.pages)
    pad = padding(n, multiple)
    if pad:
        first = document.pages[0]
        extra = blank_pages(layouts, fonts, pad, first.width, first.height, bleed_mm,
                            {"pdf_variant": VARIANT, "color_profiles": profiles})
        document = document.copy(document.pages + extra)
    typeset.write(document, path, pdf_variant=VARIANT,
                  finisher=boxes.finisher(bleed_mm, "DefaultRGB"))
    try:
        done = finish.finish(path, bleed_mm, intent.profile, max_ink)
    except finish.FinishError as e:
        raise BodyError(str(e)) from e
    first = document.pages[0]
    trim = (round(first.width * MM_PER_PX, 2), round(first.height * MM_PER_PX, 2))
    padded = list(range(n + 1, n + pad + 1))
    opened = openings(document)
    blank = [{"page": p, "reason": blank_reason(p, opened, padded, multiple)} for p in done.blank]
    return Body(pages=n + pad, trim_mm=trim, padded=padded, blank=blank, findings=findings,
                chapters=chapters(document), parts=parts(opened), images_converted=done.converted,
                images_limited=done.limited)


def weasyprint_profile(intent: colour.OutputIntent) -> Path:
    """The CMYK profile WeasyPrint's PDF/X-4 output intent embeds: the
    vendor's; with none (PDF/X-1a naming a registered condition, whose
    output intent Ghostscript writes), Ghostscript's as a stand-in for the
    intermediate file only."""
    if intent.profile is not None:
        return intent.profile
    generic = colour.generic_cmyk()
    if generic is None:
        raise BodyError("PDF/X-1a への変換に使う Ghostscript（libgs-common）の CMYK プロファイルが"
                        "見つかりません。Ghostscript をインストールしてください。")
    return generic
