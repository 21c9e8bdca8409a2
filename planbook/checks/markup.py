"""Inline markup written so that it is not markup: a ruby `{漢字|かんじ}`
or a note marker `[^key]` with a missing or full-width brace, bar, bracket
or caret, a space inside, or an empty part. Such text would be printed
literally (「{確か|たしか」 on the page), so it is an error at the place
of its first character, with the way to write it.

合格例 (pass)::

    子どもたちの{確|たし}かな学力を育みます。

不合格例 (fail)::

    子どもたちの{確か|たしか な学力を育みます。   # 「}」がない
"""
from __future__ import annotations

import re

from ..markup import NoteRef, Plain, Ruby, tokens
from ..suggest import closest
from ..walk import paragraphs
from . import Hit
from ._text import excerpt

ID = "markup"
TITLE = "ふりがな・注の印（[^key]）の書き方"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

# Anything that looks like a note marker: a bracket, then a caret (half or full width).
_NOTE = re.compile(r"[\[［]\s*[\^＾]\s*([A-Za-z0-9_\-Ａ-Ｚａ-ｚ０-９]*)\s*([\]］]?)")
_BARE_KEY = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9_-]*)\]")
_WIDE_RUBY = re.compile(r"[{｛]([^{}｛｝|｜\n]+)[|｜]([^{}｛｝|｜\n]+)[}｝]")
_SIGN = re.compile(r"[\[［｛{}]")
_NOTE_FIX = "注の印は [^key] と、半角の「[」「^」「]」で空白を入れずに書きます"
_RUBY_FIX = "ふりがなは {漢字|かんじ} と、半角の「{」「|」「}」で書きます"


def _plain_pieces(text: str):
    """(offset, text) of each piece of `text` that is not markup."""
    pos = 0
    for t in tokens(text):
        if isinstance(t, Plain):
            yield pos, t.text
            pos += len(t.text)
        elif isinstance(t, NoteRef):
            pos = t.offset + len(t.key) + 3
        elif isinstance(t, Ruby):
            pos = t.offset + len(t.base) + len(t.reading) + 3


def _ruby(piece: str, i: int):
    """(end, message) for a `{` at `piece[i]` that did not make a ruby."""
    close = piece.find("}", i + 1)
    nxt = piece.find("{", i + 1)
    if close < 0 or (0 <= nxt < close):
        end = nxt if nxt >= 0 else len(piece)
        body = piece[i + 1:end]
        bar = body.find("|")
        if bar > 0:
            base = body[:bar]
            reading = re.match(r"[\u3041-\u309f\u30a0-\u30ff]*", body[bar + 1:]).group(0)
            fix = f"{{{base}|{reading or 'よみ'}}}"
            return i + 1 + bar + 1 + len(reading), (f"ふりがなの「{{」が「}}」で閉じられていません。"
                                                    f"読みの後ろに「}}」を書いてください（{fix}）")
        return i + 1, f"「{{」が閉じられていません。{_RUBY_FIX}（「{{」を文字として使うなら全角の「｛」にします）"
    body = piece[i + 1:close]
    if "|" not in body:
        if "｜" in body:
            base, reading = body.split("｜", 1)
            return close + 1, f"ふりがなの区切りの「｜」が全角です。半角の「|」にしてください（{{{base}|{reading}}}）"
        return close + 1, (f"「{{{body}}}」に読みがありません。{_RUBY_FIX}（{{{body}|よみ}}）。"
                           "「{」「}」を文字として使うなら全角の「｛」「｝」にします")
    base, reading = body.split("|", 1)
    if not base.strip() or not reading.strip():
        part = "漢字" if not base.strip() else "読み"
        return close + 1, f"ふりがな「{{{body}}}」の{part}が空です。{_RUBY_FIX}"
    return close + 1, f"ふりがな「{{{body}}}」の中に「|」や空白が多すぎます。{_RUBY_FIX}（{{{base}|{reading.strip()}}}）"


def _problems(piece: str, note_keys: set[str]):
    """(start, end, message) of each broken markup in a piece of plain text."""
    i = 0
    while True:
        m = _SIGN.search(piece, i)      # nothing happens at other characters
        if m is None:
            return
        i = m.start()
        ch = piece[i]
        m = _NOTE.match(piece, i) if ch in "[［" else None
        if m:
            key = m.group(1)
            fix = f"[^{key}]" if key else "[^key]"
            why = ("は「]」で閉じられていません" if not m.group(2) else
                   "の名前（key）が空です" if not key else
                   "に全角の記号があります" if re.search("[［＾］]", m.group(0)) else
                   "に空白が入っています")
            yield i, m.end(), f"注の印「{m.group(0).rstrip()}」{why}。{_NOTE_FIX}（{fix}）"
            i = m.end()
            continue
        m = _BARE_KEY.match(piece, i) if ch == "[" else None
        if m and m.group(1) in note_keys:
            yield i, m.end(), (f"「{m.group(0)}」は注の印になっていません（「^」がありません）。"
                               f"注 {m.group(1)} を指すなら [^{m.group(1)}] と書いてください")
            i = m.end()
            continue
        m = _WIDE_RUBY.match(piece, i) if ch == "｛" else None
        if m:
            yield i, m.end(), (f"ふりがな「{m.group(0)}」の記号が全角です。{_RUBY_FIX}"
                               f"（{{{m.group(1)}|{m.group(2)}}}）")
            i = m.end()
            continue
        if ch == "{":
            end, message = _ruby(piece, i)
            yield i, end, message
            i = max(end, i + 1)
            continue
        if ch == "}":
            yield i, i + 1, "「}」に対応する「{」がありません。{漢字|かんじ} の「{」を確かめてください"
        i += 1


def check(plan, options):
    for unit, p in paragraphs(plan):
        keys = {n.key for n in unit.notes}
        for offset, piece in _plain_pieces(p.text):
            for a, b, message in _problems(piece, keys):
                start, end = offset + a, offset + b
                near = closest(piece[a:b].strip("[]^ ［］＾"), keys) if piece[a] in "[［" else None
                more = f"注の名前は「{near}」のことですか？" if near and near not in piece[a:b] else ""
                yield Hit(f"{unit.label}: {message}。{more}このままでは記号がそのまま印刷されます。",
                          p.place(start), unit.label, key=piece[a:b],
                          **excerpt(p.text, start, end))
