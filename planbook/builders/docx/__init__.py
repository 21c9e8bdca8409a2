"""DOCX for staff (庁内照会): the same model, in Word's own structure."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ... import ooxml
from .. import Builder, Output
from . import styles
from .pages import PageWriter


class DocxBuilder(Builder):
    name = "docx"
    kind = "docx"
    label = "DOCX"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        plan = self.plan
        view = self.ctx.booklet()
        doc = Document()
        styles.define(doc)
        styles.page_setup(doc)
        core = doc.core_properties
        core.title = view.title
        core.author = view.author
        core.language = "ja-JP"
        footer = doc.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.add_field(footer, "PAGE")
        w = PageWriter(doc, view, plan.source_dir)
        w.cover()
        w.toc()
        w.philosophy()
        w.visions()
        w.goals()
        w.system_table()
        for part in view.parts:
            w.vision_part(part)
        w.orphans()
        w.fill_toc()
        ooxml.japanese_settings(doc)
        Path(outdir).mkdir(parents=True, exist_ok=True)
        path = Path(outdir) / f"{plan.info.output_name}.docx"
        ooxml.save_reproducibly(doc, path)
        return [Output(kind=self.kind, path=path)]
