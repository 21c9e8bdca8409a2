"""The check report a person reads: one HTML page grouped by 施策, with counts."""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import jinja2

from . import paths
from .findings import ERROR, INFO, WARNING, Finding


def _group(plan, f: Finding) -> str:
    if f.unit:
        return f.unit
    if f.file.startswith("policies/") and plan is not None:
        code = Path(f.file).stem
        p = next((p for p in plan.policies if p.code == code), None)
        if p is not None:
            return f"施策{p.code}"
    return f.file or "計画全体"


def write_report(plan, findings: list[Finding], path: Path) -> None:
    groups: "OrderedDict[str, list[Finding]]" = OrderedDict()
    for f in sorted(findings, key=lambda f: (f.file, f.line)):
        groups.setdefault(_group(plan, f), []).append(f)
    counts = {s: sum(f.severity == s for f in findings) for s in (ERROR, WARNING, INFO)}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.LAYOUTS / "report"),
                             autoescape=True)
    html = env.get_template("report.html").render(
        plan=plan, title=(plan.info.title if plan else "") or "", groups=groups, counts=counts,
        total=len(findings))
    path.write_text(html, encoding="utf-8")
