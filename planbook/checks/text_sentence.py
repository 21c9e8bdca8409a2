"""Sentence length and 読点 count over the limits. 行政文書 sentences are
long by habit; the defaults (140 characters, 5 読点) report only the ones a
reader really stumbles on. Lower them in style.yaml for a stricter house style.

合格例 (pass)::

    市と関係機関が連携し、まちのにぎわいを創出します。

不合格例 (fail)::

    （読点が6つ以上ある、または140字を超える一文）
"""
from __future__ import annotations

from . import Hit
from ._text import sentences, texts

ID = "text-sentence"
TITLE = "長すぎる文・読点の多すぎる文"
SEVERITY = "warning"
FINAL = False
DEFAULTS = {"max_length": 140, "max_commas": 5}


def check(plan, options):
    for unit, p, text in texts(plan):
        for s in sentences(text):
            s = s.strip()
            commas = s.count("、")
            if len(s) > options["max_length"]:
                yield Hit(f"一文が {len(s)} 字あります（目安 {options['max_length']} 字まで）: "
                          f"「{s[:20]}…」。二つの文に分けられないか確かめてください。",
                          p.loc, unit.label, key=s[:20])
            elif commas > options["max_commas"]:
                yield Hit(f"一文に読点が {commas} 個あります（目安 {options['max_commas']} 個まで）: "
                          f"「{s[:20]}…」。", p.loc, unit.label, key=s[:20])
