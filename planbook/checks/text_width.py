"""Full-width and half-width digits or letters mixed in one document
(２０２６ and 2026). 公用文 and JTF style write digits and Latin letters
half-width; the form the document uses less is reported.

合格例 (pass)::

    2035年度までに30%を目指します。DXを推進します。

不合格例 (fail)::

    ２０３５年度までに30%を目指します。ＤＸを推進します。
"""
from __future__ import annotations

import re
import unicodedata

from . import Hit
from ._text import texts

ID = "text-width"
TITLE = "全角・半角の英数字の混在"
SEVERITY = "warning"
FINAL = False
DEFAULTS: dict = {}

_FULL = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_HALF = re.compile(r"[0-9A-Za-z]+")


def check(plan, options):
    items = list(texts(plan))
    full = sum(len(_FULL.findall(t)) for _, _, t in items)
    half = sum(len(_HALF.findall(t)) for _, _, t in items)
    if not full:
        return
    odd, pattern = ("全角", _FULL) if full <= half else ("半角", _HALF)
    for unit, p, text in items:
        for m in pattern.finditer(text):
            other = unicodedata.normalize("NFKC", m.group(0)) if odd == "全角" else m.group(0)
            yield Hit(f"{odd}の英数字「{m.group(0)}」があります。文書のほかの箇所に合わせて"
                      f"「{other if odd == '全角' else '全角'}」にしてください。", p.loc, unit.label,
                      key=m.group(0))
