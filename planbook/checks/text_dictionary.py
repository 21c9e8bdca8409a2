"""Word rules: the municipality's house dictionary in style.yaml, and a small
built-in list of words that are always wrong (誤字・誤用・重言・ら抜き, and
形式名詞 written in kanji, which 公用文作成の考え方 (2022) writes in kana).

The house dictionary is prh-like: each rule has `expected` (the right form),
`patterns` (one or a list of regular expressions; `/…/` as in prh is
accepted too), an optional `note` printed with the finding, and optional
`specs` (`- {from: 子供の居場所, to: 子どもの居場所}`) that test the rule
itself. A match inside the expected form is not reported (pattern
「コンピュータ」, expected 「コンピューター」). Set `builtin: false` under
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

import re
from dataclasses import dataclass

from . import Hit
from ._style import style_line
from ._text import texts

ID = "text-dictionary"
TITLE = "表記ルール（style.yaml の dictionary と、よくある誤り）"
SEVERITY = "warning"
FINAL = False
DEFAULTS = {"builtin": True}

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


_BACKREF = re.compile(r"\$(\d)")


@dataclass
class Rule:
    rx: re.Pattern
    expected: str
    note: str
    loc: object = None

    def want(self, m: re.Match) -> str:
        """The expected form for a match; prh's $1 refers to a group."""
        if not self.rx.groups:
            return self.expected
        return m.expand(_BACKREF.sub(r"\\\1", self.expected))


def _pattern(p: str) -> str:
    p = str(p)
    if len(p) > 2 and p.startswith("/") and p.rstrip("gimu").endswith("/"):
        return p[1:p.rstrip("gimu").rindex("/")]
    return p


def _house(plan):
    """The rules of style.yaml's dictionary, and the problems with them."""
    rules, problems = [], []
    entries = plan.style.get("dictionary") if isinstance(plan.style, dict) else None
    if entries is None:
        return rules, problems
    if not isinstance(entries, list):
        problems.append(Hit("style.yaml の dictionary は「- expected: …」の並び（リスト）で書いてください。",
                            style_line(plan, "dictionary"), "style.yaml"))
        return rules, problems
    for n, entry in enumerate(entries):
        loc = style_line(plan, "dictionary", n)
        if not isinstance(entry, dict) or not entry.get("expected") or \
                not (entry.get("patterns") or entry.get("pattern")):
            problems.append(Hit("style.yaml の dictionary の項目には expected（正しい書き方）と "
                                "patterns（直す書き方）が必要です。", loc, "style.yaml"))
            continue
        pats = entry.get("patterns") or entry.get("pattern")
        note = str(entry.get("note") or entry.get("prh") or "")
        expected = str(entry["expected"])
        for pat in [pats] if isinstance(pats, str) else list(pats):
            try:
                rx = re.compile(_pattern(pat))
            except re.error as e:
                problems.append(Hit(f"style.yaml の dictionary の pattern「{pat}」を正規表現として"
                                    f"読めません（{e}）。", loc, "style.yaml"))
                continue
            rules.append(Rule(rx, expected, note, loc))
        for spec in entry.get("specs") or ():
            if not isinstance(spec, dict) or "from" not in spec or "to" not in spec:
                continue
            got = str(spec["from"])
            for r in rules:
                if r.loc is loc:
                    got = r.rx.sub(r.want, got)
            if got != str(spec["to"]):
                problems.append(Hit(f"style.yaml の dictionary の specs が合いません: 「{spec['from']}」を"
                                    f"直すと「{got}」になり、「{spec['to']}」になりません。", loc,
                                    "style.yaml"))
    return rules, problems


def _inside_expected(text: str, m: re.Match, expected: str) -> bool:
    start = max(0, m.start() - len(expected))
    for e in re.finditer(re.escape(expected), text[start:m.end() + len(expected)]):
        if e.start() + start <= m.start() and m.end() <= e.end() + start:
            return True
    return False


def check(plan, options):
    rules, problems = _house(plan)
    yield from problems
    if options.get("builtin", True):
        rules += [Rule(re.compile(p), e, n) for p, e, n in BUILTIN]
    items = list(texts(plan))
    for rule in rules:
        for item in items:
            for m in rule.rx.finditer(item.text):
                if not m.group(0) or _inside_expected(item.text, m, rule.expected):
                    continue
                want = rule.want(m)
                if m.group(0) == want:
                    continue
                note = f"（{rule.note}）" if rule.note else ""
                yield item.hit(f"「{m.group(0)}」は「{want}」と書きます{note}: "
                               f"{item.around(m.start(), m.end())}", m.start(), m.end(),
                               key=m.group(0))
