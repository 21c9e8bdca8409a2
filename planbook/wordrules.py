"""prh-like word rules (style.yaml's `dictionary`, text-dictionary's built-in
list): compiling a pattern, finding what a rule reports in a text, and
applying a rule (for its `specs`).

Patterns are user input, so they are compiled with the `regex` package and
every match runs with a time limit: a pattern that backtracks without end
(`(a|aa)+$` against a long run of a's) raises TimeoutError instead of
hanging the check. Each pattern has TIMEOUT per text, and all the patterns
of one run share a `Budget` (BUDGET seconds unless style.yaml sets
another): hundreds of slow patterns cannot each spend their own limit.
"""
from __future__ import annotations

import time
from typing import Iterator

import regex

TIMEOUT = 0.25          # seconds, per text and pattern
BUDGET = 5              # seconds, for all the patterns of one run

_BACKREF = regex.compile(r"\$(\d)")
_SLASHED = regex.compile(r"^/(.+)/([a-z]*)$", regex.S)

# regex's messages for the mistakes people make, in Japanese.
_ERRORS = {
    "missing )": "「(」が「)」で閉じられていません",
    "unbalanced parenthesis": "「)」に対応する「(」がありません",
    "unterminated character set": "「[」が「]」で閉じられていません",
    "nothing to repeat": "「*」「+」「?」「{」の前に繰り返す文字がありません",
    "multiple repeat": "「*」「+」「?」が重なっています",
    "bad escape": "「\\」の後ろの文字が正規表現として読めません",
    "bad escape (end of pattern)": "最後が「\\」で終わっています",
}


class PatternError(ValueError):
    """A pattern that is not a regular expression; the message is Japanese."""


def compile_pattern(text: str):
    """A compiled pattern; `/…/` and `/…/i` as in prh are accepted."""
    flags = 0
    m = _SLASHED.match(text)
    if m and len(text) > 2:
        text = m.group(1)
        if "i" in m.group(2):
            flags |= regex.IGNORECASE
    try:
        return regex.compile(text, flags)
    except regex.error as e:
        msg = getattr(e, "msg", str(e))
        pos = getattr(e, "pos", None)
        where = f"{pos + 1} 文字目の「{text[pos]}」: " if pos is not None and pos < len(text) else ""
        raise PatternError(f"{where}{_ERRORS.get(msg, msg)}") from None


class Budget:
    """The time the patterns of one run may still spend (the time of the
    calls made through it, not of anything between them)."""

    def __init__(self, seconds: float | None = None):
        self.seconds = float(BUDGET if seconds is None else seconds)
        self.used = 0.0

    def left(self) -> float:
        return max(0.0, self.seconds - self.used)

    def spent(self) -> bool:
        return self.left() <= 0.001

    def timeout(self) -> float:
        """The limit of the next call: TIMEOUT, or what is left if less."""
        return max(0.001, min(TIMEOUT, self.left()))

    def run(self, call, *args, **kwargs):
        """`call(*args, timeout=…, **kwargs)`, its time counted; TimeoutError
        as the call raises it (`cut`: whether the budget, not TIMEOUT, ended it)."""
        limit = self.timeout()
        start = time.monotonic()
        try:
            return call(*args, timeout=limit, **kwargs)
        except TimeoutError as e:
            e.cut = limit < TIMEOUT
            raise
        finally:
            self.used += time.monotonic() - start


def want(rx, expected: str, m) -> str:
    """The expected form for a match; prh's `$1` refers to a group."""
    if not rx.groups:
        return expected
    return m.expand(_BACKREF.sub(r"\\\1", expected))


def _inside_expected(text: str, start: int, end: int, expected: str) -> bool:
    lo = max(0, start - len(expected))
    at = text.find(expected, lo)
    while 0 <= at <= start:
        if end <= at + len(expected):
            return True
        at = text.find(expected, at + 1)
    return False


def find(rx, expected: str, text: str, timeout: float = TIMEOUT) -> Iterator[tuple[object, str]]:
    """(match, expected form) for every place the rule reports in `text`: not a
    match inside the expected form (pattern コンピュータ, expected コンピューター),
    and not one already written as expected. Raises TimeoutError."""
    for m in list(rx.finditer(text, timeout=timeout)):
        if not m.group(0) or _inside_expected(text, m.start(), m.end(), expected):
            continue
        right = want(rx, expected, m)
        if m.group(0) != right:
            yield m, right


def apply(rx, expected: str, text: str, timeout: float = TIMEOUT) -> str:
    """`text` with every reported place rewritten to the expected form."""
    out, pos = [], 0
    for m, right in find(rx, expected, text, timeout):
        out.append(text[pos:m.start()])
        out.append(right)
        pos = m.end()
    return "".join(out) + text[pos:]
