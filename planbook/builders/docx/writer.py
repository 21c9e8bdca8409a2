"""The booklet's content in Word, in the PDF's order, with the PDF's labels."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from ... import present
from ...markup import NoteRef, Plain, Ruby, plain_text, tokens
from ...model import Artwork, Goal, Paragraph, Plan, Policy, Vision
from . import ooxml
from .styles import (BODY, CREDIT, GOTHIC, LABEL, MINCHO, MOTTO, NOTE, PLACEHOLDER,
                     TABLE)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled(n: int) -> str:
    return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else f"({n})"


def bookmark_name(policy: Policy) -> str:
    return "policy_" + "".join(c if c.isalnum() else "_" for c in policy.code)


class Writer:
    def __init__(self, doc, plan: Plan, final: bool):
        self.doc, self.plan, self.final = doc, plan, final

    # -- inline text -------------------------------------------------------
    def inline(self, par, text: str, labels: dict[str, str] | None = None, bold=False):
        for t in tokens(text):
            if isinstance(t, Plain):
                run = par.add_run(t.text)
                run.bold = bold or None
            elif isinstance(t, NoteRef):
                run = par.add_run((labels or {}).get(t.key, "※"))
                run.font.superscript = True
            elif isinstance(t, Ruby):
                size = par.style.font.size.pt if par.style.font.size else 10.5
                ooxml.add_ruby(par, t.base, t.reading, size, MINCHO)
        return par

    def para(self, p: Paragraph | None, style=BODY, labels=None, bold=False):
        if p is None:
            return self.placeholder()
        return self.inline(self.doc.add_paragraph(style=style), p.text, labels, bold)

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

    def heading(self, text: str, level: int, labels=None, new_page=False):
        h = self.doc.add_heading(level=level)
        self.inline(h, text, labels)
        h.paragraph_format.page_break_before = new_page or None
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
        title = self.doc.add_paragraph(info.title or present.PLACEHOLDER, style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, size in ((info.subtitle, 16), (present.period_label(self.plan), 12),
                           (info.municipality, 18)):
            par = self.doc.add_paragraph(style=CREDIT)
            run = par.add_run(text or present.PLACEHOLDER)
            run.font.size = Pt(size)
            par.paragraph_format.space_before = Pt(18)
        self.page_break()

    def toc(self):
        par = self.doc.add_paragraph(style=LABEL)
        par.add_run("目次").font.size = Pt(16)
        self.toc_anchor = par
        self.page_break()

    def fill_toc(self):
        """The TOC field, with the headings as its cached result so that a
        reader that does not update fields still shows the contents."""
        lines = [("\u3000" * (int(p.style.name[-1]) - 1)) + p.text
                 for p in self.doc.paragraphs
                 if p.style.name in ("Heading 1", "Heading 2") and p.text]
        par = self.doc.add_paragraph()
        ooxml.add_field(par, 'TOC \\o "1-3" \\h \\z \\u', lines)
        self.toc_anchor._p.addnext(par._p)

    def philosophy(self):
        ph = self.plan.concept.philosophy
        self.heading("基本理念", 1)
        self.text(ph.lead)
        self.para(ph.motto, MOTTO)
        self.text(ph.body)
        self.artwork(self.plan.artwork_slot(ph.artwork), ph.artwork)

    def vision_title(self, v: Vision) -> str:
        title = plain_text(v.title.text) if v.title else present.PLACEHOLDER
        suffix = f" {self.plan.info.vision_suffix}" if self.plan.info.vision_suffix else ""
        return f"将来像{v.number} 「{title}」{suffix}"

    def visions(self):
        self.heading("将来像", 1, new_page=True)
        self.text(self.plan.concept.visions_intro)
        for v in self.plan.concept.visions:
            self.heading(self.vision_title(v), 2)
            self.text(v.summary)

    def goals(self):
        self.heading("基本目標", 1, new_page=True)
        for v in self.plan.concept.visions:
            self.heading(self.vision_title(v), 2)
            for g in v.goals:
                self.goal(g)

    def goal(self, g: Goal):
        labels = present.goal_note_labels(g)
        title = g.title.text if g.title else present.PLACEHOLDER
        self.heading(f"基本目標{g.code} {title}", 3, labels)
        self.text(g.body, labels=labels)
        self.notes(g.notes, labels)

    def artwork(self, art: Artwork | None, slot: str | None):
        credit = present.credit(art, self.final)
        path = art.image_path if art else None
        if path is not None and path.exists() and credit.get("show_image", True):
            par = self.doc.add_paragraph(style=CREDIT)
            par.add_run().add_picture(str(path), width=Mm(120))
        else:
            par = self.doc.add_paragraph(present.NO_IMAGE, style=PLACEHOLDER)
            ooxml.paragraph_shading(par, "D9D9D9")
            par.paragraph_format.space_before = Pt(24)
            par.paragraph_format.space_after = Pt(24)
        if credit:
            par = self.doc.add_paragraph(style=CREDIT)
            par.add_run(f"{credit['school']} {credit['grade']} ")
            if credit["name"]:
                if credit["reading"]:
                    ooxml.add_ruby(par, credit["name"], credit["reading"], 10, GOTHIC)
                else:
                    par.add_run(credit["name"])
                par.add_run(" さん")
            if credit["consent_note"]:
                par.add_run(credit["consent_note"])
