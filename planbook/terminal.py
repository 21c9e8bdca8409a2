"""Text planbook shows the user carries no control characters: a title
with an escape sequence must not recolour, move or clear the terminal, and
a value with a line break must not make a message look like two.

`neutral` makes each such character visible as 〔U+001B〕. `SafeStream`
applies it to everything the command writes (planbook.cli); a finding's
line is neutralised on its own as well, line breaks included
(planbook.findings)."""
from __future__ import annotations

import dataclasses
import re

# C0 (but tab and line feed) and C1 controls, DEL; then what no file can
# hold (surrogates: a file name that is not UTF-8; U+FFFE, U+FFFF), and the
# Unicode line and paragraph separators and bidirectional controls that
# reorder what is shown.
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
INVALID = "\ud800-\udfff\ufffe\uffff"
_OTHERS = "\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{CONTROL}{INVALID}{_OTHERS}]")
_UNSAFE_OR_BREAK = re.compile(f"[\n{CONTROL}{INVALID}{_OTHERS}]")
_UNPRINTABLE = re.compile(f"[{CONTROL}{INVALID}]")


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


def scrubbed(obj):
    """`obj` (a view of planbook.present or planbook.diff: dataclasses,
    tuples, lists, dicts, strings) with each control character shown as
    〔U+001B〕: XML (the DOCX) cannot hold them. They only get this far when
    the control-characters check is turned off, or in a version that is
    not checked (the old side of a 新旧対照表)."""
    if isinstance(obj, str):
        return type(obj)(_UNPRINTABLE.sub(lambda m: shown(m.group(0)), obj)) \
            if _UNPRINTABLE.search(obj) else obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            if f.init:
                value = getattr(obj, f.name)
                new = scrubbed(value)
                if new is not value:
                    changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj
    if isinstance(obj, (tuple, list)):
        items = [scrubbed(x) for x in obj]
        if all(a is b for a, b in zip(items, obj)):
            return obj
        return type(obj)(items)
    if isinstance(obj, dict):
        items = {k: scrubbed(v) for k, v in obj.items()}
        return obj if all(items[k] is v for k, v in obj.items()) else type(obj)(items)
    return obj
