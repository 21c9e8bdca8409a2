"""The 計画の体系 table, the 将来像 title sections and the 施策 pages."""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from ... import present
from ...markup import plain_text
from ...model import Policy, Vision
from . import ooxml
from .styles import (LABEL, NOTE, PLACEHOLDER, TABLE, TABLE_HEAD, TEXT_WIDTH_MM,
                     VISION_GOALS)
from ...present import circled
from .writer import Writer, bookmark_name

HEADER_FILL = "DCE6F2"


def _widths(*parts: float) -> list:
    """Column widths in proportion to `parts`, filling the text width."""
    total = sum(parts)
    return [Mm(TEXT_WIDTH_MM * x / total) for x in parts]


SYSTEM_COLS = _widths(43, 49, 62, 16)
INDICATOR_COLS = _widths(64, 16, 33, 33, 24)
CENTRED_INDICATOR_COLS = (1, 2, 3, 4)


def _cell(cell, text: str, style=TABLE, centre=False):
    cell.text = ""
    par = cell.paragraphs[0]
    par.style = style
    if centre:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.add_run(text)
    return par


def _table(doc, rows: int, names: list[str], widths: list):
    """A bordered table with a shaded header row repeated on each page."""
    table = doc.add_table(rows=rows, cols=len(names))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_widths(table, widths)
    header = table.rows[0]
    ooxml.repeat_header(header)
    for cell, name in zip(header.cells, names):
        _cell(cell, name, TABLE_HEAD)
        ooxml.shade_cell(cell, HEADER_FILL)
    for row in table.rows[1:]:
        ooxml.cant_split(row)
    return table


class PageWriter(Writer):
    def system_table(self):
        self.heading("計画の体系", 1, new_page=True)
        rows = []
        for v in self.plan.concept.visions:
            for g in v.goals or (None,):
                for p in (self.plan.policies_of(g.code) if g else ()) or (None,):
                    rows.append((v, g, p))
        table = _table(self.doc, 1 + len(rows), ["将来像", "基本目標", "施策", "ページ"],
                       SYSTEM_COLS)
        for i, (v, g, p) in enumerate(rows, 1):
            r = table.rows[i]
            _cell(r.cells[0], self.vision_title(v))
            if g is None:
                _cell(r.cells[1], "（基本目標なし）")
            else:
                title = plain_text(g.title.text) if g.title else present.PLACEHOLDER
                _cell(r.cells[1], f"{g.code}\u3000{title}")
            if p is None:
                _cell(r.cells[2], "（施策なし）" if g else "")
                _cell(r.cells[3], "")
                continue
            title = plain_text(p.title.text) if p.title else present.PLACEHOLDER
            _cell(r.cells[2], f"{p.code}\u3000{title}")
            if p.has_page:
                ooxml.add_field(_cell(r.cells[3], "", centre=True),
                                f"PAGEREF {bookmark_name(p)} \\h")
            else:
                _cell(r.cells[3], present.NO_PAGE, centre=True)
        self._merge(table, rows, 0, lambda row: row[0].number)
        self._merge(table, rows, 1, lambda row: (row[0].number, row[1] and row[1].code))

    @staticmethod
    def _merge(table, rows, col, key):
        """Merge runs of equal `key` in column `col` (w:vMerge)."""
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or key(rows[i]) != key(rows[start]):
                if i - start > 1:
                    top = table.cell(start + 1, col)
                    text = top.text
                    _cell(top.merge(table.cell(i, col)), text)
                start = i

    def vision_part(self, v: Vision):
        self.heading(self.vision_title(v, markup=True), 1, new_page=True, markers=False)
        for g in v.goals:
            par = self.doc.add_paragraph(style=VISION_GOALS)
            self.inline(par, f"基本目標{g.code}\u3000"
                        f"{g.title.text if g.title else present.PLACEHOLDER}", markers=False)
        self.artwork(self.plan.artwork_slot(v.artwork), "vision")
        after_page = False          # a goal after 施策 pages starts a page too
        for g in v.goals:
            written = [p for p in self.plan.policies_of(g.code) if p.has_page]
            self.heading(self.goal_title(g), 2, new_page=bool(written) or after_page,
                         markers=False)
            after_page = bool(written)
            if not written:
                self.placeholder("この基本目標の施策のページはまだありません")
            for i, p in enumerate(written):
                self.policy(p, new_page=i > 0)

    def section(self, text: str):
        self.doc.add_paragraph(text, style=LABEL)

    def policy(self, p: Policy, new_page: bool):
        labels = present.policy_note_labels(p)
        title = p.title.text if p.title else present.PLACEHOLDER
        self.heading(f"{self.plan.policy_label(p)} {title}", 3, labels, new_page,
                     bookmark=bookmark_name(p))
        if p.departments:
            self.doc.add_paragraph("担当課：" + "、".join(p.departments), style=NOTE)
        self.section("10年後の姿")
        self.text(p.future, labels=labels)
        self.section("目指すべき姿の実現に向けた施策推進の方向性")
        if not p.directions:
            self.placeholder()
        for n, d in enumerate(p.directions or (), 1):
            par = self.doc.add_paragraph(style=LABEL)
            par.paragraph_format.space_before = 0
            par.add_run(circled(n) + " ")
            if d.title:
                self.inline(par, d.title.text, labels)
            else:
                par.add_run(present.PLACEHOLDER)
            self.text(d.body, labels=labels)
        self.section("目標指標")
        self.indicators(p, labels)
        self.section("市民と行政の協働方針")
        self.collaboration(p, labels)
        self.notes(p.notes, labels)

    def indicators(self, p: Policy, labels):
        if not p.indicators:
            self.placeholder(f"目標指標 {present.PLACEHOLDER}")
            return
        table = _table(self.doc, 1 + len(p.indicators),
                       ["指標名", "単位", "現状値", "目標値", "方向"], INDICATOR_COLS)
        for i, ind in enumerate(p.indicators, 1):
            cells = table.rows[i].cells
            name = ind.name or present.PLACEHOLDER
            texts = [name + ("（累計）" if ind.cumulative else ""), ind.unit or present.PLACEHOLDER]
            for m in (ind.baseline, ind.target):
                value, year = present.measure(m)
                texts.append(f"{value}\n（{year}）")
            word = present.DIRECTION_WORDS.get(ind.direction or "", "")
            texts.append(f"{present.arrow(ind)} {word}".strip())
            for col, (cell, text) in enumerate(zip(cells, texts)):
                _cell(cell, text, centre=col in CENTRED_INDICATOR_COLS)
        for ind in p.indicators:
            if ind.note is not None:
                par = self.doc.add_paragraph(style=NOTE)
                par.add_run("※ ")
                self.inline(par, ind.note.text, labels)

    def collaboration(self, p: Policy, labels):
        c = p.collaboration
        if c is None:
            self.placeholder()
            return
        self.para(c.summary, labels=labels)
        if c.citizens is None and c.government is None:
            return
        table = _table(self.doc, 2, ["市民", "行政"], _widths(1, 1))
        for cell, paras in zip(table.rows[1].cells, (c.citizens, c.government)):
            if not paras:
                _cell(cell, "（未入力）", PLACEHOLDER)
                continue
            for n, para in enumerate(paras):
                par = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                par.style = TABLE
                self.inline(par, para.text, labels)
