"""The typed, immutable plan model.

Every node keeps where it came from (`loc`) and, per field, the line of the
key and, for text values, the line and column of each character (`locs`). Empty values ("not written yet") are None; renderers show a
placeholder for them and checks report them.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .template import fill


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in the source: path relative to the source folder, 1-based
    line and, inside a text, 1-based column (characters from the start of the
    line, indentation included; 0 when the place is a whole line)."""
    file: str
    line: int
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")


# Where the characters of a string came from: runs (offset, line, column),
# each character of a run one column after the one before it.
Places = tuple[tuple[int, int, int], ...]


def place_in(places: Places, offset: int, fallback: Loc) -> Loc:
    """The source place of character `offset` of a string with `places`."""
    if not places:
        return fallback
    offset = max(offset, 0)
    k = max(bisect_right(places, (offset, 1 << 62, 0)) - 1, 0)
    start, line, col = places[k]
    return Loc(fallback.file, line, col + max(offset - start, 0))


class FieldLocs(Mapping):
    """Per field of a node: the line of its key; and, for a text value, the
    places of its characters (`places[name]`)."""

    def __init__(self, locs: Mapping[str, Loc], places: Mapping[str, Places] | None = None):
        self._locs = dict(locs)
        self.places = MappingProxyType(dict(places or {}))

    def __getitem__(self, key: str) -> Loc:
        return self._locs[key]

    def __iter__(self):
        return iter(self._locs)

    def __len__(self) -> int:
        return len(self._locs)


EMPTY_LOCS: Mapping[str, Loc] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Node:
    loc: Loc
    locs: Mapping[str, Loc] = field(default_factory=lambda: EMPTY_LOCS, repr=False, compare=False)

    def loc_of(self, name: str) -> Loc:
        """The line of field `name`, or of the node when the field is absent."""
        return self.locs.get(name, self.loc)

    def places_of(self, name: str) -> Places:
        return getattr(self.locs, "places", {}).get(name, ())

    def place_of(self, name: str, offset: int = 0) -> Loc:
        """The line and column of character `offset` of the text of field
        `name`; the line of the field when its characters are not known."""
        return place_in(self.places_of(name), offset, self.loc_of(name))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a text field, with inline markup still in `text`.

    `id` is stable and derived from the paragraph's place, e.g.
    `411/directions/2/1`. `loc` is the place of its first character and
    `places` the place of every character of `text` (see `place`), so checks
    can name the line and column of a character whatever the YAML style.
    """
    id: str
    text: str
    loc: Loc
    places: Places = field(default=(), compare=False, repr=False)

    def place(self, offset: int) -> Loc:
        """The line and column in the source of character `offset` of `text`."""
        return place_in(self.places, offset, self.loc)

Text = tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Note(Node):
    key: str = ""
    text: Paragraph | None = None


@dataclass(frozen=True, slots=True)
class Period(Node):
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class PrintSettings(Node):
    """`print:` in plan.yaml: what the print vendor asked for."""
    binding: str = "saddle"               # saddle (中綴じ) | perfect (無線綴じ)
    page_multiple: int = 4
    paper_thickness_mm: float = 0.1       # body paper, per sheet (2 pages)
    cover_thickness_mm: float = 0.2
    glue_mm: float = 0.0
    bleed_mm: float = 3.0
    pdf_x: str = "4"                      # 4 | 1a
    icc_profile: str | None = None        # inside source/: the vendor's profile of `condition`
    condition: str = "japan-color-2011-coated"   # the printing condition the files target
    min_spine_mm: float = 3.0             # thinnest spine the vendor binds perfect-bound
    saddle_max_pages: int = 64            # practical page limit of saddle stitch (warning)
    spine_text_min_mm: float = 5.0        # narrower spines carry no text
    min_dpi: int = 300                    # least effective resolution of an image
    max_ink_percent: int = 350            # total area coverage of the converted images
    min_tint_percent: int = 3             # no plate of a colour between 0 and this (% dot)
    knockout_min_bold_pt: float = 10.0    # white text on a colour of 2+ plates: bold from
    knockout_min_regular_pt: float = 12.0  # …and regular from these sizes
    vendor: str | None = None             # printed in the vendor README


@dataclass(frozen=True, slots=True)
class LayoutSettings(Node):
    """`layout:` in plan.yaml: choices of the booklet's design."""
    policy_pages: int = 2                 # 2: each 施策 a two-page spread; 1: one page


@dataclass(frozen=True, slots=True)
class ProofSettings(Node):
    """`proof:` in plan.yaml: what the covers of the proof packets say."""
    contact: str | None = None            # where comments go: 企画課 企画係（内線 1234）
    return_days: int | None = None        # the return deadline: the proof's date + days


@dataclass(frozen=True, slots=True)
class Grade(Node):
    """One grade of `progress.grades` in plan.yaml, tried in order: the first
    whose threshold the indicator reaches is given (planbook.grading). At most
    one threshold; none: every indicator that reaches no grade before it."""
    grade: str = ""
    rate: float | None = None             # 達成率 (%) at least this
    change: float | None = None           # change from the baseline, % of it, in the good direction
    points: float | None = None           # change from the baseline in the unit, in the good direction
    meaning: str | None = None            # what the grade means, printed in the report's legend


@dataclass(frozen=True, slots=True)
class Grading(Node):
    """`progress:` in plan.yaml: how the yearly progress report grades."""
    grades: tuple[Grade, ...] = ()
    unknown: str = "未把握"                # the grade of an indicator without an actual value
    ungradable: str = "－"                 # …whose baseline or target is not written


@dataclass(frozen=True, slots=True)
class PlanInfo(Node):
    municipality: str | None = None
    title: str | None = None
    subtitle: str | None = None
    period: Period | None = None
    baseline_year: int | None = None
    vision_suffix: str | None = None
    policy_label: str = "施策 {code}"
    output_name: str = "booklet"
    code_prefix_rule: bool = True
    print: PrintSettings | None = None
    layout: LayoutSettings | None = None
    departments: tuple[str, ...] = ()     # the city's departments in its own order
    proof: ProofSettings | None = None
    progress: Grading | None = None


@dataclass(frozen=True, slots=True)
class Philosophy(Node):
    lead: Text | None = None
    motto: Paragraph | None = None
    body: Text | None = None
    artwork: str | None = None


@dataclass(frozen=True, slots=True)
class Goal(Node):
    code: str = ""
    title: Paragraph | None = None
    body: Text | None = None
    notes: tuple[Note, ...] = ()
    vision: int = 0


@dataclass(frozen=True, slots=True)
class Vision(Node):
    number: int = 0
    title: Paragraph | None = None
    summary: Text | None = None
    artwork: str | None = None
    goals: tuple[Goal, ...] = ()


@dataclass(frozen=True, slots=True)
class Concept(Node):
    philosophy: Philosophy | None = None
    visions_intro: Text | None = None
    visions: tuple[Vision, ...] = ()


@dataclass(frozen=True, slots=True)
class Direction(Node):
    title: Paragraph | None = None
    body: Text | None = None


@dataclass(frozen=True, slots=True)
class Measure(Node):
    """An indicator value in a year. `value` keeps the number as written."""
    value: float | int | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Indicator(Node):
    id: str = ""
    name: str | None = None
    unit: str | None = None
    baseline: Measure | None = None
    target: Measure | None = None
    direction: str | None = None          # up | down | keep
    note: Paragraph | None = None
    cumulative: bool = False


@dataclass(frozen=True, slots=True)
class Collaboration(Node):
    summary: Paragraph | None = None
    citizens: Text | None = None
    government: Text | None = None


@dataclass(frozen=True, slots=True)
class Policy(Node):
    code: str = ""
    goal: str = ""
    title: Paragraph | None = None
    departments: tuple[str, ...] = ()
    future: Text | None = None
    directions: tuple[Direction, ...] | None = None
    indicators: tuple[Indicator, ...] | None = None
    collaboration: Collaboration | None = None
    notes: tuple[Note, ...] = ()
    has_page: bool = False                # any page content given at all


@dataclass(frozen=True, slots=True)
class Artwork(Node):
    id: str = ""
    image: str | None = None              # as written, relative to source/
    image_path: Path | None = None        # resolved, inside source/
    alt: Paragraph | None = None          # what the picture shows (read aloud, shown without images)
    decorative: bool = False              # an image that needs no alt
    school: str | None = None
    grade: int | None = None
    name: str | None = None
    reading: str | None = None
    consent: bool | None = None


# -- progress/YYYY.yaml (進行管理) ----------------------------------------------

@dataclass(frozen=True, slots=True)
class Actual(Node):
    """The actual value of one indicator in one fiscal year, as written."""
    indicator: str = ""                   # the indicator's name in its policy file
    value: float | int | None = None      # None: not known (a note says why)
    note: str | None = None               # 「調査未実施」


@dataclass(frozen=True, slots=True)
class PolicyProgress(Node):
    """One 施策 in a year's progress file."""
    code: str = ""
    actuals: tuple[Actual, ...] = ()
    comment: Text | None = None           # the department's comment


@dataclass(frozen=True, slots=True)
class ProgressYear(Node):
    """progress/<year>.yaml: the actual values of one fiscal year."""
    year: int = 0
    policies: tuple[PolicyProgress, ...] = ()

    def policy(self, code: str) -> PolicyProgress | None:
        return next((p for p in self.policies if p.code == code), None)

    def actual(self, code: str, name: str | None) -> Actual | None:
        p = self.policy(code)
        return next((a for a in p.actuals if a.indicator == name), None) if p else None


# -- style.yaml -------------------------------------------------------------

STYLE_FILE = "style.yaml"
NOWHERE = Loc(STYLE_FILE, 0)          # a setting not written in style.yaml
EMPTY_OPTIONS: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class CheckConf(Node):
    """`checks.<id>` of style.yaml, completed with the check's defaults:
    `options` holds every option the check declares, already typed."""
    id: str = ""
    severity: str = "warning"             # error | warning | info | off
    options: Mapping[str, Any] = field(default_factory=lambda: EMPTY_OPTIONS)


@dataclass(frozen=True, slots=True)
class DictPattern(Node):
    """One pattern of a dictionary rule: as written, and compiled (a `regex` pattern)."""
    source: str = ""
    rx: Any = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class DictSpec(Node):
    """`specs: [{from: 子供会, to: 子ども会}]`: a test of the rule, run at load."""
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class DictRule(Node):
    """One entry of style.yaml's `dictionary` (prh-like)."""
    expected: str = ""
    patterns: tuple[DictPattern, ...] = ()
    note: str | None = None
    specs: tuple[DictSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class Ignore(Node):
    """One entry of style.yaml's `ignore`: the findings of `check` that match
    every given field are dropped."""
    check: str = ""
    reason: str = ""
    file: str | None = None
    line: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class DiffConf(Node):
    """`diff:` of style.yaml: the 新旧対照表's defaults."""
    order: str = "old-new"                # old-new | new-old
    unchanged: str = "omit"               # omit | ryaku


@dataclass(frozen=True, slots=True)
class Style(Node):
    """style.yaml, validated at load. `checks` has an entry for every check."""
    checks: Mapping[str, CheckConf] = field(default_factory=lambda: MappingProxyType({}))
    dictionary: tuple[DictRule, ...] = ()
    ignore: tuple[Ignore, ...] = ()
    diff: DiffConf = field(default_factory=lambda: DiffConf(loc=NOWHERE))


def no_style() -> Style:
    """The settings of a plan without style.yaml (the checks' own defaults)."""
    return Style(loc=NOWHERE)


@dataclass(frozen=True, slots=True)
class Plan:
    source_dir: Path
    info: PlanInfo
    concept: Concept
    policies: tuple[Policy, ...]
    artwork: tuple[Artwork, ...]
    style: Style = field(default_factory=no_style, repr=False)
    progress: Mapping[int, ProgressYear] = field(default_factory=lambda: MappingProxyType({}),
                                                 repr=False)   # fiscal year -> its actual values
    # what the source holds that nothing reads (relative paths; a folder or a
    # link to one ends with "/"), for the source-unread check
    unread: tuple[str, ...] = ()

    # -- navigation helpers (pure, derived) --
    def goals(self) -> tuple[Goal, ...]:
        return tuple(g for v in self.concept.visions for g in v.goals)

    def goal(self, code: str) -> Goal | None:
        return next((g for g in self.goals() if g.code == code), None)

    def vision_of_goal(self, code: str) -> Vision | None:
        return next((v for v in self.concept.visions
                     if any(g.code == code for g in v.goals)), None)

    def policies_of(self, goal_code: str) -> tuple[Policy, ...]:
        return tuple(p for p in self.policies if p.goal == goal_code)

    def artwork_slot(self, slot: str | None) -> Artwork | None:
        if slot is None:
            return None
        return next((a for a in self.artwork if a.id == slot), None)

    def policy_label(self, policy: Policy) -> str:
        vision = self.vision_of_goal(policy.goal)
        return fill(self.info.policy_label,
                    {"vision": vision.number if vision else "", "goal": policy.goal,
                     "code": policy.code})
