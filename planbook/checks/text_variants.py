"""表記ゆれ: the same word written two ways in one document (子ども/子供,
取り組み/取組み), and the municipality's house dictionary in style.yaml.

Built-in groups follow 公用文作成の考え方 (2022). The noun 取組 beside the
verb 取り組む is correct 公用文 usage and is not a variant: only 取り組み /
取組み (the noun written with okurigana) are compared with 取組.

The house dictionary (prh-like) in style.yaml::

    dictionary:
      - expected: 子ども
        patterns: [子供]
        note: 本市は「子ども」で統一

合格例 (pass)::

    子どもの育ちを支えます。子どもの居場所をつくります。

不合格例 (fail)::

    子どもの育ちを支えます。子供の居場所をつくります。
"""
from __future__ import annotations

import re

from . import Hit
from ._text import texts

ID = "text-variants"
TITLE = "表記ゆれ・市の表記ルール（style.yaml の dictionary）"
SEVERITY = "warning"
FINAL = False
DEFAULTS: dict = {}

# Each group: spellings of one word. The most used spelling in the document wins.
GROUPS = [
    ["子ども", "子供"],
    ["取組", "取り組み", "取組み"],          # nouns only: 取り組む (verb) is not matched
    ["一人ひとり", "一人一人", "ひとりひとり"],
    ["さまざま", "様々"],
    ["わかりやすい", "分かりやすい", "分り易い"],
    ["すべて", "全て"],
    ["ください", "下さい"],
    ["できる", "出来る"],
    ["申込み", "申し込み", "申込"],
    ["手続", "手続き"],
    ["ホームページ", "ＨＰ"],
]
# 取り組み followed by verb endings (取り組みます) is the verb, not the noun.
_VERB_AFTER = {"取り組み": re.compile(r"取り組み(?=ま|た|て|を行|、)"),
               "手続き": re.compile(r"手続き(?=ま)")}


def _count(word, text):
    n = text.count(word)
    verb = _VERB_AFTER.get(word)
    if verb:
        n -= len(verb.findall(text))
    return n


def check(plan, options):
    items = list(texts(plan))
    whole = "\n".join(t for _, _, t in items)
    for group in GROUPS:
        counts = {w: _count(w, whole) for w in group}
        # a spelling contained in another (取組 in 取組み) is counted without it
        for w in group:
            for longer in group:
                if longer != w and w in longer:
                    counts[w] -= counts[longer]
        used = [w for w in group if counts[w] > 0]
        if len(used) < 2:
            continue
        main = max(used, key=lambda w: (counts[w], -group.index(w)))
        for unit, p, text in items:
            for w in used:
                if w == main or _count(w, text) <= 0:
                    continue
                if any(w in longer and longer in text for longer in group if longer != w):
                    continue
                yield Hit(f"「{w}」と「{main}」が混在しています（表記ゆれ）。"
                          f"多く使われている「{main}」にそろえてください。", p.loc, unit.label, key=w)
    for rule in (plan.style.get("dictionary") or []) if isinstance(plan.style, dict) else []:
        if not isinstance(rule, dict) or "expected" not in rule:
            continue
        pats = rule.get("patterns") or rule.get("pattern") or []
        pats = [pats] if isinstance(pats, str) else pats
        for pat in pats:
            try:
                rx = re.compile(str(pat))
            except re.error:
                yield Hit(f"style.yaml の dictionary の pattern「{pat}」が正規表現として読めません。",
                          plan.style_locs.get("dictionary"), "style.yaml")
                continue
            for unit, p, text in items:
                for m in rx.finditer(text):
                    if m.group(0) == rule["expected"]:
                        continue
                    note = f"（{rule['note']}）" if rule.get("note") else ""
                    yield Hit(f"「{m.group(0)}」は「{rule['expected']}」と書きます{note}。",
                              p.loc, unit.label, key=m.group(0))
