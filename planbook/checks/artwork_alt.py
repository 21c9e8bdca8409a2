"""Alternative text of the artwork: every work in artwork.yaml says what the
picture shows (`alt:`, read aloud by a screen reader and shown where the
image cannot be), or is marked `decorative: true` when it needs no words.
A warning in a draft, an error with --final and in `print`. An alt that
only repeats the file name or is a word such as 「画像」「絵」「作品」 says
nothing about the picture and is reported too.

合格例 (pass)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png
      alt: 海辺で遊ぶ子どもたちと灯台の絵
      school: みなと野第二小学校
      grade: 3
      name: 森 大和
      reading: もり やまと
      consent: true

不合格例 (fail)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png   # alt: がない
      school: みなと野第二小学校
      grade: 3
      name: 森 大和
      reading: もり やまと
      consent: true
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..markup import plain_text
from . import Hit

ID = "artwork-alt"
TITLE = "作品の代替テキスト（alt: に絵に描かれているもの）"
SEVERITY = "warning"
FINAL = True
OPTIONS: dict = {}
DEFAULTS: dict = {}

FIX = "alt: に、絵に描かれているものを一文で書いてください（例: alt: 海辺で遊ぶ子どもたちと灯台の絵）。"
GENERIC = ("画像", "絵", "作品", "写真", "イラスト", "図", "image", "picture", "alt")
_TRIM = re.compile(r"[\s\u3000。．.、,「」『』]+")


def _bare(text: str) -> str:
    return _TRIM.sub("", text).lower()


def _file_words(image: str | None) -> set[str]:
    if not image:
        return set()
    p = PurePosixPath(image.replace("\\", "/"))
    return {_bare(image), _bare(p.name), _bare(p.stem)}


def check(plan, options):
    for a in plan.artwork:
        if a.decorative:
            continue
        if a.alt is None:
            yield Hit(f"作品「{a.id}」に、絵の内容を伝える代替テキスト（alt）がありません。"
                      "画面の読み上げや画像を表示できないときに使います。" + FIX +
                      "説明の要らない飾りの絵なら decorative: true と書きます。",
                      a.loc, "作品", key=a.id)
            continue
        text = plain_text(a.alt.text).strip()
        bare = _bare(text)
        if bare in GENERIC or bare in _file_words(a.image) or bare == _bare(a.id):
            yield Hit(f"作品「{a.id}」の alt「{text}」では、何が描かれているかが伝わりません。" + FIX,
                      a.alt.loc, "作品", key=a.id)
