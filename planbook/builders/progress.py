"""The yearly progress outputs (`planbook progress --year Y`): the 進捗報告書
PDF, the workbook of every indicator by year and the open-data CSV. All three
draw the same view (planbook.present.progress)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..present.progress import ProgressReport, report
from ..terminal import scrubbed
from . import Builder, BuildError, Output

# The CSV's columns, documented in docs/progress.md (keep both in step).
CSV_COLUMNS = ("年度", "施策番号", "施策名", "担当課", "指標名", "単位", "方向", "累計", "現状値",
               "現状値の年度", "目標値", "目標値の年度", "実績値", "実績値の注記", "達成率", "評語")


class _Progress(Builder):
    """Options: year (the fiscal year reported)."""

    def prepare(self) -> None:
        year = self.options["year"]
        if year not in self.plan.progress:
            have = "、".join(f"{y} 年度" for y in self.plan.progress) or "まだありません"
            raise BuildError(f"{year} 年度の実績値のファイル progress/{year}.yaml がありません"
                             f"（あるのは: {have}）。progress/{year}.yaml を作ってから、もう一度"
                             "実行してください。")

    def view(self) -> ProgressReport:
        """The year's report view, made once for the three outputs."""
        year = self.options["year"]
        return self.ctx.shared(("progress", year), lambda: scrubbed(report(self.plan, year)))

    def stem(self) -> str:
        return f"{self.plan.info.output_name}-progress-{self.options['year']}"

    suffix = ""

    def write(self, path: Path) -> int | None:
        """Write the output to `path`; its page count, if it has pages."""
        raise NotImplementedError

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        path = Path(outdir) / f"{self.stem()}{self.suffix}"
        return [Output(kind=self.kind, path=path, pages=self.write(path),
                       extra={"year": self.options["year"]})]


class ProgressReportBuilder(_Progress):
    name = "progress-report"
    kind = "progress-report"
    label = "進捗報告書（PDF）"
    suffix = ".pdf"

    def write(self, path: Path) -> int:
        from ..render.progress import write_pdf  # lazy: WeasyPrint only when the PDF is made
        return write_pdf(self.view(), path, self.ctx.layouts, self.ctx.fonts)


class ProgressWorkbookBuilder(_Progress):
    name = "progress-workbook"
    kind = "progress-workbook"
    label = "指標の推移（Excel）"
    suffix = ".xlsx"

    def write(self, path: Path) -> None:
        from .workbook import write_workbook  # lazy: openpyxl only for this output
        write_workbook(self.view(), path)


def csv_rows(view: ProgressReport):
    """One row per indicator and year, the plan's first year to the report's."""
    for page in view.pages:
        for row in page.rows:
            for v in row.years:
                yield [v.year, page.code, page.title, page.departments, row.name, row.unit,
                       row.direction, "累計" if row.cumulative else "", _plain(row.baseline),
                       row.baseline_year or "", _plain(row.target), row.target_year or "",
                       _plain(v.value), v.note, "" if v.rate is None else str(v.rate), v.grade]


def _plain(value) -> str:
    """A number as written, without grouping (machine-readable); empty when unknown."""
    return "" if value is None else str(value)


class ProgressCsvBuilder(_Progress):
    name = "progress-csv"
    kind = "progress-csv"
    label = "オープンデータ（CSV）"
    suffix = ".csv"

    def write(self, path: Path) -> None:
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(self.view()))
        path.write_bytes(text.getvalue().encode("utf-8-sig"))
