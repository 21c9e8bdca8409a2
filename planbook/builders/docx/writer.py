"""The booklet view (planbook.present) in Word: paragraphs, runs, headings
with bookmarks, artwork slots. Labels and placeholders all come from the view."""
from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

from ... import images
from ...present.view import Blank, Booklet, Heading, NoteMark, Para, Run, RubyText, Slot
from ... import ooxml
from .body import Body, add_run
from .styles import BODY, COVER, CREDIT, CREDIT_PT, MOTTO, NOTE, PLACEHOLDER, TOC_TITLE

NO_IMAGE_FILL = "D9D9D9"


def bookmark_name(anchor: str) -> str:
    """A Word bookmark for a layout anchor (policy-411 → policy_411)."""
    return "".join(c if c.isalnum() else "_" for c in anchor)


class Writer:
    def __init__(self, doc, view: Booklet, source_dir=None):
        self.doc, self.view = doc, view
        self.body = Body(doc)
        self.ruby_pt: dict[str | None, float] = {}    # by paragraph style id
        self.source_dir = source_dir            # where the artwork images are read
        self.toc_entries: list[tuple[int, str, str]] = []   # level, text, bookmark
        self.bookmarks = 0

    # -- inline text -------------------------------------------------------
    def inline(self, par, p: Para | None, markers: bool = True):
        """Runs of a view paragraph: ※ markers superscript (left out when
        `markers` is False), ruby as Word ruby, placeholders as they read."""
        if p is None:
            return par
        for t in p.inlines:
            if isinstance(t, (Run, Blank)):
                add_run(par, t.text)
            elif isinstance(t, NoteMark) and markers:
                run = add_run(par, t.label)
                run.font.superscript = True
            elif isinstance(t, RubyText):
                ooxml.add_ruby(par, t.base, t.reading, self.base_pt(par))
        return par

    def base_pt(self, par) -> float:
        """The font size of a paragraph's style (10.5 when it sets none)."""
        sid = par._p.style
        if sid not in self.ruby_pt:
            self.ruby_pt[sid] = par.style.font.size.pt if par.style.font.size else 10.5
        return self.ruby_pt[sid]

    def para(self, p: Para, style=BODY):
        if p.placeholder:
            return self.placeholder(p.plain)
        return self.inline(self.body.paragraph(style=style), p)

    def text(self, paras, style=BODY):
        for p in paras:
            self.para(p, style)

    def placeholder(self, label: str):
        par = self.body.paragraph(label, style=PLACEHOLDER)
        ooxml.paragraph_border(par)
        return par

    def bookmark(self, par, name: str | None = None) -> str:
        self.bookmarks += 1
        name = name or f"_pb_heading_{self.bookmarks}"   # "_": hidden in Word's list
        ooxml.add_bookmark(par, name, self.bookmarks)
        return name

    def heading(self, text: str | Para, level: int, new_page=False, bookmark=None,
                markers=True, label: str = ""):
        """A Word heading: `label` (施策 4-411) then the title."""
        h = self.body.heading(level)
        if label:
            h.add_run(label + " ")
        if isinstance(text, Para):
            self.inline(h, text, markers)
            plain = (label + " " if label else "") + text.plain
        else:
            h.add_run(text)
            plain = text
        h.paragraph_format.page_break_before = new_page or None
        self.toc_entries.append((level, plain, self.bookmark(h, bookmark)))
        return h

    def vision_heading(self, h: Heading, level: int, new_page=False):
        """将来像1 「title」 suffix."""
        par = self.body.heading(level)
        par.add_run(f"{h.label} 「")
        self.inline(par, h.title, markers=False)
        par.add_run("」" + (f" {self.view.visions.suffix}" if self.view.visions.suffix else ""))
        par.paragraph_format.page_break_before = new_page or None
        self.toc_entries.append((level, h.plain, self.bookmark(par)))
        return par

    def page_break(self):
        self.body.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def notes(self, lines):
        for n in lines:
            par = self.body.paragraph(style=NOTE)
            par.add_run(n.label + " " + (f"{n.name}：" if n.name else ""))
            self.inline(par, n.text)

    # -- front matter ---------------------------------------------------------
    def cover(self):
        c = self.view.cover
        for _ in range(6):
            self.body.paragraph()
        self.body.paragraph(c.title, style="Title")
        for text, size, before in ((c.subtitle, 16, 6), (c.period, 12, 6),
                                   (c.municipality, 20, 120)):
            if not text:
                continue
            par = self.body.paragraph(style=COVER)
            par.add_run(text).font.size = Pt(size)
            par.paragraph_format.space_before = Pt(before)
        self.page_break()

    def toc(self):
        self.body.paragraph(self.view.toc_heading, style=TOC_TITLE)
        self.toc_anchor = self.body.paragraph()
        self.page_break()

    def fill_toc(self):
        """The TOC field, with the headings as its cached result so that a
        reader that does not update fields still shows the contents."""
        if not self.toc_entries:
            return
        anchor = self.toc_anchor._p
        pars = []
        for level, _, _ in self.toc_entries:
            par = self.body.paragraph(style=f"toc {level}")
            anchor.addprevious(par._p)
            pars.append(par)
        ooxml.add_toc(pars, [(text, mark) for _, text, mark in self.toc_entries])
        anchor.getparent().remove(anchor)

    def philosophy(self):
        ph = self.view.philosophy
        self.heading(ph.heading, 1)
        self.text(ph.lead)
        if ph.motto is not None:
            self.para(ph.motto, MOTTO)
        self.text(ph.body)
        if ph.art is not None:
            self.artwork(ph.art)

    def visions(self):
        v = self.view.visions
        self.heading(v.heading, 1, new_page=True)
        self.text(v.intro)
        for item in v.items:
            self.vision_heading(item.heading, 2)
            self.text(item.summary)

    def goals(self):
        g = self.view.goals
        self.heading(g.heading, 1, new_page=True)
        for group in g.groups:
            self.vision_heading(group.vision, 2)
            for block in group.goals:
                self.heading(block.heading.title, 3, label=block.heading.label)
                self.text(block.body)
                self.notes(block.notes)

    # -- artwork -------------------------------------------------------------
    def artwork(self, slot: Slot):
        """The image at the slot's printed size, or a grey box reading
        作品画像 未着; then the credit, the reading as ruby over the name."""
        if slot.image is not None:
            par = self.body.paragraph(style=CREDIT)
            stream = images.docx_stream(self.source_dir, slot.image)
            pic = par.add_run().add_picture(stream, width=Mm(slot.width_mm))
            if pic.height > Mm(slot.height_mm):
                pic.width = int(pic.width * Mm(slot.height_mm) / pic.height)
                pic.height = Mm(slot.height_mm)
        else:
            self.no_image_box(slot)
        c = slot.credit
        if c:
            par = self.body.paragraph(style=CREDIT)
            par.add_run(f"{c.school} {c.grade} ")
            if c.name:
                for n, (base, reading) in enumerate(c.parts):
                    if n:
                        par.add_run("\u3000")
                    if reading:
                        ooxml.add_ruby(par, base, reading, CREDIT_PT)
                    else:
                        par.add_run(base)
                par.add_run(f" {c.honorific}")
            if c.consent_note:
                par.add_run(c.consent_note)

    def no_image_box(self, slot: Slot):
        table = self.body.table(1, 1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.set_widths(table, [Mm(slot.width_mm)])
        row = table.rows[0]
        row.height, row.height_rule = Mm(slot.height_mm), WD_ROW_HEIGHT_RULE.EXACTLY
        cell = row.cells[0]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        ooxml.shade_cell(cell, NO_IMAGE_FILL)
        par = cell.paragraphs[0]
        self.body.set_style(par, PLACEHOLDER)
        par.add_run(slot.missing)
        par.paragraph_format.space_after = 0
