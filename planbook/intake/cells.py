"""A returned cell's value, checked with planbook's own value types
(planbook.load: numbers, 西暦 years, one-line strings, texts read as the
loader reads a `|` block). Excel's validation only limits typing, so a cell
may hold anything: a full-width digit, 約1500, 令和7, a pasted paragraph, a
formula, a date. Each refusal says the cause and the fix."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import yaml

from ..forms.fields import DIRECTION, FROM_WORD, LINE, NUMBER, TEXT, WORDS, YEAR
from ..load.fields import Year
from ..load.places import text_paragraphs
from ..load.schema import MISSING, Ctx, Number

_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_MARK = yaml.Mark("cell", 0, 0, 0, None, None)
_ALIASES = {"up": "up", "down": "down", "keep": "keep", "↑": "up", "↓": "down", "→": "keep",
            "増やす": "up", "減らす": "down", "維持する": "keep"}


class CellError(ValueError):
    """The message (Japanese) says the cause and the fix."""


def _scalar(text: str) -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:str", text, _MARK, _MARK, style="'")


def _typed(kind_type, text: str, label: str):
    ctx = Ctx("cell")
    ctx.path = [label]
    value = kind_type.convert(_scalar(text), ctx)
    if value is MISSING or ctx.findings:
        raise CellError(ctx.findings[0].message if ctx.findings else f"「{label}」の値を読めません。")
    return value


def _number_text(raw) -> str:
    if isinstance(raw, float):
        return repr(int(raw)) if raw.is_integer() and abs(raw) < 1e15 else format(raw, ".15g")
    return str(raw)


def as_loaded(text: str) -> str:
    """A text as the loader reads it from a `|` block: paragraphs split at
    blank lines, the lines of each joined; paragraphs joined by a blank line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = "v: |\n" + "".join(f"  {line}\n" for line in lines)
    node = yaml.compose(doc, Loader=yaml.SafeLoader)
    return "\n\n".join(t for t, _ in text_paragraphs(node.value[0][1]))


def check(kind: str, raw, label: str, formula: bool = False):
    """The value of a cell of `kind`; None when left empty. CellError else."""
    if formula:
        raise CellError(f"「{label}」に式（{str(raw)[:30]}）が入っています。式ではなく値そのものを書いてください。")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise CellError(f"「{label}」に TRUE/FALSE が入っています。{_what(kind)}を書いてください。")
    if isinstance(raw, (dt.datetime, dt.date, dt.time)):
        raise CellError(f"「{label}」が日付・時刻になっています。{_what(kind)}を書いてください"
                        "（セルの書式を「標準」か「文字列」に戻してから書き直します）。")
    if kind == NUMBER:
        text = _number_text(raw).strip()
        if _BREAK.search(text) or len(text) > 40:
            raise CellError(f"「{label}」は数値のセルですが、文章が入っています。半角の数字だけを書いてください"
                            "（説明は「説明」の欄に書きます）。")
        if re.search(r"[０-９]", text):
            raise CellError(f"「{label}」の数字が全角です（{text}）。半角で "
                            f"{unicodedata.normalize('NFKC', text)} のように書いてください。")
        if re.match(r"^(約|およそ|概ね|おおむね)", text):
            raise CellError(f"「{label}」に「{text}」と書かれています。数値だけを書いてください"
                            f"（例: {re.sub(r'^(約|およそ|概ね|おおむね)', '', text)}）。「約」などは書きません。")
        try:
            return _typed(Number(), text, label)
        except CellError as e:
            raise CellError(str(e).replace("単位は unit に書きます", "単位は「単位」の欄に書きます")) from None
    if kind == YEAR:
        text = _number_text(raw).strip()
        if re.search(r"[０-９]", text) and re.fullmatch(r"[0-9０-９]{4}", text):
            raise CellError(f"「{label}」の数字が全角です（{text}）。半角で "
                            f"{unicodedata.normalize('NFKC', text)} と書いてください。")
        return _typed(Year(), text, label)
    text = str(raw) if not isinstance(raw, float) else _number_text(raw)
    bad = _CONTROL.search(text)
    if bad:
        raise CellError(f"「{label}」に使えない文字（U+{ord(bad.group()):04X}、見えない制御文字）があります。"
                        "その文字を消してください（別のソフトから貼り付けたときに入ることがあります）。")
    if kind == DIRECTION:
        word = unicodedata.normalize("NFKC", text).strip()
        value = FROM_WORD.get(word) or _ALIASES.get(word.lower())
        if value is None:
            raise CellError(f"「{label}」の「{word[:20]}」は選べません。"
                            f"「{'」「'.join(WORDS.values())}」のどれかを選んでください。")
        return value
    if kind == LINE:
        text = text.strip()
        if _BREAK.search(text):
            raise CellError(f"「{label}」は一行で書く欄です。改行を取ってください"
                            "（段落に分けられるのは「10年後の姿」「本文」などの欄だけです）。")
        return text
    if kind == TEXT:
        return as_loaded(text) or None
    raise CellError(f"「{label}」は読めない種類の欄です。")


def _what(kind: str) -> str:
    return {NUMBER: "半角の数字", YEAR: "西暦の年（例: 2030）", DIRECTION: "方向（一覧から）"}.get(kind, "文字")


def same(kind: str, a, b) -> bool:
    """Whether two values of a field are the same (a text as the loader reads it)."""
    if kind == TEXT and isinstance(a, str) and isinstance(b, str):
        return as_loaded(a) == as_loaded(b)
    if kind in (NUMBER, YEAR) and isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return a == b
    return a == b
