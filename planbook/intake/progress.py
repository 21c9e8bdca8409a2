"""Returned progress forms (planbook.forms.progress) → changes of
progress/YEAR.yaml, compared three ways like the 施策 forms
(planbook.intake.changes), and the new text of each year's file written by
a ruamel.yaml round trip (comments and order kept; the file made, in the
documented shape, when it does not exist yet).

This is an explicit source-editing step: it reads and writes source files."""
from __future__ import annotations

import json
import unicodedata

from ruamel.yaml.comments import CommentedMap

from ..forms.fields import LINE, NUMBER, TEXT
from ..forms.progress import FORMAT, _comment_text, digest
from ..load.progress import FOLDER
from ..model import Plan
from . import yamledit
from .apply import Edited, load_doc
from .changes import ALREADY, CHANGE, Change, _add, _norm, classify, no_policy
from .edits import FieldEdit, Problem, Unreadable, Where
from .excel import REFUSED, cell_value

KINDS = (NUMBER, LINE, TEXT)


def _path_ok(path: tuple, kind: str) -> bool:
    if path == ("comment",):
        return kind == TEXT
    return (len(path) == 3 and path[0] == "indicators" and isinstance(path[1], str) and path[1].strip()
            and (path[2], kind) in (("value", NUMBER), ("note", LINE)))


def read(path, wb, rows: list) -> tuple[dict, list[FieldEdit], list[Problem]]:
    """A progress form's edits (path ("progress", year, …)) and problems;
    `rows`: its hidden sheet's rows."""
    info, policies, fields = {}, {}, []
    for row in rows:
        if not row or row[0] is None:
            continue
        if row[0] == "field":
            fields.append(list(row[1:9]))
        elif row[0] == "policy":
            policies[str(row[1])] = row[2]
        else:
            info[str(row[0])] = row[1]
    year = info.get("year")
    if info.get("format") != FORMAT or not isinstance(year, int) or isinstance(year, bool):
        raise Unreadable(f"{path}: 様式の記録が壊れています。planbook forms --progress で様式を作り直してください。")
    who = str(info.get("department") or "")
    edits, problems, missing = [], [], set()
    for sheet, ref, code, raw_path, kind, label, base, name in fields:
        where = Where(path.name, str(sheet), str(ref))
        try:
            fpath = tuple(json.loads(raw_path))
            base = json.loads(base) if base is not None else None
            if kind not in KINDS or not _path_ok(fpath, kind):
                raise ValueError(fpath)
        except (TypeError, ValueError):
            raise Unreadable(f"{path}: 様式の記録が壊れています。planbook forms --progress で"
                             "様式を作り直してください。") from None
        value = cell_value(path, wb, (sheet, ref, kind, label, name), missing, problems)
        if value is REFUSED:
            continue
        edits.append(FieldEdit(str(code), ("progress", year, *fpath), kind, str(name or label), value, base,
                               who, where))
    return {**info, "kind": "progress", "policies": policies}, edits, problems


def stale(plan: Plan, info: dict) -> list[str]:
    """The 施策 whose progress form content changed in the source since the form was made."""
    by_code = {p.code: p for p in plan.policies}
    return [code for code, made in info.get("policies", {}).items()
            if code not in by_code or digest(plan, by_code[code], info["year"]) != made]


def _current(plan: Plan, code: str, path: tuple):
    _, year, *rest = path
    py = plan.progress.get(year)
    if py is None:
        return None
    if rest == ["comment"]:
        pp = py.policy(code)
        return _comment_text(pp.comment) if pp else None
    a = py.actual(code, rest[1])
    return None if a is None else a.value if rest[2] == "value" else a.note


def changes(plan: Plan, edits: list[FieldEdit]) -> tuple[list[Change], list[Problem], int]:
    """(changes and conflicts, problems, how many returned values are already so)."""
    by_code = {p.code: p for p in plan.policies}
    out: dict = {}
    problems, already = [], 0
    for e in edits:
        policy = by_code.get(e.code)
        if policy is None:
            problems.append(no_policy(e))
            continue
        if e.path[2] == "indicators" and not any(i.name == e.path[3] for i in policy.indicators or ()):
            problems.append(Problem(e.where, f"施策{e.code} に指標「{e.path[3]}」がもうありません（様式を作った後に"
                                    "名前を変えたか消したようです）。新しい様式を送り直してください。"))
            continue
        new, base = _norm(e.kind, e.new), _norm(e.kind, e.base)
        current = _norm(e.kind, _current(plan, e.code, e.path))
        status = classify(e.kind, new, base, current)
        already += status == ALREADY
        if status in (None, ALREADY):
            continue
        _add(out, Change(e.code, e.path, e.kind, f"{e.path[1]}年度 {e.label}", current, new, base, status,
                         [e.who], [e.where]))
    return list(out.values()), problems, already


# -- the new text of progress/YEAR.yaml ---------------------------------------------


def _key(mapping, wanted: str):
    """The key of `mapping` that reads as `wanted` (a 施策 code may be an int in YAML)."""
    return next((k for k in mapping if unicodedata.normalize("NFC", str(k)).strip() == wanted), None)


def _code_key(code: str):
    return int(code) if code.isdigit() and str(int(code)) == code else code


def _child(parent, key, first: bool = False) -> CommentedMap:
    """parent[key], made when absent (`first`: as the first key)."""
    if not isinstance(parent.get(key), dict):
        if first and key not in parent:
            parent.insert(0, key, CommentedMap())
        else:
            parent[key] = CommentedMap()
    return parent[key]


def _set_actual(inds, name: str, field: str, value) -> None:
    key = _key(inds, name)
    item = inds[key] if key is not None else None
    if isinstance(item, dict):
        if field == "note" and value is None:
            item.pop("note", None)
        else:
            item[field] = value
        return
    now = {"value": item, "note": None}     # a number, `9 人` or null: kept as written
    now[field] = value
    if now["note"] is None:
        inds[key if key is not None else name] = now["value"]
    else:
        m = CommentedMap([("value", now["value"]), ("note", now["note"])])
        m.fa.set_flow_style()
        inds[key if key is not None else name] = m


def _apply(doc, c: Change) -> tuple:
    """Set one change in the document; the YAML path of its key."""
    _, _, *rest = c.path
    pols = _child(doc, "policies")
    key = _key(pols, c.code)
    if key is None:
        key = _code_key(c.code)
        pols[key] = CommentedMap()
    entry = _child(pols, key)
    if rest == ["comment"]:
        if c.new is None:
            entry.pop("comment", None)
        else:
            entry["comment"] = yamledit._scalar(TEXT, c.new, None)
        return ("policies", key, "comment")
    inds = _child(entry, "indicators", first=True)       # before the comment, as documented
    _set_actual(inds, rest[1], rest[2], c.new)
    return ("policies", key, "indicators", _key(inds, rest[1]))


def _skeleton(year: int) -> str:
    return (f"# {year} 年度の目標指標の実績値（planbook intake が担当課の様式から作りました）\n"
            "policies:\n")


def edit_texts(plan: Plan, todo: list[Change]) -> tuple[list[Edited], list[Problem], dict]:
    """The new text of every progress/YEAR.yaml a change touches; problems
    for files that cannot be edited; where each change's key is in the new text."""
    by_year: dict[int, list[Change]] = {}
    for c in todo:
        if c.status == CHANGE:
            by_year.setdefault(c.path[1], []).append(c)
    out, problems, lines = [], [], {}
    for year, group in sorted(by_year.items()):
        rel = f"{FOLDER}/{year}.yaml"
        py = plan.progress.get(year)
        if py is not None and py.loc.file:
            rel = py.loc.file
        opened = load_doc(plan, rel, problems, None if py else _skeleton(year))
        if opened is None:
            continue
        old, doc, y = opened
        if doc is None:
            problems.append(Problem(rel, "中身が空のため書き換えられません。policies: の一行を書いてください。"))
            continue
        keys = {id(c): _apply(doc, c) for c in group}
        new = yamledit.dump(y, doc, old if old is not None else _skeleton(year))
        again, _ = yamledit.load(new, rel)
        for c in group:
            lines[id(c)] = (rel, yamledit.key_line(again, keys[id(c)]))
        if new != old:
            out.append(Edited(rel, old, new))
    return out, problems, lines
