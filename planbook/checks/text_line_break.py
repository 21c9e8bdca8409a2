"""One line break where a new paragraph was meant: in YAML (as in
Markdown) paragraphs are separated by a blank line, and a single line break
only continues the paragraph, so 「…ます。⏎次の…」 typed as in Word is
printed as one paragraph. A sentence ending at the end of a line with the
next sentence on the next line is reported, with the blank-line form;
lines broken in the middle of a sentence (a long sentence wrapped by hand)
are not.

合格例 (pass)::

    # policies/111.yaml
    future: |
      困り事を抱えた市民が、身近な場所で相談できています。

      必要な支援に早くつながっています。

不合格例 (fail)::

    # policies/111.yaml
    future: |
      困り事を抱えた市民が、身近な場所で相談できています。
      必要な支援に早くつながっています。
"""
from __future__ import annotations

from ._text import texts

ID = "text-line-break"
TITLE = "段落を分けるつもりの一行の改行（空行がない）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_ENDS = "。！？!?」』）)"


def check(plan, options):
    for item in texts(plan, ("body",)):
        text = item.text
        if item.para is None or len(text) < 2:
            continue
        for i, ch in enumerate(text[:-1]):
            if ch not in "。！？" or (text[i + 1] in _ENDS):
                continue
            here, there = item.loc_at(i), item.loc_at(i + 1)
            if here.line == there.line:
                continue
            start = max(max(text.rfind(c, 0, i) for c in "。！？、") + 1, i - 15)
            head = ("…" if start > 0 and text[start - 1] not in "。！？、" else "") + text[start:i + 1]
            stop = min((k for k in (text.find(c, i + 1) for c in "。！？") if k >= 0), default=-1)
            tail = text[i + 1:stop + 1] if 0 <= stop <= i + 16 else text[i + 1:i + 13] + "…"
            yield item.hit(f"「{head}」の後ろが一行の改行だけで、次の行の「{tail}」と一つの段落につながって"
                           "印刷されます（YAML では、段落の区切りは空行です）。段落を分けるなら、二つの行の間に"
                           f"空行（何も書かない行）を入れてください: 「{head}」⏎（空行）⏎「{tail}」。"
                           "一つの段落のままでよければ、このままで構いません。", i, i + 1, key=head)
