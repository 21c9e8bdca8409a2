"""Structure: codes agree (施策 411 → 基本目標 41 → 将来像 4), every code is
unique, the file name is the code, every 基本目標 has 施策 and every 将来像
has 基本目標. The prefix rule can be turned off in plan.yaml
(`code_prefix_rule: false`) for plans numbered otherwise.

合格例 (pass)::

    # policies/411.yaml
    code: 411
    goal: 41          # 基本目標41 は将来像4 の下にある

不合格例 (fail)::

    # policies/411.yaml
    code: 412         # ファイル名と違う
    goal: 31          # 411 は 41 で始まるのに 31 の下
"""
from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from . import Hit

ID = "structure"
TITLE = "番号のつながり・重複・ファイル名"
SEVERITY = "error"
FINAL = False
DEFAULTS: dict = {}


def check(plan, options):
    prefix_rule = plan.info.code_prefix_rule
    goals = {}
    for v in plan.concept.visions:
        if not v.goals:
            yield Hit(f"将来像{v.number} に基本目標がありません。", v.loc, "将来像")
        for g in v.goals:
            goals.setdefault(g.code, (v, g))
            if prefix_rule and not g.code.startswith(str(v.number)):
                yield Hit(f"基本目標{g.code} は将来像{v.number} の下にありますが、番号が "
                          f"{v.number} で始まっていません。番号か置き場所を直してください"
                          "（番号の決まりが違う計画では plan.yaml に code_prefix_rule: false）。",
                          g.loc_of("code"), f"基本目標{g.code}")
    for kind, codes in (("将来像", [str(v.number) for v in plan.concept.visions]),
                        ("基本目標", [g.code for g in plan.goals()]),
                        ("施策", [p.code for p in plan.policies])):
        for code, n in Counter(codes).items():
            if n > 1:
                yield Hit(f"{kind}の番号 {code} が {n} 回使われています。番号は一つずつ違うものにしてください。")
    for p in plan.policies:
        unit = f"施策{p.code}"
        stem = PurePosixPath(p.loc.file).stem
        if stem != p.code:
            yield Hit(f"ファイル名 {p.loc.file} と施策の番号 {p.code} が違います。"
                      f"ファイル名を policies/{p.code}.yaml にするか、code を直してください。",
                      p.loc_of("code"), unit)
        if p.goal not in goals:
            yield Hit(f"施策{p.code} の goal: {p.goal} という基本目標は concept.yaml にありません。",
                      p.loc_of("goal"), unit)
        elif prefix_rule and not p.code.startswith(p.goal):
            yield Hit(f"施策{p.code} は基本目標{p.goal} の下にありますが、番号が {p.goal} で始まっていません。",
                      p.loc_of("code"), unit)
        for n, d in enumerate(p.directions or (), 1):
            if d.title is None and d.body is None:
                yield Hit(f"施策{p.code} の方向性 {n} が空です。", d.loc, unit)
    used = {p.goal for p in plan.policies}
    for code, (v, g) in goals.items():
        if code not in used:
            yield Hit(f"基本目標{code} に施策が一つもありません。", g.loc, f"基本目標{code}")
