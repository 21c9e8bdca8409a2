"""Unbalanced brackets in a paragraph: every 「 has its 」, every （ its ）.

合格例 (pass)::

    「清瀬市創業支援等事業計画」に基づき

不合格例 (fail)::

    「清瀬市創業支援等事業計画に基づき
"""
from __future__ import annotations

from . import Hit
from ._text import texts

ID = "text-brackets"
TITLE = "かっこの対応（「」（）『』【】）"
SEVERITY = "warning"
FINAL = False
DEFAULTS: dict = {}

PAIRS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "［": "］", "《": "》"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def check(plan, options):
    for unit, p, text in texts(plan):
        stack = []
        bad = None
        for i, ch in enumerate(text):
            if ch in PAIRS:
                stack.append((ch, i))
            elif ch in CLOSERS:
                if stack and stack[-1][0] == CLOSERS[ch]:
                    stack.pop()
                else:
                    bad = (ch, i, f"「{ch}」に対応する「{CLOSERS[ch]}」がありません")
                    break
        if bad is None and stack:
            ch, i = stack[-1]
            bad = (ch, i, f"「{ch}」が閉じられていません（「{PAIRS[ch]}」がありません）")
        if bad:
            ch, i, what = bad
            yield Hit(f"{what}: …{text[max(0, i - 8):i + 8]}…", p.loc, unit.label, key=text[i:i + 8])
