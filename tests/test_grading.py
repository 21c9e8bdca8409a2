"""達成率 and grades (planbook.grading): one row per case of the definition."""
from decimal import Decimal

import pytest

from planbook import grading
from planbook.model import Grade, Grading, Indicator, Loc, Measure

AT = Loc("plan.yaml", 1)


def indicator(baseline, target, direction=None, cumulative=False):
    return Indicator(loc=AT, name="指標", unit="人", direction=direction, cumulative=cumulative,
                     baseline=Measure(loc=AT, value=baseline, year=2025),
                     target=Measure(loc=AT, value=target, year=2036))


SABC = Grading(loc=AT, grades=(Grade(loc=AT, grade="S", rate=100.0),
                               Grade(loc=AT, grade="A", rate=80.0),
                               Grade(loc=AT, grade="B", rate=50.0),
                               Grade(loc=AT, grade="C")), unknown="X")
# bands of ±10 % around the baseline
BANDS = Grading(loc=AT, grades=(Grade(loc=AT, grade="A", change=10.0),
                                Grade(loc=AT, grade="B", change=-10.0),
                                Grade(loc=AT, grade="C")))
# survey indicators: a band in points
POINTS = Grading(loc=AT, grades=(Grade(loc=AT, grade="a", points=3.0),
                                 Grade(loc=AT, grade="b", points=-3.0),
                                 Grade(loc=AT, grade="c")))

# (case, baseline, target, direction, cumulative, actual, grading, 達成率, grade)
CASES = [
    ("up, half way", 100, 200, "up", False, 150, SABC, "50.0", "B"),
    ("up, target met", 100, 200, "up", False, 200, SABC, "100.0", "S"),
    ("up, beyond the target", 100, 200, "up", False, 230, SABC, "130.0", "S"),
    ("up, fell below the baseline", 100, 200, "up", False, 90, SABC, "-10.0", "C"),
    ("up, 79.96 % rounds to 80.0 % and reaches A", 0, 2500, "up", False, 1999, SABC, "80.0", "A"),
    ("up, 79.94 % stays under A", 0, 5000, "up", False, 3997, SABC, "79.9", "B"),
    ("down, half way", 12, 0, "down", False, 6, SABC, "50.0", "B"),
    ("down, target met", 820, 700, "down", False, 700, SABC, "100.0", "S"),
    ("down, went up", 820, 700, "down", False, 850, SABC, "-25.0", "C"),
    ("decimals as written (no float error)", 24.8, 30, "up", False, 26.36, SABC, "30.0", "C"),
    ("cumulative, counted like up", 5600, 9000, "up", True, 6700, SABC, "32.4", "C"),
    ("baseline equals target (keep), kept", 42.5, 42.5, "keep", False, 42.5, SABC, "100.0", "S"),
    ("baseline equals target (keep), above", 42.5, 42.5, "keep", False, 43, SABC, "100.0", "S"),
    ("baseline equals target (keep), fell", 42.5, 42.5, "keep", False, 42.1, SABC, "0.0", "C"),
    ("baseline equals target, down, kept at 0", 0, 0, "down", False, 0, SABC, "100.0", "S"),
    ("baseline equals target, down, rose", 0, 0, "down", False, 2, SABC, "0.0", "C"),
    ("target already met at baseline (up), still met", 95, 90, "up", False, 92, SABC, "100.0", "S"),
    ("target already met at baseline (up), now missed", 95, 90, "up", False, 88, SABC, "0.0", "C"),
    ("target already met at baseline (down), still met", 3, 5, "down", False, 4, SABC, "100.0", "S"),
    ("no direction written: taken from the values", 12, 0, None, False, 3, SABC, "75.0", "B"),
    ("band: +10 % or more", 200, 300, "up", False, 220, BANDS, "20.0", "A"),
    ("band: within ±10 %", 200, 300, "up", False, 181, BANDS, "-19.0", "B"),
    ("band: down, 10 % fewer is better", 820, 700, "down", False, 738, BANDS, "68.3", "A"),
    ("band: worse by more than 10 %", 200, 300, "up", False, 179, BANDS, "-21.0", "C"),
    ("points: survey +3.0 points", 78.7, 85, "up", False, 81.7, POINTS, "47.6", "a"),
    ("points: survey −2.9 points", 78.7, 85, "up", False, 75.8, POINTS, "-46.0", "b"),
    ("points: survey −3.1 points", 78.7, 85, "up", False, 75.6, POINTS, "-49.2", "c"),
]


@pytest.mark.parametrize("case,b,t,d,cum,actual,rules,rate,grade", CASES, ids=[c[0] for c in CASES])
def test_rate_and_grade(case, b, t, d, cum, actual, rules, rate, grade):
    result = grading.evaluate(indicator(b, t, d, cum), actual, rules)
    assert result.rate == Decimal(rate)
    assert (result.state, result.grade) == ("graded", grade)


def test_no_actual_value_is_unknown():
    result = grading.evaluate(indicator(100, 200, "up"), None, SABC)
    assert (result.state, result.grade, result.rate) == ("unknown", "X", None)


def test_no_baseline_is_ungradable():
    result = grading.evaluate(indicator(None, 200, "up"), 150, SABC)
    assert (result.state, result.grade, result.rate) == ("ungradable", "－", None)


def test_band_around_a_zero_baseline_is_ungradable():
    result = grading.evaluate(indicator(0, 10, "up"), 5, BANDS)
    assert result.rate == Decimal("50.0")
    assert (result.state, result.grade, result.change) == ("ungradable", "－", None)


def test_default_grading_without_progress_in_plan_yaml():
    assert grading.evaluate(indicator(100, 200, "up"), 200).grade == "A"
    assert grading.evaluate(indicator(100, 200, "up"), 160).grade == "B"
    assert grading.evaluate(indicator(100, 200, "up"), 100).grade == "C"
    assert grading.evaluate(indicator(100, 200, "up"), 99).grade == "D"
