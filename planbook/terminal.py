"""Text planbook shows the user carries no control characters: a title
with an escape sequence must not recolour, move or clear the terminal, and
a value with a line break must not make a message look like two.

`neutral` makes each such character visible as 〔U+001B〕. `SafeStream`
applies it to everything the command writes (planbook.cli); a finding's
line is neutralised on its own as well, line breaks included
(planbook.findings)."""
from __future__ import annotations

import re

# C0 (but tab and line feed) and C1 controls, DEL, and the Unicode line and
# paragraph separators and bidirectional controls that reorder what is shown.
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_UNSAFE = re.compile(f"[{CONTROL}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_BREAK = re.compile(f"[\n{CONTROL}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(ch: str) -> str:
    return f"〔U+{ord(ch):04X}〕"


def neutral(text: str, one_line: bool = False) -> str:
    """`text` with every control character shown as 〔U+XXXX〕 (line feeds too
    when `one_line`)."""
    rx = _UNSAFE_OR_BREAK if one_line else _UNSAFE
    return rx.sub(lambda m: shown(m.group(0)), text)


class SafeStream:
    """A text stream that neutralises what is written to it."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(neutral(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)
