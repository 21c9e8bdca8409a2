"""No two 施策 or 基本目標 share a title (a copied title is a typical slip:
the 計画の体系 would show two identical lines).

合格例 (pass)::

    # policies/112.yaml
    code: 112
    goal: 11
    title: 地域の見守り活動の推進      # 施策111 は「相談支援体制の充実」

不合格例 (fail)::

    # policies/112.yaml
    code: 112
    goal: 11
    title: 相談支援体制の充実          # 施策111 と同じ名前
"""
from __future__ import annotations

from ..markup import plain_text
from . import Hit
from ._text import excerpt

ID = "duplicate-title"
TITLE = "施策・基本目標の名前の重複"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}


def _loc(node):
    """The first character of the title, or the line of the field."""
    return node.title.loc if node.title is not None else node.loc_of("title")


def check(plan, options):
    for kind, items in (("基本目標", [(g.code, g.title, _loc(g), f"基本目標{g.code}")
                                     for g in plan.goals()]),
                        ("施策", [(p.code, p.title, _loc(p), f"施策{p.code}")
                                  for p in plan.policies])):
        seen: dict[str, list] = {}
        for code, title, loc, unit in items:
            if title is not None:
                seen.setdefault(plain_text(title.text).strip(), []).append((code, loc, unit))
        for title, same in seen.items():
            if len(same) < 2:
                continue
            for n, (code, loc, unit) in enumerate(same):
                others = "、".join(f"{kind}{c}（{where}）" for k, (c, where, _) in enumerate(same) if k != n)
                copy = ("同じ番号の施策が二つあります。ファイルを写して作ったときは、不要なほうを消すか、"
                        "番号と名前を書き換えてください。" if any(c == code for k, (c, _, _) in enumerate(same)
                                                           if k != n) else
                        "どちらかが写し間違いではないか確かめてください。")
                yield Hit(f"{kind}{code}の名前「{title}」は{others}と同じです。{copy}",
                          loc, unit, key=title, **excerpt(title, 0, len(title)))
