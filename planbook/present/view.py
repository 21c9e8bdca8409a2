"""The booklet as renderers see it: every label, placeholder, heading text,
table row and slot size decided. Renderers (HTML/PDF, DOCX, later the web
edition) only draw these objects; none of them looks at the model."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union


# -- inline content ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Run:
    """Plain text; `changed` marks it in a proof."""
    text: str
    changed: bool = False


@dataclass(frozen=True, slots=True)
class NoteMark:
    """A ※ marker pointing at a note of the same unit."""
    label: str


@dataclass(frozen=True, slots=True)
class RubyText:
    base: str
    reading: str
    changed: bool = False


@dataclass(frozen=True, slots=True)
class Blank:
    """An empty value inside a line (未入力)."""
    text: str


@dataclass(frozen=True, slots=True)
class Struck:
    """Text a proof shows struck through where it was deleted (or replaced):
    in the line when short, in the margin (`margin`) when long."""
    text: str
    margin: bool = False


Inline = Union[Run, NoteMark, RubyText, Blank, Struck]


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph or one line of text. `placeholder` marks a block that
    stands for a missing text (drawn as a dashed box)."""
    id: str
    inlines: tuple[Inline, ...]
    changed: bool = False
    placeholder: bool = False
    note: str = ""            # a proof's word in the margin: 分割, 第2段落から移動, （削除）
    removed: bool = False     # a proof shows it struck through: it is gone

    @property
    def plain(self) -> str:
        """As a reader sees it, without ※ markers or readings (bookmarks,
        running heads), nor the text a proof shows deleted."""
        return "".join(i.text if isinstance(i, (Run, Blank)) else i.base
                       for i in self.inlines if not isinstance(i, (NoteMark, Struck)))

    def bare(self) -> "Para":
        """Without ※ markers: a title repeated away from its notes."""
        return Para(self.id, tuple(i for i in self.inlines if not isinstance(i, NoteMark)),
                    self.changed, self.placeholder, self.note, self.removed)


Text = tuple[Para, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading: `label` (施策 4-411, 基本目標41, 将来像4) and the
    title; `plain` is both as one line of plain text."""
    anchor: str
    label: str
    title: Para
    plain: str
    code: str = ""           # the bare number (41, 411) for tables


@dataclass(frozen=True, slots=True)
class NoteLine:
    label: str               # ※, ※1 …
    text: Para
    name: str = ""           # an indicator's name when a note belongs to one of several


# -- artwork -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Credit:
    """清瀬小学校 5年 永井 想真 さん; `name` empty when it must not be printed."""
    school: str
    grade: str
    name: str
    reading: str
    honorific: str
    consent_note: str
    parts: tuple[tuple[str, str], ...] = ()   # (name part, its reading): 永井/ながい, 想真/そうま


@dataclass(frozen=True, slots=True)
class Slot:
    """An artwork slot at its printed size: the image, or a grey box reading
    `missing`; the credit when artwork.yaml has the slot."""
    id: str | None
    kind: str                # philosophy | vision (layouts/booklet/slots.yaml)
    width_mm: float
    height_mm: float
    image: Path | None
    missing: str
    credit: Credit | None
    was: str = ""            # a proof: the old credit (and image) of a changed slot
    alt: str = ""            # what the picture shows (artwork.yaml alt:, plain text)
    decorative: bool = False  # an image that needs no alt (alt="")


# -- chapters ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cover:
    title: str
    subtitle: str
    period: str
    period_word: str          # 計画期間 (printed before the period)
    municipality: str
    old: tuple[tuple[str, str], ...] = ()     # a proof: (field, old text) of what changed

    def was(self, name: str) -> str | None:
        return dict(self.old).get(name)


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int               # 1 chapter, 2 将来像, 3 基本目標, 4 施策
    anchor: str
    label: str
    title: Para | None
    accent: int | None = None


@dataclass(frozen=True, slots=True)
class Philosophy:
    anchor: str
    heading: str
    lead: Text
    motto: Para | None        # None with `art`: the whole chapter is missing
    body: Text
    art: Slot | None


@dataclass(frozen=True, slots=True)
class VisionSummary:
    heading: Heading
    number: int
    accent: int
    summary: Text


@dataclass(frozen=True, slots=True)
class Visions:
    anchor: str
    heading: str
    intro: Text
    items: tuple[VisionSummary, ...]
    suffix: str


@dataclass(frozen=True, slots=True)
class GoalBlock:
    heading: Heading
    body: Text
    notes: tuple[NoteLine, ...]


@dataclass(frozen=True, slots=True)
class GoalGroup:
    vision: Heading
    accent: int
    goals: tuple[GoalBlock, ...]


@dataclass(frozen=True, slots=True)
class Goals:
    anchor: str
    heading: str
    groups: tuple[GoalGroup, ...]


@dataclass(frozen=True, slots=True)
class SystemRow:
    """One row of the 計画の体系 table. A span > 0 starts a merged cell;
    `*_cont` marks a merged cell restarted after a page cut."""
    index: int
    vision: Heading | None
    accent: int | None
    goal: Heading | None
    policy: Heading | None
    page_anchor: str | None          # the 施策 page the page number points at
    vision_key: int = 0
    goal_key: tuple = ()
    vision_span: int = 0
    goal_span: int = 0
    vision_cont: bool = False
    goal_cont: bool = False
    cut: bool = False
    removed: bool = False            # a proof: a 施策 that is gone, struck through


@dataclass(frozen=True, slots=True)
class System:
    anchor: str
    heading: str
    columns: tuple[str, ...]
    rows: tuple[SystemRow, ...]
    no_page: str
    no_vision: str
    no_goal: str
    no_goals: str
    no_policies: str
    continued: str
    removed: str = ""                # a proof's word for a removed 施策: （削除）

    def groups(self) -> list[list[SystemRow]]:
        """The rows cut into one group per 将来像 (kept on one page when it fits)."""
        out: list[list[SystemRow]] = []
        for row in self.rows:
            if row.vision_span or not out:
                out.append([])
            out[-1].append(row)
        return out


@dataclass(frozen=True, slots=True)
class Value:
    """An indicator value and its year; None prints the placeholder. Drawn
    as `figure`: its pieces, so that the decimal points of a column line up
    (Indicators.aligned)."""
    value: str | None
    year: str | None
    figure: tuple["Piece", ...] = ()


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a figure: digits, a separator (a narrow 「,」 or 「.」), or
    padding that takes room but is not drawn (the decimals a number lacks to
    end where the column's decimal point is)."""
    text: str
    sep: bool = False         # 「,」 or 「.」
    hidden: bool = False      # padding


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    name: Para
    cumulative: str           # （累計） or ""
    unit: str | None
    baseline: Value
    target: Value
    arrow: str | None
    direction: str | None
    key: str = ""             # the indicator's id
    note: str = ""            # a proof: 新設, 旧2行目から移動, （削除）
    removed: bool = False
    old: tuple[tuple[str, str], ...] = ()     # a proof: (cell, old value) of changed cells

    def was(self, cell: str) -> str | None:
        """The old value of a changed cell (name, unit, baseline, baseline_year,
        target, target_year, direction, cumulative), or None."""
        return dict(self.old).get(cell)


@dataclass(frozen=True, slots=True)
class Section:
    key: str                  # future | directions | indicators | collaboration
    heading: str


@dataclass(frozen=True, slots=True)
class Direction:
    number: str               # ①
    title: Para
    body: Text
    key: str = ""             # its id: 411/directions/2
    note: str = ""            # a proof: 新設, ②から移動, （削除）
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Indicators:
    columns: tuple[str, ...]
    rows: tuple[IndicatorRow, ...]
    notes: tuple[NoteLine, ...]
    missing: str | None       # the placeholder when there are none
    years: tuple[str | None, str | None] = (None, None)   # 現状値, 目標値 years shared by
    #                           every row: printed in the column heading, not in the rows
    legend: str = ""          # what the direction symbols mean
    old_years: tuple[str | None, str | None] = (None, None)   # a proof: a shared year's old value


@dataclass(frozen=True, slots=True)
class Collaboration:
    summary: Para | None      # None: the whole section is missing
    columns: tuple[str, ...]
    cells: tuple[Text, ...] | None     # None: no table


@dataclass(frozen=True, slots=True)
class PolicyPage:
    code: str
    heading: Heading
    departments: str          # 担当課：… or ""
    sections: dict[str, Section]
    future: Text
    directions: tuple[Direction, ...]
    indicators: Indicators
    collaboration: Collaboration
    notes: tuple[NoteLine, ...]
    goal: Heading | None = None       # the 基本目標, on the first 施策 of each


@dataclass(frozen=True, slots=True)
class Unwritten:
    label: str
    title: Para
    no_page: str


@dataclass(frozen=True, slots=True)
class GoalSection:
    heading: Heading
    pages: tuple[PolicyPage, ...]
    unwritten: tuple[Unwritten, ...]      # its 施策 without a page yet
    empty_note: str
    no_policies: str


@dataclass(frozen=True, slots=True)
class VisionPart:
    anchor: str
    number: int
    word: str                 # 将来像 (printed before the large number)
    accent: int
    heading: Heading
    suffix: str
    goal_list: tuple[Heading, ...]
    art: Slot
    goals: tuple[GoalSection, ...]
    waiting_head: str = ""    # the running head of the page of its 施策 not written yet

    @property
    def waiting(self) -> tuple[GoalSection, ...]:
        """The 基本目標 on the page of its 施策 not written yet."""
        return tuple(g for g in self.goals if g.unwritten or not g.pages)


@dataclass(frozen=True, slots=True)
class Orphans:
    anchor: str
    heading: str
    pages: tuple[PolicyPage, ...]
    unwritten: tuple[Unwritten, ...]


@dataclass(frozen=True, slots=True)
class Booklet:
    lang: str
    title: str
    author: str
    description: str
    final: bool
    cover: Cover
    toc_heading: str
    toc: tuple[TocEntry, ...]
    philosophy: Philosophy
    visions: Visions
    goals: Goals
    system: System
    parts: tuple[VisionPart, ...]
    orphans: Orphans | None
    slots: dict = field(default_factory=dict)     # kind -> (width_mm, height_mm)
    policy_pages: int = 2                         # pages of a 施策's template (plan.yaml layout)
    unwritten_heading: str = ""
    proof: bool = False                           # marked for a proof (anchors on what changed)
    page_digits: int = 3                          # width of the 目次/体系 page-number slots

    def written_policies(self) -> list[PolicyPage]:
        pages = [p for part in self.parts for g in part.goals for p in g.pages]
        return pages + list(self.orphans.pages if self.orphans else ())
