"""Declarative field types for the source files (in the spirit of MkDocs'
config options): each type converts one YAML node and reports what is wrong
with it in Japanese, naming the key and the line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable

import yaml

from .. import names
from ..findings import Finding
from ..model import FieldLocs, Loc, Paragraph, place_in
from ..suggest import closest
from .japanese import BOOL_WORDS, ENUM_WORDS, JAPANESE_KEYS
from .places import one_paragraph, str_value, stripped_value, text_paragraphs

_FULLWIDTH_DIGITS = re.compile(r"[０-９]")

_constructor = yaml.SafeLoader("")


class Ctx:
    """Conversion state for one file: where we are and what went wrong."""

    def __init__(self, rel: str):
        self.rel = rel
        self.findings: list[Finding] = []
        self.path: list[str] = []

    def loc(self, node) -> Loc:
        return Loc(self.rel, node.start_mark.line + 1)

    def error(self, node_or_line, code: str, msg: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.findings.append(Finding(code=code, message=msg, file=self.rel, line=line))

    def key_name(self) -> str:
        """The key a message names: 「allow の 2 番目」 for an item of a list."""
        if not self.path:
            return ""
        last = self.path[-1]
        if last.isdigit() and len(self.path) > 1 and not self.path[-2].isdigit():
            return f"{self.path[-2]}」の「{last} 番目"
        return last


MISSING = object()

# What staff write for a value not known yet; planbook wants it left empty
# (and prints 「未入力」 or leaves the cell blank itself).
PLACEHOLDERS = {"－", "ー", "-", "―", "‐", "—", "─", "―", "なし", "無し", "未定", "未入力", "不明",
                "調整中", "検討中", "TBD", "tbd", "N/A", "n/a", "？", "?", "○○", "〇〇", "××", "＊", "*"}


def is_placeholder(text: str) -> bool:
    return text.strip() in PLACEHOLDERS


def unknown_hint(text: str, key: str) -> str:
    """The fix for 「－」「未定」 written for an unknown value."""
    key = key or "項目名"
    return (f"まだ決まっていない値は「{text}」などと書かずに、空にしてください（「{key}:」の後ろに何も"
            f"書かない。{{…}} の中では {key}: null）。")


def _is_null(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and (
        node.tag.endswith(":null") or (node.tag.endswith(":str") and node.value.strip() == ""))


def _kind(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "項目の組（key: value）"
    if isinstance(node, yaml.SequenceNode):
        return "リスト（- で始まる行）"
    value = str(node.value)
    return f"「{value[:40]}…」" if len(value) > 40 else f"「{value}」"


class Type:
    label = "値"

    def convert(self, node, ctx: Ctx):
        if _is_null(node):
            return None
        return self.convert_value(node, ctx)

    def convert_value(self, node, ctx: Ctx):
        raise NotImplementedError

    def wrong(self, node, ctx: Ctx, hint: str = "") -> Any:
        where = f"「{ctx.key_name()}」には" if ctx.key_name() else "このファイルは全体を"
        if not hint and isinstance(node, yaml.ScalarNode) and is_placeholder(node.value):
            hint = unknown_hint(node.value.strip(), ctx.key_name())
        ctx.error(node, "load-type", f"{where}{self.label}を書いてください"
                  f"（いまは{_kind(node)}）。{hint}")
        return MISSING

    def scalar(self, node, ctx: Ctx):
        if not isinstance(node, yaml.ScalarNode):
            return self.wrong(node, ctx)
        return node


_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


class Str(Type):
    """A one-line string (a name, a unit, a setting): a line break in it
    could forge a line of a message, the README.txt or the report."""
    label = "文字列"

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        wrapped = node.end_mark.line > node.start_mark.line
        value = str_value(node)[0] if wrapped else node.value.strip()
        if _BREAK.search(value):
            ctx.error(node, "load-line-break", f"「{ctx.key_name()}」は改行を入れずに一行で"
                      "書いてください（「|」「>」や引用符の中の \\n を使わない）。")
            return MISSING
        return value


class Name(Str):
    """A name (a department, a file, a slot, a person): no invisible
    formatting character (planbook.names); with `nfc`, NFC (a name that is
    compared, grouped or used as a file name)."""

    def __init__(self, nfc: bool = True):
        self.nfc = nfc

    def convert_value(self, node, ctx):
        value = super().convert_value(node, ctx)
        if not isinstance(value, str):
            return value
        wrong = names.problem(value, f"「{ctx.key_name()}」の")
        if wrong:
            ctx.error(node, "load-invisible-character", wrong)
            return MISSING
        return names.nfc(value) if self.nfc else value


class FilePath(Name):
    """A file inside source/, written with `/` (artwork/vision-1.png): a path
    written the Windows way (artwork\\vision-1.png) is refused with its `/` form."""
    label = "source フォルダの中のファイル（例: artwork/vision-1.png）"

    def convert_value(self, node, ctx):
        value = super().convert_value(node, ctx)
        if isinstance(value, str) and "\\" in value:
            slashed = re.sub(r"\\+", "/", value)
            ctx.error(node, "load-windows-path", f"「{ctx.key_name()}」のファイル「{value}」のフォルダの区切りが"
                      f"「\\」（Windows の書き方）です。「/」で区切って書いてください（{ctx.key_name()}: {slashed}）。")
            return MISSING
        return value


class Para(Type):
    """One line of text with inline markup (a title, a note): a single Paragraph."""
    label = "文字列"

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        text, where = one_paragraph(node)
        return Paragraph("/".join(ctx.path), text, place_in(where, 0, ctx.loc(node)), where)


class Text(Type):
    """Paragraphs separated by blank lines; ids `<path>/<n>`.

    With `named=False` the field's own name is left out of the ids
    (a direction's body: `411/directions/2/1`)."""
    label = "文章"

    def __init__(self, named: bool = True):
        self.named = named

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        base = ctx.path if self.named else ctx.path[:-1]
        return tuple(Paragraph("/".join(base + [str(n)]), text,
                               place_in(where, 0, ctx.loc(node)), where)
                     for n, (text, where) in enumerate(text_paragraphs(node), 1)) or None


class Int(Type):
    label = "整数"
    lo: int | None = None
    hi: int | None = None

    def __init__(self, lo: int | None = None, hi: int | None = None):
        self.lo, self.hi = lo, hi

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        value = node.value.strip()
        if _FULLWIDTH_DIGITS.search(value):
            ctx.error(node, "load-fullwidth-digit", f"「{ctx.key_name()}」の数字が全角です。"
                      f"半角数字で書いてください（{unicodedata.normalize('NFKC', value)}）。")
            return MISSING
        if not re.fullmatch(r"[+-]?\d+", value):
            m = re.fullmatch(r"([+-]?\d+)\s*[^\d\s.,]{1,4}", value)
            return self.wrong(node, ctx, f"数字だけで {m.group(1)} と書いてください。" if m else "")
        n = int(value)
        return self.check_range(n, node, ctx)

    def check_range(self, n, node, ctx):
        if (self.lo is not None and n < self.lo) or (self.hi is not None and n > self.hi):
            ctx.error(node, "load-range", f"「{ctx.key_name()}」の値 {n} は範囲外です"
                      f"（{self.lo}〜{self.hi}）。")
            return MISSING
        return n


class Number(Type):
    """An int, or a float of at most DIGITS significant digits (so the
    float keeps the number as written and prints back the same)."""
    label = "数値"
    DIGITS = 15

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        value = node.value.strip()
        if _FULLWIDTH_DIGITS.search(value):
            ctx.error(node, "load-fullwidth-digit", f"「{ctx.key_name()}」の数字が全角です。"
                      "半角数字で書いてください。")
            return MISSING
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", value):
            ctx.error(node, "load-number", f"「{ctx.key_name()}」の数値に桁区切りの「,」は書かないでください"
                      f"（{value.replace(',', '')} と書きます。印刷時に区切ります）。")
            return MISSING
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", value):
            ctx.error(node, "load-number", f"「{ctx.key_name()}」の数値は指数表記（{value}）で"
                      "なく、数字だけで書いてください（例: 0.00001、12000000）。")
            return MISSING
        if re.fullmatch(r"[+-]?(\d+|\d+\.\d*|\.\d+)", value):
            if len(value.lstrip("+-").replace(".", "").lstrip("0").rstrip("0")) > self.DIGITS \
                    or len(value.lstrip("+-").split(".")[0].lstrip("0")) > self.DIGITS:
                ctx.error(node, "load-number", f"「{ctx.key_name()}」の数値 {value} は桁が多すぎます"
                          f"（有効数字 {self.DIGITS} 桁まで）。")
                return MISSING
            return int(value) if re.fullmatch(r"[+-]?\d+", value) else float(value)
        if re.fullmatch(r"[+-]?\d+(\.\d+)?\s*\S+", value):
            ctx.error(node, "load-number", f"「{ctx.key_name()}」には数値だけを書いてください"
                      f"（いまは「{value}」）。単位は unit に書きます。")
            return MISSING
        return self.wrong(node, ctx)


class Bool(Type):
    label = "true か false"

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        if node.tag.endswith(":bool"):
            return _constructor.construct_object(node)
        meant = BOOL_WORDS.get(node.value.strip())
        return self.wrong(node, ctx, f"「{node.value.strip()}」なら {meant} と書きます。" if meant else "")


class Enum(Type):
    def __init__(self, *values: str):
        self.values = values
        self.label = "「" + "」「".join(values) + "」のどれか"

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        v = node.value.strip()
        if v not in self.values:
            close = ENUM_WORDS.get(v) if ENUM_WORDS.get(v) in self.values else closest(v, self.values, cutoff=0.5)
            return self.wrong(node, ctx, f"「{close}」のことですか？" if close else "")
        return v


class Code(Type):
    """A code such as 411 or 1-2: half-width letters, digits and hyphens."""
    label = "番号（半角の数字・英字）"

    def convert_value(self, node, ctx):
        if self.scalar(node, ctx) is MISSING:
            return MISSING
        v = node.value.strip()
        wrong = names.problem(v, f"「{ctx.key_name()}」の番号")
        if wrong:
            ctx.error(node, "load-invisible-character", wrong)
            return MISSING
        if _FULLWIDTH_DIGITS.search(v):
            ctx.error(node, "load-fullwidth-digit", f"「{ctx.key_name()}」の番号が全角です。"
                      f"半角で書いてください（{unicodedata.normalize('NFKC', v)}）。")
            return MISSING
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", v):
            plain = re.sub(r"[-_.\s]", "", unicodedata.normalize("NFKC", v).replace("ー", "-"))
            if plain.isascii() and plain.isdigit() and plain != v:
                return self.wrong(node, ctx, f"番号は半角の数字だけで、区切らずに {plain} と書いてください。")
            return self.wrong(node, ctx)
        return v


class ListOf(Type):
    label = "リスト（- で始まる行）"

    def __init__(self, item: Type, key: str | None = None):
        self.item, self.key = item, key

    def convert_value(self, node, ctx):
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(self.item, (Str, Code)) and isinstance(node, yaml.ScalarNode):
                node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node],
                                         node.start_mark, node.end_mark)
            else:
                return self.wrong(node, ctx)
        out = []
        for i, child in enumerate(node.value, 1):
            seg = str(i)
            if self.key and isinstance(child, yaml.MappingNode):
                for k, v in child.value:
                    if k.value == self.key and isinstance(v, yaml.ScalarNode) and v.value.strip():
                        seg = unicodedata.normalize("NFKC", v.value.strip())
            ctx.path.append(seg)
            value = self.item.convert(child, ctx)
            ctx.path.pop()
            if value is not MISSING and value is not None:
                out.append(value)
        return tuple(out)


class MapOf(Type):
    """A mapping with free keys (note keys, artwork slots)."""
    label = "項目の組（key: value）"

    def __init__(self, value: Type, key_pattern: str = r"[A-Za-z0-9][A-Za-z0-9_-]*"):
        self.value, self.key_pattern = value, key_pattern

    def convert_value(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong(node, ctx)
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for k, v in node.value:
            key = _key(k, ctx, "名前")
            if key is None:
                continue
            if not re.fullmatch(self.key_pattern, key):
                ctx.error(k, "load-key", f"名前「{key}」は使えません。半角の英数字と - _ で書いてください。")
                continue
            if key in lines:
                ctx.error(k, "load-duplicate-key", f"「{key}」が二度書かれています（{lines[key]}行目にも"
                          "あります）。後から書いたほうは読まれないので、名前を変えるか一つにまとめてください。")
                continue
            lines[key] = k.start_mark.line + 1
            ctx.path.append(key)
            value = self.value.convert(v, ctx)
            ctx.path.pop()
            if value is not MISSING:
                out[key] = (value, ctx.loc(k))
        return out


@dataclass
class F:
    """A field of a record. `empty=False`: the value may not be left empty
    (a number that names the record: code, goal, number)."""
    type: Type
    required: bool = False
    default: Any = None
    empty: bool = True


@dataclass
class Record(Type):
    """A mapping with known keys. `build(values, loc, locs, ctx)` makes the model object."""
    fields: dict[str, F]
    build: Callable[..., Any]
    label: str = "項目の組（key: value）"
    path_key: str | None = None        # a field whose value names this record in ids
    extra: dict = dc_field(default_factory=dict)

    def convert(self, node, ctx):
        if _is_null(node):
            return None
        return self.convert_value(node, ctx)

    def convert_value(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong(node, ctx)
        values: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        places: dict = {}
        keys = {}
        meant_keys: set[str] = set()
        for k, v in node.value:
            key = _key(k, ctx, "項目名")
            if key is None:
                if isinstance(k, yaml.ScalarNode):      # invisible characters: meant the rest
                    meant_keys.add("".join(ch for ch in names.nfc(str(k.value).strip())
                                           if not names.invisible(ch)))
                continue
            if key in keys:
                ctx.error(k, "load-duplicate-key", f"「{key}」が二度書かれています"
                          f"（{keys[key]}行目にもあります）。どちらか一つにしてください。")
                continue
            keys[key] = k.start_mark.line + 1
            spec = self.fields.get(key)
            if spec is None:
                message, meant = _unknown_key(key, self.fields)
                ctx.error(k, "load-unknown-key", message)
                meant_keys.add(meant)           # not also reported as missing
                continue
            ctx.path.append(key)
            value = spec.type.convert(v, ctx)
            if value is None and not spec.empty:
                ctx.error(k, "load-empty", f"「{key}」は空にできません。{spec.type.label}を書いてください。")
                value = MISSING
            ctx.path.pop()
            locs[key] = ctx.loc(k)
            if isinstance(spec.type, Str) and isinstance(value, str):
                places[key] = stripped_value(v)
            values[key] = value
        for name, spec in self.fields.items():
            if name not in values and name not in keys:
                if spec.required and name in meant_keys:
                    values[name] = MISSING
                elif spec.required:
                    ctx.error(node, "load-missing-key", f"必須の項目「{name}」がありません。"
                              f"まだ書けていない場合は「{name}:」と書いて値を空にしてください。")
                    values[name] = MISSING
                else:
                    values[name] = spec.default
        if any(v is MISSING for v in values.values()):
            return MISSING
        return self.build(values, ctx.loc(node), FieldLocs(locs, places), ctx, set(keys))


def _key(k, ctx: Ctx, word: str) -> str | None:
    """A mapping's key as text (NFC, stripped), or None after an error: not a
    plain text ([ ] or { }), or with invisible characters."""
    if not isinstance(k, yaml.ScalarNode):
        ctx.error(k, "load-key", "項目名が書けていません（[ ] や { } は項目名に使えません）。")
        return None
    key = names.nfc(str(k.value).strip())
    wrong = names.problem(key, word)
    if wrong:
        ctx.error(k, "load-invisible-character", wrong)
        return None
    return key


def _unknown_key(key: str, fields: dict) -> tuple[str, str]:
    """The message for an unknown key, and the key it probably stands for."""
    names = list(fields)
    close = JAPANESE_KEYS.get(key)
    if close not in fields:
        close = closest(key, names)
    hint = f"「{close}」のことですか？" if close else ""
    return (f"項目名「{key}」は使えません。{hint}"
            f"ここで使える項目: {', '.join(names)}"), close or key
