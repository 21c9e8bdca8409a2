"""Plan → Booklet view: what every renderer prints, decided once."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import images
from ..markup import plain_text
from ..model import Goal, Plan, Policy, Vision
from . import labels as L
from . import values
from .inline import missing_block, para, plain, removed, text
from .marks import Marks
from .view import (Booklet, Collaboration, Cover, Credit, Direction, GoalBlock, GoalGroup,
                   GoalSection, Goals, Heading, IndicatorRow, Indicators, NoteLine, Orphans,
                   Philosophy, PolicyPage, Section, Slot, System, SystemRow, TocEntry, Unwritten,
                   Value, VisionPart, Visions, VisionSummary)


def policy_label(plan: Plan, policy: Policy) -> str:
    """施策 4-411: plan.yaml `policy_label` with {vision}, {goal}, {code}."""
    return plan.policy_label(policy)


class _Builder:
    def __init__(self, plan: Plan, final: bool, slots: dict, marks: dict | None):
        self.plan, self.final, self.slots = plan, final, slots
        self.marks = Marks.of(marks)
        self.visions = plan.concept.visions
        self.suffix = plan.info.vision_suffix or ""
        self.by_goal: dict[str, list[Policy]] = {}       # plan.policies_of, in one pass
        for p in plan.policies:
            self.by_goal.setdefault(p.goal, []).append(p)

    def policies_of(self, code: str) -> tuple[Policy, ...]:
        return tuple(self.by_goal.get(code, ()))

    # -- headings ----------------------------------------------------------
    def accent(self, v: Vision | None) -> int | None:
        return self.visions.index(v) if v in self.visions else None

    def vision_heading(self, v: Vision) -> Heading:
        title = para(v.title, {}, self.marks).bare()
        plain_line = f"{L.vision_label(v.number)}「{title.plain}」{self.suffix}"
        return Heading(f"vision-{v.number}", L.vision_label(v.number), title, plain_line,
                       str(v.number))

    def goal_heading(self, g: Goal, labels=None) -> Heading:
        title = para(g.title, labels or {}, self.marks)
        return Heading(f"goal-{g.code}", L.goal_label(g.code), title,
                       f"{L.goal_label(g.code)} {title.plain}", g.code)

    def policy_heading(self, p: Policy, labels=None) -> Heading:
        title = para(p.title, labels or {}, self.marks)
        label = policy_label(self.plan, p)
        return Heading(f"policy-{p.code}", label, title, f"{label} {title.plain}", p.code)

    def notes(self, notes, labels: dict[str, str], unit: str = "") -> tuple[NoteLine, ...]:
        out = []
        for key, label in labels.items():
            for n in notes:
                if n.key == key:
                    out.append(NoteLine(label, para(n.text, {}, self.marks)))
        # a proof: the notes removed since the old version, struck through at the end
        for rs in self.marks.removed_in(f"{unit}/notes").values():
            out += [NoteLine(r.label or L.NOTE_MARK, removed(r.item.text)) for r in rs
                    if r.item.text is not None]
        return tuple(out)

    # -- artwork -------------------------------------------------------------
    def slot(self, slot_id: str | None, kind: str) -> Slot:
        w, h = self.slots[kind]
        art = self.plan.artwork_slot(slot_id)
        if art is None:
            return Slot(slot_id, kind, w, h, None, L.NO_IMAGE, None)
        c = values.credit(art, self.final)
        image = None
        path = Path(art.image_path) if art.image_path else None
        if c["show_image"] and images.usable(self.plan.source_dir, path):
            image = path
        credit = Credit(c["school"], c["grade"], c["name"], c["reading"],
                        L.HONORIFIC if c["name"] else "", c["consent_note"],
                        name_parts(c["name"], c["reading"]))
        was = "、".join(f"{k}: {v}" for k, v in self.marks.cells.get(f"artwork/{slot_id}", {}).items())
        alt = plain_text(art.alt.text).strip() if art.alt is not None else ""
        return Slot(slot_id, kind, w, h, image, L.NO_IMAGE, credit, was, alt, art.decorative)

    # -- front matter -------------------------------------------------------
    def cover(self) -> Cover:
        info = self.plan.info
        old = tuple(self.marks.cells.get("plan", {}).items())
        return Cover(info.title or L.PLACEHOLDER, info.subtitle or "",
                     values.period_label(self.plan), L.PERIOD,
                     info.municipality or L.PLACEHOLDER, old)

    def philosophy(self) -> Philosophy:
        ph = self.plan.concept.philosophy
        heading = L.CHAPTERS["philosophy"]
        if ph is None:
            return Philosophy("philosophy", heading, (missing_block(),), None, (), None)
        motto = para(ph.motto, {}, self.marks) if ph.motto else missing_block()
        return Philosophy("philosophy", heading, self.optional(ph.lead, "philosophy/lead"),
                          motto, self.optional(ph.body, "philosophy/body"),
                          self.slot(ph.artwork, "philosophy"))

    def visions_chapter(self) -> Visions:
        items = tuple(VisionSummary(self.vision_heading(v), v.number, self.accent(v),
                                    text(v.summary, {}, self.marks, f"visions/{v.number}/summary"))
                      for v in self.visions)
        intro = self.plan.concept.visions_intro
        return Visions("visions", L.CHAPTERS["visions"],
                       self.optional(intro, "visions_intro"), items, self.suffix)

    def optional(self, paras, key: str) -> tuple:
        """A text that may be left out: nothing rather than a placeholder."""
        if not paras and not self.marks.removed_in(key):
            return ()
        return text(paras, {}, self.marks, key)

    def goals_chapter(self) -> Goals:
        groups = []
        for v in self.visions:
            blocks = []
            for g in v.goals:
                labels = values.goal_note_labels(g)
                blocks.append(GoalBlock(self.goal_heading(g, labels),
                                        text(g.body, labels, self.marks, f"goals/{g.code}/body"),
                                        self.notes(g.notes, labels, f"goals/{g.code}")))
            groups.append(GoalGroup(self.vision_heading(v), self.accent(v), tuple(blocks)))
        return Goals("goals", L.CHAPTERS["goals"], tuple(groups))

    # -- 計画の体系 -------------------------------------------------------------
    def system(self) -> System:
        groups = [(v, [(g, self.policies_of(g.code)) for g in v.goals]) for v in self.visions]
        stray = orphans(self.plan)
        if stray:
            by_goal: dict[str, list[Policy]] = {}
            for p in stray:
                by_goal.setdefault(p.goal, []).append(p)
            groups.append((None, [(None, tuple(ps)) for ps in by_goal.values()]))
        rows: list[SystemRow] = []
        for vk, (v, goals) in enumerate(groups):
            vh = self.vision_heading(v) if v else None
            if not goals:
                rows.append(SystemRow(len(rows), vh, self.accent(v), None, None, None, vk, (vk, 0)))
            for gk, (g, policies) in enumerate(goals):
                gh = self.goal_heading(g) if g else None
                for p, gone in self.with_removed(g, policies) or ((None, False),):
                    ph = None
                    if p is not None:
                        ph = self.policy_heading(p)
                        ph = replace(ph, title=ph.title.bare())
                        if gh is None:
                            gh = Heading("", L.goal_label(p.goal), plain(None, L.NO_GOAL), "", p.goal)
                    anchor = f"policy-{p.code}" if p is not None and p.has_page and not gone else None
                    rows.append(SystemRow(len(rows), vh, self.accent(v), gh and replace(
                        gh, title=gh.title.bare()), ph, anchor, vk, (vk, gk), removed=gone))
        return System("system", L.CHAPTERS["system"], L.SYSTEM_COLUMNS,
                      tuple(with_cuts(rows, frozenset())), L.NO_PAGE, L.NO_VISION, L.NO_GOAL,
                      L.NO_GOALS, L.NO_POLICIES, L.CONTINUED, L.PROOF_REMOVED)

    def with_removed(self, g: Goal | None, policies) -> list[tuple[Policy, bool]]:
        """A 基本目標's 施策, and in a proof the removed ones at their old place."""
        gone = self.marks.removed_in(f"goals/{g.code}/policies") if g is not None else {}
        out: list[tuple[Policy, bool]] = []
        for n, p in enumerate(list(policies or ()) + [None]):
            out += [(r.item, True) for r in gone.get(n, ())]
            if p is not None:
                out.append((p, False))
        return out

    # -- 施策 pages -----------------------------------------------------------
    def indicator_row(self, ind, gone: bool = False) -> IndicatorRow:
        vals = []
        for m in (ind.baseline, ind.target):
            v, y = values.measure(m)
            vals.append(Value(None if v == L.PLACEHOLDER else v, None if y == L.PLACEHOLDER else y))
        old = () if gone else tuple(self.marks.cells.get(ind.id, {}).items())
        note = L.PROOF_REMOVED if gone else self.marks.notes.get(ind.id, "")
        return IndicatorRow(
            plain(ind.name), L.CUMULATIVE if ind.cumulative else "", ind.unit or None,
            vals[0], vals[1], values.ARROWS.get(ind.direction or ""),
            values.DIRECTION_WORDS.get(ind.direction or ""), ind.id, note, gone, old)

    def indicators(self, p: Policy, labels) -> Indicators:
        gone = self.marks.removed_in(f"{p.code}/indicators")
        if not p.indicators and not gone:
            return Indicators(L.INDICATOR_COLUMNS, (), (), L.NO_INDICATORS)
        rows = []
        for n, ind in enumerate(list(p.indicators or ()) + [None]):
            rows += [self.indicator_row(r.item, True) for r in gone.get(n, ())]
            if ind is not None:
                rows.append(self.indicator_row(ind))
        noted = [ind for ind in p.indicators or () if ind.note is not None]
        notes = tuple(NoteLine(L.NOTE_MARK, para(ind.note, labels, self.marks),
                               (ind.name or L.PLACEHOLDER) if len(noted) > 1 else "")
                      for ind in noted)
        # a year every row shares goes into the column heading
        live = [r for r in rows if not r.removed]
        years, old_years = [], []
        for side in ("baseline", "target"):
            ys = {getattr(r, side).year for r in live}
            years.append(ys.pop() if len(ys) == 1 and None not in ys else None)
            olds = {r.was(f"{side}_year") for r in live}
            old_years.append(olds.pop() if years[-1] and len(olds) == 1 else None)
        if years[0] or years[1]:
            rows = [replace(r, baseline=_shared(r.baseline, years[0]),
                            target=_shared(r.target, years[1])) for r in rows]
        rows = aligned(rows)
        legend = "　".join(f"{values.ARROWS[k]} {values.DIRECTION_WORDS[k]}"
                          for k in ("up", "down", "keep"))
        return Indicators(L.INDICATOR_COLUMNS, tuple(rows), notes, None, tuple(years),
                          f"{L.INDICATOR_COLUMNS[-1]}：{legend}", tuple(old_years))

    def collaboration(self, p: Policy, labels) -> Collaboration:
        c = p.collaboration
        if c is None:
            return Collaboration(None, L.COLLABORATION_COLUMNS, None)
        summary = para(c.summary, labels, self.marks) if c.summary else missing_block()
        cells = None
        if c.citizens is not None or c.government is not None:
            cells = (text(c.citizens, labels, self.marks, f"{p.code}/collaboration/citizens"),
                     text(c.government, labels, self.marks, f"{p.code}/collaboration/government"))
        return Collaboration(summary, L.COLLABORATION_COLUMNS, cells)

    def direction(self, d, n: int, code: str, labels, gone: str = "") -> Direction:
        """A direction; `gone` (its old number) for one a proof shows removed."""
        key = values.direction_key(d, n, code)
        if gone:
            title = removed(d.title, labels, False) if d.title else missing_block()
            return Direction(gone, title, tuple(removed(b, labels, False) for b in d.body or ()),
                             key, L.PROOF_REMOVED, True)
        return Direction(values.circled(n), para(d.title, labels, self.marks),
                         text(d.body, labels, self.marks, f"{key}/body"), key,
                         self.marks.notes.get(key, ""))

    def directions(self, p: Policy, labels) -> tuple[Direction, ...]:
        gone = self.marks.removed_in(f"{p.code}/directions")
        out = []
        for n, d in enumerate(list(p.directions or ()) + [None]):
            out += [self.direction(r.item, 0, p.code, labels, r.label) for r in gone.get(n, ())]
            if d is not None:
                out.append(self.direction(d, n + 1, p.code, labels))
        return tuple(out)

    def policy(self, p: Policy) -> PolicyPage:
        labels = values.policy_note_labels(p)
        return PolicyPage(
            code=p.code, heading=self.policy_heading(p, labels),
            departments=(L.DEPARTMENTS + "、".join(p.departments)) if p.departments else "",
            sections={k: Section(k, v) for k, v in L.POLICY_SECTIONS.items()},
            future=text(p.future, labels, self.marks, f"{p.code}/future"),
            directions=self.directions(p, labels),
            indicators=self.indicators(p, labels),
            collaboration=self.collaboration(p, labels),
            notes=self.notes(p.notes, labels, p.code))

    def unwritten(self, p: Policy) -> Unwritten:
        return Unwritten(policy_label(self.plan, p), para(p.title, {}, self.marks).bare(),
                         L.NO_PAGE)

    def goal_section(self, g: Goal) -> GoalSection:
        policies = self.policies_of(g.code)
        h = self.goal_heading(g)
        pages = [self.policy(p) for p in policies if p.has_page]
        if pages:
            pages[0] = replace(pages[0], goal=replace(h, title=h.title.bare()))
        unwritten = tuple(self.unwritten(p) for p in policies if not p.has_page)
        return GoalSection(replace(h, title=h.title.bare()), tuple(pages), unwritten,
                           L.UNWRITTEN_GOAL, L.NO_POLICIES)

    def part(self, v: Vision) -> VisionPart:
        goal_list = tuple(replace(h, title=h.title.bare())
                          for h in (self.goal_heading(g) for g in v.goals))
        goals = tuple(self.goal_section(g) for g in v.goals)
        waiting = [g.heading for g in goals if g.unwritten or not g.pages]
        head = waiting[0].plain if len(waiting) == 1 else \
            L.goal_range([h.code for h in waiting]) if waiting else ""
        return VisionPart(f"vision-{v.number}", v.number, L.VISION_WORD, self.accent(v), self.vision_heading(v),
                          self.suffix, goal_list, self.slot(v.artwork, "vision"), goals, head)

    # -- 目次 -------------------------------------------------------------------
    def toc(self, parts, orphan_part) -> tuple[TocEntry, ...]:
        out = [TocEntry(1, k, L.CHAPTERS[k], None) for k in ("philosophy", "visions", "goals", "system")]
        for part in parts:
            out.append(TocEntry(2, part.anchor, part.heading.label, part.heading.title, part.accent))
            for g in part.goals:
                out.append(TocEntry(3, g.heading.anchor, g.heading.label, g.heading.title))
                for page in g.pages:
                    out.append(TocEntry(4, page.heading.anchor, page.heading.label,
                                        page.heading.title.bare()))
        if orphan_part:
            out.append(TocEntry(2, orphan_part.anchor, orphan_part.heading, None))
        return tuple(out)

    def booklet(self) -> Booklet:
        info = self.plan.info
        parts = tuple(self.part(v) for v in self.visions)
        stray = orphans(self.plan)
        orphan_part = Orphans("orphans", L.CHAPTERS["orphans"],
                              tuple(self.policy(p) for p in stray if p.has_page),
                              tuple(self.unwritten(p) for p in stray if not p.has_page)
                              ) if stray else None
        view = Booklet(
            lang="ja", title=info.title or "", author=info.municipality or "",
            description=info.subtitle or "", final=self.final, cover=self.cover(),
            toc_heading=L.CHAPTERS["toc"], toc=self.toc(parts, orphan_part),
            philosophy=self.philosophy(), visions=self.visions_chapter(),
            goals=self.goals_chapter(), system=self.system(), parts=parts,
            orphans=orphan_part, slots=dict(self.slots),
            policy_pages=info.layout.policy_pages if info.layout else 2,
            unwritten_heading=L.UNWRITTEN_HEADING, proof=bool(self.marks))
        return replace(view, page_digits=page_digits(view))


def page_digits(view: Booklet) -> int:
    """Digits of the widest folio the 目次 and the 体系 may print: the width
    of their page-number slots (macros.html page_no), decided before any
    layout. Half again the pages the booklet is likely to have (front
    matter, title pages, 施策, lists of those not written)."""
    likely = (12 + len(view.toc) // 30 + len(view.system.rows) // 15 + 4 * len(view.parts)
              + view.policy_pages * len(view.written_policies()))
    return min(5, max(2, len(str(likely * 3 // 2))))     # (layouts: digits-2 … digits-5)


def aligned(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """Each value column's figures padded to the column's most decimals, so
    that the decimal points line up and an integer ends where the point would
    be (12 over 78.4 over 0.25)."""
    for side in ("baseline", "target"):
        decimals = max((len(frac) for r in rows
                        for frac in [values.decimals(getattr(r, side).value)]), default=0)
        rows = [replace(r, **{side: replace(v := getattr(r, side),
                                            figure=values.figure(v.value, decimals))})
                for r in rows]
    return rows


def _shared(v: Value, year: str | None) -> Value:
    """A value without its year when the year is in the column heading."""
    return replace(v, year=None) if year and v.year == year else v


def name_parts(name: str, reading: str) -> tuple[tuple[str, str], ...]:
    """A name and its reading matched part by part (surname over surname,
    given name over given name) when both are split the same way by spaces;
    else the whole reading over the whole name."""
    if not name:
        return ()
    names, readings = name.split(), (reading or "").split()
    if len(names) == len(readings) > 1:
        return tuple(zip(names, readings))
    return ((name, reading or ""),)


def orphans(plan: Plan) -> tuple[Policy, ...]:
    """Policies whose 基本目標 is in no 将来像 (printed apart, never dropped)."""
    known = {g.code for g in plan.goals()}
    return tuple(p for p in plan.policies if p.goal not in known)


def booklet(plan: Plan, slots: dict, final: bool = False, marks: dict | None = None) -> Booklet:
    """The booklet view. `slots`: {kind: (width_mm, height_mm)} (planbook.slots);
    `marks`: paragraph id -> changed ranges, for a proof."""
    return _Builder(plan, final, slots, marks).booklet()


def with_cuts(rows, cuts: frozenset[int]) -> list[SystemRow]:
    """The 体系 rows with their merged-cell spans; a row in `cuts` starts a
    new page, and the merged cells it is inside restart there with a label."""
    changes = [{"cut": r.index in cuts and r.index > 0} for r in rows]
    for level in ("vision", "goal"):
        key = (lambda r: r.vision_key) if level == "vision" else (lambda r: r.goal_key)
        i = 0
        while i < len(rows):
            j = i + 1
            while j < len(rows) and key(rows[j]) == key(rows[i]) and not changes[j]["cut"]:
                j += 1
            for k in range(i, j):
                changes[k].update({f"{level}_span": (j - i) if k == i else 0,
                                   f"{level}_cont": k == i and i > 0
                                   and key(rows[i - 1]) == key(rows[i])})
            i = j
    return [replace(r, **c) for r, c in zip(rows, changes)]


def page_cuts(rows, pages: dict[int, int]) -> set[int]:
    """Rows (by index) that a page break separates from the row above while
    inside a merged cell: there the cell must restart with its label."""
    return {r.index for r in rows[1:]
            if not r.vision_span and pages.get(r.index) != pages.get(r.index - 1)}


__all__ = ["booklet", "with_cuts", "page_cuts", "orphans", "policy_label", "plain_text"]
