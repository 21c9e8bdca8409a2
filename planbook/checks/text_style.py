"""である調 and ですます調 mixed in body text: a plan is written in one
style. The style most body sentences end in is taken as the document's, and
the sentences in the other style are reported. Titles, ※ notes and
indicator notes are left out (a 用語解説 may use its own style), and so are
sentences ending in a noun (体言止め) and sentences quoted inside 「」.

合格例 (pass)::

    地域の活性化を図ります。にぎわいを創出します。

不合格例 (fail)::

    地域の活性化を図ります。にぎわいを創出するものである。
"""
from __future__ import annotations

import re

from ._text import sentences, texts

ID = "text-style"
TITLE = "である調とですます調の混在"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_DESU = re.compile(r"(です|ます|でした|ました|ません|でしょう|ましょう|ください)[。！？]$")
_DEARU = re.compile(r"(である|であった|であろう|ではない|だ|だった|だろう|ない|なかった|た|"
                    r"[うくすつぬぶむるぐい])[。！？]$")
NAMES = {"desu": "ですます調", "dearu": "である調"}


def check(plan, options):
    found = []
    for item in texts(plan, ("body",)):
        for off, s in sentences(item.text):
            m = _DESU.search(s)
            if m:
                found.append(("desu", item, off, s, m))
                continue
            m = _DEARU.search(s)
            if m:
                found.append(("dearu", item, off, s, m))
    desu = sum(1 for f in found if f[0] == "desu")
    main = "desu" if desu >= len(found) - desu else "dearu"
    counts = {"desu": desu, "dearu": len(found) - desu}
    for kind, item, off, s, m in found:
        if kind != main:
            tail = ("…" if len(s) > 20 else "") + s[-20:]
            yield item.hit(f"この文は{NAMES[kind]}です（本文の {counts[main]} 文は{NAMES[main]}）: 「{tail}」。"
                           f"{NAMES[main]}にそろえてください。", off + m.start(1), off + m.end(1),
                           key=s[-20:])
