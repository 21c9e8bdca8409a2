"""No two 施策 or 基本目標 share a title (a copied title is a typical slip:
the 計画の体系 would show two identical lines).

合格例 (pass)::

    411 産業・観光の振興 / 421 清瀬の未来の創造

不合格例 (fail)::

    412 清瀬の未来の創造 / 421 清瀬の未来の創造
"""
from __future__ import annotations

from ..markup import plain_text
from . import Hit

ID = "duplicate-title"
TITLE = "施策・基本目標の名前の重複"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}


def check(plan, options):
    for kind, items in (("基本目標", [(g.code, g.title, g.loc_of("title"), f"基本目標{g.code}")
                                     for g in plan.goals()]),
                        ("施策", [(p.code, p.title, p.loc_of("title"), f"施策{p.code}")
                                  for p in plan.policies])):
        seen: dict[str, list] = {}
        for code, title, loc, unit in items:
            if title is not None:
                seen.setdefault(plain_text(title.text).strip(), []).append((code, loc, unit))
        for title, same in seen.items():
            if len(same) < 2:
                continue
            codes = "、".join(c for c, _, _ in same)
            for code, loc, unit in same:
                others = "、".join(c for c, _, _ in same if c != code)
                yield Hit(f"{kind}{code}の名前「{title}」は{kind}{others}と同じです"
                          f"（{codes}）。どちらかが写し間違いではないか確かめてください。",
                          loc, unit, key=title)
