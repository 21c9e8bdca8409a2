"""Every character of the text is in the fonts the layout uses, so nothing
prints as tofu (□). A name with 髙 or 﨑 must be checked before printing.

合格例 (pass)::

    name: 高橋 結衣

不合格例 (fail)::

    name: 𠮷田 花子      # 𠮷 (U+20BB7) がフォントにない
"""
from __future__ import annotations

from functools import lru_cache

from .. import paths
from ..markup import plain_text
from ..walk import paragraphs
from . import Hit

ID = "fonts"
TITLE = "フォントにない文字（豆腐になる文字）"
SEVERITY = "error"
FINAL = False
DEFAULTS: dict = {}


@lru_cache(maxsize=1)
def covered() -> frozenset:
    from fontTools.ttLib import TTFont
    chars: set[int] = set()
    fonts = sorted(paths.FONTS.glob("*.ttf"))
    for i, f in enumerate(fonts):
        cmap = set(TTFont(f, lazy=True).getBestCmap())
        chars = cmap if i == 0 else chars & cmap
    return frozenset(chars)


def _strings(plan):
    for unit, p in paragraphs(plan):
        yield unit.label, p.loc, plain_text(p.text, ruby_reading=True)
    for a in plan.artwork:
        for field in ("school", "name", "reading"):
            value = getattr(a, field)
            if value:
                yield "作品", a.loc_of(field), value
    info = plan.info
    for field in ("municipality", "title", "subtitle", "vision_suffix"):
        if getattr(info, field):
            yield "計画全体", info.loc_of(field), getattr(info, field)


def check(plan, options):
    ok = covered()
    for unit, loc, text in _strings(plan):
        for ch in dict.fromkeys(text):
            if ord(ch) not in ok and not ch.isspace():
                yield Hit(f"「{ch}」（U+{ord(ch):04X}）は冊子のフォントにないため、印刷すると□（豆腐）に"
                          f"なります: 「{text[:20]}」。別の字体にするか、画像にしてください。",
                          loc, unit, key=ch)
