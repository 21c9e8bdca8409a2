"""Characters that should not be in the text: half-width katakana (ｶﾀｶﾅ),
invisible characters (zero-width spaces, control characters, BOM), and
decomposed kana (NFD: が written as か + ゛), which look right but break
searching and sorting.

合格例 (pass)::

    キャッシュレス決済の導入

不合格例 (fail)::

    ｷｬｯｼｭﾚｽ決済の導入      # 半角カタカナ
"""
from __future__ import annotations

import re
import unicodedata

from . import Hit
from ._text import texts

ID = "text-characters"
TITLE = "半角カタカナ・見えない文字・分解された文字"
SEVERITY = "warning"
FINAL = False
DEFAULTS: dict = {}

_HALF_KANA = re.compile(r"[\uff61-\uff9f]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f]")


def check(plan, options):
    for unit, p, text in texts(plan):
        for m in _HALF_KANA.finditer(text):
            full = unicodedata.normalize("NFKC", m.group(0))
            yield Hit(f"半角カタカナ「{m.group(0)}」があります。全角の「{full}」にしてください。",
                      p.loc,
                      unit.label, key=m.group(0))
        for m in _INVISIBLE.finditer(text):
            cp = f"U+{ord(m.group(0)):04X}"
            yield Hit(f"見えない文字（{cp} {unicodedata.name(m.group(0), '制御文字')}）が"
                      f"「{text[max(0, m.start() - 6):m.start()]}」の後ろにあります。消してください。",
                      p.loc, unit.label, key=cp)
        if unicodedata.normalize("NFC", text) != text:
            yield Hit("濁点・半濁点が文字と分かれて入力されている箇所があります（NFD）。"
                      "その語を打ち直してください。", p.loc, unit.label)
