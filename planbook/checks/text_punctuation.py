"""「，」「．」 used as Japanese punctuation: 公用文 uses 「、」「。」.
A comma or full stop between digits (1,000 / 3.5) is not reported.

合格例 (pass)::

    市民と行政が協働し、地域の活性化を図ります。

不合格例 (fail)::

    市民と行政が協働し，地域の活性化を図ります．
"""
from __future__ import annotations

import re

from . import Hit
from ._text import texts

ID = "text-punctuation"
TITLE = "「，」「．」を句読点に使っている"
SEVERITY = "warning"
FINAL = False
DEFAULTS: dict = {}

_BAD = re.compile(r"(?<![0-9０-９])[，．]|[，．](?![0-9０-９])")


def check(plan, options):
    for unit, p, text in texts(plan):
        for m in _BAD.finditer(text):
            want = "、" if m.group(0) == "，" else "。"
            ctx = text[max(0, m.start() - 8):m.end() + 4]
            yield Hit(f"「{m.group(0)}」が句読点に使われています（…{ctx}…）。「{want}」にしてください。",
                      p.loc, unit.label, key=ctx)
