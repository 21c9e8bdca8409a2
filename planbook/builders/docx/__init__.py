"""DOCX for staff (庁内照会): the same model, in Word's own structure."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .. import Builder, Output
from . import ooxml, styles
from .pages import PageWriter


class DocxBuilder(Builder):
    name = "docx"
    kind = "docx"

    def build(self, outdir: Path) -> list[Output]:
        plan = self.plan
        doc = Document()
        styles.define(doc)
        styles.page_setup(doc)
        core = doc.core_properties
        core.title = plan.info.title or ""
        core.author = plan.info.municipality or ""
        core.language = "ja-JP"
        footer = doc.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.add_field(footer, "PAGE")
        w = PageWriter(doc, plan, self.ctx.final, self.ctx.layouts)
        w.cover()
        w.toc()
        w.philosophy()
        w.visions()
        w.goals()
        w.system_table()
        for v in plan.concept.visions:
            w.vision_part(v)
        w.fill_toc()
        ooxml.japanese_settings(doc)
        path = outdir / f"{plan.info.output_name}.docx"
        doc.save(path)
        return [Output(kind=self.kind, path=path)]
