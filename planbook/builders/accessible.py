"""The tagged PDF edition (PDF/UA-1) of the booklet for screen readers:
the booklet laid out in one WeasyPrint pass with tagging on (a chunked
booklet's structure trees would have to be merged; one pass needs no
merge), then finished by planbook.tagged (split elements joined, link
annotations in Link elements, table headers with /Scope and /Headers,
running heads, folios and decoration as artifacts). Same pages as the
booklet PDF; not a press file (the press files stay PDF/X, untagged)."""
from __future__ import annotations

from pathlib import Path

from .. import tagged
from ..render import typeset
from . import Builder, Output
from .access import require_alt

VARIANT = "pdf/ua-1"


class AccessiblePdfBuilder(Builder):
    name = "pdf-ua"
    kind = "accessible-pdf"
    label = "タグ付き PDF（PDF/UA）"

    def prepare(self) -> None:
        require_alt(self.plan, self.ctx.booklet(), "タグ付き PDF")

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        ctx = self.ctx
        Path(outdir).mkdir(parents=True, exist_ok=True)
        path = Path(outdir) / f"{self.plan.info.output_name}-ua.pdf"
        doc, self.findings = ctx.lay_out(ctx.booklet(), pdf_variant=VARIANT)
        typeset.write(doc, path, pdf_variant=VARIANT)
        tagged.finish(path)
        return [Output(kind=self.kind, path=path, pages=len(doc.pages),
                       extra={"standard": "PDF/UA-1"})]
