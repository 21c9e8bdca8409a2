"""Inline markup of text fields: `[^key]` note references and `{漢字|かんじ}` ruby.

Nothing else is markup. Renderers turn the tokens into their own format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Union

from .model import Note, Paragraph

_TOKEN = re.compile(r"\[\^([^\]\s]+)\]|\{([^{}|]+)\|([^{}|]+)\}")


@dataclass(frozen=True, slots=True)
class Plain:
    text: str


@dataclass(frozen=True, slots=True)
class NoteRef:
    key: str
    offset: int


@dataclass(frozen=True, slots=True)
class Ruby:
    base: str
    reading: str
    offset: int = field(default=0, compare=False)   # of the `{` in the text


Token = Union[Plain, NoteRef, Ruby]


def tokens(text: str) -> Iterator[Token]:
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            yield Plain(text[pos:m.start()])
        if m.group(1) is not None:
            yield NoteRef(m.group(1), m.start())
        else:
            yield Ruby(m.group(2), m.group(3), m.start())
        pos = m.end()
    if pos < len(text):
        yield Plain(text[pos:])


def plain_text(text: str, ruby_reading: bool = False) -> str:
    """The text as a reader sees it, without note markers or readings."""
    out = []
    for t in tokens(text):
        if isinstance(t, Plain):
            out.append(t.text)
        elif isinstance(t, Ruby):
            out.append(t.base + (f"（{t.reading}）" if ruby_reading else ""))
    return "".join(out)


def note_refs(text: str) -> Iterator[NoteRef]:
    if "[^" not in text:        # every reference starts so
        return iter(())
    return (t for t in tokens(text) if isinstance(t, NoteRef))


def note_numbers(paragraphs: Iterable[Paragraph | None], notes: tuple[Note, ...]) -> dict[str, str]:
    """Labels of the notes of one unit: `※` when it has one note, else `※1`, `※2`…
    in order of first use. Keys used but not defined are left out."""
    defined = {n.key for n in notes}
    order: list[str] = []
    for p in paragraphs:
        if p is None:
            continue
        for ref in note_refs(p.text):
            if ref.key in defined and ref.key not in order:
                order.append(ref.key)
    if len(notes) <= 1:
        return {k: "※" for k in order}
    return {k: f"※{i}" for i, k in enumerate(order, 1)}
