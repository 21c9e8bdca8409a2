"""Names read from the source (departments, codes, file names, keys, slots):
compared, grouped and used in NFC, so that a department typed on a Mac (NFD:
が as か + ゛) is the same department as on Windows; and never holding an
invisible formatting character (Unicode category Cf: bidi overrides such
as U+202E, zero-width spaces and joiners, BOM, soft hyphen), which would
make two names look alike or a file name read backwards."""
from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def invisible(text: str) -> str | None:
    """The first invisible formatting character of `text`, else None."""
    return next((ch for ch in text if unicodedata.category(ch) == "Cf"), None)


def code(ch: str) -> str:
    return f"〔U+{ord(ch):04X}〕"


def visible(text: str) -> str:
    """`text` with each invisible formatting character shown as 〔U+202E〕."""
    return "".join(code(ch) if unicodedata.category(ch) == "Cf" else ch for ch in text)


def problem(text: str, what: str) -> str | None:
    """The message for a name holding an invisible character, else None.
    `what` names it: 「departments」の名前, 項目名."""
    ch = invisible(text)
    if ch is None:
        return None
    name = unicodedata.name(ch, "")
    return (f"{what}「{visible(text)}」に、見えない書式文字{code(ch)}{f'（{name}）' if name else ''}が"
            "入っています。名前に使うと、同じに見える別の名前になったり、ファイル名の文字の順が"
            "入れ替わって見えたりします。その文字を消してください（名前を打ち直すと確実です。"
            "ほかの文書やウェブからコピーした名前によく紛れ込みます）。")
