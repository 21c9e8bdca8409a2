"""The HTML check report (planbook.report), written by every command that
checks, also when the checks refuse the other outputs."""
from __future__ import annotations

from pathlib import Path

from ..report import counts, write_report
from . import Builder, Output

FILE = "check-report.html"


class CheckReportBuilder(Builder):
    name = "check-report"
    kind = "check-report"
    label = "チェック結果"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        path = Path(outdir) / FILE
        write_report(self.plan, self.ctx.findings, path)
        return [Output(kind=self.kind, path=path, extra=counts(self.ctx.findings))]
