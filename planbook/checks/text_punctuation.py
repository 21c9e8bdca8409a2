"""Punctuation: 「，」「．」 or half-width 「,」「.」 used as Japanese
punctuation (公用文 and JTF style write 「、」「。」), and punctuation typed
twice (「。。」「、、」「、。」). A comma or point between digits (1,000 /
3.5) and Latin text (Ver.2, www.city.example.lg.jp) is not reported.

合格例 (pass)::

    市民と行政が協働し、地域の活性化を図ります。人口は約7.4万人です。

不合格例 (fail)::

    市民と行政が協働し，地域の活性化を図ります．
"""
from __future__ import annotations

import re

from ._text import JAPANESE, texts

ID = "text-punctuation"
TITLE = "句読点（「，」「．」の混在、「。。」の重なり）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_FULL = re.compile(r"(?<![0-9０-９])[，．]|[，．](?![0-9０-９])")
_HALF = re.compile(f"(?<=[{JAPANESE}、。）」])[,.]")
_TWICE = re.compile(r"[、。，．]{2,}")
WANT = {"，": "、", ",": "、", "．": "。", ".": "。"}


def check(plan, options):
    for item in texts(plan):
        for m in _TWICE.finditer(item.text):
            yield item.hit(f"句読点「{m.group(0)}」が重なっています（{item.around(m.start(), m.end())}）。"
                           "一つにしてください。", m.start(), m.end(), key=m.group(0))
        for rx in (_FULL, _HALF):
            for m in rx.finditer(item.text):
                if _TWICE.match(item.text, max(0, m.start() - 1)) or \
                        _TWICE.match(item.text, m.start()):
                    continue
                ch = m.group(0)
                yield item.hit(f"「{ch}」が句読点に使われています（{item.around(m.start(), m.end())}）。"
                               f"「{WANT[ch]}」にしてください。", m.start(), m.end(), key=ch)
