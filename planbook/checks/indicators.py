"""Indicators (目標指標): years inside sensible bounds (the baseline no later
than the plan's start, the target inside the period), the direction agreeing
with baseline → target, and the same indicator not listed twice in a 施策.
Values that are not numbers are refused by the loader already.

合格例 (pass)::

    baseline: {value: 820, year: 2025}
    target: {value: 700, year: 2036}
    direction: down

不合格例 (fail)::

    baseline: {value: 820, year: 2025}
    target: {value: 900, year: 2040}     # 期間の外、しかも down なのに増えている
    direction: down
"""
from __future__ import annotations

from . import Hit

ID = "indicators"
TITLE = "目標指標の年度・方向・重複"
SEVERITY = "warning"
FINAL = False
DEFAULTS = {"baseline_years_before_start": 10}

WORDS = {"up": "増加（up）", "down": "減少（down）", "keep": "維持（keep）"}


def check(plan, options):
    period = plan.info.period
    for p in plan.policies:
        unit = f"施策{p.code}"
        seen = {}
        for ind in p.indicators or ():
            name = ind.name or "（名前なし）"
            if ind.name:
                if ind.name in seen:
                    yield Hit(f"施策{p.code} に指標「{name}」が二度あります（{seen[ind.name]}行目にも）。",
                              ind.loc, unit, key=name)
                seen.setdefault(ind.name, ind.loc.line)
            b, t = ind.baseline, ind.target
            if period is not None:
                if b and b.year and b.year > period.start:
                    yield Hit(f"指標「{name}」の現状値の年度 {b.year} が計画の始まり {period.start} より後です。",
                              b.loc, unit, key=name)
                elif b and b.year and b.year < period.start - options["baseline_years_before_start"]:
                    yield Hit(f"指標「{name}」の現状値の年度 {b.year} は計画の始まりより "
                              f"{period.start - b.year} 年も前です。年度を確かめてください。", b.loc, unit,
                              key=name)
                if t and t.year and not period.start <= t.year <= period.end:
                    yield Hit(f"指標「{name}」の目標値の年度 {t.year} が計画期間 {period.start}〜{period.end} "
                              "の外です。", t.loc, unit, key=name)
            if b and t and b.value is not None and t.value is not None and ind.direction:
                want = "up" if t.value > b.value else "down" if t.value < b.value else "keep"
                if want != ind.direction:
                    yield Hit(f"指標「{name}」は {b.value} → {t.value} なので{WORDS[want]}ですが、"
                              f"direction は {WORDS[ind.direction]} です。どちらかを直してください。",
                              ind.loc_of("direction"), unit, key=name)
