"""Slips of the hand that YAML reads without complaint, or with a message
about something else, found by looking at the source text itself:

- `-title: …`: no space after the list's `-` (YAML reads a key `-title`);
- `title: [重点] …`: a value starting with `[` or `{` (YAML reads a list or
  a mapping, then trips over the rest of the line);
- `title: ★子育て支援 #重点`: a `#` that YAML takes for the start of a
  comment, dropping the end of the value without a word;
- `{value: 1,500, year: 2035}`: a thousands separator inside `{…}`, which
  YAML reads as two entries, `value: 1` and a key `500`.

Each gives the line and the way to write it.
"""
from __future__ import annotations

import re

import yaml

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_DASH_KEY = re.compile(rf"^(\s*)-({_KEY})\s*:(\s|$)")
_FLOW_VALUE = re.compile(rf"^\s*(?:-\s+)?(?:({_KEY})\s*:\s+)?([\[{{])")
_CLOSE = {"[": "]", "{": "}"}
_COMMENT_AFTER = re.compile(r"^([ \t]+)#(?=[^\s#])(.*)$")
_DIGITS = re.compile(r"[0-9]{3}")


def dash_without_space(line: str) -> str | None:
    """The message for `-title:` (a list item without the space after `-`)."""
    m = _DASH_KEY.match(line)
    if not m:
        return None
    return (f"「-」と「{m.group(2)}」の間に半角スペースがありません。リストの項目は"
            f"「{m.group(1)}- {m.group(2)}:」のように、「-」の後ろに半角スペースを入れて書いてください。")


def flow_value(line: str) -> str | None:
    """The message for a value that starts with `[` or `{` and goes on after
    the bracket closes (`title: [重点] 産業・観光の振興`)."""
    m = _FLOW_VALUE.match(line)
    if not m:
        return None
    opener = m.group(2)
    depth, end = 0, None
    for i in range(m.start(2), len(line)):
        if line[i] in "[{":
            depth += 1
        elif line[i] in "]}":
            depth -= 1
            if depth == 0:
                end = i
                break
    rest = line[end + 1:].split(" #")[0].strip() if end is not None else ""
    if end is not None and (not rest or rest.startswith(",")):
        return None
    value = line[m.start(2):].split(" #")[0].strip()
    key = f"{m.group(1)}: " if m.group(1) else "- "
    return (f"値が「{opener}」で始まっているため、YAML は「{opener}…{_CLOSE[opener]}」を"
            f"{'リスト' if opener == '[' else '項目の組'}として読もうとしました。「{opener}」も文字として"
            f"書くなら、値全体を引用符で囲んでください（{key}\"{value}\"）。")


def comment_cuts(root, text: str) -> list[tuple[int, str]]:
    """(line, message) of each plain value followed on its line by a `#`
    glued to a word (`★子育て支援の充実 #重点`): YAML drops `#重点` as a
    comment. A comment written `# …` (a space after `#`) is not reported."""
    out = []
    for key, node in _values(root):
        if not isinstance(node, yaml.ScalarNode) or node.style:
            continue
        end = node.end_mark.index
        eol = text.find("\n", end)
        rest = text[end:eol if eol >= 0 else len(text)].rstrip("\r")
        m = _COMMENT_AFTER.match(rest)
        if not m:
            continue
        cut = "#" + m.group(2).rstrip()
        value = node.value.strip()
        whole = f"{value}{m.group(1)}{cut}" if value else cut
        name = f"「{key}」の" if key else ""
        now = f"いまの値は「{value}」" if value else "いまは値が空（未入力）"
        out.append((node.end_mark.line + 1,
                    f"{name}値の「{cut}」は、YAML では # から後ろがコメントとして読まれ、値から消えます"
                    f"（{now}）。# も値に入れるなら、値全体を引用符で囲んでください"
                    f"（{key + ': ' if key else ''}\"{whole}\"）。コメントのつもりなら、"
                    f"# の後ろに半角スペースを入れてください（# {cut[1:]}）。"))
    return out


def thousands_in_flow(root) -> list[tuple[int, str]]:
    """(line, message) of each `value: 1,500` inside `{…}` (YAML reads
    `value: 1` and a key `500`)."""
    out = []
    for node in _mappings(root):
        if not node.flow_style:
            continue
        pairs = node.value
        for n, (k, v) in enumerate(pairs):
            if not (isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) and not v.style
                    and v.value.isdigit() and len(v.value) <= 3):
                continue
            groups, m = [], n + 1
            while m < len(pairs):
                k2, v2 = pairs[m]
                between = k2.start_mark.buffer[pairs[m - 1][1].end_mark.index:k2.start_mark.index] \
                    if k2.start_mark.buffer else ""
                if not (isinstance(k2, yaml.ScalarNode) and _DIGITS.fullmatch(k2.value)
                        and between.strip() == "," and _is_empty(v2)):
                    break
                groups.append(k2.value)
                m += 1
            if groups:
                number = v.value + "".join(groups)
                out.append((v.start_mark.line + 1,
                            f"「{k.value}」の数値に桁区切りの「,」は書けません（「{{…}}」の中では「,」で"
                            f"区切られ、「{groups[0]}」という項目名と読まれます）。{k.value}: {number} と"
                            "数字だけで書いてください（印刷するときに桁を区切ります）。"))
    return out


def _is_empty(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def _values(root, key: str = ""):
    """(key, node) of every value of the tree (list items carry their list's key)."""
    stack = [(key, root)]
    while stack:
        key, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [(str(k.value) if isinstance(k, yaml.ScalarNode) else "", v) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(key, v) for v in node.value]
        else:
            yield key, node


def _mappings(root):
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            yield node
            stack += [v for _, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
