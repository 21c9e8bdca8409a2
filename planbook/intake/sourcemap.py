"""An edited paragraph back to the source's markup.

The packet shows a paragraph as printed: ruby bases without readings, a
note reference as its ※ label. The department edits that printed text; the
source holds markup (`{礎|いしずえ}`, `[^key]`, planbook.markup). The edit is
found by diffing the old printed text with the new one (by character), and
applied to the source text only where the printed text maps one to one:
in plain text. A ruby or a ※ mark is kept as it is when untouched, dropped
when deleted or replaced whole; an edit that cuts through one (changes part
of a ruby's base, part of a ※1 label) is refused with a message. So the
ruby and notes of the untouched parts are never lost.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..markup import NoteRef, Plain, Ruby, tokens


class Cut(ValueError):
    """An edit that cuts through markup; the message is Japanese."""


@dataclass(frozen=True)
class Segment:
    printed: str
    source: str
    atomic: bool          # a ruby or a ※ mark: kept, or dropped whole


def segments(text: str, labels: list[str]) -> list[Segment]:
    """The source `text` as printed segments; `labels`: the printed ※ label
    of each note reference, in order."""
    out, marks = [], iter(labels)
    for t in tokens(text):
        if isinstance(t, Plain):
            out.append(Segment(t.text, t.text, False))
        elif isinstance(t, Ruby):
            out.append(Segment(t.base, f"{{{t.base}|{t.reading}}}", True))
        elif isinstance(t, NoteRef):
            out.append(Segment(next(marks, "※"), f"[^{t.key}]", True))
    return out


def _source_of(segs: list[Segment], start: int, end: int) -> str:
    """The source of printed characters start..end (untouched by the edit)."""
    out, pos = [], 0
    for s in segs:
        a, b = pos, pos + len(s.printed)
        pos = b
        if b <= start or a >= end:
            continue
        if s.atomic:
            out.append(s.source)
        else:
            out.append(s.printed[max(start - a, 0):min(end, b) - a])
    return "".join(out)


def _what(s: Segment) -> str:
    return f"ルビ「{s.source}」" if s.source.startswith("{") else f"注の印「{s.printed}」"


def rewrite(text: str, labels: list[str], new: str) -> str:
    """The source `text` with its printed form edited to `new`; Cut when an
    edit cuts through a ruby or a ※ mark, or when the new text would read as
    markup."""
    segs = segments(text, labels)
    old = "".join(s.printed for s in segs)
    spans, pos = [], 0
    for s in segs:
        spans.append((pos, pos + len(s.printed), s))
        pos += len(s.printed)
    out = []
    kept = 0
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out.append(_source_of(segs, i1, i2))
            kept += sum(1 for a, b, s in spans if s.atomic and i1 <= a and b <= i2)
            continue
        for a, b, s in spans:
            if not s.atomic:
                continue
            inside = i1 <= a and b <= i2
            touches = (a < i2 and i1 < b) if i1 < i2 else a < i1 < b
            if touches and not inside:
                raise Cut(f"{_what(s)}の途中を直しています（「{old[i1:i2]}」→「{new[j1:j2]}」）。"
                          "ルビや注の印は、まとめて消すか、そのまま残してください。")
        out.append(new[j1:j2])
    result = "".join(out)
    extra = sum(1 for t in tokens(result) if not isinstance(t, Plain))
    if extra != kept:
        raise Cut("直した文に { | } や [^ ] があり、ルビや注の書き方として読まれてしまいます。"
                  "ルビや注を加えるときは、コメントで伝えてください。")
    return result
