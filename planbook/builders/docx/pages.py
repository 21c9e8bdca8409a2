"""The 計画の体系 table, the 将来像 title sections and the 施策 pages in Word."""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from ...present.labels import BLOCK_PLACEHOLDER, NO_YEAR, PLACEHOLDER as MISSING
from ...present.view import Collaboration, Indicators, PolicyPage, VisionPart
from ... import ooxml
from .styles import LABEL, NOTE, PLACEHOLDER, TABLE, TABLE_HEAD, TEXT_WIDTH_MM, VISION_GOALS
from .body import add_run, clear_cell
from .writer import Writer, bookmark_name

HEADER_FILL = "DCE6F2"


def _widths(*parts: float) -> list:
    """Column widths in proportion to `parts`, filling the text width."""
    total = sum(parts)
    return [Mm(TEXT_WIDTH_MM * x / total) for x in parts]


SYSTEM_COLS = _widths(43, 49, 62, 16)
INDICATOR_COLS = _widths(64, 16, 33, 33, 24)
CENTRED_INDICATOR_COLS = (1, 2, 3, 4)


def _cell(body, cell, text: str, style=TABLE, centre=False):
    par = clear_cell(cell)
    body.set_style(par, style)
    if centre:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(par, text)
    return par


def _table(body, rows: int, names, widths: list):
    """A bordered table with a shaded header row repeated on each page."""
    table = body.table(rows, len(names), "Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_widths(table, widths)
    header = table.rows[0]
    ooxml.repeat_header(header)
    for cell, name in zip(header.cells, names):
        _cell(body, cell, name, TABLE_HEAD)
        ooxml.shade_cell(cell, HEADER_FILL)
    for row in table.rows[1:]:
        ooxml.cant_split(row)
    return table


class PageWriter(Writer):
    def system_table(self):
        s = self.view.system
        self.heading(s.heading, 1, new_page=True)
        rows = s.rows
        table = _table(self.body, 1 + len(rows), s.columns, SYSTEM_COLS)
        suffix = f" {self.view.visions.suffix}" if self.view.visions.suffix else ""
        for r, row in zip(rows, list(table.rows)[1:]):
            cells = row.cells
            _cell(self.body, cells[0], f"{r.vision.label} 「{r.vision.title.plain}」{suffix}"
                  if r.vision else s.no_vision)
            _cell(self.body, cells[1],
                  f"{r.goal.code}\u3000{r.goal.title.plain}" if r.goal else s.no_goals)
            if r.policy is None:
                _cell(self.body, cells[2], s.no_policies if r.goal else "")
                _cell(self.body, cells[3], "")
                continue
            _cell(self.body, cells[2], f"{r.policy.code}\u3000{r.policy.title.plain}")
            if r.page_anchor:
                ooxml.add_field(_cell(self.body, cells[3], "", centre=True),
                                f"PAGEREF {bookmark_name(r.page_anchor)} \\h")
            else:
                _cell(self.body, cells[3], s.no_page, centre=True)
        self._merge(table, rows, 0, lambda r: r.vision_key)
        self._merge(table, rows, 1, lambda r: r.goal_key)

    @staticmethod
    def _merge(table, rows, col, key):
        """Merge runs of equal `key` in column `col` (w:vMerge), without
        python-docx's `merge`, which recurses once per row (1000 施策 under
        one 基本目標 exhaust the stack) and looks every cell up again."""
        trs = table._tbl.tr_lst
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or key(rows[i]) != key(rows[start]):
                if i - start > 1:
                    ooxml.merge_down([tr.tc_lst[col] for tr in trs[start + 1:i + 1]])
                start = i

    def vision_part(self, v: VisionPart):
        self.vision_heading(v.heading, 1, new_page=True)
        for g in v.goal_list:
            par = self.body.paragraph(style=VISION_GOALS)
            par.add_run(f"{g.label}\u3000")
            self.inline(par, g.title, markers=False)
        self.artwork(v.art)
        after_page = False          # a goal after 施策 pages starts a page too
        for g in v.goals:
            self.heading(g.heading.title, 2, new_page=bool(g.pages) or after_page,
                         markers=False, label=g.heading.label)
            after_page = bool(g.pages)
            if not g.pages:
                self.placeholder(g.empty_note)
            for i, p in enumerate(g.pages):
                self.policy(p, new_page=i > 0)

    def orphans(self):
        o = self.view.orphans
        if o is None:
            return
        self.heading(o.heading, 1, new_page=True)
        for i, p in enumerate(o.pages):
            self.policy(p, new_page=i > 0)
        for u in o.unwritten:
            par = self.body.paragraph(style=NOTE)
            par.add_run(f"{u.label} ")
            self.inline(par, u.title)
            par.add_run(f" {u.no_page}")

    def section(self, text: str):
        self.body.paragraph(text, style=LABEL)

    def policy(self, p: PolicyPage, new_page: bool):
        h, sec = p.heading, p.sections
        self.heading(h.title, 3, new_page, bookmark=bookmark_name(h.anchor), label=h.label)
        if p.departments:
            self.body.paragraph(p.departments, style=NOTE)
        self.section(sec["future"].heading)
        self.text(p.future)
        self.section(sec["directions"].heading)
        if not p.directions:
            self.placeholder(self.view_placeholder())
        for d in p.directions:
            par = self.body.paragraph(style=LABEL)
            par.paragraph_format.space_before = 0
            par.add_run(d.number + " ")
            self.inline(par, d.title)
            self.text(d.body)
        self.section(sec["indicators"].heading)
        self.indicators(p.indicators)
        self.section(sec["collaboration"].heading)
        self.collaboration(p.collaboration)
        self.notes(p.notes)

    @staticmethod
    def view_placeholder() -> str:
        return BLOCK_PLACEHOLDER

    def indicators(self, ind: Indicators):
        if not ind.rows:
            self.placeholder(ind.missing)
            return
        columns = [f"{c}\n（{ind.years[n - 2]}）" if n in (2, 3) and ind.years[n - 2] else c
                   for n, c in enumerate(ind.columns)]
        table = _table(self.body, 1 + len(ind.rows), columns, INDICATOR_COLS)
        for i, r in enumerate(ind.rows, 1):
            cells = table.rows[i].cells
            texts = [r.name.plain + r.cumulative, r.unit or MISSING]
            for shared, v in zip(ind.years, (r.baseline, r.target)):
                texts.append(f"{v.value or MISSING}" if shared
                             else f"{v.value or MISSING}\n（{v.year or NO_YEAR}）")
            texts.append(f"{r.arrow} {r.direction}" if r.arrow else MISSING)
            for col, (cell, text) in enumerate(zip(cells, texts)):
                _cell(self.body, cell, text, centre=col in CENTRED_INDICATOR_COLS)
        self.body.paragraph(ind.legend, style=NOTE)
        self.notes(ind.notes)

    def collaboration(self, c: Collaboration):
        if c.summary is None:
            self.placeholder(self.view_placeholder())
            return
        self.para(c.summary)
        if c.cells is None:
            return
        table = _table(self.body, 2, c.columns, _widths(1, 1))
        for cell, paras in zip(table.rows[1].cells, c.cells):
            for n, para in enumerate(paras):
                par = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                self.body.set_style(par, PLACEHOLDER if para.placeholder else TABLE)
                self.inline(par, para)
