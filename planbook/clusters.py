"""A character and the variation selector after it print as one glyph
(辻 + U+E0100 is the one-dot 辻 of the fonts' cmap 14). Text is never cut
between them: a selector set apart (in its own proof-mark or 新旧対照表 span)
is shaped alone and dropped, and the plain glyph prints instead."""
from __future__ import annotations

# Variation selectors (VS1–16, VS17–256).
SELECTORS = frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0))


def is_selector(text: str, i: int) -> bool:
    return 0 <= i < len(text) and ord(text[i]) in SELECTORS


def snap(text: str, i: int) -> int:
    """A cut at `i` moved back before the character its selectors belong to."""
    while 0 < i < len(text) and ord(text[i]) in SELECTORS:
        i -= 1
    return i
