"""Where each character of a text value came from: its source line and
column, for every scalar style (literal `|`, folded `>`, plain, quoted).

PyYAML keeps the whole document in the marks of a node composed from a
string (`mark.buffer`). We read the scalar's own source again, decode what
YAML decodes (quotes, `''`, backslash escapes) and align it with the value
YAML produced: every character that is not a YAML blank or line break is the
same, in the same order, in both; blanks made by folding lines map to the
end of the line they replace. When the alignment fails (it should not) or
the buffer is missing, every character maps to the start of the scalar.

Positions are 1-based; the column counts characters from the start of the
source line, indentation included, as PyYAML counts them.
"""
from __future__ import annotations

import re
from typing import Sequence

from yaml.scanner import Scanner

from ..model import Places

BREAKS = "\r\n\x85\u2028\u2029"
BLANKS = " \t" + BREAKS
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_ESCAPES = {"x": 2, "u": 4, "U": 8}

Place = tuple[int, int]


def _positions(buf: str, mark, end: int) -> list[Place]:
    """(line, column) of each buffer index from `mark.index` to `end`,
    counted the way PyYAML's reader counts them."""
    line, col = mark.line + 1, mark.column + 1
    out = []
    for i in range(mark.index, end):
        out.append((line, col))
        ch = buf[i]
        if ch in "\n\x85\u2028\u2029" or (ch == "\r" and buf[i + 1:i + 2] != "\n"):
            line, col = line + 1, 1
        elif ch != "\ufeff":
            col += 1
    out.append((line, col))
    return out


def _stream(node) -> list[tuple[str, int]] | None:
    """The characters the scalar is made of, quotes and escapes decoded,
    each with the buffer index it comes from."""
    buf = node.start_mark.buffer
    i, end = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    out: list[tuple[str, int]] = []
    if style in ("|", ">"):
        while i < end and buf[i] not in BREAKS:      # skip the `|` header line
            i += 1
        i += 2 if buf[i:i + 2] == "\r\n" else 1
        out.extend((buf[j], j) for j in range(i, end))
        return out
    if not style:
        if buf[i:i + 1] == "!":                      # a tag such as !!str before the value
            while i < end and buf[i] not in BLANKS:
                i += 1
        out.extend((buf[j], j) for j in range(i, end))
        return out
    i = buf.find(style, i, end)
    if i < 0:
        return None
    i += 1
    while i < end:
        ch = buf[i]
        if style == "'":
            if ch == "'" and buf[i + 1:i + 2] == "'":
                out.append(("'", i))
                i += 2
                continue
            if ch == "'":
                break
            out.append((ch, i))
            i += 1
            continue
        if ch == '"':
            break
        if ch != "\\":
            out.append((ch, i))
            i += 1
            continue
        # An escape is one character of the value, placed at its backslash.
        nxt = buf[i + 1:i + 2]
        if nxt in _ESCAPES:                          # \xXX \uXXXX \UXXXXXXXX
            n = _ESCAPES[nxt]
            try:
                out.append((chr(int(buf[i + 2:i + 2 + n], 16)), i))
            except ValueError:
                return None
            i += 2 + n
        elif nxt and nxt in BREAKS:                  # an escaped line break joins the lines
            i += 3 if buf[i + 1:i + 3] == "\r\n" else 2
        else:
            out.append((Scanner.ESCAPE_REPLACEMENTS.get(nxt, nxt), i))
            i += 2
    return out


def value_places(node) -> list[Place]:
    """(line, column) of every character of `node.value`."""
    start = (node.start_mark.line + 1, node.start_mark.column + 1)
    value = node.value
    buf = getattr(node.start_mark, "buffer", None)
    stream = _stream(node) if buf is not None else None
    if stream is None:
        # No source to read back (a node composed from a file object) or a
        # quoted scalar we cannot decode: the start of the scalar, for every character.
        return [start] * len(value)
    pos = _positions(buf, node.start_mark, node.end_mark.index)
    base = node.start_mark.index
    out: list[Place] = []
    s = 0
    for ch in value:
        if ch not in BLANKS:
            while s < len(stream) and stream[s][0] in BLANKS and stream[s][0] != ch:
                s += 1
            if s >= len(stream) or stream[s][0] != ch:
                # Cannot happen for what YAML accepts; if it does, do not guess:
                # every character then points at the start of the scalar.
                return [start] * len(value)
            out.append(pos[stream[s][1] - base])
            s += 1
        elif s < len(stream) and stream[s][0] == ch:
            out.append(pos[stream[s][1] - base])
            s += 1
        else:   # a blank YAML made by folding a line break: where that break is
            idx = stream[s][1] if s < len(stream) else node.end_mark.index
            out.append(pos[idx - base])
    return out


def runs(places: Sequence[Place]) -> Places:
    """Compress per-character places into runs (offset, line, column) in
    which each next character is one column further on the same line."""
    out: list[tuple[int, int, int]] = []
    prev = None
    for k, (line, col) in enumerate(places):
        if prev is None or prev != (line, col - 1):
            out.append((k, line, col))
        prev = (line, col)
    return tuple(out)


def _stripped(off: int, line: str) -> tuple[int, str]:
    """The line stripped as str.strip() does, and the offset of its first character."""
    return off + len(line) - len(line.lstrip()), line.strip()


def text_paragraphs(node) -> list[tuple[str, Places]]:
    """A `Text` field: paragraphs separated by blank lines, the lines of a
    paragraph joined (with a space only between two non-CJK characters).

    In a literal block (`|`) the value keeps the source's lines. In the
    other styles YAML has already folded them: a single line break became a
    space (removed again between Japanese characters, see `_join`) and a
    blank line became a line break, so every line break there ends a paragraph."""
    places = value_places(node)
    out: list[tuple[str, Places]] = []
    block: list[tuple[int, str]] = []
    literal = node.style == "|"
    off = 0
    for line in node.value.split("\n") + [""]:
        if line.strip() == "":
            if block:
                out.append(_join(block, places, cjk_aware=True))
                block = []
        else:
            block.append((off, line))
            if not literal:
                out.append(_join(block, places, cjk_aware=True))
                block = []
        off += len(line) + 1
    return out


def one_paragraph(node) -> tuple[str, Places]:
    """A `Para` field: the value stripped, its lines joined like a paragraph
    of a `Text` (no space between Japanese characters)."""
    places = value_places(node)
    off, value = _stripped(0, node.value)
    lines = []
    for piece in value.splitlines(keepends=True):
        lines.append((off, piece.splitlines()[0]))
        off += len(piece)
    return _join(lines or [(off, "")], places, cjk_aware=True)


def str_value(node) -> tuple[str, Places]:
    """A `Str` field (a name, a unit, a setting): the value stripped, a
    line break YAML folded into a space next to Japanese removed as in a
    text (`contact: 企画課` wrapped before `企画係` is 「企画課企画係」), and
    the places of its characters."""
    places = value_places(node)
    off, s = _stripped(0, node.value)
    text, where = _unfolded(s, places[off:off + len(s)])
    return text, runs(where)


def stripped_value(node) -> Places:
    """A `Str` field: the places of its characters (see `str_value`)."""
    return str_value(node)[1]


def _join(lines: list[tuple[int, str]], places: Sequence[Place],
          cjk_aware: bool) -> tuple[str, Places]:
    text, where = "", []
    first = True
    for off, line in lines:
        off, s = _stripped(off, line)
        if not first:
            if not cjk_aware or not (_CJK.search(text[-1:] or "a") or _CJK.search(s[:1] or "a")):
                text += " "
                # the joining space stands where the line break was
                where.append((where[-1][0], where[-1][1] + 1) if where else places[off])
        first = False
        text += s
        where.extend(places[off:off + len(s)])
    if cjk_aware:
        text, where = _unfolded(text, where)
    return text, runs(where)


def _unfolded(text: str, where: list[Place]) -> tuple[str, list[Place]]:
    """The text without the spaces YAML put in place of a line break (a
    plain, folded `>` or quoted value wrapped over lines) next to a Japanese
    character: 「自分の良さを」 at the end of one line and 「生かしながら」 on
    the next are one word, as in a `|` block. Such a space is the one blank
    whose neighbours sit on different source lines."""
    drop = [i for i in range(1, len(text) - 1)
            if text[i] == " " and where[i - 1][0] != where[i + 1][0]
            and (_CJK.match(text[i - 1]) or _CJK.match(text[i + 1]))]
    if not drop:
        return text, where
    gone = set(drop)
    keep = [i for i in range(len(text)) if i not in gone]
    return "".join(text[i] for i in keep), [where[i] for i in keep]
