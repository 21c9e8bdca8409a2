"""A returned Excel form (planbook.forms.workbook) → the edits it holds.

The file is checked before openpyxl opens it: a regular file of sane size,
a zip (a password-protected workbook is an encrypted OLE file, an .xls an
OLE file too), not too many or too large entries. Then the hidden sheet
says what the form was made from: for every input cell its field, its label
and the value it had. A cell whose row label no longer reads the same (rows
inserted after the protection was removed) is refused, not guessed."""
from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from .. import files
from ..forms.fields import kind_of
from ..forms.workbook import FORMAT, META
from .cells import CellError, check
from .edits import Comment, FieldEdit, Problem, Unreadable, Where

FILE_LIMIT = 20 * files.MB
UNZIPPED_LIMIT = 20 * files.MB     # a form of 30 施策 is under 1 MB unzipped
ENTRIES_LIMIT = 2000
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _bytes(path: Path) -> bytes:
    try:
        return files.read_bytes(path.parent, path.name, FILE_LIMIT, where="フォルダ")
    except files.FileProblem as e:
        raise Unreadable(f"{path}: {e.message}") from None


def _check_zip(path: Path, data: bytes) -> None:
    if data.startswith(OLE):
        raise Unreadable(f"{path}: パスワードが付いているか、古い形式（.xls）の Excel ファイルです。"
                         "担当課にパスワードを外して .xlsx 形式（Excel ブック）で保存し直してもらってください。")
    if not data.startswith(b"PK"):
        raise Unreadable(f"{path}: Excel（.xlsx）のファイルではありません（名前だけ .xlsx になっています）。"
                         "送った様式に書き込んだファイルを返してもらってください。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable(f"{path}: ファイルが壊れていて開けません（途中までしか保存されていないなど）。"
                         "担当課にもう一度保存して送ってもらってください。") from None
    if len(infos) > ENTRIES_LIMIT or sum(i.file_size for i in infos) > UNZIPPED_LIMIT:
        raise Unreadable(f"{path}: 様式としては大きすぎます（展開すると {sum(i.file_size for i in infos) // files.MB} MB）。"
                         "送った様式に書き込んだファイルか確かめてください。")
    if any(i.flag_bits & 0x1 for i in infos):
        raise Unreadable(f"{path}: 暗号化されています。パスワードを外して保存し直してもらってください。")


def _workbook(path: Path, data: bytes):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # noqa: BLE001 - any broken workbook is the same message to the user
        raise Unreadable(f"{path}: Excel のファイルとして読めません（壊れているか、別の形式です）。"
                         "担当課にもう一度保存して送ってもらってください。") from None


def _meta(path: Path, wb) -> tuple[dict, list[tuple], list[list]]:
    if META not in wb.sheetnames:
        raise Unreadable(f"{path}: planbook が作った記入様式ではありません（記録のシートがありません）。"
                         "planbook forms で作った様式に書き込んでもらってください。")
    ws = wb[META]
    info, policies, fields = {}, [], []
    for row in ws.iter_rows(values_only=True, max_col=9):
        if not row or row[0] is None:
            continue
        if row[0] == "field":
            fields.append(list(row[1:9]))
        elif row[0] == "policy":
            policies.append((str(row[1]), row[2]))
        else:
            info[str(row[0])] = row[1]
    if info.get("format") != FORMAT:
        raise Unreadable(f"{path}: この版の planbook では読めない様式です（{str(info.get('format'))[:30]}）。"
                         "planbook forms で様式を作り直してください。")
    return info, policies, fields


def open_form(path: Path):
    """(the workbook, the rows of its hidden sheet, its format); Unreadable
    when it is no form planbook made."""
    path = Path(path)
    data = _bytes(path)
    _check_zip(path, data)
    wb = _workbook(path, data)
    if META not in wb.sheetnames:
        raise Unreadable(f"{path}: planbook が作った記入様式ではありません（記録のシートがありません）。"
                         "planbook forms で作った様式に書き込んでもらってください。")
    rows = list(wb[META].iter_rows(values_only=True, max_col=9))
    fmt = next((r[1] for r in rows if r and r[0] == "format"), None)
    return wb, rows, fmt


REFUSED = object()      # a cell whose value cannot be used (a problem says why)


def cell_value(path: Path, wb, cell: tuple, missing: set, problems: list[Problem]):
    """The checked value of an input cell (sheet, ref, kind, label, name) of a
    returned form, or REFUSED with its problem added (a missing sheet once,
    in `missing`; a row whose label moved; a value the loader would refuse)."""
    sheet, ref, kind, label, name = cell
    if not re.fullmatch(r"[A-Z]{1,3}[1-9][0-9]{0,6}", str(ref)):
        raise Unreadable(f"{path}: 様式の記録が壊れています。planbook forms で様式を作り直してください。")
    if sheet not in wb.sheetnames:
        if sheet not in missing:
            missing.add(sheet)
            problems.append(Problem(Where(path.name, str(sheet)), f"シート「{sheet}」がありません。"
                                    "シートの名前を変えたり消したりせず、送った様式のまま返してもらってください。"))
        return REFUSED
    ws = wb[sheet]
    row = "".join(ch for ch in str(ref) if ch.isdigit())
    seen = ws[f"A{row}"].value
    if str(seen or "").strip() != str(label).strip():
        problems.append(Problem(Where(path.name, str(sheet), f"A{row}"),
                                f"ここは「{label}」の行のはずですが「{str(seen or '')[:20]}」になっています。"
                                "行を足したり消したりしたようです。送った様式に書き直してもらってください。"))
        return REFUSED
    try:
        value = ws[ref].value
        return check(kind, value, str(name or label), formula=ws[ref].data_type == "f")
    except CellError as e:
        problems.append(Problem(Where(path.name, str(sheet), str(ref)), str(e)))
        return REFUSED


def read(path: Path, wb=None) -> tuple[dict, list[FieldEdit], list[Comment], list[Problem]]:
    """(what the form was made from, its edits, its comments, its problems);
    Unreadable when the file cannot be used at all."""
    path = Path(path)
    if wb is None:
        wb, _, _ = open_form(path)
    info, policies, fields = _meta(path, wb)
    who = str(info.get("department") or "")
    edits, comments, problems = [], [], []
    missing: set = set()
    for sheet, ref, code, raw_path, kind, label, base, name in fields:
        where = Where(path.name, str(sheet), str(ref))
        try:
            fpath = tuple(json.loads(raw_path))
            base = json.loads(base) if base is not None else None
            if kind_of(fpath) != kind:
                raise ValueError(fpath)
        except (TypeError, ValueError):
            raise Unreadable(f"{path}: 様式の記録が壊れています。planbook forms で様式を作り直してください。") from None
        value = cell_value(path, wb, (sheet, ref, kind, label, name), missing, problems)
        if value is REFUSED:
            continue
        if fpath == ("comment",):
            if value:
                comments.append(Comment(str(code), value, who, where))
            continue
        edits.append(FieldEdit(str(code), fpath, kind, str(name or label), value, base, who, where))
    return {**info, "policies": dict(policies)}, edits, comments, problems


__all__ = ["read"]
