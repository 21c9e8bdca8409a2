"""The progress workbook (openpyxl): every indicator by year, one row per
indicator, numbers as numbers; saved so that the same plan gives the same
bytes (fixed document dates, zip entries normalised)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..present.progress import ProgressReport
from ..reproducible import build_time, normalise_zip

HEAD = Font(bold=True)
FILL = PatternFill("solid", fgColor="EEEEEE")


def _sheet_rows(report: ProgressReport):
    head = ["施策番号", "施策名", "担当課", "指標名", "単位", "方向", "累計", "現状値", "現状値の年度",
            "目標値", "目標値の年度", *(f"{y}年度 実績値" for y in report.years),
            f"{report.year}年度 達成率（%）", f"{report.year}年度 評語", "注記"]
    rows = []
    for page in report.pages:
        for row in page.rows:
            notes = "、".join(f"{v.year}年度: {v.note}" for v in row.years if v.note)
            rate = row.current.rate
            rows.append([page.code, page.title, page.departments, row.name, row.unit, row.direction,
                         "累計" if row.cumulative else "", row.baseline, row.baseline_year,
                         row.target, row.target_year, *(v.value for v in row.years),
                         float(rate) if rate is not None else None, row.current.grade, notes])
    return head, rows


def write_workbook(report: ProgressReport, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "指標の推移"
    head, rows = _sheet_rows(report)
    ws.append(head)
    for cell in ws[1]:
        cell.font, cell.fill = HEAD, FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "E2"
    for n, width in enumerate([8, 24, 14, 32, 6, 6, 6, 10, 10, 10, 10], 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    legend = wb.create_sheet("評語")
    legend.append(["評語", "基準", "意味"])
    for cell in legend[1]:
        cell.font, cell.fill = HEAD, FILL
    for item in report.legend:
        legend.append([item.grade, item.rule, item.meaning])
    legend.append([])
    legend.append([report.headings["definition_title"], report.definition])
    when = build_time().replace(tzinfo=None)
    wb.properties.creator = "planbook"
    wb.properties.lastModifiedBy = "planbook"
    wb.properties.title = f"{report.title}（{report.year_shown}）"
    wb.properties.created = when
    wb.properties.modified = when
    data = io.BytesIO()
    wb.save(data)
    # openpyxl writes the clock's time as "modified" on save: put the fixed one back
    Path(path).write_bytes(normalise_zip(_fixed_dates(data.getvalue(), when)))


def _fixed_dates(data: bytes, when) -> bytes:
    """docProps/core.xml with the fixed date in dcterms:created and dcterms:modified."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", lambda m: m.group(1) +
                              stamp.encode(), body)
            dst.writestr(info.filename, body)
    return out.getvalue()
