"""Characters that should not be in the text: half-width katakana (ｶﾀｶﾅ),
invisible characters (zero-width spaces, joiners, bidi controls, BOM, soft
hyphens), decomposed kana (NFD: が typed as か + ゛),
which look right but break searching and sorting, and CJK compatibility
ideographs that other programs silently replace with another code point.

合格例 (pass)::

    キャッシュレス決済の導入

不合格例 (fail)::

    ｷｬｯｼｭﾚｽ決済の導入      # 半角カタカナ
"""
from __future__ import annotations

import re
import unicodedata

from ._text import texts

ID = "text-characters"
TITLE = "半角カタカナ・見えない文字・分解された濁点・互換漢字"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_HALF_KANA = re.compile(r"[\uff61-\uff9f]+")
# (control characters are the control-characters check's errors)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_COMBINING = re.compile(r"[\u0300-\u036f\u3099\u309a]")
_COMPAT = re.compile(r"[\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '制御文字')}"


def check(plan, options):
    for item in texts(plan):
        text = item.text
        for m in _HALF_KANA.finditer(text):
            full = unicodedata.normalize("NFKC", m.group(0))
            yield item.hit(f"半角カタカナ「{m.group(0)}」があります。全角の「{full}」にしてください。",
                           m.start(), m.end(), key=m.group(0))
        for m in _INVISIBLE.finditer(text):
            code = f"U+{ord(m.group(0)):04X}"
            yield item.hit(f"見えない文字（{_name(m.group(0))}）が「{text[max(0, m.start() - 8):m.start()]}」"
                           "の後ろにあります。消してください（コピーした文章によく紛れ込みます）。",
                           m.start(), m.end(), key=code, show=f"〔{code}〕")
        for m in _COMBINING.finditer(text):
            start = max(0, m.start() - 1)      # the glyph: its base character and the mark
            yield item.hit(f"「{unicodedata.normalize('NFC', text[start:m.end()])}」の濁点・半濁点などが"
                           f"文字と分かれて入力されています（{_name(m.group(0))}）。検索や並べ替えで別の文字"
                           "として扱われます。その語を打ち直してください。", start, m.end(),
                           key=f"U+{ord(m.group(0)):04X}")
        for m in _COMPAT.finditer(text):
            ch = m.group(0)
            norm = unicodedata.normalize("NFC", ch)
            if norm == ch:          # 﨑, 髙 … are ordinary characters
                continue
            yield item.hit(f"「{ch}」（U+{ord(ch):04X}）は互換漢字で、ほかのソフトに渡すと「{norm}」"
                           f"（U+{ord(norm):04X}）に置き換わることがあります。字形を残す必要がなければ "
                           f"U+{ord(norm):04X} の「{norm}」にしてください。", m.start(), m.end(), key=ch)
