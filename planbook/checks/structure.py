"""Structure: codes agree (施策 411 → 基本目標 41 → 将来像 4), every code is
unique, a 施策's file name is its code, every 基本目標 has 施策 and every
将来像 has 基本目標, and a 施策 names a 基本目標 that exists. The prefix rule
can be turned off in plan.yaml (`code_prefix_rule: false`) for plans
numbered otherwise.

合格例 (pass)::

    # policies/111.yaml
    code: 111
    goal: 11          # 基本目標11 は将来像1 の下にある

不合格例 (fail)::

    # policies/111.yaml
    code: 121         # ファイル名と違う
    goal: 11          # 121 は 12 で始まるのに基本目標11 の下
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..suggest import closest
from . import Hit

ID = "structure"
TITLE = "番号のつながり・重複・ファイル名"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

OFF = "（番号の付け方が違う計画では、plan.yaml に code_prefix_rule: false と書きます）"


def _duplicates(kind, items):
    """items: (code, loc, unit)"""
    seen: dict[str, list] = {}
    for code, loc, unit in items:
        seen.setdefault(code, []).append((loc, unit))
    for code, places in seen.items():
        if len(places) < 2:
            continue
        for n, (loc, unit) in enumerate(places):
            others = "、".join(str(o) for k, (o, _) in enumerate(places) if k != n)
            yield Hit(f"{kind}の番号 {code} は {others} でも使われています（{len(places)} か所）。"
                      "番号は一つずつ違うものにしてください。", loc, unit, key=code)


def check(plan, options):
    prefix_rule = plan.info.code_prefix_rule
    visions = plan.concept.visions
    yield from _duplicates("将来像", [(str(v.number), v.loc_of("number"), "将来像") for v in visions])
    yield from _duplicates("基本目標", [(g.code, g.loc_of("code"), f"基本目標{g.code}")
                                      for g in plan.goals()])
    yield from _duplicates("施策", [(p.code, p.loc_of("code"), f"施策{p.code}") for p in plan.policies])
    for v in visions:
        if not v.goals:
            yield Hit(f"将来像{v.number}に基本目標が一つもありません。goals: に基本目標を書いてください。",
                      v.loc, "将来像")
        for g in v.goals:
            if prefix_rule and not g.code.startswith(str(v.number)):
                yield Hit(f"基本目標{g.code}は将来像{v.number}の下にありますが、番号が {v.number} で"
                          f"始まっていません。番号か置き場所を直してください{OFF}。",
                          g.loc_of("code"), f"基本目標{g.code}")
    goals = {g.code for g in plan.goals()}
    files = {p.loc.file: p for p in plan.policies}
    for p in plan.policies:
        unit = f"施策{p.code}"
        stem = PurePosixPath(p.loc.file).stem
        if stem != p.code:
            yield Hit(_file_name(p, stem, files), p.loc_of("code"), unit)
        if p.goal not in goals:
            known = "、".join(sorted(goals)) or "なし"
            near = closest(p.goal, goals)
            yield Hit(f"施策{p.code}の goal: {p.goal} という基本目標は concept.yaml にありません"
                      f"（あるもの: {known}）。" + (f"「{near}」のことですか？" if near else ""),
                      p.loc_of("goal"), unit)
        elif prefix_rule and not p.code.startswith(p.goal) and not _separated(p.code, stem):
            yield Hit(f"施策{p.code}は goal: {p.goal}（基本目標{p.goal}の下）ですが、番号が {p.goal} で"
                      f"始まっていません。goal か code（{p.loc_of('code')}）を直してください{OFF}。",
                      p.loc_of("goal"), unit)
    used = {p.goal for p in plan.policies}
    for g in plan.goals():
        if g.code not in used:
            yield Hit(f"基本目標{g.code}に施策が一つもありません。policies/ に goal: {g.code} の"
                      "施策を置いてください。", g.loc, f"基本目標{g.code}")


# 「112 - コピー」「112 のコピー」「112 (2)」「Copy of 112」「112_copy」: what a file manager
# or an editor names a copied file.
_COPY_WORDS = re.compile(r"コピー|copy|[(（]\s*\d+\s*[)）]", re.IGNORECASE)
_OF = re.compile(r"\bof\b", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*")


def copied_from(stem: str) -> str | None:
    """The name a copied file's name was made from (「112 - コピー」 → 112), else None."""
    if not _COPY_WORDS.search(stem):
        return None
    codes = _CODE.findall(_OF.sub(" ", _COPY_WORDS.sub(" ", stem)))
    return codes[0] if len(codes) == 1 else None


def _separated(code: str, stem: str) -> bool:
    """`code` is the file's number written with separators (4-3-2 in 432.yaml)."""
    return code != stem and re.sub(r"[-_.]", "", code) == stem


def _file_name(p, stem: str, files: dict) -> str:
    """The message for a 施策 whose file is not named after its code."""
    target = f"policies/{p.code}.yaml"
    holder = files.get(target) or files.get(f"policies/{p.code}.yml")
    plain = re.sub(r"[-_.]", "", p.code)
    if _separated(p.code, stem):
        return (f"施策の番号 {p.code} に区切りの「{next(c for c in p.code if c in '-_.')}」が入っています。"
                f"番号は区切らずに書きます: code: {plain}（ファイル名 {p.loc.file} と同じ番号）。")
    if holder is None or holder is p:
        return (f"ファイル名 {p.loc.file} と施策の番号 {p.code} が違います。"
                f"ファイル名を {target} にするか、code を直してください。")
    original = copied_from(stem)
    if original is not None and f"policies/{original}.yaml" in files:
        taken = {q.code for q in files.values()}
        free = next(str(n) for n in range(int(p.code) + 1, int(p.code) + 1000)
                    if str(n) not in taken) if p.code.isdigit() else "新しい番号"
        return (f"{p.loc.file} は policies/{original}.yaml の写し（コピー）のようです。施策{p.code}が"
                f"二つ（{holder.loc_of('code')} にも）あることになります。写しが要らなければ消してください。"
                f"新しい施策にするなら、ファイル名と code を新しい番号（例: policies/{free}.yaml と code: {free}）"
                "にしてください。")
    return (f"ファイル名 {p.loc.file} と施策の番号 {p.code} が違います。{target} は施策{holder.code}の"
            f"ファイルとしてすでにあるので、code を直すか、ファイル名をこの施策の番号にしてください。")
