"""Unbalanced brackets in a paragraph: every 「 has its 」, every （ its ）,
and a bracket is closed by its own kind (「…） is an error). In 「学び（まなび」
the bracket left open, （, is blamed, not the 」 that closes the 「. A list marker
such as 「1)」 or 「a)」 at the start of a paragraph is not a bracket.

合格例 (pass)::

    「清瀬市創業支援等事業計画」に基づき

不合格例 (fail)::

    「清瀬市創業支援等事業計画に基づき
"""
from __future__ import annotations

import re

from ._text import texts

ID = "text-brackets"
TITLE = "かっこの対応（「」『』（）【】など）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

PAIRS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "［": "］",
         "《": "》", "〈": "〉", "“": "”", "｛": "｝"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_BRACKET = re.compile("|".join(map(re.escape, [*PAIRS, *CLOSERS])))
_MARKER = re.compile(r"^\s*[0-9０-９a-zA-Zａ-ｚＡ-Ｚ①-⑳]{1,2}[)）]")


def _problem(text: str):
    stack: list[tuple[str, int]] = []
    start = 0
    m = _MARKER.match(text)
    if m:
        start = m.end()
    for m in _BRACKET.finditer(text, start):
        i, ch = m.start(), m.group(0)
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
            elif any(o == CLOSERS[ch] for o, _ in stack):
                # 「学び（まなび」: the 」 closes the 「, so the （ after it is the one left open
                k = max(n for n, (o, _) in enumerate(stack) if o == CLOSERS[ch])
                o, j = stack[k + 1]
                return j, f"「{o}」が閉じられていません（「{ch}」の前に「{PAIRS[o]}」がありません）"
            elif stack:
                o, j = stack[-1]
                return i, f"「{o}」を「{ch}」で閉じています（「{PAIRS[o]}」のはず）"
            else:
                return i, f"閉じかっこ「{ch}」に対応する「{CLOSERS[ch]}」がありません"
    if stack:
        o, j = stack[-1]
        return j, f"「{o}」が閉じられていません（「{PAIRS[o]}」がありません）"
    return None


def check(plan, options):
    for item in texts(plan):
        found = _problem(item.text)
        if found:
            i, what = found
            yield item.hit(f"{what}: {item.around(i, i + 1, 10)}", i,
                           key=item.text[max(0, i - 4):i + 8])
