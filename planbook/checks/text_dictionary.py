"""Word rules: the municipality's house dictionary in style.yaml, and a small
built-in list of words that are always wrong (誤字・誤用・重言・ら抜き, and
形式名詞 written in kanji, which 公用文作成の考え方 (2022) writes in kana).

The house dictionary is prh-like: each rule has `expected` (the right form),
`patterns` (one or a list of regular expressions; `/…/` as in prh is
accepted too), an optional `note` printed with the finding, and optional
`specs` (`- {from: 子供の居場所, to: 子どもの居場所}`) that test the rule
itself. The loader compiles the patterns (with the `regex` package: a
wrong pattern stops the load with its line) and runs the specs. A match
inside the expected form is not reported (pattern 「コンピュータ」, expected
「コンピューター」). Each pattern is matched with a time limit, so a pattern
that backtracks without end is reported instead of hanging the check, and
all the patterns share one time budget per run (`time_budget`, seconds, 5
unless set): once it is spent, the patterns not yet run are skipped and
listed in one finding at the first of them. Set `builtin: false` under
`checks: {text-dictionary: …}` to turn the built-in list off::

    dictionary:
      - expected: 子ども
        patterns: [子供]
        note: 本市は「子ども」で統一

合格例 (pass)::

    一気通貫のデジタル化を実現します。

不合格例 (fail)::

    一貫通貫のデジタル化を実現します。   # 一気通貫の誤り
"""
from __future__ import annotations

import regex

from .. import wordrules
from ..load.schema import Bool, Int
from ..model import STYLE_FILE
from . import Hit
from ._text import texts

ID = "text-dictionary"
TITLE = "表記ルール（style.yaml の dictionary と、よくある誤り）"
SEVERITY = "warning"
FINAL = False
OPTIONS = {"builtin": Bool(), "time_budget": Int(1, 3600)}
DEFAULTS = {"builtin": True, "time_budget": wordrules.BUDGET}
SHOWN = 5       # skipped patterns named in the finding

# (pattern, expected, note): each pattern is wrong wherever it appears.
BUILTIN = [
    ("一貫通貫", "一気通貫", "四字熟語の誤り"),
    ("コミニュケーション", "コミュニケーション", "つづりの誤り"),
    ("シュミレーション", "シミュレーション", "つづりの誤り"),
    ("エンターテイメント", "エンターテインメント", "つづりの誤り"),
    ("(?<![\u4e00-\u9fff])的を得", "的を射", "慣用句の誤り"),
    ("汚名挽回", "汚名返上", "慣用句の誤り（名誉挽回と混同）"),
    ("雪辱を晴ら", "雪辱を果た", "慣用句の誤り"),
    ("過半数を超え", "過半数に達し", "重言（過半数は半分を超えた数）"),
    ("必ず必要", "必要", "重言"),
    ("一番最初", "最初", "重言"),
    ("まず最初に", "最初に", "重言"),
    ("今現在", "現在", "重言"),
    ("あらかじめ予約", "予約", "重言"),
    ("違和感を感じ", "違和感を覚え", "重言"),
    ("づつ", "ずつ", "「ずつ」と書きます（現代仮名遣い）"),
    ("見れる", "見られる", "ら抜き言葉"),
    ("来れる", "来られる", "ら抜き言葉"),
    ("出れる", "出られる", "ら抜き言葉"),
    ("寝れる", "寝られる", "ら抜き言葉"),
    ("食べれる", "食べられる", "ら抜き言葉"),
    ("考えれる", "考えられる", "ら抜き言葉"),
    ("受けれる", "受けられる", "ら抜き言葉"),
    ("感じれる", "感じられる", "ら抜き言葉"),
    ("(?<=[うくすつぬむるた])事(?=[がをはにもで、。])", "こと",
     "形式名詞は仮名で書きます（公用文作成の考え方）"),
]

_BUILTIN = [(regex.compile(p), e, n) for p, e, n in BUILTIN]
_ANY_BUILTIN = regex.compile("|".join(f"(?:{p})" for p, _, _ in BUILTIN))   # to skip texts


def _report(items, rx, expected, note, budget=None):
    note = f"（{note}）" if note else ""
    for item in items:
        found = (budget.run(lambda timeout: list(wordrules.find(rx, expected, item.text, timeout)))
                 if budget else wordrules.find(rx, expected, item.text))
        for m, want in found:
            yield item.hit(f"「{m.group(0)}」は「{want}」と書きます{note}: "
                           f"{item.around(m.start(), m.end())}", m.start(), m.end(), key=m.group(0))


def _house(items, rule, pattern, budget):
    """The findings of one pattern of style.yaml's dictionary, and whether it
    ran to the end (False: the run's time budget ran out first). A pattern
    that runs out of its own time is reported once, at its line, and not
    used further."""
    found = []
    for item in items:
        try:
            if budget.spent():
                return found, False
            if budget.run(pattern.rx.search, item.text) is None:
                continue
            found += _report([item], pattern.rx, rule.expected, rule.note, budget)
        except TimeoutError as e:
            if getattr(e, "cut", False):
                return found, False
            return found + [Hit(
                f"style.yaml の dictionary のパターン「{pattern.source}」の照合が時間内に"
                f"終わりませんでした（{item.loc} の文）。同じ文字の繰り返しを入れ子にした"
                "パターン（例: (a|aa)+）になっていないか見直してください。このパターンでの"
                "確認はここで止めています。", pattern.loc, STYLE_FILE, key=pattern.source)], True
    return found, True


def _skipped(patterns, seconds):
    """One finding for the patterns the time budget left unchecked."""
    named = "、".join(f"「{p.source}」（{p.loc}）" for p in patterns[:SHOWN])
    more = f" ほか {len(patterns) - SHOWN} 個" if len(patterns) > SHOWN else ""
    return Hit(f"style.yaml の dictionary のパターンの照合に、一回のチェックの持ち時間（{seconds} 秒）を"
               f"使い切ったため、{len(patterns)} 個のパターンでは確かめていません: {named}{more}。"
               "時間のかかるパターン（同じ文字の繰り返しを入れ子にしたもの。例: (a|aa)+）を見直すか、"
               "持ち時間を style.yaml の checks: {text-dictionary: {time_budget: 秒数}} で延ばしてください。",
               patterns[0].loc, STYLE_FILE, key="time_budget")


def check(plan, options):
    items = list(texts(plan))
    budget = wordrules.Budget(options["time_budget"])
    skipped = []
    for rule in plan.style.dictionary:
        for pattern in rule.patterns:
            if skipped or budget.spent():
                skipped.append(pattern)
                continue
            found, whole = _house(items, rule, pattern, budget)
            yield from found
            if not whole:
                skipped.append(pattern)
    if skipped:
        yield _skipped(skipped, options["time_budget"])
    if options["builtin"]:
        items = [item for item in items if _ANY_BUILTIN.search(item.text)]
        for rx, expected, note in _BUILTIN:
            yield from _report(items, rx, expected, note)
