"""Per-character difference of Japanese text, cleaned up to read as words.

Japanese has no spaces to split words on, so the texts are compared character
by character (difflib.SequenceMatcher, without its "popular character" junk
heuristic, which would ignore 、 and の in long paragraphs). The raw result
scatters single characters, so it is cleaned up:

1. a change is widened to the edge of the word it touches: while the unchanged
   character beside it is of the same script (katakana, Latin letters and
   digits with their separators) as the changed character next to it; kanji
   compounds are long (清瀬市創業支援等事業計画), so a kanji change is widened
   only until it holds two kanji (most kanji words have two), to the right
   first: 推進します → 促進します reads 推進 → 促進, not 推 → 促, and
   創業支援等 → 創業応援等 reads 支援 → 応援 (an inserted or deleted kanji
   is not widened: 事業 → 事業者 reads as 者 inserted);
2. changes separated by a tiny unchanged run (1–2 characters, or a run not
   longer than the changes on both sides of it) are merged into one.

Both steps repeat until nothing moves. Last, no change starts or ends
between a character and its variation selector (辻 → 辻󠄀 reads as the whole
character replaced; planbook.clusters).
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from ..clusters import is_selector

Range = tuple[int, int]

_WORDY = {"kanji", "kata", "alnum"}     # scripts whose runs form one word
_TINY = 2


@dataclass(frozen=True, slots=True)
class Op:
    """One step of the difference: `tag` is equal, replace, delete or insert;
    old[i1:i2] became new[j1:j2]."""
    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


def script(text: str, i: int) -> str:
    """The script class of text[i]: kanji, hira, kata, alnum, or other."""
    ch = text[i]
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF \
            or ch in "々〆〇ヵヶ" or 0x20000 <= o <= 0x3FFFF:
        return "kanji"
    if 0x3041 <= o <= 0x309F:
        return "hira"
    if 0x30A0 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "kata"
    if ch.isalnum() and unicodedata.category(ch)[0] in "LN":
        return "alnum"
    if ch in ",.，．" and 0 < i < len(text) - 1 \
            and text[i - 1].isdigit() and text[i + 1].isdigit():
        return "alnum"                   # 1,000 and 12.5 are one number
    return "other"


def _classes(old: str, new: str, r: list[int], first: bool) -> set[str]:
    i1, i2, j1, j2 = r
    out = set()
    if i2 > i1:
        out.add(script(old, i1 if first else i2 - 1))
    if j2 > j1:
        out.add(script(new, j1 if first else j2 - 1))
    return out & _WORDY


def _kanji_run(old: str, new: str, r: list[int], first: bool) -> int:
    """The longest run of kanji at one edge of the change, on either side."""
    best = 0
    for text, a, b in ((old, r[0], r[1]), (new, r[2], r[3])):
        idx = range(a, b) if first else range(b - 1, a - 1, -1)
        n = 0
        for i in idx:
            if script(text, i) != "kanji":
                break
            n += 1
        best = max(best, n)
    return best


def _may_grow(old: str, new: str, r: list[int], cls: set[str], ch_cls: str) -> bool:
    if ch_cls not in cls:
        return False
    if ch_cls == "kanji":
        if r[0] == r[1] or r[2] == r[3]:
            return False             # an inserted or deleted kanji word stands alone
        return _kanji_run(old, new, r, True) + _kanji_run(old, new, r, False) < 3 \
            and max(_kanji_run(old, new, r, True), _kanji_run(old, new, r, False)) < 2
    return True


def _widen(old: str, new: str, regions: list[list[int]]) -> bool:
    moved = False
    for k, r in enumerate(regions):
        left_stop = (regions[k - 1][1] if k else 0)
        right_stop = (regions[k + 1][0] if k + 1 < len(regions) else len(old))
        cls = _classes(old, new, r, first=False)
        while r[1] < right_stop and _may_grow(old, new, r, cls, script(old, r[1])):
            r[1] += 1
            r[3] += 1
            moved = True
        cls = _classes(old, new, r, first=True)
        while r[0] > left_stop and _may_grow(old, new, r, cls, script(old, r[0] - 1)):
            r[0] -= 1
            r[2] -= 1
            moved = True
    return moved


def _size(r: list[int]) -> int:
    return max(r[1] - r[0], r[3] - r[2])


def _merge(regions: list[list[int]]) -> tuple[list[list[int]], bool]:
    out: list[list[int]] = []
    moved = False
    for r in regions:
        if out:
            prev = out[-1]
            gap = r[0] - prev[1]
            if gap <= _TINY or gap < min(_size(prev), _size(r)):
                prev[1], prev[3] = r[1], r[3]
                moved = True
                continue
        out.append(list(r))
    return out, moved


def _edge(text: str, before: int) -> int:
    """How good a place for an edit boundary text[before-1] | text[before] is."""
    if before <= 0 or before >= len(text):
        return 4
    if script(text, before - 1) == "other" and not text[before - 1].isspace():
        return 3                     # right after punctuation: 、 。 」
    return 1 if script(text, before - 1) != script(text, before) else 0


def _slide(old: str, new: str, regions: list[list[int]]) -> None:
    """Move a pure insertion or deletion along the equal text around it to the
    best boundary: 「より一層、」 rather than 「、より一層」."""
    for k, r in enumerate(regions):
        if r[0] != r[1] and r[2] != r[3]:
            continue
        text, a, b = (new, r[2], r[3]) if r[0] == r[1] else (old, r[0], r[1])
        lo = (regions[k - 1][3 if text is new else 1]) if k else 0
        hi = regions[k + 1][2 if text is new else 0] if k + 1 < len(regions) else len(text)
        best, shift = _edge(text, a) + _edge(text, b), 0
        s = 0
        while a + s - 1 >= lo and text[a + s - 1] == text[b + s - 1]:
            s -= 1
            score = _edge(text, a + s) + _edge(text, b + s)
            if score > best:
                best, shift = score, s
        s = 0
        while b + s < hi and text[a + s] == text[b + s]:
            s += 1
            score = _edge(text, a + s) + _edge(text, b + s)
            if score > best:
                best, shift = score, s
        for i in range(4):
            r[i] += shift


def _whole(old: str, new: str, regions: list[list[int]]) -> list[list[int]]:
    """Each change widened over the character its selectors belong to and
    over the selectors that follow it (the text beside a change is equal on
    both sides, so both sides move together)."""
    for r in regions:
        while r[0] > 0 and r[2] > 0 and (is_selector(old, r[0]) or is_selector(new, r[2])):
            r[0] -= 1
            r[2] -= 1
        while is_selector(old, r[1]) and is_selector(new, r[3]):
            r[1] += 1
            r[3] += 1
    return sorted(regions)


def diff(old: str, new: str) -> list[Op]:
    """The cleaned-up difference of two texts, covering both completely."""
    if old == new:
        return [Op("equal", 0, len(old), 0, len(new))] if old else []
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    regions = [[i1, i2, j1, j2] for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    moved = True
    while moved:
        _slide(old, new, regions)
        moved = _widen(old, new, regions)
        regions, merged = _merge(regions)
        moved = moved or merged
    regions, _ = _merge(_whole(old, new, regions))
    ops: list[Op] = []
    i = j = 0
    for i1, i2, j1, j2 in regions:
        if i1 > i:
            ops.append(Op("equal", i, i1, j, j1))
        tag = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
        ops.append(Op(tag, i1, i2, j1, j2))
        i, j = i2, j2
    if i < len(old) or j < len(new):
        ops.append(Op("equal", i, len(old), j, len(new)))
    return ops


def new_ranges(ops: list[Op]) -> tuple[Range, ...]:
    return tuple((o.j1, o.j2) for o in ops if o.tag != "equal" and o.j2 > o.j1)


def similarity(a: str, b: str) -> float:
    """0..1, how much of two texts is the same (1.0 when equal)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio() / 2
    return sm.ratio()
