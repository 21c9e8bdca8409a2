"""What Word and Excel leave in a text pasted from them: quotes Word curled
as you typed (“…” ‘…’), which a Japanese text writes 「…」 (and which, around
a whole value, were meant as YAML's quotes "…"); an apostrophe curled
between letters (City’s); a tab from an Excel cell; spaces that look like
a half-width space but are not one (U+00A0 no-break space and the
typographic spaces), which do not break or stretch like one.

合格例 (pass)::

    「相談窓口」を一つにまとめ、City's Hall で受け付けます。

不合格例 (fail)::

    “相談窓口”を一つにまとめます。      # Word が曲げた引用符
"""
from __future__ import annotations

import re

from ._text import texts

ID = "text-pasted"
TITLE = "Word・Excel から貼り付けた跡（“”‘’ の引用符・タブ・特殊な空白）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_WRAPPED = re.compile(r"^([“‘])(.+)([”’])$")
_QUOTES = re.compile(r"[“”‘’]")
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")
_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]+")
_SPACE_NAMES = {"\t": "タブ文字", "\u00a0": "ノーブレークスペース", "\u202f": "幅の狭いノーブレークスペース"}


def _quotes(item):
    text = item.text
    m = _WRAPPED.match(text)
    if m and not _QUOTES.search(m.group(2)):
        yield item.hit(f"値の全体が Word の引用符「{m.group(1)}…{m.group(3)}」で囲まれています（このまま印刷"
                       "されます）。YAML の引用符のつもりなら半角の \" で囲み（\"…\"）、文字として見せる"
                       f"なら「」にしてください（「{m.group(2)}」）。", 0, len(text), key=m.group(1))
        return
    for m in _APOSTROPHE.finditer(text):
        yield item.hit("英単語の中の「’」は、Word が曲げたアポストロフィです。半角の「'」にしてください。",
                       m.start(), m.end(), key="’")
    for m in _QUOTES.finditer(text):
        if _APOSTROPHE.match(text, m.start()):
            continue
        double = m.group(0) in "“”"
        yield item.hit(f"Word が曲げた引用符「{m.group(0)}」があります。日本語の文では"
                       f"{'「」（かぎかっこ）' if double else '「」か『』'}で囲んでください"
                       "（強調や引用は「」、「」の中の引用は『』）。", m.start(), m.end(), key=m.group(0))


def check(plan, options):
    for item in texts(plan):
        text = item.text
        if _QUOTES.search(text):
            yield from _quotes(item)
        for m in _SPACES.finditer(text):
            ch = m.group(0)[0]
            code = f"〔U+{ord(ch):04X}〕"
            name = _SPACE_NAMES.get(ch, "特殊な空白")
            cause = ("Excel の表や Word から貼り付けると入ります。冊子では空白の幅がそろいません"
                     if ch == "\t" else "Word やウェブから貼り付けると入ります。半角スペースに見えますが、"
                     "行の折り返しや幅が違います")
            yield item.hit(f"文の中に{name}{code}があります（{cause}）。消すか、半角スペースにしてください。",
                           m.start(), m.end(), key=code.strip("〔〕"), show=code * len(m.group(0)))
