"""Every character of the text is in the fonts the booklet uses (the
fonts/ folder), so nothing prints as tofu (□). A name with 髙 or 﨑 is
checked before printing; a character outside the fonts (𠮷, an emoji) is
reported with its place and code point. A character must be in every font,
since the layout sets the same text in more than one (body in Mincho,
headings and tables in Gothic).

合格例 (pass)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png
      name: 髙橋 結衣

不合格例 (fail)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png
      name: 𠮷田 花子      # 𠮷 (U+20BB7) がフォントにない
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import paths
from ..markup import Ruby, tokens
from . import Hit
from ._text import excerpt, texts

ID = "fonts"
TITLE = "フォントにない文字（豆腐になる文字）"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

# Variation selectors and joiners are not drawn; a missing one does not make tofu.
_IGNORED = set(range(0xFE00, 0xFE10)) | set(range(0xE0100, 0xE01F0)) | {0x200D, 0x2060}


@lru_cache(maxsize=4)
def _cmap(path: str, mtime: float) -> frozenset:
    from fontTools.ttLib import TTFont
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def fonts(folder: Path | None = None) -> list[Path]:
    folder = Path(folder or paths.FONTS)
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))


def covered(folder: Path | None = None) -> frozenset:
    """Code points every font of the folder has."""
    sets = [_cmap(str(f), f.stat().st_mtime) for f in fonts(folder)]
    return frozenset.intersection(*sets) if sets else frozenset()


def _strings(plan):
    for item in texts(plan):
        yield item.unit, item.text, item.loc_at
        for t in tokens(item.para.text) if item.para else ():
            if isinstance(t, Ruby):      # {base|reading}: the reading starts after the `|`
                yield item.unit, t.reading, (lambda i, p=item.para, o=t.offset + len(t.base) + 2:
                                             p.place(o + i))
    for a in plan.artwork:
        for field in ("school", "name", "reading"):
            if getattr(a, field):
                yield "作品", getattr(a, field), (lambda i, a=a, f=field: a.place_of(f, i))
    for p in plan.policies:
        for d in p.departments:
            yield f"施策{p.code}", d, (lambda i, loc=p.loc_of("departments"): loc)
    info = plan.info
    for field in ("municipality", "title", "subtitle", "vision_suffix"):
        if getattr(info, field):
            yield "計画全体", getattr(info, field), (lambda i, f=field: info.place_of(f, i))


def check(plan, options):
    ok = covered()
    if not ok:
        yield Hit(f"フォントが見つかりません（{paths.FONTS}）。planbook の fonts フォルダを確かめてください。")
        return
    for unit, text, loc_at in _strings(plan):
        seen = set()
        for i, ch in enumerate(text):
            cp = ord(ch)
            if cp in ok or cp in _IGNORED or ch.isspace() or ch in seen:
                continue
            seen.add(ch)
            yield Hit(f"「{ch}」（U+{cp:04X}）は冊子のフォントにないため、印刷すると□（豆腐）に"
                      f"なります: 「{text[max(0, i - 10):i + 10]}」。別の字体（例: 𠮷→吉）にするか、"
                      "画像にして載せてください。", loc_at(i), unit, key=ch, **excerpt(text, i, i + 1))
