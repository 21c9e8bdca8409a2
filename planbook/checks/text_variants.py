"""表記ゆれ: the same word written two ways in one document (子ども/子供,
取組/取り組み, 4つ/二つ). Each group below lists the spellings of one word;
when a document uses more than one, the spelling it uses most is taken as its
own and the others are reported. On a tie the first spelling, the one
公用文作成の考え方 (2022) recommends, wins.

The groups compare one part of speech only. The noun 取組 beside the verb
取り組む is correct 公用文 usage: 取り組み followed by a verb ending
(取り組みます, 取り組み、) is the verb and is not counted. Likewise
問合せ/問い合わせる, 手続/手続き. Spellings of different words that look
alike (関わる/かかわらず, 等/など, 障害/障がい in law names) are not grouped,
and text inside 「」『』 (names, titles, quotations kept as written) is not
counted.
A municipality's own rules go in style.yaml's `dictionary`
(check text-dictionary).

合格例 (pass)::

    子どもの育ちを支えます。地域の子どもの居場所をつくります。
    課題に取り組みます。市の取組を知らせます。

不合格例 (fail)::

    子どもの育ちを支えます。地域の子供の居場所をつくります。
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ._text import KANJI, first_places, texts

ID = "text-variants"
TITLE = "表記ゆれ（子ども／子供、取組／取り組み など）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_VERB = r"(?!ま|た|て|る|れ|ず|ない|よう|ながら|つつ|、)"   # not a verb's 連用形


# The look-behinds come after the word (its width is fixed), which looks at
# the same character but lets `re` search for the word's first character.
def _not_after(before: str, word: str) -> str:
    return f"{word}(?<!{before}{word})"


def _after(before: str, word: str) -> str:
    return f"{word}(?<={before}{word})"


def _nk(word: str) -> str:
    """`word` not inside a longer kanji word."""
    return _not_after(f"[{KANJI}]", word)


def _num(word: str) -> str:
    """`word` after a number."""
    return _after("[0-9０-９一二三四五六七八九十百千何数]", word)


_KATA_END = r"(?![ァ-ヿ])"

# (label, regex) per spelling; the first is the 公用文 form. A label None
# means "as written" (4つ, 3ヶ所).
GROUPS: list[list[tuple[str, str]]] = [
    [("子ども", "子ども"), ("子供", "子供(?!・若者)")],          # 子供・若者育成支援推進法
    [("取組", "取組(?![みむまめ])"), ("取り組み", "取り組み" + _VERB), ("取組み", "取組み" + _VERB)],
    [("一人ひとり", "一人ひとり"), ("一人一人", "一人一人"), ("ひとりひとり", "ひとりひとり")],
    [("様々", "様々"), ("さまざま", "さまざま")],
    [("分かりやすい", "分かりやす"), ("わかりやすい", "わかりやす"), ("分り易い", "分り易"),
     ("解りやすい", "解りやす")],
    [("全て", "全て"), ("すべて", "すべて")],
    [("ください", "ください"), ("下さい", "下さい")],
    [("できる", "でき(?=[るれずなたてま])"), ("出来る", "出来(?=[るれずなたてま])")],
    [("手続", "手続(?!き)"), ("手続き", "手続き")],
    [("問合せ", "問合せ"), ("問い合わせ", "問い合わせ" + _VERB), ("問合わせ", "問合わせ"),
     ("問い合せ", "問い合せ")],
    [("打合せ", "打合せ"), ("打ち合わせ", "打ち合わせ" + _VERB), ("打合わせ", "打合わせ")],
    [("話合い", "話合い"), ("話し合い", "話し合い" + _VERB)],
    [("申込み", "申込み"), ("申し込み", "申し込み" + _VERB)],
    [("行う", _nk("行") + "(?=[わいうえ])"), ("行なう", _nk("行な") + "(?=[わいうえ])")],
    [("及び", _not_after("に", "及び") + "(?![まさ、])"),
     ("および", _not_after("に", "および") + "(?![まさ、])")],
    [("又は", "又は"), ("または", "または")],
    [("並びに", "並びに"), ("ならびに", "ならびに")],
    [("若しくは", "若しくは"), ("もしくは", "もしくは")],
    [("更に", _nk("更に")), ("さらに", "さらに")],
    [("既に", "既に"), ("すでに", "すでに")],
    [("概ね", "概ね"), ("おおむね", "おおむね")],
    [("あらかじめ", "あらかじめ"), ("予め", "予め")],
    [("ほとんど", "ほとんど"), ("殆ど", "殆ど")],
    [("とともに", "とともに"), ("と共に", "と共に")],
    [("生かす", _nk("生か") + "(?=[さしすせそ])"), ("活かす", "活か(?=[さしすせそ])")],
    [("終わる", "終わ(?=[らりるれっ])"), ("終る", _nk("終") + "(?=[らりるれっ])")],
    [("変わる", "変わ(?=[らりるれっ])"), ("変る", _nk("変") + "(?=[らりるれっ])")],
    [("表す", _nk("表") + "(?=[さしすせ])"), ("表わす", _nk("表わ") + "(?=[さしすせ])")],
    [("いただく", "いただ(?=[かきくけこい])"), ("頂く", _nk("頂") + "(?=[かきくけこい])")],
    [("いたします", "いたしま"), ("致します", _nk("致しま"))],
    [(None, _nk("[二三四五六七八九]つ")), (None, _not_after("[0-9０-９]", "[1-9１-９]つ"))],
    [("か所", _num("か所")), ("箇所", _num("箇所")), (None, _num("[ヶヵケカ]所"))],
    [("か月", _num("か月")), ("箇月", _num("箇月")), (None, _num("[ヶヵケカ]月"))],
    [("コンピューター", "コンピューター"), ("コンピュータ", "コンピュータ" + "(?!ー)" + _KATA_END)],
    [("サーバー", "サーバー"), ("サーバ", "サーバ(?!ー)" + _KATA_END)],
    [("ユーザー", "ユーザー"), ("ユーザ", "ユーザ(?!ー)" + _KATA_END)],
    [("メンバー", "メンバー"), ("メンバ", "メンバ(?!ー)" + _KATA_END)],
    [("インターフェース", "インターフェース"), ("インタフェース", "インタフェース"),
     ("インターフェイス", "インターフェイス")],
    [("ウェブ", "ウェブ"), ("ウエブ", "ウエブ")],
    [("ホームページ", "ホームページ"),
     ("HP", _not_after("[A-Za-zＡ-Ｚａ-ｚ]", "[HＨ][PＰ]") + "(?![A-Za-zＡ-Ｚａ-ｚ])")],
]
_COMPILED = [[(n, label, re.compile(rx)) for n, (label, rx) in enumerate(group)]
             for group in GROUPS]


_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")


def _quoted(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


class _Joined:
    """All the texts joined by a line break, which no spelling contains and no
    look-around takes for a kanji, digit or kana: a pattern run once over
    them finds the same matches as text by text."""

    def __init__(self, items):
        self.items = items
        self.text = "\n".join(item.text for item in items)
        self.starts, pos = [], 0
        for item in items:
            self.starts.append(pos)
            pos += len(item.text) + 1
        self.quoted: dict[int, list] = {}


def _spellings(joined: _Joined, group):
    """{n: [(item, start, end, label)]}: where each spelling of the group is
    used outside quotes."""
    items, starts, quoted = joined.items, joined.starts, joined.quoted
    found: dict[int, list] = {n: [] for n, _, _ in group}
    for n, label, rx in group:
        for m in rx.finditer(joined.text):
            k = bisect_right(starts, m.start()) - 1
            item, start = items[k], m.start() - starts[k]
            if k not in quoted:
                quoted[k] = _quoted(item.text)
            if not any(a <= start < b for a, b in quoted[k]):
                found[n].append((item, start, start + len(m.group(0)), label or m.group(0)))
    return found


def check(plan, options):
    joined = _Joined(texts(plan))
    for group in _COMPILED:
        found = _spellings(joined, group)
        used = [n for n, _, _ in group if found[n]]
        if len(used) < 2:
            continue
        main = max(used, key=lambda n: (len(found[n]), -n))
        tie = sum(len(found[n]) == len(found[main]) for n in used) > 1
        why = "同じ数ずつ使われているので、公用文の書き方の" if tie else "この文書で多く使われている"
        want = found[main][0][3]
        places = first_places([(item, start) for item, start, _, _ in found[main]])
        for n in used:
            if n == main:
                continue
            for item, start, end, label in found[n]:
                yield item.hit(f"「{label}」と「{want}」が混在しています（表記ゆれ）: "
                               f"{item.around(start, end)}。{why}「{want}」にそろえてください"
                               f"（「{want}」は {places}）。", start, end, key=label)
