"""The booklet PDF (layouts/booklet/, planbook.render.chunks); options
`jobs` (processes laying it out) and `cache` (the folder of what is kept
between runs)."""
from __future__ import annotations

from pathlib import Path

from . import Builder, Output


class PdfBuilder(Builder):
    name = "pdf"
    kind = "booklet"
    label = "冊子の PDF"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        ctx = self.ctx
        Path(outdir).mkdir(parents=True, exist_ok=True)
        path = Path(outdir) / f"{self.plan.info.output_name}.pdf"
        pages, self.findings, extra = ctx.write_booklet(ctx.booklet(), path,
                                                        jobs=self.options.get("jobs", 0),
                                                        cache=self.options.get("cache"))
        return [Output(kind=self.kind, path=path, pages=pages, extra=extra)]
