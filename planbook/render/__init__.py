"""The booklet view → HTML (layouts/booklet/, Jinja2) → a WeasyPrint layout.

The renderer draws the presentation model (planbook.present) and decides
nothing about wording. Its extension point is `stylesheets`: CSS files of
layouts/ (proof marks, print bleed) added after the layout's own, each a
small Jinja template that receives values only (a stamp text, a bleed)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import jinja2
from markupsafe import Markup

from ..present import labels as L
from ..present.booklet import page_cuts, with_cuts
from ..present.view import Booklet
from . import typeset

LAYOUT = "booklet"
SYS_ROW = "sys-row-"          # anchor of each 体系 table row
MAX_PASSES = 4


@dataclass(frozen=True)
class Stylesheet:
    """A CSS file under layouts/ added after the layout's own stylesheets.
    `values` fill its {{ … }} places (strings through `css_string`)."""
    path: str
    values: Mapping = field(default_factory=dict)


def css_text(layouts: Path, sheets: Iterable[Stylesheet]) -> list[Markup]:
    """The stylesheets' text, each a template of layouts/ (not autoescaped:
    values go through `css_string`), made safe to put in a <style>."""
    env = typeset.environment(layouts)
    out = []
    for sheet in sheets:
        text = env.get_template(sheet.path).render(**sheet.values)
        out.append(Markup(text.replace("</", "<\\/")))
    return out


def environment(layouts: Path) -> jinja2.Environment:
    """The environment of layouts/booklet/ (typeset.environment). `uri`: a
    file's URL, by its place in the source folder when inside it (the folder
    is the context's `source_dir`)."""
    return typeset.environment(layouts, LAYOUT)


@dataclass(frozen=True)
class Section:
    """A piece of the booklet the layout draws (a partial of
    layouts/booklet/partials/). A 将来像 part names its 将来像 and which of
    its pages it draws: its title page (`opens`), its 施策 (`codes`, None:
    all) and the list of its 施策 not written yet (`closes`)."""
    template: str
    vision: object = None
    codes: frozenset | None = None
    opens: bool = True
    closes: bool = True
    values: Mapping = field(default_factory=dict)     # for a partial of another layer

    def shows(self, code: str) -> bool:
        return self.codes is None or code in self.codes


FRONT = {"toc": ("partials/cover.html", "partials/toc.html"),
         "concept": ("partials/philosophy.html", "partials/visions.html", "partials/goals.html"),
         "system": ("partials/system.html",)}
VISION, ORPHANS = "partials/vision.html", "partials/orphans.html"


def sections(view: Booklet) -> tuple[Section, ...]:
    """The whole booklet: cover and 目次, 基本理念 to 基本目標, 計画の体系,
    one part per 将来像, the 施策 outside any."""
    out = [Section(t) for name in FRONT for t in FRONT[name]]
    out += [Section(VISION, vision=v) for v in view.parts]
    return tuple(out + ([Section(ORPHANS)] if view.orphans else []))


def context(view: Booklet, fonts: Path, cuts: frozenset[int] = frozenset(),
            css: list[Markup] = (), drawn: tuple[Section, ...] | None = None) -> dict:
    return {
        "sections": sections(view) if drawn is None else drawn,
        "b": view, "fonts": Path(fonts).resolve().as_uri(),
        "system_groups": _groups(with_cuts(view.system.rows, cuts)),
        "slots": view.slots, "extra_css": list(css),
        "placeholder_block": L.BLOCK_PLACEHOLDER, "missing": L.PLACEHOLDER,
        "missing_year": L.NO_YEAR,
    }


def _groups(rows) -> list[list]:
    out: list[list] = []
    for row in rows:
        if row.vision_span or not out:
            out.append([])
        out[-1].append(row)
    return out


def render_html(view: Booklet, layouts: Path, fonts: Path, stylesheets=(),
                cuts: frozenset[int] = frozenset(), source: Path | None = None,
                drawn: tuple[Section, ...] | None = None) -> str:
    """`cuts`: rows of the 体系 table that start a new page (see render_document);
    `source`: the source folder, whose images are named by their place in it;
    `drawn`: the sections to draw (default: the whole booklet)."""
    template = environment(Path(layouts)).get_template("booklet.html")
    return template.render(context(view, fonts, cuts, css_text(Path(layouts), stylesheets),
                                   drawn), source_dir=Path(source) if source else None)


def _row_pages(doc) -> dict[int, int]:
    """Page (0-based) of each 体系 table row, from the rows' anchors."""
    out = {}
    for n, page in enumerate(doc.pages):
        for anchor in page.anchors:
            if anchor.startswith(SYS_ROW):
                out[int(anchor[len(SYS_ROW):])] = n
    return out


def render_document(view: Booklet, layouts: Path, fonts: Path, roots: Iterable[Path] = (),
                    stylesheets: Iterable[Stylesheet] = (), drawn=None,
                    cuts: frozenset[int] = frozenset(), **options):
    """The laid-out booklet (weasyprint.Document), Japanese text composed.
    WeasyPrint may read only inside `layouts`, `fonts` and `roots` (the first:
    the source folder), and sets text only in the fonts of `fonts` (typeset)."""
    layouts, fonts = Path(layouts), Path(fonts)
    sheets = list(stylesheets)
    roots = list(roots)
    source = roots[0] if roots else None
    base = typeset.folder_url(layouts / LAYOUT)

    def lay_out(cuts):
        html_text = render_html(view, layouts, fonts, sheets, cuts, source, drawn)
        return typeset.render(html_text, base, fonts, [layouts, *roots], source,
                              compose=True, **options)

    # A merged cell of the 体系 table cut by a page break loses its label on
    # the next page: lay out again with the merged cells restarting there.
    # `cuts`: those found by an earlier layout of the same content (parts).
    cuts = frozenset(cuts)
    doc = lay_out(cuts)
    for _ in range(MAX_PASSES):
        more = page_cuts(with_cuts(view.system.rows, cuts), _row_pages(doc)) - cuts
        if not more:
            break
        cuts |= more
        doc = lay_out(cuts)
    doc.cuts = cuts
    return doc


def _policy_anchors(doc) -> dict[str, dict[str, tuple[int, float]]]:
    """code -> {start, right, left-end, end: (1-based page, y in px)} from the
    anchors the layout puts in each 施策 (partials/policy.html)."""
    out: dict[str, dict[str, tuple[int, float]]] = {}
    for n, page in enumerate(doc.pages, 1):
        for anchor, box in page.anchors.items():
            y = box[1]
            if not anchor.startswith("policy-"):
                continue
            rest = anchor[len("policy-"):]
            for suffix in ("-left-end", "-right", "-end"):
                if rest.endswith(suffix):
                    out.setdefault(rest[:-len(suffix)], {}).setdefault(suffix[1:], (n, y))
                    break
            else:
                out.setdefault(rest, {}).setdefault("start", (n, y))
    return out


def policy_pages(doc) -> dict[str, tuple[int, int]]:
    """First and last page (1-based) of each 施策, from the anchors the layout
    puts at its start (`policy-CODE`) and its end (`policy-CODE-end`)."""
    out = {}
    for code, marks in _policy_anchors(doc).items():
        if "start" in marks:
            first = marks["start"][0]
            out[code] = (first, max(first, marks.get("end", marks["start"])[0]))
    return out


@dataclass(frozen=True)
class Overflow:
    """A 施策 longer than its template (a spread, or one page)."""
    code: str
    pages: int               # pages it takes
    template: int            # pages of its template
    half: str                # left | right | page: the part that runs over
    mm: float                # how far it runs over


def overflows(doc, template_pages: int) -> list[Overflow]:
    """Each 施策 whose content does not fit its template, with by how much.
    The run-over is measured from the anchors: how far the half that does not
    fit reaches into the pages after the one it should end on."""
    out = []
    if not doc.pages:
        return out
    page_h = doc.pages[0].height
    px_mm = 25.4 / 96
    for code, marks in _policy_anchors(doc).items():
        if "start" not in marks or "end" not in marks:
            continue
        first = marks["start"][0]
        end_page, end_y = marks["end"]
        pages = end_page - first + 1
        if template_pages == 2:
            left_page, left_y = marks.get("left-end", marks["start"])
            if left_page > first:
                out.append(Overflow(code, pages, 2, "left",
                                    round(((left_page - first - 1) * page_h + left_y) * px_mm)))
                continue
            right_start = marks.get("right", (first + 1, 0))[0]
            if end_page > right_start:
                out.append(Overflow(code, pages, 2, "right",
                                    round(((end_page - right_start - 1) * page_h + end_y) * px_mm)))
        elif pages > 1:
            out.append(Overflow(code, pages, 1, "page",
                                round(((pages - 2) * page_h + end_y) * px_mm)))
    return out
