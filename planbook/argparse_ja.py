"""argparse in Japanese: a translation catalog for argparse's own messages,
a help formatter that wraps Japanese text by its display width, and a parser
that answers every usage error in Japanese with exit code 2.

argparse marks all its messages with gettext (`_()` and `ngettext()`, bound
in the argparse module). `CATALOG` translates every one of them; the
`japanese()` context points those two names at it while one of our parsers
is built, parses or formats its help, and puts argparse's own back after,
so no other argparse user in the process (pytest, a library) sees Japanese.
A test keeps the catalog complete for the running Python's argparse.
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import gettext
import re
import sys
import threading
import unicodedata

USAGE_ERROR = 2

_INTERNAL = "（planbook の内部エラー。開発担当に知らせてください）"

# msgid (argparse's English) -> Japanese. Mistakes in planbook's own parser
# definitions end with _INTERNAL: a user can never cause them.
CATALOG: dict[str, str] = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "optional arguments": "オプション",                       # Python before 3.10
    "subcommands": "コマンド",
    "show this help message and exit": "この説明を表示して終わる",
    "show program's version number and exit": "版を表示して終わる",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 使い方に誤りがあります: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: 注意: %(message)s\n",
    "unrecognized arguments: %s": "知らない引数があります: %s",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "one of the arguments %s is required": "次のどれか一つが必要です: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "「%(value)s」は選べません（選べるもの: %(choices)s）",
    "invalid %(type)s value: %(value)r": "「%(value)s」は使えない値です",
    "expected one argument": "値を一つ書いてください",
    "expected at most one argument": "値は一つまでです",
    "expected at least one argument": "値を一つ以上書いてください",
    "ambiguous option: %(option)s could match %(matches)s":
        "「%(option)s」だけでは、どのオプションか決められません（候補: %(matches)s）",
    "ambiguous option: %(option)s=%(value)s could match %(matches)s":
        "「%(option)s=%(value)s」だけでは、どのオプションか決められません（候補: %(matches)s）",
    "not allowed with argument %s": "%s と一緒には使えません",
    "ignored explicit argument %r": "このオプションは値をとりません（「%s」は使えません）",
    "unexpected option string: %s": "ここではオプション %s は使えません",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "「%(parser_name)s」というコマンドはありません（あるもの: %(choices)s）",
    "can't open '%(filename)s': %(error)s": "「%(filename)s」を開けません: %(error)s",
    "argument \"-\" with mode %r": "「-」はモード %r では使えません",
    "option '%(option)s' is deprecated": "オプション %(option)s は古い書き方です",
    "argument '%(argument_name)s' is deprecated": "引数 %(argument_name)s は古い書き方です",
    "command '%(parser_name)s' is deprecated": "コマンド %(parser_name)s は古い書き方です",
    ".__call__() not defined": ".__call__() が定義されていません" + _INTERNAL,
    "'required' is an invalid argument for positionals":
        "位置で指定する引数に required は使えません" + _INTERNAL,
    "mutually exclusive arguments must be optional": "同時に使えない引数はオプションにしてください" + _INTERNAL,
    "%r is not callable": "%r は呼び出せません" + _INTERNAL,
    "cannot merge actions - two groups are named %r": "同じ名前の組 %r が二つあります" + _INTERNAL,
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "オプション %(option)r は %(prefix_chars)r で始めてください" + _INTERNAL,
    "dest= is required for options like %r": "%r のようなオプションには dest= が必要です" + _INTERNAL,
    "invalid conflict_resolution value: %r": "conflict_resolution に %r は使えません" + _INTERNAL,
    "cannot have multiple subparser arguments": "コマンドの引数は一つだけです" + _INTERNAL,
    "conflicting subparser: %s": "コマンド %s が二つあります" + _INTERNAL,
    "conflicting subparser alias: %s": "コマンドの別名 %s が二つあります" + _INTERNAL,
}

# (singular msgid, plural msgid) -> Japanese (no plural forms in Japanese)
PLURALS: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "値を %s 個書いてください",
    ("conflicting option string: %s", "conflicting option strings: %s"):
        "オプション %s が重なっています" + _INTERNAL,
}


class Catalog(gettext.NullTranslations):
    """The Japanese catalog of argparse's messages, a gettext translation;
    a message it does not know stays as argparse wrote it."""

    def gettext(self, message):
        return CATALOG.get(message, message)

    def ngettext(self, msgid1, msgid2, n):
        return PLURALS.get((msgid1, msgid2), msgid1 if n == 1 else msgid2)


_catalog = Catalog()
_lock = threading.RLock()


@contextlib.contextmanager
def japanese():
    """argparse speaks Japanese (the catalog) for the time of the block."""
    with _lock:
        saved = argparse._, argparse.ngettext
        argparse._, argparse.ngettext = _catalog.gettext, _catalog.ngettext
        try:
            yield
        finally:
            argparse._, argparse.ngettext = saved


# -- wrapping Japanese by display width ------------------------------------

_NO_LINE_START = set("、。，．）」』】〕〉》］｝・：；？！ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥"
                     ")]},.:;!?%")
_NO_LINE_END = set("（「『【〔〈《［｛([{")
_TOKEN = re.compile(r" +|[!-~]+|.")


def width(text: str) -> int:
    """Columns the text takes in a terminal (wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` (display width): breaks at spaces and
    between Japanese characters, never before 、。） or after （「 (禁則),
    never inside a run of ASCII (a path, an option, a number)."""
    units: list[list[str]] = []          # [separator before, text]
    space = False
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.isspace():
            space = True
            continue
        glued = units and not space and (tok[0] in _NO_LINE_START or units[-1][1][-1] in _NO_LINE_END)
        if glued:
            units[-1][1] += tok
        else:
            units.append([" " if space and units else "", tok])
        space = False
    lines: list[str] = []
    line = ""
    for sep, tok in units:
        if line and width(line + sep + tok) > columns:
            lines.append(line)
            line = tok
        else:
            line += sep + tok
    if line or not lines:
        lines.append(line)
    return lines


class Formatter(argparse.HelpFormatter):
    """Help in Japanese: help texts wrapped by display width; descriptions
    and epilogs (the examples) keep their own line breaks and indentation."""

    def __init__(self, prog, indent_increment=2, max_help_position=28, width=None):
        super().__init__(prog, indent_increment, max_help_position, width)

    def _split_lines(self, text, columns):
        return wrap(" ".join(text.split()), max(columns, 20))

    def _fill_text(self, text, columns, indent):
        out = []
        for line in text.strip("\n").splitlines():
            body = line.lstrip(" ")
            if not body:
                out.append("")
                continue
            lead = indent + " " * (len(line) - len(body))
            out += [lead + part for part in wrap(body, max(columns - len(lead), 20))]
        return "\n".join(out)


# -- the parser -------------------------------------------------------------

def did_you_mean(word: str, choices) -> str:
    near = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"「{near[0]}」のことですか？" if near else ""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Japanese (the catalog
    above, `Formatter`); a usage error prints the usage, the reason and where
    to read more, and exits with 2. A wrong choice or an unknown option gets
    a 「…のことですか？」."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        with japanese():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with japanese():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):
        with japanese():
            ns, extra = self.parse_known_args(args, namespace)
            if extra:
                parser = self.chosen(ns)
                parser.error(argparse._("unrecognized arguments: %s") % " ".join(extra)
                             + parser._suggest_option(extra))
        return ns

    def format_usage(self):
        with japanese():
            return super().format_usage()

    def format_help(self):
        with japanese():
            return super().format_help()

    def chosen(self, ns) -> "Parser":
        """The (sub)command parser the arguments went to, for its usage and options."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                sub = action.choices.get(getattr(ns, action.dest, None) or "")
                if isinstance(sub, Parser):
                    return sub.chosen(ns)
        return self

    def _suggest_option(self, extra: list[str]) -> str:
        options = [s for a in self._actions for s in a.option_strings if s.startswith("--")]
        for word in extra:
            if word.startswith("-"):
                hint = did_you_mean(word.split("=", 1)[0], options)
                if hint:
                    return "。" + hint
        return ""

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            with japanese():
                message = argparse._("invalid choice: %(value)r (choose from %(choices)s)") % {
                    "value": value, "choices": ", ".join(map(str, action.choices))}
            hint = did_you_mean(value, action.choices)
            raise argparse.ArgumentError(action, message + ("。" + hint if hint else ""))

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 使い方に誤りがあります: {message}\n"
              f"何も書き出していません。詳しくは「{self.prog} --help」を見てください。", file=sys.stderr)
        sys.exit(USAGE_ERROR)
