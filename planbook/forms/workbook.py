"""One department's form as an Excel workbook (openpyxl): an instructions
sheet, one sheet per 施策 laid out like its spread, and a hidden, protected
sheet (META) recording what the form was made from: for every input cell
its field and the value the source had, and per 施策 a digest of its
content, the round and the date.

Labels and structure are locked (sheet and workbook protection); only the
input cells can be typed in. They carry data validation (numbers, 西暦
years, the direction from a list) and wrap their text. Excel's validation
only limits typing: planbook.intake checks every value again."""
from __future__ import annotations

import hashlib
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from .. import reproducible
from .fields import DIRECTION, LINE, NUMBER, TEXT, WORDS, YEAR, Field
from .instructions import instructions

META = "_planbook"            # the hidden sheet
FORMAT = "planbook-form-1"    # what a returned workbook must say it is
INSTRUCTIONS = "記入のしかた"
FONT = "BIZ UDPゴシック"
WIDTHS = {"A": 15, "B": 30, "C": 8, "D": 11, "E": 8, "F": 11, "G": 8, "H": 8}
INPUT_COLUMNS = {"name": "B", "unit": "C", ("baseline", "value"): "D", ("baseline", "year"): "E",
                 ("target", "value"): "F", ("target", "year"): "G", "direction": "H"}
CHARS_PER_LINE = 46           # full-width characters in the merged B:H input at 10.5 pt
LINE_PT = 15
MAX_ROW_PT = 409              # Excel's highest row
CELL_LIMIT = 32767            # characters Excel keeps in a cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_thin = Side(style="thin", color="808080")
BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


class FormError(Exception):
    """A value cannot be put in a form; the message is Japanese."""


@dataclass(frozen=True)
class PolicyForm:
    code: str
    label: str                 # 施策411
    title: str
    fields: list[Field]


def sheet_name(code: str) -> str:
    return f"施策{code}"[:31]


def digest(fields: list[Field]) -> str:
    """A digest of a 施策's content as the form shows it."""
    data = json.dumps([[list(f.path), f.value] for f in fields], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _font(size: float = 10.5, bold: bool = False, colour: str = "000000") -> Font:
    return Font(name=FONT, size=size, bold=bold, color=colour)


def _put(ws, ref: str, value, **style):
    """A value as a literal (a text starting with = is not a formula)."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        raise FormError("Excel に書けない制御文字を含む文章があります")
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        raise FormError(f"Excel の一つのセルに入る {CELL_LIMIT} 字より長い文章があります")
    cell = ws[ref]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    for k, v in style.items():
        setattr(cell, k, v)
    return cell


def _lines(text: str | None, per_line: int) -> int:
    if not text:
        return 0
    return sum(max(1, math.ceil(len(line) / per_line)) for line in str(text).split("\n"))


class _Sheet:
    """Writes one 施策's sheet row by row, recording its input cells."""

    def __init__(self, ws, record: list):
        self.ws, self.record, self.row = ws, record, 1
        self.dv = {
            NUMBER: DataValidation(type="decimal", operator="between", formula1="-999999999999999",
                                   formula2="999999999999999", allow_blank=True, showErrorMessage=True,
                                   errorTitle="数値", error="半角の数字だけを書いてください（単位や「約」は書きません）。"),
            YEAR: DataValidation(type="whole", operator="between", formula1="1900", formula2="2200",
                                 allow_blank=True, showErrorMessage=True, errorTitle="年度",
                                 error="年度は西暦の4桁の数字で書いてください（例: 2030）。"),
            DIRECTION: DataValidation(type="list", formula1='"' + ",".join(WORDS.values()) + '"',
                                      allow_blank=True, showErrorMessage=True, errorTitle="方向",
                                      error="一覧から選んでください（" + "・".join(WORDS.values()) + "）。"),
        }
        for dv in self.dv.values():
            ws.add_data_validation(dv)

    def merged(self, text: str, fill=None, font=None, height: float | None = None, align=WRAP):
        r = self.row
        self.ws.merge_cells(f"A{r}:H{r}")
        _put(self.ws, f"A{r}", text, font=font or _font(), alignment=align,
             **({"fill": fill} if fill else {}))
        if height:
            self.ws.row_dimensions[r].height = height
        self.row += 1

    def section(self, title: str):
        self.row += 0
        self.merged(title, fill=HEAD_FILL, font=_font(11, True), height=20,
                    align=Alignment(vertical="center"))

    def label(self, ref: str, text: str):
        _put(self.ws, ref, text, font=_font(9.5, True), fill=LABEL_FILL, border=BOX, alignment=WRAP)

    def input(self, ref: str, f: Field, code: str, label: str):
        value = f.value
        shown = WORDS.get(value, value) if f.kind == DIRECTION else value
        cell = _put(self.ws, ref, shown, font=_font(), fill=INPUT_FILL, border=BOX,
                    alignment=WRAP if f.kind in (LINE, TEXT) else CENTRE,
                    protection=Protection(locked=False))
        if f.kind == NUMBER:
            cell.number_format = "General"
        if f.kind in self.dv:
            self.dv[f.kind].add(ref)
        self.record.append([self.ws.title, ref, code, json.dumps(list(f.path), ensure_ascii=False),
                            f.kind, label, json.dumps(value, ensure_ascii=False), f.label])

    def wide(self, f: Field, code: str, label: str | None = None):
        """A label and an input merged over B:H, as tall as its text."""
        r = self.row
        label = label or f.label
        self.label(f"A{r}", label)
        self.ws.merge_cells(f"B{r}:H{r}")
        for col in "CDEFGH":
            self.ws[f"{col}{r}"].border = BOX
        self.input(f"B{r}", f, code, label)
        room = 4 if f.kind == TEXT else 1
        lines = max(_lines(f.value, CHARS_PER_LINE) + (1 if f.kind == TEXT else 0), room,
                    _lines(label, 9))
        self.ws.row_dimensions[r].height = min(MAX_ROW_PT, lines * LINE_PT + 6)
        self.row += 1


def sheet_head(s, widths: dict, title: str, line: str) -> None:
    """A form sheet's column widths, its title and the line under it (`s`:
    a sheet writer with `merged`)."""
    for col, w in widths.items():
        s.ws.column_dimensions[col].width = w
    s.merged(title, font=_font(14, True), height=26, align=Alignment(vertical="center"))
    s.merged(line, font=_font(9, colour="404040"), height=16)


def _policy_sheet(ws, form: PolicyForm, department: str, stamp: str, record: list) -> None:
    s = _Sheet(ws, record)
    sheet_head(s, WIDTHS, f"{form.label}　{form.title}",
               f"担当課: {department}　　{stamp}　　黄色のセルに記入してください。")
    by_section: dict[str, list[Field]] = {}
    for f in form.fields:
        by_section.setdefault(f.section, []).append(f)
    for f in by_section.get("title", []):
        s.wide(f, form.code)
    s.section("10年後の姿")
    for f in by_section.get("future", []):
        s.wide(f, form.code)
    s.section("目指すべき姿の実現に向けた施策推進の方向性")
    for f in by_section.get("directions", []):
        s.wide(f, form.code)
    s.section("目標指標")
    _indicators(s, by_section.get("indicators", []), form.code)
    s.section("市民と行政の協働方針")
    for f in by_section.get("collaboration", []):
        s.wide(f, form.code)
    if by_section.get("notes"):
        s.section("※ 用語の説明（本文の [^名前] が指す注記）")
        for f in by_section["notes"]:
            s.wide(f, form.code)
    s.section("企画課への連絡（自由に書いてください。冊子には載りません）")
    s.wide(Field(("comment",), TEXT, "連絡", None, "comment"), form.code)
    finish_sheet(ws, f"A1:H{s.row - 1}")


def finish_sheet(ws, area: str) -> None:
    """A form's sheet printed on A4 with its title row on every page, its
    labels locked (rows and columns may still be resized)."""
    ws.print_area = area
    ws.print_title_rows = "1:1"
    _a4(ws)
    ws.oddFooter.center.text = "&A　&P / &N ページ"
    ws.sheet_view.showGridLines = False
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _a4(ws) -> None:
    """A4 portrait, as wide as the page (the columns fit it at 100 % too)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _indicators(s: _Sheet, fields: list[Field], code: str) -> None:
    ws = s.ws
    r = s.row
    for col, text in zip("ABCDEFGH", ("", "指標名", "単位", "現状値", "年度", "目標値", "年度", "方向")):
        _put(ws, f"{col}{r}", text, font=_font(9.5, True), fill=LABEL_FILL, border=BOX, alignment=CENTRE)
    ws.row_dimensions[r].height = 18
    s.row += 1
    rows: dict[int, list[Field]] = {}
    for f in fields:
        rows.setdefault(f.path[1], []).append(f)
    for n, group in sorted(rows.items()):
        r = s.row
        name = f"指標{n + 1}"
        s.label(f"A{r}", name)
        note = None
        height = 1
        for f in group:
            key = f.path[2] if len(f.path) == 3 else tuple(f.path[2:])
            if key == "note":
                note = f
                continue
            s.input(f"{INPUT_COLUMNS[key]}{r}", f, code, name)
            if f.kind == LINE:
                height = max(height, _lines(f.value, 14 if key == "name" else 3))
        ws.row_dimensions[r].height = min(MAX_ROW_PT, max(2, height) * LINE_PT + 6)
        s.row += 1
        if note is not None:
            s.wide(note, code, f"{name} 説明")


def write(path: Path, department: str, forms: list[PolicyForm], meta: dict, contact: str) -> None:
    """The department's workbook at `path`, the same bytes for the same input."""
    wb = Workbook()
    guide = wb.active
    guide.title = INSTRUCTIONS
    record: list = []
    stamp = f"{meta.get('date', '')} 作成" + (f"（{meta['round_name']}の後）" if meta.get("round_name") else "")
    _guide_sheet(guide, department, forms, meta, contact)
    for form in forms:
        _policy_sheet(wb.create_sheet(sheet_name(form.code)), form, department, stamp, record)
    _meta_sheet(wb.create_sheet(META), department, forms, meta, record)
    save(wb, path, f"{department} 記入様式")


def save(wb, path: Path, title: str) -> None:
    """The workbook, its structure locked, at `path`: the same bytes for the same input."""
    wb.security = WorkbookProtection(lockStructure=True)
    when = reproducible.build_time().replace(tzinfo=None)
    wb.properties.creator = "planbook"
    wb.properties.lastModifiedBy = "planbook"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    Path(path).write_bytes(reproducible.normalise_zip(_dated(buf.getvalue(), when)))


def _dated(data: bytes, when) -> bytes:
    """The workbook with its `modified` date `when` (openpyxl writes the clock's)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\g<2>", body)
            dst.writestr(info.filename, body)
    return out.getvalue()


def _guide_sheet(ws, department: str, forms: list[PolicyForm], meta: dict, contact: str) -> None:
    """The instructions, one line a row merged over the same columns as a
    施策's sheet (so it prints as wide as they do)."""
    guide_sheet(ws, instructions(department, [f"{f.label}　{f.title}" for f in forms], meta, contact),
                WIDTHS, CHARS_PER_LINE + 6)


def guide_sheet(ws, lines: list[tuple[str, str]], widths: dict, per_line: int) -> None:
    """Lines (text, style) one a row, merged over the columns of `widths`."""
    last = list(widths)[-1]
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    ws.sheet_view.showGridLines = False
    for r, (text, style) in enumerate(lines, 1):
        ws.merge_cells(f"A{r}:{last}{r}")
        cell = _put(ws, f"A{r}", text, alignment=WRAP,
                    font=_font(14, True) if style == "title" else _font(11, True) if style == "head"
                    else _font(10.5))
        ws.row_dimensions[r].height = max(1, _lines(text, per_line)) * LINE_PT + (10 if style else 4)
        if style == "head":
            cell.fill = HEAD_FILL
    ws.print_area = f"A1:{last}{len(lines)}"
    _a4(ws)
    ws.protection.sheet = True


def _meta_sheet(ws, department: str, forms: list[PolicyForm], meta: dict, record: list) -> None:
    meta_sheet(ws, [["format", FORMAT], ["department", department],
                    *([key, meta.get(key)] for key in ("title", "date", "round", "round_name")),
                    *(["policy", form.code, digest(form.fields)] for form in forms),
                    *(["field", *row] for row in record)])


def meta_sheet(ws, rows: list[list]) -> None:
    """The hidden, protected record of a form: `rows`, texts kept as texts."""
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
