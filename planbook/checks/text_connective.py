"""The same connective used twice where a reader trips over it: a joining
phrase twice in one sentence (「…を充実させるとともに、…を進めるとともに、…」),
and two sentences in a row opening with the same conjunction
(「また、…。また、…。」), as textlint's no-doubled-conjunction reports.

合格例 (pass)::

    機能を充実させるとともに、駅前広場の整備を進め、結節点の機能を強化します。

不合格例 (fail)::

    機能を充実させるとともに、駅前広場の整備を進めるとともに、結節点の機能を強化します。
"""
from __future__ import annotations

import re

from ..load.schema import ListOf, Str
from ._text import sentences, texts

ID = "text-connective"
TITLE = "接続の言葉の重なり（〜とともに、〜とともに／また、…。また、）"
SEVERITY = "warning"
FINAL = False
OPTIONS = {"phrases": ListOf(Str()), "conjunctions": ListOf(Str())}
DEFAULTS = {"phrases": ("とともに", "と共に", "ことにより", "ことによって", "に加え"),
            "conjunctions": ("また", "さらに", "更に", "そして", "しかし", "そのため", "一方",
                             "なお", "加えて", "あわせて", "併せて")}


def check(plan, options):
    phrases = [(p, re.compile(re.escape(p))) for p in options["phrases"]]
    words = "|".join(map(re.escape, options["conjunctions"]))
    opening = re.compile(f"^({words})、") if words else None
    for item in texts(plan, ("body", "note")):
        before = None
        for off, s in sentences(item.text):
            for phrase, rx in phrases:
                if s.count(phrase) < 2:       # as many as the matches of rx
                    continue
                ms = list(rx.finditer(s))
                if len(ms) > 1:
                    yield item.hit(f"一つの文に「{rx.pattern}」が {len(ms)} 回あります: 「{s[:24]}…」。"
                                   "一つを言い換えるか、文を分けてください。",
                                   off + ms[1].start(), off + ms[1].end(), key=rx.pattern)
            m = opening.match(s) if opening else None
            word = m.group(1) if m else None
            if word and word == before:
                yield item.hit(f"「{word}、」で始まる文が続いています: 「{s[:20]}…」。"
                               "接続の言葉を変えるか、一つにまとめてください。",
                               off, off + len(word) + 1, key=word)
            before = word
