"""Actual values of the yearly progress files (progress/YYYY.yaml) that look
mistyped: far outside the span from the 現状値 to the 目標値 (a digit too many,
a value in another unit), a percentage below 0 or above 100, and a cumulative
(累計) indicator lower than the year before. Only a warning: a real value can
be surprising; check it against the department's figures.

"Far outside": further beyond the baseline–target span than `margin_percent`
% of the larger of the span and the larger of the two values.

合格例 (pass)::

    # progress/2027.yaml
    policies:
      111:
        indicators:
          総合相談窓口の相談件数: 1960

不合格例 (fail)::

    # progress/2027.yaml
    policies:
      111:
        indicators:
          総合相談窓口の相談件数: 19600   # 現状値 1,840 → 目標値 2,400 から大きく外れている
"""
from __future__ import annotations

from decimal import Decimal

from ..load.schema import Int
from ..numbers import grouped
from . import Hit

ID = "progress-range"
TITLE = "進捗の実績値が現状値〜目標値から大きく外れている・累計が減った"
SEVERITY = "warning"
FINAL = False
OPTIONS = {"margin_percent": Int(1, 10000)}
DEFAULTS = {"margin_percent": 100}


def _far(ind, value, margin_percent: int) -> str | None:
    b = ind.baseline.value if ind.baseline else None
    t = ind.target.value if ind.target else None
    if b is None or t is None:
        return None
    lo, hi = Decimal(str(min(b, t))), Decimal(str(max(b, t)))
    size = max(hi - lo, max(abs(lo), abs(hi)))
    if size == 0:                       # 0 → 0: no scale to judge by
        return None
    margin = size * margin_percent / 100
    v = Decimal(str(value))
    if lo - margin <= v <= hi + margin:
        return None
    return (f"現状値 {grouped(b)} → 目標値 {grouped(t)} から大きく外れています。桁や単位を"
            "確かめてください。")


def check(plan, options):
    previous: dict[tuple[str, str], tuple[int, object]] = {}
    for year, data in plan.progress.items():
        for pp in data.policies:
            policy = next((p for p in plan.policies if p.code == pp.code), None)
            for actual in pp.actuals:
                ind = next((i for i in (policy.indicators or ()) if i.name == actual.indicator), None)
                if ind is None or actual.value is None:
                    continue
                shown = f"{year} 年度の指標「{actual.indicator}」の実績値 {grouped(actual.value)}"
                unit = f"施策{pp.code}"
                why = _far(ind, actual.value, options["margin_percent"])
                if why:
                    yield Hit(f"{shown} は、{why}", actual.loc, unit, key=actual.indicator)
                elif (ind.unit or "").strip() in ("%", "％") and not 0 <= actual.value <= 100:
                    yield Hit(f"{shown} は、割合（%）なのに 0〜100 の外です。", actual.loc, unit,
                              key=actual.indicator)
                before = previous.get((pp.code, actual.indicator))
                if ind.cumulative and before and actual.value < before[1]:
                    yield Hit(f"{shown} は累計の指標なのに、{before[0]} 年度の {grouped(before[1])} "
                              "より少なくなっています。", actual.loc, unit, key=actual.indicator)
                previous[(pp.code, actual.indicator)] = (year, actual.value)
