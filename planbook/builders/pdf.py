"""The booklet PDF through WeasyPrint (layouts/booklet/, planbook.render)."""
from __future__ import annotations

from pathlib import Path

from . import Builder, Output


class PdfBuilder(Builder):
    name = "pdf"
    kind = "booklet"
    label = "冊子の PDF"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        from ..render import render_document
        ctx = self.ctx
        doc = render_document(ctx.booklet(), ctx.layouts, ctx.fonts, roots=[self.plan.source_dir])
        Path(outdir).mkdir(parents=True, exist_ok=True)
        path = Path(outdir) / f"{self.plan.info.output_name}.pdf"
        doc.write_pdf(path)
        return [Output(kind=self.kind, path=path, pages=len(doc.pages))]
