"""The yearly progress forms (`planbook forms --progress YEAR`): one Excel
workbook per 担当課 asking for the year's actual values of its 目標指標
(planbook.forms.progress); read back by `planbook intake`."""
from __future__ import annotations

from pathlib import Path

from ..forms.progress import Sheet, write
from ..forms.workbook import FormError
from ..reproducible import today
from . import Builder, BuildError, Output
from .forms import NO_DEPARTMENT, _match, departments, file_name


def year_problem(plan, year: int) -> str | None:
    """The message for a year outside the plan period, else None."""
    period = plan.info.period
    if period is None:
        return "plan.yaml に計画期間（period）がないため、実績値の様式を作れません。period を書いてください。"
    if not period.start <= year <= period.end:
        return (f"{year} 年度は計画期間 {period.start}〜{period.end} 年度の外です。"
                f"--progress には計画期間の中の年度を西暦で書いてください（例: --progress {period.start + 1}）。")
    return None


class ProgressFormsBuilder(Builder):
    """Options: year, department (only that one's workbook; None: all)."""
    name = "progress-forms"
    kind = "progress-form"
    label = "実績値の記入様式（Excel）"

    def prepare(self) -> None:
        problem = year_problem(self.plan, self.options["year"])
        if problem:
            raise BuildError(problem)
        if not any(p.indicators for p in self.plan.policies):
            raise BuildError("目標指標のある施策が一つもないため、実績値の様式を作れません。")
        wanted = self.options.get("department")
        self.chosen = departments(self.plan) if wanted is None else [_match(self.plan, wanted)]

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        plan, year = self.plan, self.options["year"]
        meta = {"title": plan.info.title or "", "date": today().isoformat()}
        contact = plan.info.proof.contact if plan.info.proof and plan.info.proof.contact else ""
        outputs, taken = [], set()
        for dept in self.chosen:
            policies = [p for p in plan.policies
                        if (dept in p.departments) or (dept == NO_DEPARTMENT and not p.departments)]
            sheets = [Sheet(p.code, plan.policy_label(p).replace(" ", ""), p.title.text if p.title else "", p)
                      for p in policies]
            path = Path(outdir) / file_name(dept, taken)
            try:
                write(path, plan, dept, year, sheets, meta, contact)
            except FormError as e:
                raise BuildError(f"{dept} の様式に、{e}。planbook check で場所を確かめて直してください。") from None
            outputs.append(Output(kind=self.kind, path=path,
                                  extra={"department": dept, "year": year,
                                         "policies": [p.code for p in policies]}))
        return outputs
