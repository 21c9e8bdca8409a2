"""The 計画の体系 table, the 将来像 title sections and the 施策 pages."""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt

from ... import present
from ...markup import plain_text
from ...model import Policy, Vision
from . import ooxml
from .styles import LABEL, NOTE, TABLE
from .writer import Writer, bookmark_name, circled

HEADER_FILL = "DCE6F2"


def _cell(cell, text: str, bold=False):
    cell.text = ""
    par = cell.paragraphs[0]
    par.style = TABLE
    run = par.add_run(text)
    run.bold = bold or None
    return par


def _header(table, names):
    row = table.rows[0]
    ooxml.repeat_header(row)
    for cell, name in zip(row.cells, names):
        _cell(cell, name, bold=True)
        ooxml.shade_cell(cell, HEADER_FILL)


class PageWriter(Writer):
    def system_table(self):
        self.heading("計画の体系", 1, new_page=True)
        rows = []
        for v in self.plan.concept.visions:
            for g in v.goals:
                for p in self.plan.policies_of(g.code) or (None,):
                    rows.append((v, g, p))
        table = self.doc.add_table(rows=1 + len(rows), cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _header(table, ["将来像", "基本目標", "施策", "ページ"])
        for i, (v, g, p) in enumerate(rows, 1):
            r = table.rows[i]
            ooxml.cant_split(r)
            _cell(r.cells[0], self.vision_title(v))
            _cell(r.cells[1], f"{g.code} {plain_text(g.title.text) if g.title else present.PLACEHOLDER}")
            if p is None:
                _cell(r.cells[2], "（施策なし）")
                _cell(r.cells[3], "")
                continue
            title = plain_text(p.title.text) if p.title else present.PLACEHOLDER
            _cell(r.cells[2], f"{p.code} {title}")
            if p.has_page:
                ooxml.add_field(_cell(r.cells[3], ""), f"PAGEREF {bookmark_name(p)} \\h", "")
            else:
                _cell(r.cells[3], present.NO_PAGE)
        self._merge(table, rows, 0, lambda row: row[0].number)
        self._merge(table, rows, 1, lambda row: row[1].code)
        for row in table.rows:
            for cell, width in zip(row.cells, (Mm(45), Mm(50), Mm(62), Mm(15))):
                cell.width = width

    @staticmethod
    def _merge(table, rows, col, key):
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or key(rows[i]) != key(rows[start]):
                if i - start > 1:
                    top = table.cell(start + 1, col)
                    text = top.text
                    merged = top.merge(table.cell(i, col))
                    _cell(merged, text)
                start = i

    def vision_part(self, v: Vision):
        self.heading(self.vision_title(v), 1, new_page=True)
        self.artwork(self.plan.artwork_slot(v.artwork), v.artwork)
        for g in v.goals:
            title = plain_text(g.title.text) if g.title else present.PLACEHOLDER
            written = [p for p in self.plan.policies_of(g.code) if p.has_page]
            self.heading(f"基本目標{g.code} {title}", 2, new_page=bool(written))
            if not written:
                self.placeholder("この基本目標の施策のページはまだありません")
            for i, p in enumerate(written):
                self.policy(p, new_page=i > 0)

    def section(self, text: str):
        par = self.doc.add_paragraph(style=LABEL)
        par.add_run(text)
        par.paragraph_format.space_before = Pt(10)
        par.paragraph_format.keep_with_next = True

    def policy(self, p: Policy, new_page: bool):
        labels = present.policy_note_labels(p)
        title = p.title.text if p.title else present.PLACEHOLDER
        h = self.heading(f"{self.plan.policy_label(p)} {title}", 3, labels, new_page)
        ooxml.add_bookmark(h, bookmark_name(p))
        if p.departments:
            self.doc.add_paragraph("担当課: " + "、".join(p.departments), style=NOTE)
        self.section("10年後の姿")
        self.text(p.future, labels=labels)
        self.section("目指すべき姿の実現に向けた施策推進の方向性")
        if not p.directions:
            self.placeholder()
        for n, d in enumerate(p.directions or (), 1):
            par = self.doc.add_paragraph(style=LABEL)
            par.add_run(circled(n) + " ")
            if d.title:
                self.inline(par, d.title.text, labels)
            else:
                par.add_run(present.PLACEHOLDER)
            par.paragraph_format.keep_with_next = True
            self.text(d.body, labels=labels)
        self.section("目標指標")
        self.indicators(p, labels)
        self.section("市民と行政の協働方針")
        self.collaboration(p, labels)
        self.notes(p.notes, labels)

    def indicators(self, p: Policy, labels):
        if not p.indicators:
            self.placeholder("目標指標 未入力")
            return
        table = self.doc.add_table(rows=1 + len(p.indicators), cols=5)
        table.style = "Table Grid"
        _header(table, ["指標名", "単位", "現状値", "目標値", "方向"])
        for i, ind in enumerate(p.indicators, 1):
            r = table.rows[i]
            ooxml.cant_split(r)
            name = ind.name or present.PLACEHOLDER
            _cell(r.cells[0], name + ("（累計）" if ind.cumulative else ""))
            _cell(r.cells[1], ind.unit or present.PLACEHOLDER)
            for cell, m in ((r.cells[2], ind.baseline), (r.cells[3], ind.target)):
                value, year = present.measure(m)
                _cell(cell, f"{value}\n（{year}）")
            word = present.DIRECTION_WORDS.get(ind.direction or "", "")
            _cell(r.cells[4], f"{present.arrow(ind)} {word}".strip())
        for row in table.rows:
            for cell, width in zip(row.cells, (Mm(68), Mm(18), Mm(32), Mm(32), Mm(20))):
                cell.width = width
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
        table = self.doc.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        _header(table, ["市民", "行政"])
        for cell, paras in zip(table.rows[1].cells, (c.citizens, c.government)):
            cell.text = ""
            first = True
            for para in paras or ():
                par = cell.paragraphs[0] if first else cell.add_paragraph()
                par.style = TABLE
                self.inline(par, para.text, labels)
                first = False
            if first:
                _cell(cell, present.PLACEHOLDER)
