"""Every character of the text is in the fonts the booklet uses (the
fonts/ folder), so everything prints as written and nothing as tofu (□).
A name with 髙 or 﨑 is checked before printing; a character outside the
fonts (𠮷, an emoji) is reported with its place and code point. A character
must be in every font, since the layout sets the same text in more than one
(body in Mincho, headings and tables in Gothic). The renderer uses no other
font (planbook/render/typeset/fonts.py), so such a character would print as the
font's empty box, never in a substitute font.

An ideographic variation sequence (辻 + U+E0100: the one-dot 辻) prints with
the fonts' variant glyph when every font maps the sequence (cmap format 14);
a sequence the fonts do not know would print as the plain 辻, so it is
reported, and so is a variation selector (U+FE00–FE0F, U+E0100–E01EF) that
follows no character. Besides the plan's own text, every word planbook adds
(labels, placeholders, numbers and 和暦 of the booklet) is checked: the
runner's caller gives them (`printed`, planbook.present.printed.added_text).

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

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import harfbuzz, paths
from ..clusters import SELECTORS
from ..markup import Ruby, tokens
from . import Hit
from ._text import excerpt, texts

ID = "fonts"
TITLE = "フォントにない文字・異体字（豆腐になる文字）"
SEVERITY = "error"
FINAL = False
PRINTED = True
OPTIONS: dict = {}
DEFAULTS: dict = {}

# Joiners are never drawn; a font without them does not make tofu.
# Joiners, and the control characters the control-characters check reports.
_IGNORED = frozenset({0x200D, 0x2060, *range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)})
BOOKLET = "冊子"


@dataclass(frozen=True)
class Coverage:
    chars: frozenset[int]                       # code points with a glyph
    sequences: frozenset[tuple[int, int]]       # (base, selector) the cmap 14 maps


@lru_cache(maxsize=8)
def _font_coverage(path: str, mtime: float) -> Coverage:
    """Its code points and its variation sequences (cmap 14; a base listed
    without a glyph of its own uses its default glyph: known too), read by
    HarfBuzz (planbook.harfbuzz; fontTools gives the same sets, 5× slower)."""
    chars, sequences = harfbuzz.coverage(Path(path).read_bytes())
    return Coverage(chars, sequences)


def fonts(folder: Path | None = None) -> list[Path]:
    return paths.font_files(folder)


def _files(folder: Path | None = None) -> tuple[tuple[str, float], ...]:
    return tuple((str(f), f.stat().st_mtime) for f in fonts(folder))


def coverage(folder: Path | None = None) -> Coverage:
    """What every font of the folder can print."""
    return _coverage(_files(folder))


@lru_cache(maxsize=4)
def _coverage(files: tuple[tuple[str, float], ...]) -> Coverage:
    each = [_font_coverage(path, mtime) for path, mtime in files]
    if not each:
        return Coverage(frozenset(), frozenset())
    return Coverage(frozenset.intersection(*(c.chars for c in each)),
                    frozenset.intersection(*(c.sequences for c in each)))


@lru_cache(maxsize=4)
def _printable(files: tuple[tuple[str, float], ...]) -> frozenset[str]:
    """The characters that print as they are: in every font, and no selector."""
    return frozenset(chr(c) for c in _coverage(files).chars if c not in SELECTORS)


def covered(folder: Path | None = None) -> frozenset:
    """Code points every font of the folder has."""
    return coverage(folder).chars


def codes(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


def problems(text: str, cov: Coverage):
    """(index, key, problem, advice) for each character or variation sequence
    of `text` that the fonts cannot print as written."""
    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp in SELECTORS:
            base = text[i - 1] if i else ""
            if not base or ord(base) in SELECTORS or ord(base) in _IGNORED or base.isspace():
                yield (i, f"U+{cp:04X}", f"どの字にも付いていない異体字セレクタ（U+{cp:04X}）があります",
                       "印刷されない文字なので、消してください")
            elif ord(base) in cov.chars and (ord(base), cp) not in cov.sequences:
                seq = base + ch
                yield (i - 1, seq, f"「{seq}」（{codes(seq)}）の異体字はフォントにありません",
                       f"印刷すると異体字の指定が無視され、「{base}」の標準の字形になります。"
                       "フォントにある字形にするか、異体字セレクタを消してください")
        elif cp not in cov.chars and cp not in _IGNORED and not ch.isspace():
            yield (i, ch, f"「{ch}」（U+{cp:04X}）は冊子のフォントにないため、印刷すると□（豆腐）に"
                   "なります", "別の字体（例: 𠮷→吉）にするか、画像にして載せてください")


def _strings(plan):
    for item in texts(plan):
        yield item.unit, item.text, item.loc_at
        for t in tokens(item.para.text) if item.para and "{" in item.para.text else ():
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
    for field in ("municipality", "title", "subtitle", "vision_suffix", "policy_label"):
        if getattr(info, field):
            yield "計画全体", getattr(info, field), (lambda i, f=field: info.place_of(f, i))


def _around(text: str, i: int) -> str:
    return text[max(0, i - 10):i + 10]


def check(plan, options, printed=None):
    """`printed(plan)`: the strings planbook adds to the booklet (None: none)."""
    files = _files()
    cov, printable = _coverage(files), _printable(files)
    if not cov.chars:
        yield Hit(f"フォントが見つかりません（{paths.FONTS}）。planbook の fonts フォルダを確かめてください。")
        return
    reported = set()
    for unit, text, loc_at in _strings(plan):
        if printable.issuperset(text):
            continue
        seen = set()
        for i, key, problem, advice in problems(text, cov):
            if key not in seen:
                seen.add(key)
                reported.add(key)
                yield Hit(f"{problem}: 「{_around(text, i)}」。{advice}。", loc_at(i), unit, key=key,
                          **excerpt(text, i, i + len(key) if len(key) <= 2 else i + 1))
    done = set()        # a string seen again has nothing new to report
    for text in printed(plan) if printed else ():
        if text in done or printable.issuperset(text):
            continue
        done.add(text)
        for i, key, problem, _advice in problems(text, cov):
            if key not in reported:
                reported.add(key)
                yield Hit(f"{problem}: 冊子の「{_around(text, i)}」（planbook が入れる文字）。"
                          "planbook の担当者に知らせてください。", None, BOOKLET, key=key)
