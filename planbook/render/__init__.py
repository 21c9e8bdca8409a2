"""The booklet as HTML (Jinja2 layouts in layouts/booklet/) and as a laid-out
WeasyPrint document. Reads only the model and the layouts."""
from __future__ import annotations

from pathlib import Path

import jinja2
import yaml

from .. import present
from ..markup import plain_text
from ..model import Plan
from .fetch import url_fetcher
from .inline import inline, ruby

LAYOUT = "booklet"


def slots(layouts: Path) -> dict:
    """Printed sizes of the artwork slots (mm), shared with the artwork check."""
    data = yaml.safe_load((layouts / LAYOUT / "slots.yaml").read_text(encoding="utf-8"))
    return data or {}


def environment(layouts: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(layouts / LAYOUT),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(inline=inline, plain=lambda t: plain_text(t) if t else "",
                       circled=present.circled, fiscal=present.fiscal_year, wareki=present.wareki)
    env.globals.update(ruby=ruby, present=present)
    return env


def _system_rows(plan: Plan) -> list[dict]:
    """Rows of the 計画の体系 table with the rowspans of the merged cells."""
    rows = []
    for v in plan.concept.visions:
        v_rows = []
        for g in v.goals:
            policies = plan.policies_of(g.code) or (None,)
            for i, p in enumerate(policies):
                v_rows.append({"vision": v, "goal": g, "policy": p,
                               "goal_span": len(policies) if i == 0 else 0})
        if not v_rows:
            v_rows.append({"vision": v, "goal": None, "policy": None, "goal_span": 1})
        for i, r in enumerate(v_rows):
            r["vision_span"] = len(v_rows) if i == 0 else 0
        rows += v_rows
    return rows


def context(plan: Plan, ctx) -> dict:
    art = {a.id: a for a in plan.artwork}

    def artwork(slot_id):
        a = art.get(slot_id) if slot_id else None
        image = None
        credit = present.credit(a, ctx.final)
        if a and a.image_path and Path(a.image_path).is_file() and credit.get("show_image"):
            image = Path(a.image_path).as_uri()
        return {"slot": slot_id, "art": a, "image": image, "credit": credit}

    return {
        "plan": plan, "info": plan.info, "concept": plan.concept,
        "final": ctx.final, "fonts": Path(ctx.fonts).as_uri(),
        "period": present.period_label(plan),
        "system_rows": _system_rows(plan), "artwork": artwork,
        "slots": slots(Path(ctx.layouts)),
        "policies_of": plan.policies_of, "policy_label": plan.policy_label,
        "goal_labels": present.goal_note_labels, "policy_labels": present.policy_note_labels,
        "marks": getattr(ctx, "marks", None) or {},
    }


def render_html(plan: Plan, ctx) -> str:
    return environment(Path(ctx.layouts)).get_template("booklet.html").render(context(plan, ctx))


def render_document(plan: Plan, ctx, extra_css=(), **options):
    """The laid-out booklet (weasyprint.Document). `extra_css`: CSS text is
    inserted as <style> after the layout's own stylesheet (needed for
    @color-profile); weasyprint.CSS objects are added as user stylesheets."""
    import weasyprint
    html = render_html(plan, ctx)
    texts = [c for c in extra_css if isinstance(c, str)]
    sheets = [c for c in extra_css if not isinstance(c, str)]
    if texts:
        css = "".join(f"<style>{c}</style>" for c in texts)
        html = html.replace("</head>", css + "</head>", 1)
    if sheets:
        options["stylesheets"] = list(options.get("stylesheets", [])) + sheets
    roots = [plan.source_dir, Path(ctx.layouts), Path(ctx.fonts)] + list(options.pop("roots", []))
    doc = weasyprint.HTML(string=html, base_url=str(Path(ctx.layouts) / LAYOUT) + "/",
                          url_fetcher=url_fetcher(roots))
    return doc.render(**options)
