"""The booklet as HTML (Jinja2 layouts in layouts/booklet/) and as a laid-out
WeasyPrint document. Reads only the model and the layouts."""
from __future__ import annotations

from pathlib import Path

import jinja2
import yaml

from .. import present
from ..markup import plain_text
from ..model import Plan
from . import context as build
from .fetch import url_fetcher
from .inline import glue, inline, placeholder, ruby

LAYOUT = "booklet"
SYS_ROW = "sys-row-"          # anchor of each 体系 table row
MAX_PASSES = 4


def slots(layouts: Path) -> dict:
    """Printed sizes of the artwork slots (mm), shared with the artwork check:
    {kind: {width_mm, height_mm}}."""
    data = yaml.safe_load((Path(layouts) / LAYOUT / "slots.yaml").read_text(encoding="utf-8"))
    return data or {}


def _plain(text) -> str:
    return plain_text(text) if text else ""


def environment(layouts: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(layouts) / LAYOUT),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(inline=inline, plain=_plain, glue=glue, circled=present.circled,
                       fiscal=present.fiscal_year, wareki=present.wareki)
    env.globals.update(ruby=ruby, placeholder=placeholder, present=present)
    return env


def context(plan: Plan, ctx, cuts: frozenset[int] = frozenset()) -> dict:
    final = bool(getattr(ctx, "final", False))
    rows = build.system_rows(plan, cuts)
    return {
        "plan": plan, "info": plan.info, "concept": plan.concept, "final": final,
        "fonts": Path(ctx.fonts).resolve().as_uri(),
        "period": present.period_label(plan),
        "period_short": present.period_label(plan, seireki=False),
        "system_groups": build.system_groups(rows), "orphans": build.orphans(plan),
        "artwork": lambda slot_id: build.artwork_slot(plan, slot_id, final),
        "slots": slots(Path(ctx.layouts)),
        "policies_of": plan.policies_of, "written": build.written,
        "policy_label": plan.policy_label,
        "goal_labels": present.goal_note_labels, "policy_labels": present.policy_note_labels,
        "marks": getattr(ctx, "marks", None) or {},
    }


def render_html(plan: Plan, ctx, cuts: frozenset[int] = frozenset()) -> str:
    """`cuts`: rows of the 体系 table that start a new page (see render_document)."""
    template = environment(Path(ctx.layouts)).get_template("booklet.html")
    return template.render(context(plan, ctx, cuts))


def _row_pages(doc) -> dict[int, int]:
    """Page (0-based) of each 体系 table row, from the rows' anchors."""
    out = {}
    for n, page in enumerate(doc.pages):
        for anchor in page.anchors:
            if anchor.startswith(SYS_ROW):
                out[int(anchor[len(SYS_ROW):])] = n
    return out


def render_document(plan: Plan, ctx, extra_css=(), **options):
    """The laid-out booklet (weasyprint.Document). `extra_css`: CSS text is
    inserted as <style> after the layout's own stylesheets (needed for
    @color-profile); weasyprint.CSS objects are added as user stylesheets.
    `roots`: more folders WeasyPrint may read."""
    import weasyprint
    texts = [c for c in extra_css if isinstance(c, str)]
    sheets = [c for c in extra_css if not isinstance(c, str)]
    if sheets:
        options["stylesheets"] = list(options.get("stylesheets") or []) + sheets
    roots = [plan.source_dir, Path(ctx.layouts), Path(ctx.fonts)] + list(options.pop("roots", []))
    base = (Path(ctx.layouts) / LAYOUT).resolve().as_uri() + "/"
    fetcher = url_fetcher(roots)

    def lay_out(cuts):
        html = render_html(plan, ctx, cuts)
        if texts:
            css = "".join(f"<style>{c}</style>" for c in texts)
            html = html.replace("</head>", css + "</head>", 1)
        return weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(**options)

    # A merged cell of the 体系 table cut by a page break loses its label on
    # the next page: lay out again with the merged cells restarting there.
    cuts: frozenset[int] = frozenset()
    doc = lay_out(cuts)
    for _ in range(MAX_PASSES):
        more = build.page_cuts(build.system_rows(plan, cuts), _row_pages(doc)) - cuts
        if not more:
            break
        cuts |= more
        doc = lay_out(cuts)
    return doc
