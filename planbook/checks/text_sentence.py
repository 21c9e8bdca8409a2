"""Sentence length and 読点 count over the limits, in body text and notes.

textlint's ja-technical-writing reports sentences over 100 characters and
more than 3 読点; 公用文作成の考え方 (2022) suggests 50–60 characters as a
guide. 総合計画 sentences are long by habit (lists of measures joined by
「や」「、」), and with those limits a quarter of a real plan's sentences
would be reported, which teaches staff to ignore the check. The defaults
report what a reader really stumbles on: more than 120 characters (about
three printed lines), or more than 5 読点. Lower them in style.yaml
(`checks: {text-sentence: {max_length: 100, max_commas: 3}}`) for a
stricter house style.

合格例 (pass)::

    市と関係機関が連携し、まちのにぎわいを創出します。

不合格例 (fail)::

    市は、関係機関と連携し、地域の団体と協力し、市民の声を聞き、課題を整理し、計画を見直し、施策を進めます。
"""
from __future__ import annotations

from ..load.schema import Int
from ._text import sentences, texts

ID = "text-sentence"
TITLE = "長すぎる文・読点の多すぎる文"
SEVERITY = "warning"
FINAL = False
OPTIONS = {"max_length": Int(1, 1000), "max_commas": Int(0, 100)}
DEFAULTS = {"max_length": 120, "max_commas": 5}


def check(plan, options):
    longest, most = options["max_length"], options["max_commas"]
    for item in texts(plan, ("body", "note")):
        for off, s in sentences(item.text):
            commas = s.count("、") + s.count("，")
            head = s[:24] + ("…" if len(s) > 24 else "")
            if len(s) > longest:
                yield item.hit(f"一文が {len(s)} 字あります（目安は {longest} 字まで）: 「{head}」。"
                               "二つ以上の文に分けられないか確かめてください。",
                               off, off + len(s), key=s[:24])
            elif commas > most:
                yield item.hit(f"一文に読点が {commas} 個あります（目安は {most} 個まで）: 「{head}」。"
                               "文を分けるか、並べる語を「・」でつなげないか確かめてください。",
                               off, off + len(s), key=s[:24])
