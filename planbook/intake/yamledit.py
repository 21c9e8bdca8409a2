"""Writing changes into a policy file with the smallest change (ruamel.yaml
round trip): comments, key order, quoting and block style of the lines not
changed stay as they were.

ruamel.yaml does not keep a file's indentation or how it writes null; the
settings that give the file back byte for byte are found first (`_yaml`).
A file no setting gives back unchanged is refused (EditError), never
rewritten in another style."""
from __future__ import annotations

import io
import itertools

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, LiteralScalarString,
                                      SingleQuotedScalarString)

from ..forms.fields import TEXT


class EditError(Exception):
    """The file cannot be edited safely; the message is Japanese."""


class _NullWord(RoundTripRepresenter):
    """Writes null as `null` (the other style leaves the value empty)."""


_NullWord.add_representer(type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))


def _make(mapping: int, sequence: int, offset: int, null_word: bool) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 1 << 16
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    if null_word:
        y.Representer = _NullWord
    return y


def _dump(y: YAML, data) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def load(text: str, rel: str):
    """(the document, the YAML that writes it back as it was)."""
    for m, s, o, null in itertools.product((2, 4), (2, 4), (0, 2), (True, False)):
        if o and o >= s:
            continue
        y = _make(m, s, o, null)
        try:
            data = y.load(text)
            if _dump(y, data) == text:
                return data, y
        except Exception:  # noqa: BLE001 - ruamel's many errors: then this style is not it
            continue
    raise EditError(f"{rel} は字下げや書き方が混ざっているため、書き方を保ったまま書き換えられません。"
                    "このファイルの変更は、報告を見ながら手で直してください。")


def _scalar(kind: str, value, old):
    if value is None:
        return None
    if kind == TEXT:
        return LiteralScalarString(value + "\n")
    if isinstance(old, DoubleQuotedScalarString) and isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(old, SingleQuotedScalarString) and isinstance(value, str):
        return SingleQuotedScalarString(value)
    return value


def _flow_map() -> CommentedMap:
    m = CommentedMap()
    m.fa.set_flow_style()
    return m


def _container(parent, key, next_key):
    """parent[key], made (a list or a mapping) when absent or null."""
    here = parent[key] if (isinstance(parent, list) and key < len(parent)) or \
        (isinstance(parent, dict) and key in parent) else None
    if here is None:
        if isinstance(next_key, int):
            here = CommentedSeq()
        elif key in ("baseline", "target"):
            here = _flow_map()
        else:
            here = CommentedMap()
        if isinstance(parent, list):
            while len(parent) < key:
                parent.append(CommentedMap())
            parent.append(here) if len(parent) == key else parent.__setitem__(key, here)
        else:
            parent[key] = here
    return here


def set_value(doc, path: tuple, kind: str, value) -> None:
    """Set the field at `path` (keys and 0-based list positions)."""
    node = doc
    for key, nxt in zip(path, path[1:]):
        node = _container(node, key, nxt)
        if path[0] == "indicators" and isinstance(node, dict) and "name" not in node and nxt != "name" \
                and len(path) > 2 and key == path[1]:
            node["name"] = None
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= last:
            node.append(CommentedMap())
        node[last] = _scalar(kind, value, node[last])
    else:
        node[last] = _scalar(kind, value, node.get(last))


def get_value(doc, path: tuple):
    node = doc
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def dump(y: YAML, doc, old: str) -> str:
    """The document as text, its comment lines where they were in `old`."""
    return _comments_kept(old, _dump(y, doc))


def _blocks(lines: list[str]) -> list[tuple[list[str], str | None]]:
    """Each run of comment lines at the left margin, with the line after it."""
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith("#"):
            j = i
            while j < len(lines) and lines[j].startswith("#"):
                j += 1
            out.append((lines[i:j], lines[j] if j < len(lines) else None))
            i = j
        else:
            i += 1
    return out


def _comments_kept(old: str, new: str) -> str:
    """ruamel.yaml keeps a comment with the item before it: an item appended
    to the list just above `# 指標…` / `indicators:` would take the comment
    with it. Each comment at the left margin goes back in front of the line
    it stood before, when that line is still there once."""
    lines = new.splitlines(keepends=True)
    for block, after in _blocks(old.splitlines(keepends=True)):
        at = next((k for k in range(len(lines)) if lines[k:k + len(block)] == block), None)
        if at is None or (lines[at + len(block)] if at + len(block) < len(lines) else None) == after:
            continue
        rest = lines[:at] + lines[at + len(block):]
        targets = [k for k, line in enumerate(rest) if line == after]
        if len(targets) == 1:
            lines = rest[:targets[0]] + block + rest[targets[0]:]
    return "".join(lines)


def key_line(doc, path: tuple) -> int | None:
    """The 1-based line of the key of `path` in the document as last loaded."""
    node = doc
    line = None
    for key in path:
        try:
            if isinstance(node, dict):
                line = node.lc.key(key)[0] + 1
            elif isinstance(node, list):
                line = node.lc.item(key)[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            return line
    return line
