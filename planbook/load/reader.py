"""Read one YAML file into a node tree, turning every mistake staff make into
a Japanese message with the line. Nothing here raises past `read_yaml`."""
from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml

from .. import files
from ..findings import Finding
from . import slips

# Tags a plain safe YAML document may carry; anything else (!!python/…) is refused.
_STD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

_FW_COLON_KEY = re.compile(r"^[ 　]*(?:-[ 　]+)?[A-Za-z_][A-Za-z0-9_-]*[ 　]*：")
_FW_SPACE_INDENT = re.compile(r"^ *　")
# Spaces that look like a half-width space but are not one to YAML
# (U+00A0 from Word or a web page, the typographic spaces).
_ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f"
_ODD_SPACE_INDENT = re.compile(f"^[ {_ODD_SPACES}\u3000]*[{_ODD_SPACES}]")
_SPACE_NAMES = {"\u00a0": "ノーブレークスペース", "\u202f": "幅の狭いノーブレークスペース"}
_FW_SPACE_AFTER_COLON = re.compile(r"^[ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_-]*:　")
_FW_DASH_ITEM = re.compile(r"^[ ]*[ー－―‐][ 　]")

# Deeper than any planbook file needs (concept.yaml's notes sit at 7); PyYAML
# composes recursively, so a deeper document would exhaust the stack.
MAX_DEPTH = 32


class ReadError(Exception):
    def __init__(self, findings: list[Finding]):
        self.findings = findings


def _err(code: str, rel: str, line: int, msg: str) -> Finding:
    return Finding(code=code, message=msg, file=rel, line=line)


def decode(data: bytes, rel: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError([_err("load-encoding", rel, 1,
                              "UTF-16 で保存されています。UTF-8 で保存し直してください。")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        hint = ""
        for enc, name in (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP")):
            try:
                data.decode(enc)
                hint = f"{name} で保存されているようです。"
                break
            except UnicodeDecodeError:
                continue
        raise ReadError([_err("load-encoding", rel, line,
                              f"文字コードが UTF-8 ではありません。{hint}"
                              "エディタで文字コードを「UTF-8」にして保存し直してください。")])


def prescan(text: str, rel: str) -> list[Finding]:
    """Mistakes YAML itself reports badly: tabs, IME full-width colon and spaces."""
    out: list[Finding] = []
    in_block = None   # indentation of an open `|`/`>` block, whose text is free
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if in_block is not None:
            if stripped == "" or indent > in_block:
                if line.startswith("\t") or "\t" in line[:indent + 1]:
                    out.append(_err("load-tab", rel, n, "タブ文字が使われています。"
                                    "字下げには半角スペースを使ってください。"))
                continue
            in_block = None
        if stripped.startswith("#"):
            continue
        if "\t" in line[:indent + 1] or (line.startswith("\t")):
            out.append(_err("load-tab", rel, n,
                            "行頭にタブ文字があります。字下げには半角スペースを使ってください。"))
            continue
        tab = _tab_in_value(line)
        if tab:
            out.append(_err("load-tab", rel, n, tab))
            continue
        odd = _ODD_SPACE_INDENT.match(line)
        if odd:
            ch = odd.group(0)[-1]
            name = _SPACE_NAMES.get(ch, "特殊な空白")
            out.append(_err("load-odd-space", rel, n, f"行頭の字下げに、半角スペースに見える{name}"
                            f"〔U+{ord(ch):04X}〕が入っています（Word やウェブの文章から貼り付けると入ります）。"
                            "YAML はこれを字下げと読まないため、この行から下が正しく読めません。"
                            "行頭の空白を消して、半角スペースで字下げし直してください。"))
            continue
        if _FW_SPACE_INDENT.match(line):
            out.append(_err("load-fullwidth-space", rel, n,
                            "行頭に全角スペースがあります。字下げには半角スペースを使ってください。"))
            continue
        if _FW_COLON_KEY.match(line):
            out.append(_err("load-fullwidth-colon", rel, n,
                            "項目名の後ろの「：」が全角です。半角の「:」に直してください（例: title: …）。"))
            continue
        if _FW_SPACE_AFTER_COLON.match(line):
            out.append(_err("load-fullwidth-space", rel, n,
                            "「:」の後ろが全角スペースです。半角スペースに直してください。"))
            continue
        dash = slips.dash_without_space(line)
        if dash:
            out.append(_err("load-yaml-syntax", rel, n, dash))
            continue
        if _FW_DASH_ITEM.match(line):
            out.append(_err("load-fullwidth-dash", rel, n,
                            "リストの先頭記号が全角の「ー」などになっています。半角の「-」に直してください。"))
            continue
        if re.search(r":\s*[|>][+-]?\d?\s*(#.*)?$", line):
            in_block = indent
    return out


_TAB_VALUE = re.compile(r"^\s*(?:-\s+)?(?:([A-Za-z_][A-Za-z0-9_-]*)\s*:[ ]+)?(\S.*)$")


def _tab_in_value(line: str) -> str | None:
    """The message for a tab inside a one-line value (pasted from an Excel
    cell: 人口\t増加率), which YAML misreads or reports as indentation."""
    m = _TAB_VALUE.match(line)
    if not m or "\t" not in m.group(2) or m.group(2).startswith("#"):
        return None
    value = m.group(2).split(" #")[0].rstrip()
    if "\t" not in value:
        return None
    fixed = re.sub(r"[ \t]*\t[ \t]*", " ", value)
    key = f"{m.group(1)}: " if m.group(1) else ""
    return (f"{'「' + m.group(1) + '」の' if m.group(1) else ''}値の中にタブ文字〔U+0009〕があります"
            "（Excel の表や Word から貼り付けると入ります）。タブは消すか、半角スペースにしてください"
            f"（{key}{fixed}）。")


def _yaml_message(e: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else 1
    problem = (e.problem or "") + " " + (e.context or "")
    src_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "while scanning an alias" in problem or "while scanning an anchor" in problem:
        ch = "*" if "alias" in problem else "&"
        return line, _starts_with(ch)
    if "cannot start any token" in problem:
        ch = src_line[mark.column] if mark and mark.column < len(src_line) else ""
        if ch in "%@`":
            return line, (f"値が「{ch}」で始まっています。YAML ではこの文字から値を書き始められません。"
                          "値全体を引用符 \" \" で囲んでください。")
        if ch == "\t":
            return line, "タブ文字が使われています。字下げには半角スペースを使ってください。"
        return line, f"「{ch}」は値の先頭に書けません。値全体を引用符 \" \" で囲んでください。"
    if "mapping values are not allowed" in problem:
        return line, ("値の中に「: 」（コロンと空白）があります。値全体を引用符 \" \" で囲むか、"
                      "字下げがずれていないか確かめてください。")
    if "could not find expected ':'" in problem:
        return line, "「項目名: 値」の「:」が見つかりません。全角の「：」や字下げのずれがないか確かめてください。"
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return line, "アンカー（&）・エイリアス（*）は使えません。値をそのまま書いてください。"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        flow = slips.flow_value(src_line)
        if flow:
            return line, flow
        return line, "字下げがそろっていません。同じ階層の項目は同じ数の半角スペースで字下げしてください。"
    if "found unexpected end of stream" in problem or "found unknown escape" in problem \
            or "while scanning a quoted scalar" in problem:
        return line, "引用符（\" または '）が閉じられていないか、使えない「\\」の組み合わせがあります。"
    if "expected a comment or a line break" in problem:
        return line, "引用符で囲んだ値の後ろに余分な文字があります。値全体を引用符で囲み直してください。"
    return line, "YAML の書き方に誤りがあります。この行と前の行の字下げ・引用符・記号を確かめてください。"


def _starts_with(ch: str) -> str:
    return (f"値が「{ch}」で始まっています。YAML では & で始まる値はアンカー、* で始まる値は"
            "エイリアス（別の場所の値を指す書き方）として読まれ、planbook では使えません。"
            f"「{ch}」も文字として書くなら、値全体を引用符 \" \" で囲んでください。")


def read_yaml(root: Path, rel: str):
    """Return the root node of `root/rel`, or raise ReadError with findings.
    Only a regular file inside `root` is read (planbook.files)."""
    return parse_yaml(read_source(root, rel), rel)


def read_source(root: Path, rel: str) -> bytes:
    try:
        return files.read_bytes(root, rel, files.YAML_LIMIT)
    except files.FileProblem as e:
        raise ReadError([_err(e.code, rel, 0, e.message)])


def parse_yaml(data: bytes, rel: str):
    """The root node of a source file's bytes, or ReadError with findings."""
    text = decode(data, rel)
    pre = prescan(text, rel)
    if pre:
        raise ReadError(pre)
    try:
        node = compose(text, rel)
    except yaml.reader.ReaderError as e:
        raise ReadError([_reader_error(e, text, rel)])
    except yaml.MarkedYAMLError as e:
        line, msg = _yaml_message(e, text)
        raise ReadError([_err("load-yaml-syntax", rel, line, msg)])
    except yaml.YAMLError:
        raise ReadError([_err("load-yaml-syntax", rel, 1, "YAML として読めません。"
                              "字下げ・引用符・記号の使い方を確かめてください。")])
    if node is not None:
        invalid = _invalid_character(node)
        if invalid is not None:
            n, ch = invalid
            raise ReadError([_err("load-control-character", rel, n.start_mark.line + 1,
                                  f"使えない文字（U+{ord(ch):04X}）があります。引用符の中の \\u の"
                                  "書き方を確かめてください。")])
        bad = _foreign_tag(node)
        if bad is not None:
            raise ReadError([_err("load-yaml-tag", rel, bad.start_mark.line + 1,
                                  f"タグ「{bad.tag}」は使えません。値をそのまま書いてください"
                                  "（「!」から書き始める値は、値全体を引用符 \" \" で囲みます）。")])
        found = [_err("load-comment-in-value", rel, n, msg) for n, msg in slips.comment_cuts(node, text)]
        found += [_err("load-number", rel, n, msg) for n, msg in slips.thousands_in_flow(node)]
        if found:
            raise ReadError(sorted(found, key=lambda f: f.line))
    return node


class _Guard:
    """Composes one document, refusing anchors, aliases and nesting deeper
    than MAX_DEPTH as it meets them: an alias bomb is never built and a
    deep document never exhausts the stack (one pass over the text)."""
    rel: str
    depth: int

    def compose_node(self, parent, index):
        ev = self.peek_event()
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise ReadError([_err("load-yaml-alias", self.rel, ev.start_mark.line + 1,
                                  _starts_with("*" if isinstance(ev, yaml.AliasEvent) else "&"))])
        if not isinstance(ev, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ReadError([_err("load-yaml-depth", self.rel, ev.start_mark.line + 1,
                                  f"入れ子が深すぎます（{MAX_DEPTH} 段まで）。字下げや"
                                  "「[」「{」「- 」の重なりを確かめてください。")])
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Composer(_Guard, yaml.SafeLoader):
    """PyYAML's own parser: the reference, and the one whose words and
    places a mistake is reported in."""

    def __init__(self, text: str, rel: str):
        super().__init__(text)
        self.rel, self.depth = rel, 0


if yaml.__with_libyaml__:
    class _FastComposer(_Guard, yaml.composer.Composer, yaml.cyaml.CParser,
                        yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser (C, about 7 times as fast) under the same Python
        composer; the nodes are PyYAML's in every detail planbook reads
        (marks with the text, plain style None: tests/test_reader_fast.py)."""

        def __init__(self, text: str, rel: str):
            yaml.cyaml.CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.rel, self.depth, self.buffer = rel, 0, text + "\0"
            self.breaks = [m.start() for m in re.finditer("\n", text)]

        def compose_node(self, parent, index):
            node = super().compose_node(parent, index)
            node.start_mark, node.end_mark = self._mark(node.start_mark), self._mark(node.end_mark)
            if isinstance(node, yaml.ScalarNode) and node.style == "":
                node.style = None
            return node

        def _mark(self, m):
            """PyYAML's mark at libyaml's index: line and column counted as
            PyYAML counts them (only \\n breaks a line on this path)."""
            line = bisect.bisect_left(self.breaks, m.index)
            column = m.index - (self.breaks[line - 1] + 1 if line else 0)
            return yaml.error.Mark("<unicode string>", m.index, line, column, self.buffer, m.index)
else:                                   # pragma: no cover - PyYAML built without libyaml
    _FastComposer = None


# Where libyaml and PyYAML read the same text differently (tests/test_reader_fast.py):
# such a text goes to PyYAML's parser alone.
_SLOW_ONLY = re.compile("[\t\r\x85\u2028\u2029\ufeff]"            # breaks and tabs
                        "|(?:^|[\\s\\[\\]{},:?-])[!?%&*@`]"        # a tag, anchor, alias, … opening a token
                        "|[|>][-+0-9]*[^-+0-9\\s]"                    # a block scalar's header run on
                        "|:[ ]+[,\\]}]", re.M)                         # an empty value in a flow: {a: }


_FLOW_LINE = re.compile(r"^.*[\[\]{}].*$", re.M)


def _slow_only(text: str) -> bool:
    """Texts for PyYAML's parser alone: _SLOW_ONLY, or a flow collection
    ([…], {…}) that goes on past its line (libyaml places its empty values
    elsewhere)."""
    if _SLOW_ONLY.search(text):
        return True
    for m in _FLOW_LINE.finditer(text):
        line = m.group()
        if line.count("[") + line.count("{") != line.count("]") + line.count("}"):
            return True
    return False


LIBYAML = _FastComposer is not None       # PyYAML was built with libyaml
PARSERS = ("libyaml", "pyyaml")


def compose(text: str, rel: str, parser: str | None = None):
    """The node tree of one YAML document; anchors, aliases and nesting
    deeper than MAX_DEPTH refused (ReadError). By default libyaml's parser
    for the texts it reads as PyYAML's does, PyYAML's for the others and on
    any error, so that a mistake is reported in PyYAML's words. `parser`
    names one alone: "pyyaml", the reference; "libyaml", for those texts
    only (ValueError for the others, libyaml's error for what it refuses)."""
    if parser not in (None, *PARSERS):
        raise ValueError(f"parser: one of {PARSERS}, not {parser!r}")
    if parser == "libyaml" and (not LIBYAML or _slow_only(text)):
        raise ValueError("a text for PyYAML's parser alone")
    if parser != "pyyaml" and LIBYAML and not _slow_only(text):
        try:
            return _single_node(_FastComposer(text, rel))
        except Exception:  # noqa: BLE001 - PyYAML's parser below says what and where
            if parser == "libyaml":
                raise
    return _single_node(_Composer(text, rel))


def _single_node(loader):
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _reader_error(e, text: str, rel: str) -> Finding:
    """A character YAML does not allow (a control character, a NUL byte)."""
    pos = e.position if isinstance(e.position, int) else 0
    line = text[:pos].count("\n") + 1
    ch = e.character
    code = f"U+{ch:04X}" if isinstance(ch, int) else "不明"
    return _err("load-control-character", rel, line,
                f"YAML に書けない制御文字（{code}）があります。消してください"
                "（ほかの文書からコピーした文章に紛れ込むことがあります）。")


_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _nodes(node):
    """Every node of a composed YAML tree, keys included."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack += [k, v]
        elif isinstance(n, yaml.SequenceNode):
            stack += n.value


def _invalid_character(node):
    """(node, character) of a scalar holding what no text file can (a lone
    surrogate or U+FFFE, written as a \\u escape), else None."""
    for n in _nodes(node):
        if isinstance(n, yaml.ScalarNode):
            m = _INVALID.search(n.value)
            if m:
                return n, m.group(0)
    return None


def _foreign_tag(node):
    return next((n for n in _nodes(node) if n.tag not in _STD_TAGS), None)
