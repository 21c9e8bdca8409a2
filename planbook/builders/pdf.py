"""The booklet PDF through WeasyPrint (layouts/booklet/, planbook.render)."""
from __future__ import annotations

from pathlib import Path

from . import Builder, Output
from ..render import render_document


class PdfBuilder(Builder):
    name = "pdf"
    kind = "booklet"

    def build(self, outdir: Path) -> list[Output]:
        doc = render_document(self.plan, self.ctx)
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        path = outdir / f"{self.plan.info.output_name}.pdf"
        doc.write_pdf(path)
        return [Output(kind=self.kind, path=path, pages=len(doc.pages))]
