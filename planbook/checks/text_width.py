"""Full-width and half-width forms mixed in one document.

Digits and Latin letters: 公用文 (2022) and the JTF style write them
half-width (2035年, DX). When a document uses both widths, the width used
less is reported (２０３５ among 2035). Parentheses: in Japanese text they
are full-width （…）; half-width ( ) around Japanese words are reported,
while (1) or (DX) are left alone.

合格例 (pass)::

    2035年度までに30%を目指します。DXを推進します。CIO（副市長）を補佐します。

不合格例 (fail)::

    ２０３５年度までに30%を目指します。ＤＸを推進します。CIO(副市長)を補佐します。
"""
from __future__ import annotations

import re
import unicodedata

from ._text import JAPANESE, texts

ID = "text-width"
TITLE = "全角・半角の混在（英数字・かっこ）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_FULL = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_HALF = re.compile(r"[0-9A-Za-z]+")
_PARENS = re.compile(f"\\(([^()]*[{JAPANESE}][^()]*)\\)")


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def check(plan, options):
    items = list(texts(plan))
    for item in items:
        for m in _PARENS.finditer(item.text):
            yield item.hit(f"半角のかっこ「{m.group(0)}」があります。日本語の文では全角の"
                           f"「（{m.group(1)}）」にしてください。", m.start(), m.end(), key=m.group(0))
    full = sum(len(_FULL.findall(i.text)) for i in items)
    half = sum(len(_HALF.findall(i.text)) for i in items)
    if not full or not half:
        return
    if full <= half:
        odd, pattern, want, other = "全角", _FULL, lambda s: unicodedata.normalize("NFKC", s), "半角"
    else:
        odd, pattern, want, other = "半角", _HALF, _full_width, "全角"
    for item in items:
        for m in pattern.finditer(item.text):
            yield item.hit(f"{odd}の英数字「{m.group(0)}」があります（{item.around(m.start(), m.end())}）。"
                           f"この文書の英数字はほとんどが{other}なので「{want(m.group(0))}」にしてください"
                           f"（{other} {max(full, half)} か所、{odd} {min(full, half)} か所）。",
                           m.start(), m.end(), key=m.group(0))
