"""Indicators (目標指標): years inside sensible bounds (the 現状値 no later
than the plan's first year and not more than `baseline_years_before_start`
years before it, the 目標値 inside the plan period), the direction agreeing
with 現状値 → 目標値, and the same indicator not listed twice (in one 施策,
or in two 施策 of the plan). Values that are not numbers are refused by the
loader; empty values are reported by completeness.

合格例 (pass)::

    # policies/111.yaml
    indicators:
      - name: 待機児童数
        unit: 人
        baseline: {value: 820, year: 2025}
        target: {value: 700, year: 2036}
        direction: down

不合格例 (fail)::

    # policies/111.yaml
    indicators:
      - name: 待機児童数
        unit: 人
        baseline: {value: 820, year: 2025}
        target: {value: 900, year: 2040}   # 計画期間 2027〜2036 の外、しかも down なのに増えている
        direction: down
"""
from __future__ import annotations

from ..load.schema import Int
from ..numbers import grouped
from . import Hit

ID = "indicators"
TITLE = "目標指標の年度・増減の方向・重複"
SEVERITY = "warning"
FINAL = False
OPTIONS = {"baseline_years_before_start": Int(0, 100)}
DEFAULTS = {"baseline_years_before_start": 10}

WORDS = {"up": "増加（up）", "down": "減少（down）", "keep": "維持（keep）"}


def _years(ind, name, unit, period, options):
    b, t = ind.baseline, ind.target
    if b is not None and b.year:
        if b.year > period.start:
            yield Hit(f"指標「{name}」の現状値の年度 {b.year} が計画の始まり {period.start} より後です。"
                      "現状値は計画が始まる前の値を書きます。", b.loc_of("year"), unit, key=name)
        elif b.year < period.start - options["baseline_years_before_start"]:
            yield Hit(f"指標「{name}」の現状値の年度 {b.year} は計画の始まり {period.start} より "
                      f"{period.start - b.year} 年も前です。年度を確かめてください。",
                      b.loc_of("year"), unit, key=name)
    if t is not None and t.year and not period.start <= t.year <= period.end:
        yield Hit(f"指標「{name}」の目標値の年度 {t.year} が計画期間 {period.start}〜{period.end} "
                  "の外です。", t.loc_of("year"), unit, key=name)


def check(plan, options):
    period = plan.info.period
    everywhere: dict[str, tuple] = {}
    for p in plan.policies:
        unit = f"施策{p.code}"
        here: dict[str, object] = {}
        for ind in p.indicators or ():
            name = ind.name or "（名前なし）"
            if ind.name:
                if ind.name in here:
                    yield Hit(f"施策{p.code}に指標「{name}」が二度あります（{here[ind.name]} にも）。"
                              "一つにしてください。", ind.place_of("name"), unit, key=name)
                elif ind.name in everywhere and everywhere[ind.name][0] != p.code:
                    code, loc = everywhere[ind.name]
                    yield Hit(f"指標「{name}」は施策{code}にもあります（{loc}）。写し間違いでないか、"
                              "同じ指標を二つの施策で使ってよいか確かめてください。",
                              ind.place_of("name"), unit, key=name)
                here.setdefault(ind.name, ind.place_of("name"))
                everywhere.setdefault(ind.name, (p.code, ind.place_of("name")))
            if period is not None:
                yield from _years(ind, name, unit, period, options)
            b, t = ind.baseline, ind.target
            if b and t and b.value is not None and t.value is not None and ind.direction:
                want = "up" if t.value > b.value else "down" if t.value < b.value else "keep"
                if want != ind.direction:
                    yield Hit(f"指標「{name}」は {grouped(b.value)} → {grouped(t.value)} なので{WORDS[want]}ですが、"
                              f"direction は{WORDS[ind.direction]}です。どちらかを直してください。",
                              ind.loc_of("direction"), unit, key=name)
