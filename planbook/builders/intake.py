"""The report of `planbook intake` (planbook.intake): per 施策 every field a
returned form changes, with its department and cell; conflicts with their
three versions; the values refused; the departments' notes."""
from __future__ import annotations

from pathlib import Path

from ..forms.fields import shown
from ..intake.edits import NOBASE
from ..render import typeset
from . import Builder, Output

FILE = "intake-report.html"


def show(kind: str, value) -> str:
    if value is NOBASE:
        return "（不明）"
    return "（空欄）" if value is None else str(shown(kind, value))


class IntakeReportBuilder(Builder):
    """Options: intake (planbook.intake.command.Intake)."""
    name = "intake-report"
    kind = "intake-report"
    label = "読み込みの結果"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        r = self.options["intake"]
        titles = {p.code: f"{self.plan.policy_label(p)}　{p.title.text if p.title else ''}"
                  for p in self.plan.policies}
        units = []
        for code in dict.fromkeys(c.code for c in r.changes):
            units.append({"heading": titles.get(code, f"施策{code}"),
                          "changes": [c for c in r.changes if c.code == code]})
        n = {"changes": len(r.to_apply), "conflicts": len(r.conflicts), "problems": len(r.problems),
             "already": r.already, "comments": len(r.comments)}
        html = typeset.template(self.ctx.layouts, "intake", "report.html").render(
            title=self.plan.info.title or "", n=n, files=r.files, problems=r.problems, units=units,
            comments=r.comments, applied=r.applied, written=r.written, show=show)
        path = Path(outdir) / FILE
        path.write_text(html, encoding="utf-8")
        return [Output(kind=self.kind, path=path, extra={**n, "applied": r.applied,
                                                         "files": [f[0] for f in r.files]})]
