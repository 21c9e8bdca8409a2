"""A value written 「－」「未定」「なし」 because it is not known yet: planbook
prints it as it is (a 担当課 named 「なし」 gets its own proof packet),
where an empty value is shown as 「未入力」 and reported by the
completeness check until it is written. (A number or a year written so
stops the load, with the same advice.)

合格例 (pass)::

    # policies/111.yaml
    indicators:
      - name: 総合相談窓口の相談件数
        unit:                       # 単位がまだ決まっていない: 空のまま

不合格例 (fail)::

    # policies/111.yaml
    indicators:
      - name: 総合相談窓口の相談件数
        unit: 未定
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache

from ..load.schema import is_placeholder
from ..model import Node, Paragraph
from ._text import excerpt
from . import Hit

ID = "placeholders"
TITLE = "まだ決まっていない値の「－」「未定」「なし」"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("loc", "locs"))


def _values(value, owner=None, name=""):
    """(text, loc, key) of every text the staff wrote, in order."""
    if isinstance(value, Paragraph):
        key = next((s for s in reversed(value.id.split("/")) if not s.isdigit()), "")
        yield value.text, value.place(0), key
    elif isinstance(value, str):
        if isinstance(owner, Node):
            yield value, owner.loc_of(name), name
    elif isinstance(value, Node):
        for n in _fields(type(value)):
            yield from _values(getattr(value, n), value, n)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _values(item, owner, name)


def _units(plan):
    yield "計画全体", plan.info
    yield "", plan.concept
    for p in plan.policies:
        yield f"施策{p.code}", p
    yield "作品", plan.artwork


def check(plan, options):
    for unit, part in _units(plan):
        for text, loc, key in _values(part):
            if is_placeholder(text) and key not in ("id", "code", "goal", "key", "direction", "policy_label"):
                yield _hit(text.strip(), loc, key, unit)


def _hit(text, loc, key, unit):
    if key == "departments":
        fix = (f"。「{text}」という担当課の校正刷りもできます）。担当課が決まっていなければ、"
               "departments: の後ろに何も書かないでください。")
    else:
        fix = f"）。まだ決まっていなければ、値を空にしてください（「{key}:」の後ろに何も書かない）。"
    return Hit(f"「{key}」に「{text}」と書かれています（このまま「{text}」と印刷されます{fix}",
               loc, unit, key=text, **excerpt(text, 0, len(text)))
