"""Artwork credits printed the same way: the space between family and given
name used in every name or in none (清瀬小学校 5年 永井 想真 さん beside
室賀美杜 さん looks like a slip), the reading written in hiragana, and a
reading with as many parts as the name when both are split.

合格例 (pass)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png
      name: 永井 想真
      reading: ながい そうま

不合格例 (fail)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png
      name: 永井 想真
      reading: ナガイソウマ      # 片仮名で、姓と名の間も空いていない
"""
from __future__ import annotations

import re

from . import Hit

ID = "artwork-credits"
TITLE = "作品のクレジット（名前の空き・読みがな）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_SPACE = re.compile(r"[ \u3000]+")
_HIRAGANA = re.compile(r"^[\u3041-\u309f\u30fc \u3000]+$")


def check(plan, options):
    named = [a for a in plan.artwork if a.name]
    split = [a for a in named if _SPACE.search(a.name.strip())]
    whole = [a for a in named if not _SPACE.search(a.name.strip())]
    if split and whole:
        odd, usual = (whole, split) if len(whole) <= len(split) else (split, whole)
        example = usual[0].name
        for a in odd:
            how, other = ("空いていません", "空いている") if a in whole else ("空いています", "続けている")
            yield Hit(f"作品「{a.id}」の名前「{a.name}」は姓と名の間が{how}。ほかのクレジットは"
                      f"「{example}」のように{other}ので、印刷の見た目をそろえてください。",
                      a.place_of("name"), "作品", key=a.id)
    for a in plan.artwork:
        if not a.reading:
            continue
        if not _HIRAGANA.match(a.reading):
            yield Hit(f"作品「{a.id}」の読み「{a.reading}」はひらがなで書いてください。",
                      a.place_of("reading"), "作品", key=a.id)
        elif a.name and _SPACE.search(a.name.strip()) and _SPACE.search(a.reading.strip()):
            n, r = len(_SPACE.split(a.name.strip())), len(_SPACE.split(a.reading.strip()))
            if n != r:
                yield Hit(f"作品「{a.id}」の名前「{a.name}」と読み「{a.reading}」の区切りの数が"
                          "違います。", a.place_of("reading"), "作品", key=a.id)
