"""progress/<西暦年度>.yaml (進行管理): the actual value of each 目標指標 in one
fiscal year, keyed by 施策 code and by the indicator's name as written in its
policy file, with an optional note per value and the department's comment.

    policies:
      111:
        indicators:
          授業が分かると答えた児童の割合: 81.7
          校舎の改修済み棟数（累計）: {value: 13, note: 2 棟は工事中}
        comment: 少人数指導を全校に広げた。

A value is a number, a number with the indicator's unit (`13 棟`), or a
mapping {value, unit, note}; `null` is a value not known (未把握). The file
is read like every source file (`read`); the names are matched against the
plan's policies once these are loaded (`resolve`).
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import yaml

from .. import files, model as m
from ..findings import Finding
from ..suggest import closest
from ..terminal import neutral
from .fields import western
from .schema import MISSING, F, MapOf, Number, Record, Str, Text, Type

FOLDER = "progress"
_WITH_UNIT = re.compile(r"([+-]?(?:[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+))\s*([^\d\s.,].*)")


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().replace(" ", "")


class _Value(Type):
    """A number, or a number followed by its unit (`13 棟`, `81.7%`): (value, unit)."""
    label = "数値"

    def convert(self, node, ctx):
        value = super().convert(node, ctx)
        return (None, None) if value is None else value

    def convert_value(self, node, ctx):
        if isinstance(node, yaml.ScalarNode):
            found = _WITH_UNIT.fullmatch(node.value.strip())
            if found and not re.fullmatch(r"[eE][+-]?\d+", found.group(2)):
                number = yaml.ScalarNode("tag:yaml.org,2002:str", found.group(1),
                                         node.start_mark, node.end_mark)
                value = Number().convert_value(number, ctx)
                return MISSING if value is MISSING else (value, found.group(2).strip())
        value = Number().convert_value(node, ctx)
        return MISSING if value is MISSING else (value, None)


def _full(values, loc, locs, ctx, present):
    value, unit = values["value"] or (None, None)
    if values["unit"] is not None and unit is not None and _norm(values["unit"]) != _norm(unit):
        ctx.error(loc.line, "load-progress-unit", f"値に付けた単位「{unit}」と unit の「{values['unit']}」が"
                  "違います。どちらか一つにしてください。")
        return MISSING
    return {"value": value, "unit": values["unit"] or unit, "note": values["note"], "loc": loc,
            "locs": locs}


_FULL = Record({"value": F(_Value()), "unit": F(Str()), "note": F(Str())}, _full)


class _Actual(Type):
    """One indicator's value: the short form (a number) or {value, unit, note}."""
    label = "数値、または {value: 数値, note: 説明}"

    def convert(self, node, ctx):
        if isinstance(node, yaml.MappingNode):
            return _FULL.convert(node, ctx)
        value = _Value().convert(node, ctx)
        if value is MISSING:
            return MISSING
        return {"value": value[0], "unit": value[1], "note": None, "loc": ctx.loc(node),
                "locs": {}}


def _policy(values, loc, locs, ctx, present):
    return {"actuals": values["indicators"] or {}, "comment": values["comment"], "loc": loc,
            "locs": locs}


POLICY = Record({"indicators": F(MapOf(_Actual(), key_pattern=r"(?s).*\S.*")),
                 "comment": F(Text())}, _policy)
FILE = Record({"policies": F(MapOf(POLICY), True)},
              lambda values, loc, locs, ctx, present: (values["policies"] or {}, loc))


# -- the files ---------------------------------------------------------------------


def file_year(rel: str, period: m.Period | None, findings: list[Finding]) -> int | None:
    """The fiscal year a progress file is named for (2027.yaml), inside the plan period."""
    stem = Path(rel).stem
    if not re.fullmatch(r"[0-9]{4}", stem):
        plain = unicodedata.normalize("NFKC", stem)
        year = int(plain) if re.fullmatch(r"\d{4}", plain) else western(stem)
        hint = f"名前を {year}.yaml にしてください。" if year else "例: 2027.yaml（令和9年度）。"
        findings.append(Finding("load-file-name", "進捗のファイルの名前は、その年度の西暦 4 桁に .yaml を"
                                f"付けます。{hint}", rel, 0))
        return None
    year = int(stem)
    if period is not None and not period.start <= year <= period.end:
        findings.append(Finding("load-progress-year", f"{year} 年度は計画期間 {period.start}〜{period.end} "
                                "年度の外です。ファイルの名前（年度）を確かめてください。", rel, 0))
        return None
    return year


def file_names(source: Path, findings: list[Finding]) -> list[str]:
    """progress/*.yaml (.yml), hidden files left out; other files reported."""
    try:
        folder = files.folder_in(source, FOLDER)
        names = sorted(os.listdir(folder)) if folder is not None else []
    except files.FileProblem as e:
        findings.append(Finding(e.code, e.message, f"{FOLDER}/", 0))
        return []
    except OSError as e:
        findings.append(Finding("load-unreadable", f"フォルダを読めません（{files.os_text(e)}）。",
                                f"{FOLDER}/", 0))
        return []
    out = []
    for name in names:
        if files.is_hidden(name):
            continue
        shown = neutral(name, one_line=True)
        if shown != name:
            findings.append(Finding("load-file-name", "ファイル名に使えない文字があります。年度の西暦 4 桁で"
                                    "名前を付け直してください（例: 2027.yaml）。", f"{FOLDER}/{shown}", 0))
        elif Path(name).suffix in (".yaml", ".yml"):
            out.append(f"{FOLDER}/{name}")
        elif (folder / name).is_file():
            findings.append(Finding("load-stray-file", "progress/ には年度ごとの .yaml ファイルだけを"
                                    "置いてください（例: 2027.yaml）。", f"{FOLDER}/{name}", 0))
    return out


# -- names against the plan ----------------------------------------------------------


def _error(findings, loc: m.Loc, code: str, message: str) -> None:
    findings.append(Finding(code, message, loc.file, loc.line))


def _indicator_of(policy: m.Policy, name: str, policies, loc, findings) -> m.Indicator | None:
    for ind in policy.indicators or ():
        if ind.name == name:
            return ind
    names = [i.name for i in policy.indicators or () if i.name]
    near = closest(name, names, cutoff=0.5)
    elsewhere = next((p.code for p in policies if p.code != policy.code
                      and any(i.name == name for i in p.indicators or ())), None)
    if near:
        hint = f"「{near}」のことですか？（名前は施策{policy.code}のファイルに書いたとおりに書きます）"
    elif elsewhere:
        hint = f"この名前は施策{elsewhere}の指標です。施策{elsewhere}の下に書いてください。"
    elif names:
        hint = f"施策{policy.code}の指標: {'、'.join(names)}"
    else:
        hint = f"施策{policy.code}には目標指標がありません。"
    _error(findings, loc, "load-progress-indicator",
           f"施策{policy.code}に指標「{name}」はありません。{hint}")
    return None


def _actual(ind: m.Indicator, name: str, raw: dict, findings) -> m.Actual | None:
    unit = raw["unit"]
    loc = raw["loc"]
    if unit is not None and _norm(unit) != _norm(ind.unit):
        want = f"「{ind.unit}」" if ind.unit else "（単位なし）"
        _error(findings, loc, "load-progress-unit", f"指標「{name}」の単位は{want}ですが、実績値には"
               f"「{unit}」と書かれています。同じ単位に直した数値を書いてください。")
        return None
    return m.Actual(loc=loc, locs=raw["locs"], indicator=name, value=raw["value"],
                    note=raw["note"])


def resolve(year: int, raw, policies, findings: list[Finding]) -> m.ProgressYear:
    """A year's file, read (`FILE`), with each code and indicator name found in the plan."""
    entries, loc = raw
    by_code = {p.code: p for p in policies}
    out = []
    for code, (value, kloc) in entries.items():
        policy = by_code.get(code)
        if policy is None:
            near = closest(code, list(by_code))
            _error(findings, kloc, "load-progress-policy", f"施策「{code}」は計画にありません。"
                   + (f"「{near}」のことですか？" if near else "policies/ にある施策の番号を書いてください。"))
            continue
        if value is None:
            continue
        actuals = []
        for name, (item, nloc) in value["actuals"].items():
            ind = _indicator_of(policy, name, policies, nloc, findings)
            if ind is not None and item is not None:
                actual = _actual(ind, name, {**item, "loc": nloc}, findings)
                if actual is not None:
                    actuals.append(actual)
        out.append(m.PolicyProgress(loc=kloc, locs=value["locs"], code=code, actuals=tuple(actuals),
                                    comment=value["comment"]))
    return m.ProgressYear(loc=loc, year=year, policies=tuple(out))
