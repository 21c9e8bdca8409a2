"""Layout findings: a 施策 longer than its template (a two-page spread, or
one page). Only the laid-out booklet knows this, so the renderer reports it
after layout; in a draft the 施策 runs on to a further spread (a warning),
with --final and for print it is an error."""
from __future__ import annotations

from ..findings import ERROR, WARNING, Finding
from ..model import Plan
from . import overflows

CODE = "layout-overflow"
HALVES = {"left": "左ページ（10年後の姿・方向性）", "right": "右ページ（目標指標・協働方針・注）",
          "page": "ページ"}
LINE_MM = 6.3          # one body line (10.5 pt × 1.7), to say the run-over in lines


def findings(plan: Plan, doc, template_pages: int, final: bool) -> list[Finding]:
    by_code = {p.code: p for p in plan.policies}
    out = []
    for o in overflows(doc, template_pages):
        p = by_code.get(o.code)
        if p is None:
            continue
        where = "見開き（2 ページ）" if o.template == 2 else "1 ページ"
        lines = max(1, round(o.mm / LINE_MM))
        out.append(Finding(
            CODE, f"{plan.policy_label(p)} は{where}に収まりません。{HALVES[o.half]}の内容が"
            f"約 {o.mm} mm（本文で約 {lines} 行分）あふれ、{o.pages} ページになっています。"
            "文章を短くしてください" + ("。" if final else "（下書きでは次の見開きに続けて印刷します）。"),
            p.loc.file, p.loc.line, ERROR if final else WARNING, f"施策{p.code}"))
    return out
