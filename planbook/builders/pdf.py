"""The booklet PDF through WeasyPrint (layouts/booklet/, planbook.render)."""
from __future__ import annotations

from pathlib import Path

from . import Builder, Output


class PdfBuilder(Builder):
    name = "pdf"
    kind = "booklet"
    label = "冊子の PDF"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        ctx = self.ctx
        doc, self.findings = ctx.lay_out(ctx.booklet())
        Path(outdir).mkdir(parents=True, exist_ok=True)
        path = Path(outdir) / f"{self.plan.info.output_name}.pdf"
        doc.write_pdf(path)
        return [Output(kind=self.kind, path=path, pages=len(doc.pages))]
