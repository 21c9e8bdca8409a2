"""Doubled words and phrases: the same phrase written twice in a row, a
typical slip when editing (「主導する主導する」).

Japanese reduplication is not reported: a repeated unit of kana alone
shorter than three sounds (ますます, いろいろ, ちょこちょこ), forms with 々 (時々),
counted repetition starting with 一 or ひと (一つ一つ, 一人一人,
ひとりひとり), and the words listed in `allow` (style.yaml:
`checks: {text-doubled: {allow: […]}}`, added to the built-in list of
畳語 such as 生き生き, 思い思い, 日に日に, 人と人と). Words that only look alike
(一人ひとり, 生きいき, さまざま) are not repetitions at all.

合格例 (pass)::

    業務変革を主導する役割を担う人材
    一人ひとりの学びと学びあいの充実

不合格例 (fail)::

    業務変革を主導する主導する役割を担う人材
"""
from __future__ import annotations

import re

from ..load.schema import ListOf, Str
from ._text import KANJI, texts

ID = "text-doubled"
TITLE = "同じ語句の繰り返し（主導する主導する）"
SEVERITY = "warning"
FINAL = False
OPTIONS = {"allow": ListOf(Str())}
DEFAULTS: dict = {"allow": ()}       # added to ALLOW, the built-in list

ALLOW = frozenset({"人と人と", "日に日に", "生き生き", "伸び伸び", "思い思い", "晴れ晴れ",
                   "離れ離れ", "別れ別れ", "恐る恐る", "泣く泣く", "重ね重ね", "代わる代わる",
                   "返す返す", "見る見る", "満ち満ち", "散り散り", "部分部分", "夜な夜な",
                   "もっともっと", "ずっとずっと"})

_REPEAT = re.compile(r"([^\s、。，．,.・「」『』（）()［］【】〔〕0-9０-９―…‥]{2,15}?)\1")
_HAS_KANJI = re.compile(f"[{KANJI}]")
_COUNTED = re.compile(r"^(一|ひと)")
_WORD = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u3400-\u9fffA-Za-z]")
_SMALL = re.compile(r"[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ]")


def _legit(word: str, allow: set[str]) -> bool:
    if word in allow or word * 2 in allow:
        return True
    if _COUNTED.match(word) or not _WORD.search(word):
        return True
    # kana reduplication (ますます, いろいろ, ちょこちょこ): under three sounds
    return not _HAS_KANJI.search(word) and len(_SMALL.sub("", word)) < 3


def check(plan, options):
    allow = ALLOW | set(options["allow"])
    for item in texts(plan, ("body", "title", "note")):
        for m in _REPEAT.finditer(item.text):
            word = m.group(1)
            if _legit(word, allow):
                continue
            yield item.hit(f"「{m.group(0)}」と、同じ語句「{word}」が二度続いています"
                           f"（{item.around(m.start(), m.end(), 6)}）。一つ消して「{word}」にしてください。",
                           m.start(), m.end(), key=m.group(0))
