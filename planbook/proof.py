"""Proofs for a proofreading round: the draft booklet stamped with the round
and date on every page, each paragraph's id in the margin, what changed
since OLD marked; the round recorded; one packet per 担当課."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from pypdf import PdfReader, PdfWriter

from . import paths
from .builders import BuildContext, Output
from .model import Plan
from .render import render_document
from .rounds import round_name

PROOF_CSS = """
@page {{ @top-center {{ content: "【{stamp}】"; font: bold 9pt "BIZ UDPGothic"; color: #c00;
        vertical-align: bottom; padding-bottom: 3mm; }} }}
@page cover {{ @top-center {{ content: "【{stamp}】"; vertical-align: top; padding-top: 8mm; }} }}
p[data-pid], .note[data-pid] {{ position: relative; }}
p[data-pid]::after, .note[data-pid]::after {{ content: attr(data-pid); position: absolute;
        left: -17.5mm; top: 0.2em; width: 16mm; text-align: right; text-indent: 0;
        font: 4.5pt/1.2 "BIZ UDPGothic"; color: #a00; word-break: break-all; }}
td p[data-pid]::after {{ position: static; display: block; width: auto; text-align: left;
        margin-top: 0.5mm; }}
p.changed::before, .note.changed::before {{ content: ""; position: absolute; left: -1.2mm;
        top: 0.2em; bottom: 0.2em; border-left: 0.8mm solid #d00; }}
td p.changed::before {{ left: -0.9mm; }}
.chg {{ color: #c00; text-decoration: underline; }}
"""


def stamp_text(number: int, date: str) -> str:
    return f"{round_name(number)}　{date}"


def render_proof(plan: Plan, ctx: BuildContext, number: int, date: str, path: Path):
    css = PROOF_CSS.format(stamp=stamp_text(number, date).replace('"', ""))
    doc = render_document(plan, ctx, extra_css=[css])
    doc.write_pdf(path)
    return doc


def policy_pages(plan: Plan, doc) -> dict[str, tuple[int, int]]:
    """First and last page (1-based) of each 施策 page in a laid-out booklet."""
    starts = []
    for n, page in enumerate(doc.pages, 1):
        for anchor in page.anchors:
            if anchor.startswith(("policy-", "vision-")) or anchor in ("system", "goals"):
                starts.append((n, anchor))
    out = {}
    for i, (n, anchor) in enumerate(starts):
        if not anchor.startswith("policy-"):
            continue
        end = len(doc.pages)
        for m, other in starts[i + 1:]:
            if m > n:
                end = m - 1
                break
        out[anchor[len("policy-"):]] = (n, max(n, end))
    return out


def write_packets(plan: Plan, doc, proof_pdf: Path, outdir: Path, number: int,
                  date: str) -> list[Output]:
    """One PDF per department: a cover sheet, then only its 施策 pages."""
    import weasyprint
    from .render.fetch import url_fetcher
    pages = policy_pages(plan, doc)
    departments: dict[str, list] = {}
    for p in plan.policies:
        if p.has_page and p.code in pages:
            for d in p.departments:
                departments.setdefault(d, []).append(p)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.LAYOUTS / "proof"),
                             autoescape=True)
    reader = PdfReader(proof_pdf)
    outputs = []
    for i, (dept, policies) in enumerate(sorted(departments.items()), 1):
        html = env.get_template("packet-cover.html").render(
            plan=plan, department=dept, round=round_name(number), date=date,
            rows=[(plan.policy_label(p), p.title.text if p.title else "", pages[p.code])
                  for p in policies], fonts=paths.FONTS.as_uri())
        cover = outdir / f".cover-{i}.pdf"
        weasyprint.HTML(string=html, url_fetcher=url_fetcher([paths.FONTS])).write_pdf(cover)
        writer = PdfWriter()
        writer.append(str(cover))
        for p in policies:
            first, last = pages[p.code]
            writer.append(reader, pages=(first - 1, last))
        path = outdir / f"packet-{i:02d}-{dept}.pdf"
        with open(path, "wb") as f:
            writer.write(f)
        cover.unlink()
        outputs.append(Output(kind="packet", path=path, pages=len(writer.pages),
                              extra={"department": dept,
                                     "policies": [p.code for p in policies]}))
    return outputs


def today() -> str:
    return dt.date.today().isoformat()
