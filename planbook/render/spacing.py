"""Japanese inter-character spacing (JLREQ §3.2, §3.8) as pure functions:
character classes, the 四分アキ between Japanese and Western letters, which
gaps of a line a justification may widen and by how much. No WeasyPrint here:
planbook.render.typeset.patches.justify applies the results to Pango layouts.

Lengths are in CSS px, like WeasyPrint's boxes."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WJ = "\u2060"           # word joiner: no break here (the glue of inline.py)
ZWSP = "\u200b"         # zero width space: a break is allowed here
CARRIERS = WJ + ZWSP    # zero-width characters that carry a 四分アキ

QUARTER = 0.25          # 四分アキ between Japanese and Western letters (em)
BOUNDARY_MAX = 0.5      # justification widens it up to 二分 first (em)

OPEN = "（「『【〔［｛〈《｟〘〖«〝‘“([{"
CLOSE = "）」』】〕］｝〉》｠〙〗»〟’”)]}"
STOPS = "、。，．！？‼⁇⁈⁉"
MIDDLE = "・：；"
PUNCT = OPEN + CLOSE + STOPS + MIDDLE
DASHES = "―—…‥"         # doubled, they are one inseparable mark (——, ……)
# Western letters and digits that take a 四分アキ next to Japanese letters
# ("AIを", "第3次", "30%の"); full-width letters are Japanese.
_WEST = "A-Za-z0-9%\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# Japanese letters: kanji, kana, 々〆〇 (not the middle dot ・ of the katakana block).
_JA = ("\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
       "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff")
_IS_WEST = re.compile(f"[{_WEST}]")
_IS_JA = re.compile(f"[{_JA}]")
BOUNDARY_AT = re.compile(f"(?<=[{_WEST}])(?=[{_JA}])|(?<=[{_JA}])(?=[{_WEST}])")
_CARRIER_AT = re.compile(f"[{CARRIERS}]")


def is_west(ch: str) -> bool:
    return bool(ch) and _IS_WEST.match(ch) is not None


def is_ja(ch: str) -> bool:
    return bool(ch) and _IS_JA.match(ch) is not None


def is_boundary(left: str, right: str) -> bool:
    """A Japanese letter next to a Western letter or digit: a 四分アキ."""
    return (is_west(left) and is_ja(right)) or (is_ja(left) and is_west(right))


def boundary_carriers(text: str) -> list[int]:
    """Indexes of the carriers of `text` that sit between a Japanese and a
    Western letter (both inside `text`)."""
    if WJ not in text and ZWSP not in text:
        return []
    return [m.start() for m in _CARRIER_AT.finditer(text)
            if 0 < m.start() < len(text) - 1 and is_boundary(text[m.start() - 1], text[m.start() + 1])]


def is_western(ch: str) -> bool:
    """Latin, Greek, Cyrillic letters, ASCII digits and punctuation."""
    return "!" <= ch < "\u2000" and not ch.isspace()


def is_cjk(ch: str) -> bool:
    return ch == "\u3000" or (ch >= "\u2e80" and not ch.isspace())


# -- gaps of a justified line ---------------------------------------------------

NEVER, WORD, INTER, LAST_RESORT = range(4)

# JLREQ sets a punctuation mark in a full em: a half-em glyph and half an em
# of space after a closing bracket or a stop, before an opening bracket, a
# quarter on each side of a middle dot. Two marks in a row share one space:
# 」「 and 、「 take 1.5 em, not 2. A proportional font (BIZ UDPMincho: 」「
# half an em each, 、。 0.6 em) sets some of that space inside the glyph's
# advance. A justification widens a gap next to a mark like any other gap
# between characters, but never past the space JLREQ gives the mark: the
# cap. `width` is the font's advance (em).
MARK = 1.0
PAIR = 1.5
HALF = 0.5              # the least a stop or bracket is set in when a line is shrunk (em)
_STOP_MARKS = "、。，．"
WORD_MAX = 0.15         # a word space (a third of an em) may grow by this much before
#                         the other gaps: to half an em at most (em)
SHRINK_QUARTER = 0.125  # a 四分アキ may shrink to 八分 (em)


def punctuation_space(a: str, b: str, width_a: float = 0.5, width_b: float = 0.5) -> float:
    """The space JLREQ puts between `a` and `b` that the glyphs do not have (em)."""
    if a in PUNCT and b in PUNCT:
        return max(0.0, PAIR - width_a - width_b)
    after = (MARK - width_a) if a in CLOSE or a in _STOP_MARKS else \
        (MARK - width_a) / 2 if a in MIDDLE else 0.0
    before = (MARK - width_b) if b in OPEN else (MARK - width_b) / 2 if b in MIDDLE else 0.0
    return max(0.0, after, before)


def punctuation_squeeze(a: str, b: str, width_a: float = 0.5, width_b: float = 0.5) -> float:
    """How much a shrunk line may take from the gap between `a` and `b`
    (em): the space a mark's advance holds beyond a half-em glyph (、。 of
    BIZ UDPMincho: 0.1 em; nothing in a font that sets them in half an em)."""
    after = max(0.0, width_a - HALF) if a in CLOSE or a in _STOP_MARKS else 0.0
    before = max(0.0, width_b - HALF) if b in OPEN else 0.0
    return after + before


@dataclass
class Gap:
    """The space between two visible units of a line: its natural width
    beyond the glyphs (px), its priority, the most it may grow (px, 0: no
    cap), the most a shrunk line may take from it first (px), and the extra
    given by the justification (negative when shrunk)."""
    natural: float = 0.0
    priority: int = INTER
    cap: float = 0.0
    extra: float = 0.0
    squeeze: float = 0.0


def classify(a: str, b: str, *, boundary: bool = False, spaced: bool = False,
             glued: bool = False, attached: bool = False, opaque: bool = False,
             width_a: float = 0.5, width_b: float = 0.5) -> tuple[int, float]:
    """How a justification may widen the gap between characters `a` and `b`
    (JLREQ §3.8.3), and up to how much (em, 0 for no cap): first word spaces
    (up to `WORD_MAX`), then every gap between characters evenly — next to a
    punctuation mark up to the space JLREQ gives it (`width_a`, `width_b`:
    the glyphs' advances, em), at a 四分アキ up to 二分. Never inside a glued
    pair, before a raised ※ marker or after a line's leading label; as a
    last resort only inside a bracket (「あ, あ」), before 、。, between two
    marks that share no space (。」 」、) or inside a Western word."""
    if boundary:
        return INTER, BOUNDARY_MAX - QUARTER
    if glued or attached or opaque:
        return NEVER, 0.0
    if spaced:
        return WORD, WORD_MAX
    if a in OPEN or b in CLOSE or b in STOPS or (a == b and a in DASHES) \
            or (is_western(a) and is_western(b)):
        return LAST_RESORT, 0.0
    if a in PUNCT or b in PUNCT:
        space = punctuation_space(a, b, width_a, width_b)
        return (INTER, space) if space else (LAST_RESORT, 0.0)
    return INTER, 0.0


def _fill(chosen: list[Gap], budget: float, capped: bool) -> float:
    """Share `budget` evenly among `chosen`, each up to its cap when
    `capped` (water filling: what a capped gap cannot take goes to the
    others); what is left."""
    while chosen and budget > 1e-9:
        share = budget / len(chosen)
        for g in chosen:
            step = min(share, g.cap - g.extra) if capped and g.cap else share
            g.extra += step
            budget -= step
        chosen = [g for g in chosen if not (capped and g.cap) or g.cap - g.extra > 1e-9]
        if not capped:
            break
    return budget


def distribute(gaps: list[Gap], budget: float) -> None:
    """Share `budget` (px) among `gaps` (JLREQ §3.8): widened, first the word
    spaces up to their caps, then every gap between characters evenly, each
    up to its cap; failing those, the same gaps beyond their caps, then the
    last-resort gaps. Shrunk (a negative budget), first the punctuation
    space, then the 四分アキ down to 八分, then every gap evenly."""
    if budget < -1e-9:
        _shrink(gaps, -budget)
        return
    budget = _fill([g for g in gaps if g.priority == WORD], budget, True)
    budget = _fill([g for g in gaps if g.priority == INTER], budget, True)
    for levels in ((INTER, WORD), (LAST_RESORT,)):
        if budget <= 1e-9:
            return
        chosen = [g for g in gaps if g.priority in levels]
        if chosen:
            _fill(chosen, budget, False)
            return


def _shrink(gaps: list[Gap], need: float) -> None:
    for room in (lambda g: g.squeeze, lambda g: g.squeeze + g.natural * (1 - SHRINK_QUARTER / QUARTER)):
        chosen = [g for g in gaps if room(g) - (-g.extra) > 1e-9]
        while chosen and need > 1e-9:
            share = need / len(chosen)
            for g in chosen:
                step = min(share, room(g) + g.extra)
                g.extra -= step
                need -= step
            chosen = [g for g in chosen if room(g) + g.extra > 1e-9]
    chosen = [g for g in gaps if g.priority in (INTER, WORD)]
    if need > 1e-9 and chosen:
        for g in chosen:
            g.extra -= need / len(chosen)


def chain(gaps: list[float], pin_first: bool = False, pin_last: bool = False,
          first: float | None = None, skew: float = 0.0) -> list[float]:
    """Pango letter-spacing L of each of n clusters for the n - 1 wanted gaps.

    Pango puts half of a cluster's letter-spacing before it (its x_offset)
    and half after, except before the first and after the last cluster of a
    line, so the gap between clusters k and k + 1 is (L[k] + L[k + 1]) / 2.
    A renderer that draws each glyph `skew` × its x_offset further (WeasyPrint
    70: 2.4 %) makes it (L[k] + L[k + 1] + skew × (L[k + 1] - L[k])) / 2,
    without the last term's L[k] for the first cluster.

    The one free value, L[0], moves no glyph: it is `first` when given, sets
    L[0] or L[-1] to 0 when pinned, else keeps the largest |L| small."""
    alpha, beta = [0.0], [1.0]            # L[k] = alpha[k] + beta[k] * L[0]
    for k, g in enumerate(gaps):
        back = 1.0 if k == 0 else 1.0 - skew
        alpha.append((2 * g - back * alpha[-1]) / (1.0 + skew))
        beta.append(-back * beta[-1] / (1.0 + skew))
    if first is None:
        if pin_first:
            first = 0.0
        elif pin_last:
            first = -alpha[-1] / beta[-1]
        else:
            up = [a for a, b in zip(alpha, beta) if b > 0]
            down = [a for a, b in zip(alpha, beta) if b < 0] or [0.0]
            first = (max(-min(up), max(down)) - max(max(up), -min(down))) / 2
    return [a + b * first for a, b in zip(alpha, beta)]


def clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of `text`, combining marks and variation
    selectors kept with their base."""
    out: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if out and (unicodedata.combining(ch) or "\ufe00" <= ch <= "\ufe0f"
                    or "\U000e0100" <= ch <= "\U000e01ef" or ch == "\u200d"):
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out
