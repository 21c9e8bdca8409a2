"""である調 and ですます調 mixed in body text: a plan is written in one
style. The style most of the sentences use is taken as the document's, and
the others are reported.

合格例 (pass)::

    地域の活性化を図ります。にぎわいを創出します。

不合格例 (fail)::

    地域の活性化を図ります。にぎわいを創出するものである。
"""
from __future__ import annotations

import re

from . import Hit
from ._text import sentences, texts

ID = "text-style"
TITLE = "である調とですます調の混在"
SEVERITY = "warning"
FINAL = False
DEFAULTS: dict = {}

_DESU = re.compile(r"(です|ます|ました|でした|ません|でしょう)[。！？]?$")
_DEARU = re.compile(r"(である|であった|だ|のだ|ない|する|した|いる|ある)[。！？]$")


def check(plan, options):
    found = []
    for unit, p, text in texts(plan):
        for s in sentences(text):
            s = s.strip()
            if not s.endswith("。"):
                continue
            if _DESU.search(s):
                found.append(("desu", unit, p, s))
            elif _DEARU.search(s):
                found.append(("dearu", unit, p, s))
    desu = sum(1 for f in found if f[0] == "desu")
    main = "desu" if desu >= len(found) - desu else "dearu"
    name = {"desu": "ですます調", "dearu": "である調"}
    for kind, unit, p, s in found:
        if kind != main:
            yield Hit(f"この文は{name[kind]}です（文書の大半は{name[main]}）: 「…{s[-20:]}」",
                      p.loc, unit.label, key=s[-20:])
