"""The 進捗報告書 (yearly progress report) as a view: every word, figure and
chart point the PDF, the workbook and the CSV show, decided once from the
plan, its progress files and its grading (planbook.grading)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import grading
from ..markup import plain_text
from ..model import Indicator, Plan, Policy
from ..numbers import grouped
from .labels import goal_label, vision_label
from .values import DIRECTION_WORDS, fiscal_year, wareki

NOT_REPORTED = "－"               # a year whose progress file does not exist
RATE_NONE = "－"
CUMULATIVE = "累計"


@dataclass(frozen=True)
class YearValue:
    """One indicator's actual value in one year."""
    year: int
    value: float | int | None         # the number as written; None: not known
    shown: str                        # as printed: 1,960 / 未把握 / －
    note: str = ""
    rate: Decimal | None = None
    rate_shown: str = RATE_NONE
    grade: str = ""


@dataclass(frozen=True)
class Point:
    """A chart point: x and y from 0 to 1 (left/bottom to right/top)."""
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    title: str                        # the text alternative (<title>)
    baseline: Point
    target: Point
    actuals: tuple[Point, ...]
    y_low: Point                      # the lowest and highest value, marked on the axis
    y_high: Point
    x_first: str                      # the years at the two ends of the axis
    x_last: str


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str
    direction: str                    # 増加 / 減少 / 維持
    cumulative: bool
    baseline: float | int | None
    baseline_shown: str
    baseline_year: int | None
    baseline_year_shown: str
    target: float | int | None
    target_shown: str
    target_year: int | None
    target_year_shown: str
    years: tuple[YearValue, ...]      # the plan's years up to the report's
    current: YearValue                # the report's year
    chart: Chart | None


@dataclass(frozen=True)
class PolicyPage:
    label: str                        # 施策111
    code: str
    title: str
    vision: str                       # 将来像1　誰もが健やかに暮らせる
    goal: str                         # 基本目標11　…
    colour: int                       # the 将来像's place in the palette (0-based)
    departments: str
    rows: tuple[IndicatorRow, ...]
    comment: tuple[str, ...]          # the department's comment, paragraphs


@dataclass(frozen=True)
class SummaryRow:
    label: str
    heading: bool                     # a 将来像 (its 基本目標 follow)
    counts: tuple[int, ...]           # per grade column
    total: int


@dataclass(frozen=True)
class Legend:
    grade: str
    rule: str
    meaning: str


@dataclass(frozen=True)
class ProgressReport:
    title: str                        # 第2次みなと野市総合計画 進捗報告書
    plan_title: str
    municipality: str
    year: int
    year_shown: str                   # 令和9年度（2027年度）
    years: tuple[int, ...]
    year_labels: tuple[str, ...]      # 令和9 … for the table's columns
    grade_columns: tuple[str, ...]
    summary: tuple[SummaryRow, ...]
    total: SummaryRow
    legend: tuple[Legend, ...]
    definition: str
    pages: tuple[PolicyPage, ...]
    headings: dict


HEADINGS = {
    "report": "進捗報告書", "summary": "評価の概要", "legend": "評語", "by_vision": "将来像・基本目標",
    "total": "合計", "count": "指標数", "indicator": "目標指標", "baseline": "現状値",
    "target": "目標値", "rate": "達成率", "grade": "評語", "comment": "担当課のコメント",
    "no_comment": "（コメントなし）", "departments": "担当課", "unit": "単位", "trend": "推移", "actuals": "実績値（年度）",
    "chart_baseline": "現状値", "chart_target": "目標値", "chart_actual": "実績値",
    "definition_title": "達成率の求め方",
}


def _rate_shown(rate: Decimal | None) -> str:
    return RATE_NONE if rate is None else f"{rate}%"


def _short_year(year: int) -> str:
    """2027 -> 令和9 (the table's column heads, under 「実績値（年度）」)."""
    return wareki(year).removesuffix("年")


def _chart(ind: Indicator, name: str, years: tuple[YearValue, ...]) -> Chart | None:
    b = ind.baseline.value if ind.baseline else None
    t = ind.target.value if ind.target else None
    by = ind.baseline.year if ind.baseline else None
    ty = ind.target.year if ind.target else None
    if b is None or t is None or by is None or ty is None or ty <= by:
        return None
    known = [y for y in years if y.value is not None]
    values = [b, t, *(y.value for y in known)]
    data_low, data_high = min(values), max(values)
    low, high = data_low, data_high
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low = 0 if 0 <= data_low <= data_high / 2 else low - pad
    high = high + pad
    first = min([by, *(y.year for y in known)])
    last = max([ty, *(y.year for y in known)])

    def point(year, value, label):
        return Point(round((year - first) / (last - first), 4),
                     round((value - low) / (high - low), 4), label)

    actuals = tuple(point(y.year, y.value, y.shown) for y in known)
    unit = ind.unit or ""
    said = "、".join(f"{fiscal_year(y.year, False)} {y.shown}{unit}" for y in known) or "実績値なし"
    title = (f"{name}の推移: 現状値 {fiscal_year(by, False)} {grouped(b)}{unit}、{said}、"
             f"目標値 {fiscal_year(ty, False)} {grouped(t)}{unit}")
    return Chart(title, point(by, b, "現状値"), point(ty, t, "目標値"), actuals,
                 point(first, data_low, grouped(data_low)), point(first, data_high, grouped(data_high)),
                 fiscal_year(first, False), fiscal_year(last, False))


def _row(plan: Plan, policy: Policy, ind: Indicator, years: tuple[int, ...], rules) -> IndicatorRow:
    name = ind.name or ""
    out = []
    for y in years:
        data = plan.progress.get(y)
        actual = data.actual(policy.code, ind.name) if data else None
        value = actual.value if actual else None
        result = grading.evaluate(ind, value, rules)
        if data is None:
            shown = NOT_REPORTED
        elif value is None:
            shown = rules.unknown
        else:
            shown = grouped(value)
        out.append(YearValue(y, value, shown, (actual.note or "") if actual else "",
                             result.rate, _rate_shown(result.rate),
                             result.grade if data is not None else NOT_REPORTED))
    b, t = ind.baseline, ind.target
    values = tuple(out)
    return IndicatorRow(
        name=name, unit=ind.unit or "", direction=DIRECTION_WORDS.get(grading.direction(ind), ""),
        cumulative=ind.cumulative,
        baseline=b.value if b else None, baseline_shown=grouped(b.value) if b and b.value is not None
        else RATE_NONE, baseline_year=b.year if b else None,
        baseline_year_shown=fiscal_year(b.year, False) if b and b.year else RATE_NONE,
        target=t.value if t else None, target_shown=grouped(t.value) if t and t.value is not None
        else RATE_NONE, target_year=t.year if t else None,
        target_year_shown=fiscal_year(t.year, False) if t and t.year else RATE_NONE,
        years=values, current=values[-1], chart=_chart(ind, name, values))


def _legend(rules) -> tuple[Legend, ...]:
    out = []
    for g in rules.grades:
        if g.rate is not None:
            rule = f"達成率 {grouped(g.rate)}% 以上"
        elif g.change is not None:
            rule = f"現状値からの変化 {'+' if g.change > 0 else ''}{grouped(g.change)}% 以上"
        elif g.points is not None:
            rule = f"現状値からの差 {'+' if g.points > 0 else ''}{grouped(g.points)} ポイント以上"
        else:
            rule = "上のどれにも当たらないもの"
        out.append(Legend(g.grade, rule, g.meaning or ""))
    out.append(Legend(rules.unknown, "実績値がない（調査していない・まだ分からない）", ""))
    out.append(Legend(rules.ungradable, "現状値か目標値が書かれていないため評価できない", ""))
    return tuple(out)


DEFINITION = ("達成率 ＝（実績値 − 現状値）÷（目標値 − 現状値）× 100。減少を目指す指標もこの式で"
              "求めます。目標値が現状値と同じ指標と、現状値ですでに目標に届いている指標は、実績値が"
              "目標に届いていれば 100%、届いていなければ 0% とします。小数第 2 位を四捨五入します。")


def _title(goal) -> str:
    return plain_text(goal.title.text) if goal.title else ""


def _count_row(label: str, heading: bool, results: list[str], columns: tuple[str, ...]) -> SummaryRow:
    counts = tuple(results.count(c) for c in columns)
    return SummaryRow(label, heading, counts, len(results))


def report(plan: Plan, year: int) -> ProgressReport:
    """The report of fiscal `year` (a year of plan.progress)."""
    rules = plan.info.progress or grading.DEFAULT
    period = plan.info.period
    start = period.start if period else min(plan.progress)
    years = tuple(y for y in range(start, year + 1))
    columns = tuple(dict.fromkeys([*(g.grade for g in rules.grades), rules.unknown,
                                   rules.ungradable]))
    pages, summary, every = [], [], []
    for n, vision in enumerate(plan.concept.visions):
        in_vision: list[str] = []
        goal_rows = []
        vtitle = plain_text(vision.title.text) if vision.title else ""
        for goal in vision.goals:
            in_goal: list[str] = []
            for policy in plan.policies_of(goal.code):
                if not policy.indicators:
                    continue
                rows = tuple(_row(plan, policy, ind, years, rules) for ind in policy.indicators)
                in_goal += [r.current.grade for r in rows]
                entry = plan.progress[year].policy(policy.code)
                comment = tuple(plain_text(p.text) for p in (entry.comment or ())) if entry else ()
                pages.append(PolicyPage(
                    label=plan.policy_label(policy), code=policy.code,
                    title=plain_text(policy.title.text) if policy.title else "",
                    vision=f"{vision_label(vision.number)}　{vtitle}",
                    goal=f"{goal_label(goal.code)}　{_title(goal)}",
                    colour=n, departments="、".join(policy.departments), rows=rows, comment=comment))
            goal_rows.append(_count_row(f"{goal_label(goal.code)}　{_title(goal)}",
                                        False, in_goal, columns))
            in_vision += in_goal
        summary.append(_count_row(f"{vision_label(vision.number)}　{vtitle}", True, in_vision, columns))
        summary += goal_rows
        every += in_vision
    title = f"{plan.info.title or ''} {HEADINGS['report']}".strip()
    return ProgressReport(
        title=title, plan_title=plan.info.title or "", municipality=plan.info.municipality or "",
        year=year, year_shown=fiscal_year(year), years=years,
        year_labels=tuple(_short_year(y) for y in years), grade_columns=columns,
        summary=tuple(summary), total=_count_row(HEADINGS["total"], True, every, columns),
        legend=_legend(rules), definition=DEFINITION, pages=tuple(pages), headings=HEADINGS)
