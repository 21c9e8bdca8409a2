"""The booklet's content in Word, in the PDF's order, with the PDF's labels."""
from __future__ import annotations

from pathlib import Path

import yaml
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

from ... import present
from ...markup import NoteRef, Plain, Ruby, plain_text, tokens
from ...model import Artwork, Goal, Paragraph, Plan, Policy, Vision
from . import ooxml
from .styles import BODY, COVER, CREDIT, CREDIT_PT, MOTTO, NOTE, PLACEHOLDER, TOC_TITLE

# Printed size of the artwork slots (mm), as in the PDF; layouts/booklet/slots.yaml
# overrides them when the booklet layout defines it.
SLOTS = {"philosophy": (110.0, 78.0), "vision": (150.0, 105.0)}
NO_IMAGE_FILL = "D9D9D9"



def bookmark_name(policy: Policy) -> str:
    return "policy_" + "".join(c if c.isalnum() else "_" for c in policy.code)


def slot_sizes(layouts: Path) -> dict[str, tuple[float, float]]:
    sizes = dict(SLOTS)
    try:
        data = yaml.safe_load((layouts / "booklet" / "slots.yaml").read_text(encoding="utf-8"))
        for kind in sizes:
            entry = data[kind]
            sizes[kind] = (float(entry["width_mm"]), float(entry["height_mm"]))
    except (OSError, TypeError, KeyError, ValueError, yaml.YAMLError):
        pass
    return sizes


class Writer:
    def __init__(self, doc, plan: Plan, final: bool, layouts: Path = Path()):
        self.doc, self.plan, self.final = doc, plan, final
        self.slots = slot_sizes(layouts)
        self.toc_entries: list[tuple[int, str, str]] = []   # level, text, bookmark
        self.bookmarks = 0

    # -- inline text -------------------------------------------------------
    def inline(self, par, text: str, labels: dict[str, str] | None = None,
               markers: bool = True):
        """Runs of a text with markup: ※ markers superscript (left out when
        `markers` is False, e.g. a title repeated away from its notes), ruby."""
        for t in tokens(text):
            if isinstance(t, Plain):
                par.add_run(t.text)
            elif isinstance(t, NoteRef) and markers:
                run = par.add_run((labels or {}).get(t.key, "※"))
                run.font.superscript = True
            elif isinstance(t, Ruby):
                size = par.style.font.size.pt if par.style.font.size else 10.5
                ooxml.add_ruby(par, t.base, t.reading, size)
        return par

    def para(self, p: Paragraph | None, style=BODY, labels=None):
        if p is None:
            return self.placeholder()
        return self.inline(self.doc.add_paragraph(style=style), p.text, labels)

    def text(self, paras, style=BODY, labels=None):
        if not paras:
            self.placeholder()
            return
        for p in paras:
            self.para(p, style, labels)

    def placeholder(self, label: str = "（未入力）"):
        par = self.doc.add_paragraph(label, style=PLACEHOLDER)
        ooxml.paragraph_border(par)
        return par

    def bookmark(self, par, name: str | None = None) -> str:
        self.bookmarks += 1
        name = name or f"_pb_heading_{self.bookmarks}"   # "_": hidden in Word's list
        ooxml.add_bookmark(par, name, self.bookmarks)
        return name

    def heading(self, text: str, level: int, labels=None, new_page=False, bookmark=None,
                markers=True):
        h = self.doc.add_heading(level=level)
        self.inline(h, text, labels, markers)
        h.paragraph_format.page_break_before = new_page or None
        self.toc_entries.append((level, plain_text(text), self.bookmark(h, bookmark)))
        return h

    def page_break(self):
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def notes(self, notes, labels: dict[str, str]):
        for key, label in labels.items():
            note = next((n for n in notes if n.key == key), None)
            if note is None:
                continue
            par = self.doc.add_paragraph(style=NOTE)
            par.add_run(label + " ")
            if note.text is None:
                par.add_run(present.PLACEHOLDER)
            else:
                self.inline(par, note.text.text)

    # -- parts ---------------------------------------------------------------
    def cover(self):
        info = self.plan.info
        for _ in range(6):
            self.doc.add_paragraph()
        self.doc.add_paragraph(info.title or present.PLACEHOLDER, style="Title")
        for text, size, before in ((info.subtitle, 16, 6), (present.period_label(self.plan), 12, 6),
                                   (info.municipality, 20, 120)):
            par = self.doc.add_paragraph(style=COVER)
            par.add_run(text or present.PLACEHOLDER).font.size = Pt(size)
            par.paragraph_format.space_before = Pt(before)
        self.page_break()

    def toc(self):
        self.doc.add_paragraph("目次", style=TOC_TITLE)
        self.toc_anchor = self.doc.add_paragraph()
        self.page_break()

    def fill_toc(self):
        """The TOC field, with the headings as its cached result so that a
        reader that does not update fields still shows the contents."""
        if not self.toc_entries:
            return
        anchor = self.toc_anchor._p
        pars = []
        for level, _, _ in self.toc_entries:
            par = self.doc.add_paragraph(style=f"toc {level}")
            anchor.addprevious(par._p)
            pars.append(par)
        ooxml.add_toc(pars, [(text, mark) for _, text, mark in self.toc_entries])
        anchor.getparent().remove(anchor)

    def philosophy(self):
        ph = self.plan.concept.philosophy
        self.heading("基本理念", 1)
        if ph is None:
            self.placeholder()
            return
        self.text(ph.lead)
        self.para(ph.motto, MOTTO)
        self.text(ph.body)
        self.artwork(self.plan.artwork_slot(ph.artwork), "philosophy")

    def vision_title(self, v: Vision, markup: bool = False) -> str:
        """将来像1 「title」 suffix; with the title's inline markup (ruby) when
        `markup`, for headings."""
        if v.title is None:
            title = present.PLACEHOLDER
        else:
            title = v.title.text if markup else plain_text(v.title.text)
        suffix = f" {self.plan.info.vision_suffix}" if self.plan.info.vision_suffix else ""
        return f"将来像{v.number} 「{title}」{suffix}"

    def visions(self):
        self.heading("将来像", 1, new_page=True)
        self.text(self.plan.concept.visions_intro)
        for v in self.plan.concept.visions:
            self.heading(self.vision_title(v, markup=True), 2, markers=False)
            self.text(v.summary)

    def goals(self):
        self.heading("基本目標", 1, new_page=True)
        for v in self.plan.concept.visions:
            self.heading(self.vision_title(v, markup=True), 2, markers=False)
            for g in v.goals:
                self.goal(g)

    def goal_title(self, g: Goal) -> str:
        return f"基本目標{g.code} {g.title.text if g.title else present.PLACEHOLDER}"

    def goal(self, g: Goal):
        labels = present.goal_note_labels(g)
        self.heading(self.goal_title(g), 3, labels)
        self.text(g.body, labels=labels)
        self.notes(g.notes, labels)

    # -- artwork -------------------------------------------------------------
    def artwork(self, art: Artwork | None, kind: str):
        """The image at the PDF's slot size, or a grey box reading 作品画像 未着;
        then the credit, the reading as ruby over the name."""
        width, height = self.slots[kind]
        credit = present.credit(art, self.final)
        path = art.image_path if art else None
        if path is not None and path.exists() and credit.get("show_image", True):
            par = self.doc.add_paragraph(style=CREDIT)
            pic = par.add_run().add_picture(str(path), width=Mm(width))
            if pic.height > Mm(height):
                pic.width, pic.height = int(pic.width * Mm(height) / pic.height), Mm(height)
        else:
            self.no_image_box(width, height)
        if credit:
            par = self.doc.add_paragraph(style=CREDIT)
            par.add_run(f"{credit['school']} {credit['grade']} ")
            if credit["name"]:
                if credit["reading"]:
                    ooxml.add_ruby(par, credit["name"], credit["reading"], CREDIT_PT)
                else:
                    par.add_run(credit["name"])
                par.add_run(" さん")
            if credit["consent_note"]:
                par.add_run(credit["consent_note"])

    def no_image_box(self, width: float, height: float):
        table = self.doc.add_table(rows=1, cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.set_widths(table, [Mm(width)])
        row = table.rows[0]
        row.height, row.height_rule = Mm(height), WD_ROW_HEIGHT_RULE.EXACTLY
        cell = row.cells[0]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        ooxml.shade_cell(cell, NO_IMAGE_FILL)
        par = cell.paragraphs[0]
        par.style = PLACEHOLDER
        par.add_run(present.NO_IMAGE)
        par.paragraph_format.space_after = 0
