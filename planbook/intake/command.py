"""`planbook intake SOURCE FILE... [--apply]`: read the returned forms,
report every field that differs from the source, and with --apply write the
changes (all of them or none), then check and write the report to OUT."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import pipeline
from ..builders import DRAFT
from ..checking import load_plan
from ..files import os_text
from ..findings import LoadFailed
from ..model import Plan
from ..package import OutputError, check_outdir
from . import apply as applying, excel, progress
from .changes import CHANGE, CONFLICT, Change, field_changes, paragraph_changes
from ..forms.fields import policy_fields, shown
from ..forms.workbook import digest
from ..proofs.rounds import round_name
from .edits import NOBASE, Comment, FieldEdit, ParagraphEdit, Problem, Unreadable, Where
from .word import read_packet

EXIT_OK, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2


@dataclass
class Intake:
    """Everything one run found, for the terminal and the report."""
    files: list[tuple[str, str, dict]] = field(default_factory=list)   # (file, department, info)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    already: int = 0
    applied: bool = False
    written: list[str] = field(default_factory=list)         # policy files written
    progress_edits: list[FieldEdit] = field(default_factory=list)   # from progress forms

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.status == CONFLICT]

    @property
    def to_apply(self) -> list[Change]:
        return [c for c in self.changes if c.status == CHANGE]


def gather(plan: Plan, field_edits: list[FieldEdit], paragraph_edits: list[ParagraphEdit] = (),
           result: Intake | None = None) -> Intake:
    """The changes of every edit, from Excel forms and Word packets alike,
    checked together: the one call for any kind of return."""
    result = result or Intake()
    a, p1, n1 = field_changes(plan, field_edits)
    b, p2, n2 = paragraph_changes(plan, list(paragraph_edits))
    result.changes += a + b
    result.problems += p1 + p2
    result.already += n1 + n2
    return result


def _packet(path: Path, plan: Plan, result: Intake, out: TextIO) -> list[ParagraphEdit] | None:
    """A returned Word packet (planbook.intake.word) as paragraph edits; its
    errors are problems; None when it is not a packet at all (said to `out`)."""
    packet = read_packet(path, plan)
    if not packet.plan:                  # not a DOCX, damaged, not a packet
        print("\n".join(packet.errors) or f"{path}: Word の校正刷りとして読めません。", file=out)
        return None
    who = packet.department
    result.files.append((path.name, who, {"date": packet.date, "round_name": round_name(packet.round)
                                          if packet.round else None}))
    result.problems += [Problem(Where(path.name), e.removeprefix(f"{path}: ")) for e in packet.errors]
    result.comments += [Comment(c.paragraph.split("/")[0] if c.paragraph else "", c.text, c.author or who,
                                Where(path.name, paragraph=c.paragraph)) for c in packet.comments]
    return [ParagraphEdit(e.paragraph, e.new_source, who, Where(path.name, paragraph=e.paragraph),
                          old_text=e.old_source) for e in packet.edits if e.new_source is not None]


def _read(files: list[Path], plan: Plan, out: TextIO) -> tuple[Intake, list[FieldEdit], list, bool]:
    result, edits, paras, unreadable = Intake(), [], [], False
    for f in files:
        if f.suffix.lower() in (".doc", ".xls"):
            print(f"{f}: 古い形式（{f.suffix}）のファイルです。担当課に .docx（Word 文書）か .xlsx"
                  "（Excel ブック）で保存し直してもらってください。", file=out)
            unreadable = True
            continue
        if f.suffix.lower() == ".docx":
            found = _packet(f, plan, result, out)
            unreadable = unreadable or found is None
            paras += found or []
            continue
        try:
            wb, rows, fmt = excel.open_form(f)
            if fmt == progress.FORMAT:
                info, found = _progress_form(f, plan, wb, rows, result)
                result.progress_edits += found
                continue
            info, found, comments, problems = excel.read(f, wb)
        except Unreadable as e:
            print(str(e), file=out)
            unreadable = True
            continue
        result.files.append((f.name, str(info.get("department") or ""), info))
        edits += found
        result.comments += comments
        result.problems += problems
    return result, edits, paras, unreadable


def _progress_form(path: Path, plan: Plan, wb, rows, result: Intake):
    """A returned progress form (planbook.intake.progress): its edits, its
    problems added to `result`."""
    info, found, problems = progress.read(path, wb, rows)
    info["stale"] = progress.stale(plan, info)
    info["round_name"] = f"{info['year']} 年度の実績値の様式"      # the report's column of the round
    result.files.append((path.name, str(info.get("department") or ""), info))
    result.problems += problems
    return info, found


def _stale(plan: Plan, result: Intake) -> None:
    """Per form, the 施策 whose content changed in the source since the form
    was made (their digests differ): its fields may conflict."""
    now = {p.code: digest(policy_fields(p)) for p in plan.policies}
    for _, _, info in result.files:
        if info.get("kind") == "progress":
            continue
        info["stale"] = [code for code, made in info.get("policies", {}).items() if now.get(code) != made]


def _print(result: Intake, out: TextIO) -> None:
    for p in result.problems:
        print(f"誤り: {p.format()}", file=out)
    for c in result.changes:
        where = "、".join(str(w) for w in c.where)
        head = f"施策{c.code} {c.label}（{'、'.join(c.who)}、{where}）"
        if c.status == CONFLICT:
            print(f"競合: {head}: 様式を作ったとき「{_short(c, c.base)}」→ source「{_short(c, c.old)}」、"
                  f"返送「{_short(c, c.new)}」" + "".join(f"、別の返送「{_short(c, v)}」" for v, _, _ in c.others),
                  file=out)
        else:
            print(f"変更: {head}: 「{_short(c, c.old)}」→「{_short(c, c.new)}」", file=out)
    print(f"読んだ様式 {len(result.files)} 件: 変更 {len(result.to_apply)} 件、競合 {len(result.conflicts)} 件、"
          f"誤り {len(result.problems)} 件、反映済み {result.already} 件、連絡 {len(result.comments)} 件", file=out)


def _short(c: Change, value, n: int = 30) -> str:
    if value is None:
        return "（空欄）"
    if value is NOBASE:
        return "（不明）"
    text = str(shown(c.kind, value)).replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def intake(source: Path, files: list[Path], outdir: Path, apply: bool, out: TextIO | None = None,
           paragraph_edits: list[ParagraphEdit] = ()) -> int:
    out = out or sys.stderr
    try:
        check_outdir(outdir, (source,))
    except OutputError as e:
        print(f"{e}\n何も書き換えていません。", file=out)
        return EXIT_UNREADABLE
    try:
        plan = load_plan(source)
    except LoadFailed as e:
        pipeline.print_load_errors(source, e, out)
        return EXIT_UNREADABLE
    result, edits, paras, unreadable = _read(files, plan, out)
    if unreadable:
        print("読めないファイルがあるため、何も書き換えていません。上のファイルを確かめてください。", file=out)
        return EXIT_UNREADABLE
    _stale(plan, result)
    gather(plan, edits, [*paras, *paragraph_edits], result)
    found, problems, already = progress.changes(plan, result.progress_edits)
    result.changes += found
    result.problems += problems
    result.already += already
    policy_todo = [c for c in result.to_apply if c.path[0] != "progress"]
    edited, problems, lines = applying.edit_texts(plan, policy_todo)
    more, problems2, lines2 = progress.edit_texts(plan, [c for c in result.to_apply if c.path[0] == "progress"])
    edited += more
    lines.update(lines2)
    problems += problems2
    result.problems += problems
    if not result.problems:
        result.problems += applying.verify(plan, edited, result.to_apply, lines)
    _print(result, out)
    if apply and not result.problems and edited:
        try:
            applying.write(plan.source_dir, edited)
        except OSError as e:
            print(f"source を書き換えられませんでした（{os_text(e)}）。元のままです。", file=out)
            return EXIT_UNREADABLE
        result.applied = True
        result.written = [e.rel for e in edited]
        print(f"source に書き込みました: {'、'.join(result.written)}", file=out)
    elif apply and result.problems:
        print("誤りがあるため、source は何も書き換えていません。上の誤りを担当課と確かめてください。", file=out)
    elif not apply and result.to_apply:
        print("まだ source は書き換えていません。報告を確かめてから --apply を付けて実行してください。", file=out)
    code = pipeline.run(pipeline.Job(source, outdir, DRAFT if result.applied else None,
                                     [("intake-report", {"intake": result})],
                                     written="読み込みの結果を書き出しました", block=False,
                                     with_errors="チェックでエラーが見つかりました（上の一覧）。"), out)
    if code == EXIT_UNREADABLE:
        return code
    return EXIT_REFUSED if result.problems or result.conflicts else code
