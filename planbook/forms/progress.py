"""The yearly progress form (`planbook forms --progress YEAR`): one workbook
per 担当課 asking for the year's actual value of each 目標指標, a note per
value and the department's comment per 施策 (progress/YEAR.yaml); read back
by `planbook intake` (planbook.intake.progress).

Like the 施策 forms (planbook.forms.workbook) it records in a hidden,
protected sheet every input cell with its field and the value the source
had when the form was made, and a digest per 施策 of what the form shows."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from ..model import Plan, Policy
from ..present.values import DIRECTION_WORDS
from .fields import LINE, NUMBER, TEXT
from .workbook import (BOX, CENTRE, HEAD_FILL, INPUT_FILL, LABEL_FILL, LINE_PT, MAX_ROW_PT, META, WRAP,
                       _font, _lines, _put, finish_sheet, guide_sheet, sheet_head, meta_sheet, save, sheet_name)

FORMAT = "planbook-progress-form-1"
INSTRUCTIONS = "記入のしかた"
WIDTHS = {"A": 20, "B": 22, "C": 16, "D": 22}
PER_LINE = 38                 # full-width characters in the merged B:D input


@dataclass(frozen=True)
class ProgressField:
    """One input cell: ("indicators", name, "value"|"note") or ("comment",)."""
    path: tuple
    kind: str
    label: str
    value: object             # as progress/YEAR.yaml has it now (None: not written)


def _comment_text(comment) -> str | None:
    if not comment:
        return None
    return "\n\n".join(p.text for p in comment) or None


def progress_fields(plan: Plan, policy: Policy, year: int) -> list[ProgressField]:
    """The inputs of one 施策's sheet: per named indicator its value and note,
    then the comment; with the values progress/YEAR.yaml has now."""
    py = plan.progress.get(year)
    out = []
    for ind in policy.indicators or ():
        if not ind.name:
            continue
        a = py.actual(policy.code, ind.name) if py else None
        out += [ProgressField(("indicators", ind.name, "value"), NUMBER, f"{ind.name}の実績値",
                              a.value if a else None),
                ProgressField(("indicators", ind.name, "note"), LINE, f"{ind.name}の説明",
                              a.note if a else None)]
    pp = py.policy(policy.code) if py else None
    out.append(ProgressField(("comment",), TEXT, "担当課のコメント", _comment_text(pp.comment) if pp else None))
    return out


def digest(plan: Plan, policy: Policy, year: int) -> str:
    """A digest of what a 施策's progress form shows (its indicators and every
    year's values up to `year`)."""
    rows = [[i.name, i.unit, _measure(i.baseline), _measure(i.target), i.direction]
            for i in policy.indicators or ()]
    for y, py in sorted(plan.progress.items()):
        if y <= year:
            pp = py.policy(policy.code)
            rows.append([y, [[a.indicator, a.value, a.note] for a in pp.actuals] if pp else None,
                         _comment_text(pp.comment) if pp else None])
    data = json.dumps(rows, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _measure(m) -> list | None:
    return [m.value, m.year] if m else None


def _number(value) -> str:
    if value is None:
        return "（未入力）"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else format(value, ",.15g")


@dataclass(frozen=True)
class Sheet:
    code: str
    label: str                # 施策111
    title: str
    policy: Policy


def _history(plan: Plan, policy: Policy, name: str, year: int) -> str:
    parts = []
    for y, py in sorted(plan.progress.items()):
        if y >= year:
            continue
        a = py.actual(policy.code, name)
        shown = "（記入なし）" if a is None else "（未把握）" if a.value is None else _number(a.value)
        parts.append(f"{y}年度: {shown}" + (f"（{a.note}）" if a is not None and a.note else ""))
    return "\n".join(parts) or "（前の年度の実績値はありません）"


class _Writer:
    def __init__(self, ws, record: list, code: str):
        self.ws, self.record, self.code, self.row = ws, record, code, 1
        self.number = DataValidation(type="decimal", operator="between", formula1="-999999999999999",
                                     formula2="999999999999999", allow_blank=True, showErrorMessage=True,
                                     errorTitle="数値", error="半角の数字だけを書いてください（単位や「約」、"
                                     "カンマは書きません）。")
        ws.add_data_validation(self.number)

    def merged(self, text: str, font=None, fill=None, height: float = LINE_PT + 6, align=WRAP):
        r = self.row
        self.ws.merge_cells(f"A{r}:D{r}")
        _put(self.ws, f"A{r}", text, font=font or _font(), alignment=align, **({"fill": fill} if fill else {}))
        self.ws.row_dimensions[r].height = height
        self.row += 1

    def label(self, ref: str, text: str):
        _put(self.ws, ref, text, font=_font(9.5, True), fill=LABEL_FILL, border=BOX, alignment=WRAP)

    def shown(self, ref: str, text: str):
        _put(self.ws, ref, text, font=_font(), border=BOX, alignment=WRAP)

    def pair(self, left: tuple[str, str], right: tuple[str, str]):
        r = self.row
        self.label(f"A{r}", left[0])
        self.shown(f"B{r}", left[1])
        self.label(f"C{r}", right[0])
        self.shown(f"D{r}", right[1])
        self.ws.row_dimensions[r].height = LINE_PT * max(1, _lines(left[1], 10), _lines(right[1], 10)) + 6
        self.row += 1

    def wide(self, label: str, text: str, lines: int | None = None):
        r = self.row
        self.label(f"A{r}", label)
        self.ws.merge_cells(f"B{r}:D{r}")
        for col in "CD":
            self.ws[f"{col}{r}"].border = BOX
        self.shown(f"B{r}", text)
        self.ws.row_dimensions[r].height = min(MAX_ROW_PT, (lines or max(1, _lines(text, PER_LINE))) * LINE_PT + 6)
        self.row += 1

    def input(self, f: ProgressField, label: str, merged: bool):
        r = self.row
        ref = f"B{r}"
        self.label(f"A{r}", label)
        if merged:
            self.ws.merge_cells(f"B{r}:D{r}")
            for col in "CD":
                self.ws[f"{col}{r}"].border = BOX
        else:
            for col in "CD":
                self.ws[f"{col}{r}"].fill = LABEL_FILL
        cell = _put(self.ws, ref, f.value, font=_font(), fill=INPUT_FILL, border=BOX,
                    alignment=CENTRE if f.kind == NUMBER else WRAP, protection=Protection(locked=False))
        if f.kind == NUMBER:
            cell.number_format = "General"
            self.number.add(ref)
        room = 5 if f.kind == TEXT else 2 if f.kind == LINE else 1
        lines = max(room, _lines(f.value, PER_LINE) + (1 if f.kind == TEXT else 0), _lines(label, 11))
        self.ws.row_dimensions[r].height = min(MAX_ROW_PT, lines * LINE_PT + 6)
        self.record.append([self.ws.title, ref, self.code, json.dumps(list(f.path), ensure_ascii=False),
                            f.kind, label, json.dumps(f.value, ensure_ascii=False), f.label])
        self.row += 1


def _policy_sheet(ws, plan: Plan, sheet: Sheet, department: str, year: int, stamp: str, record: list) -> None:
    w = _Writer(ws, record, sheet.code)
    sheet_head(w, WIDTHS, f"{sheet.label}　{sheet.title}",
               f"担当課: {department}　　{year}年度の実績　　{stamp}　　黄色のセルに記入してください。")
    fields = {f.path: f for f in progress_fields(plan, sheet.policy, year)}
    for n, ind in enumerate([i for i in sheet.policy.indicators or () if i.name], 1):
        w.merged(f"指標{n}　{ind.name}", font=_font(11, True), fill=HEAD_FILL, height=20,
                 align=Alignment(vertical="center", wrap_text=True))
        unit = ind.unit or "（単位なし）"
        direction = DIRECTION_WORDS.get(ind.direction, "") if ind.direction else "（未入力）"
        w.pair(("単位", unit), ("目指す方向", direction))
        base, target = ind.baseline, ind.target
        w.pair(("現状値", f"{_number(base.value)}（{base.year}年度）" if base and base.year
                else _number(base.value if base else None)),
               ("目標値", f"{_number(target.value)}（{target.year}年度）" if target and target.year
                else _number(target.value if target else None)))
        history = _history(plan, sheet.policy, ind.name, year)
        w.wide("これまでの実績値", history, lines=history.count("\n") + 1)
        w.input(fields[("indicators", ind.name, "value")], f"{year}年度の実績値（{unit}）", merged=False)
        w.input(fields[("indicators", ind.name, "note")], "説明・空欄の理由", merged=True)
    if not any(i.name for i in sheet.policy.indicators or ()):
        w.merged("この施策には目標指標がありません。コメントだけを書いてください。")
    w.merged(f"{year}年度の取組と成果（担当課のコメント。進捗報告書に載ります）", font=_font(11, True),
             fill=HEAD_FILL, height=20, align=Alignment(vertical="center"))
    w.input(fields[("comment",)], "コメント", merged=True)
    finish_sheet(ws, f"A1:D{w.row - 1}")


def _guide(department: str, year: int, sheets: list[Sheet], meta: dict, contact: str) -> list[tuple[str, str]]:
    out = [(f"{meta.get('title') or '総合計画'}　{year}年度 目標指標の実績値の記入様式（{department}）", "title"),
           (f"この様式は {meta.get('date', '')} に作成しました。担当の施策ごとにシートが一つあります。", ""),
           ("", ""), ("この様式にある施策", "head")]
    out += [(f"・{s.label}　{s.title}", "") for s in sheets]
    out += [
        ("", ""), ("書き方", "head"),
        (f"・黄色のセルだけに書き込めます。指標ごとに「{year}年度の実績値」を、その指標の単位の数値で書いてください。", ""),
        ("・数値は半角の数字だけを書きます（例: 1500、12.5）。単位・「約」・カンマ（1,500）・全角の数字は"
         "受け付けられません。単位はセルの左の見出しにある単位にそろえてください。", ""),
        ("・実績値がまだ分からないとき、調査をしていないときは、実績値を空欄のままにして、"
         "「説明・空欄の理由」にわけを書いてください（例: 調査は隔年のため）。「未定」「－」などは書きません。", ""),
        ("・「説明・空欄の理由」は一行で書きます。数値の補足（累計、速報値など）もここに書きます。", ""),
        (f"・シートの最後の「コメント」には、{year}年度の取組と成果を書いてください。進捗報告書にそのまま載ります。"
         "段落を分けるときは空の行を一つ入れます（セルの中で Alt キーを押しながら Enter を二回）。", ""),
        ("・「これまでの実績値」「現状値」「目標値」は確認のためのもので、書き換えられません。"
         "誤りに気づいたときはコメントの欄ではなく企画課に連絡してください。", ""),
        ("・行やシートの追加・削除・名前の変更はできません。", ""),
        ("", ""), ("返すとき", "head"),
        ("・このファイルの名前を変えずに保存し、そのまま返してください。PDF や印刷したものでは受け付けられません。", ""),
        ("・書いた内容は企画課がすべて確かめます。誤りは、シートとセルの場所（例: 施策111!B8）を付けてお知らせします。", ""),
    ]
    if contact:
        out.append((f"・返却先・問い合わせ: {contact}", ""))
    return out


def write(path: Path, plan: Plan, department: str, year: int, sheets: list[Sheet], meta: dict,
          contact: str) -> None:
    """The department's progress workbook at `path`, the same bytes for the same input."""
    wb = Workbook()
    guide = wb.active
    guide.title = INSTRUCTIONS
    guide_sheet(guide, _guide(department, year, sheets, meta, contact), WIDTHS, PER_LINE + 4)
    record: list = []
    stamp = f"{meta.get('date', '')} 作成"
    for s in sheets:
        _policy_sheet(wb.create_sheet(sheet_name(s.code)), plan, s, department, year, stamp, record)
    meta_sheet(wb.create_sheet(META), [["format", FORMAT], ["department", department], ["year", year],
                                       *([key, meta.get(key)] for key in ("title", "date")),
                                       *(["policy", s.code, digest(plan, s.policy, year)] for s in sheets),
                                       *(["field", *row] for row in record)])
    save(wb, path, f"{department} {year}年度 実績値の記入様式")
