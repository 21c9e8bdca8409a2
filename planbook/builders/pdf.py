"""The booklet PDF through WeasyPrint (layouts/booklet/, planbook.render):
laid out in parts on all cores and joined (options `jobs`, `cache`: the
folder of the parts kept between runs), or in one pass (`jobs=1`, no cache)."""
from __future__ import annotations

from pathlib import Path

from . import Builder, Output


class PdfBuilder(Builder):
    name = "pdf"
    kind = "booklet"
    label = "冊子の PDF"

    def start(self) -> None:
        self.ctx.start_booklet(self.ctx.booklet(), jobs=self.options.get("jobs", 0),
                               cache=self.options.get("cache"))

    def stop(self) -> None:
        self.ctx.stop_booklet(self.ctx.booklet())

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        ctx = self.ctx
        Path(outdir).mkdir(parents=True, exist_ok=True)
        path = Path(outdir) / f"{self.plan.info.output_name}.pdf"
        pages, self.findings, extra = ctx.write_booklet(ctx.booklet(), path,
                                                        jobs=self.options.get("jobs", 0),
                                                        cache=self.options.get("cache"))
        return [Output(kind=self.kind, path=path, pages=pages, extra=extra)]
