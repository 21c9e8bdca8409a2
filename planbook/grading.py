"""達成率 and grades of the yearly progress report (進行管理): pure functions
of an indicator, an actual value and the plan's grading (plan.yaml `progress:`).

Definitions (docs/progress.md says the same in Japanese):

- The direction is the indicator's `direction`; when it is not written, the
  one its values show (target above the baseline: up, below: down, equal: keep).
  `keep` counts as `up`: keeping a value means not falling below it.
- An actual value *meets* the target when it is at or beyond it in the
  direction (up/keep: actual ≥ target; down: actual ≤ target).
- 達成率 = (actual − baseline) / (target − baseline) × 100, when the target
  lies beyond the baseline in the direction. When it does not (the target
  equals the baseline, or the baseline already meets the target) there is
  nothing to divide by: 達成率 is 100 % while the actual meets the target and
  0 % when it does not.
- change (a band around the baseline) = (actual − baseline) / |baseline| × 100
  in the good direction (positive: better); not defined for a baseline of 0.
- points = actual − baseline in the good direction, in the indicator's unit.
- Each is computed in decimal from the numbers as written and rounded half
  up to one decimal place, the figure printed; grades compare that figure.
- The grades are tried in order; the first whose threshold the figure reaches
  is given; the last grade has no threshold and takes the rest. No actual
  value: the grading's `unknown` text (未把握). A figure a grade needs that
  cannot be computed (no baseline or target, a baseline of 0 for a change):
  the grading's `ungradable` text.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Grade, Grading, Indicator, Loc

NOWHERE = Loc("plan.yaml", 0)

# The grading of a plan whose plan.yaml has no `progress:`.
DEFAULT = Grading(loc=NOWHERE, grades=(
    Grade(loc=NOWHERE, grade="A", rate=100.0, meaning="目標を達成"),
    Grade(loc=NOWHERE, grade="B", rate=50.0, meaning="目標に向けて半分以上進んだ"),
    Grade(loc=NOWHERE, grade="C", rate=0.0, meaning="目標に届いていない（基準値から後退していない）"),
    Grade(loc=NOWHERE, grade="D", meaning="基準値より後退（達成率がマイナス）"),
))

GRADED, UNKNOWN, UNGRADABLE = "graded", "unknown", "ungradable"
TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Result:
    """An indicator's standing in one year."""
    state: str                    # graded | unknown (no actual) | ungradable
    grade: str                    # the letter or text printed
    rate: Decimal | None = None   # 達成率 (%), rounded to 0.1
    change: Decimal | None = None
    points: Decimal | None = None
    met: bool | None = None       # the actual meets the target


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def direction(ind: Indicator) -> str:
    """up | down | keep: as written, else as the values show (keep without values)."""
    if ind.direction:
        return ind.direction
    b = ind.baseline.value if ind.baseline else None
    t = ind.target.value if ind.target else None
    if b is None or t is None:
        return "keep"
    return "up" if t > b else "down" if t < b else "keep"


def _sign(direction_: str) -> int:
    return -1 if direction_ == "down" else 1


def _round(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def rate(baseline, target, actual, direction_: str) -> Decimal | None:
    """達成率 in %, rounded to 0.1 (the module's definition); None when a value is missing."""
    b, t, a = _dec(baseline), _dec(target), _dec(actual)
    if b is None or t is None or a is None:
        return None
    sign = _sign(direction_)
    if sign * (t - b) > 0:
        return _round((a - b) / (t - b) * 100)
    return Decimal(100).quantize(TENTH) if sign * (a - t) >= 0 else Decimal(0).quantize(TENTH)


def change(baseline, actual, direction_: str) -> Decimal | None:
    """The change from the baseline in % of it, positive when better; None for a baseline of 0."""
    b, a = _dec(baseline), _dec(actual)
    if b is None or a is None or b == 0:
        return None
    return _round(_sign(direction_) * (a - b) / abs(b) * 100)


def points(baseline, actual, direction_: str) -> Decimal | None:
    """The change from the baseline in the unit, positive when better."""
    b, a = _dec(baseline), _dec(actual)
    if b is None or a is None:
        return None
    return _sign(direction_) * (a - b)


def met(target, actual, direction_: str) -> bool | None:
    t, a = _dec(target), _dec(actual)
    if t is None or a is None:
        return None
    return _sign(direction_) * (a - t) >= 0


def _figure(grade: Grade, figures: dict) -> tuple[Decimal | None, Decimal | None]:
    """(the figure the grade looks at, its threshold); (None, None) for the last grade."""
    for name in ("rate", "change", "points"):
        threshold = getattr(grade, name)
        if threshold is not None:
            return figures[name], _dec(threshold)
    return None, None


def evaluate(ind: Indicator, actual, grading: Grading | None = None) -> Result:
    """The indicator's 達成率 and grade for an actual value (None: not known)."""
    grading = grading or DEFAULT
    d = direction(ind)
    b = ind.baseline.value if ind.baseline else None
    t = ind.target.value if ind.target else None
    figures = {"rate": rate(b, t, actual, d), "change": change(b, actual, d),
               "points": points(b, actual, d)}
    if actual is None:
        return Result(UNKNOWN, grading.unknown)
    common = dict(rate=figures["rate"], change=figures["change"], points=figures["points"],
                  met=met(t, actual, d))
    for grade in grading.grades:
        figure, threshold = _figure(grade, figures)
        if threshold is None:
            return Result(GRADED, grade.grade, **common)
        if figure is None:
            return Result(UNGRADABLE, grading.ungradable, **common)
        if figure >= threshold:
            return Result(GRADED, grade.grade, **common)
    return Result(UNGRADABLE, grading.ungradable, **common)
