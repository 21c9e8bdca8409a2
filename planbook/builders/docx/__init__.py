"""DOCX for staff (庁内照会): the same model, in Word's own structure."""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ... import reproducible
from .. import Builder, Output
from . import ooxml, styles
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
        save_reproducibly(doc, path)
        return [Output(kind=self.kind, path=path)]


def save_reproducibly(doc, path: Path) -> None:
    """Save with the dates of planbook.reproducible (document properties and
    zip entries): the same input gives the same bytes."""
    core = doc.core_properties
    core.created = core.modified = reproducible.build_time().replace(tzinfo=None)
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    Path(path).write_bytes(reproducible.normalise_zip(buffer.getvalue()))
