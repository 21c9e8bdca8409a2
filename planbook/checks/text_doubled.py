"""Doubled words and phrases: the same phrase written twice in a row, a
typical slip when editing (「主導する主導する」).

A repeated unit of kana alone shorter than three characters is Japanese
reduplication (ますます, いよいよ) and is not reported; nor are the words
listed in `allow` (style.yaml: checks: text-doubled: allow: […]).

合格例 (pass)::

    業務変革を主導する役割を担う人材

不合格例 (fail)::

    業務変革を主導する主導する役割を担う人材
"""
from __future__ import annotations

import re

from ..markup import plain_text
from ..walk import paragraphs
from . import Hit

ID = "text-doubled"
TITLE = "同じ語句の繰り返し（主導する主導する）"
SEVERITY = "warning"
FINAL = False
DEFAULTS = {"allow": ["ひとりひとり", "いろいろ", "それぞれ", "たびたび", "しばしば",
                      "ときどき", "ますます", "いよいよ", "まだまだ", "どんどん"]}

_REPEAT = re.compile(r"([^\s、。，．・「」（）0-9０-９]{2,12}?)\1")
_KANJI = re.compile(r"[\u3400-\u9fff]")


def check(plan, options):
    allow = set(options.get("allow") or ())
    for unit, p in paragraphs(plan):
        text = plain_text(p.text)
        for m in _REPEAT.finditer(text):
            word = m.group(1)
            if m.group(0) in allow or word in allow:
                continue
            if not _KANJI.search(word) and len(word) < 3:
                continue
            yield Hit(f"「{m.group(0)}」と同じ語句「{word}」が続いています。"
                      f"一つ消して「{word}」にしてください。", p.loc, unit.label, key=m.group(0))
