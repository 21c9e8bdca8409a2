"""Press files for the print vendor (入稿データ, planbook.printing), under
print/: the body and the cover as PDF/X, the preflight report (HTML and
JSON) with the vendor's README.txt. Options of each: pdf_x, binding (the
command line's overrides of plan.yaml `print:`)."""
from __future__ import annotations

from pathlib import Path

from ..printing import PDFX_NAMES, PrintError, PrintOptions, output_intent, preflight, vendor_readme
from ..printing import settings as print_settings
from ..printing.body import BodyError, render_body
from ..printing.cover import CoverError, render_cover
from ..printing.spine import binding_refusal
from ..printing.x1a import ConversionError, convert
from . import Builder, BuildError, Output

FOLDER = "print"


class _Print(Builder):
    def settings(self):
        return print_settings(self.plan, PrintOptions(pdf_x=self.options.get("pdf_x"),
                                                binding=self.options.get("binding")))

    def intent(self):
        """The output intent (planbook.printing.colour): refuses before
        anything is rendered what cannot be stated honestly."""
        if getattr(self, "_intent", None) is None:
            try:
                self._intent = output_intent(self.plan, self.settings())
            except PrintError as e:
                raise BuildError(str(e)) from e
        return self._intent

    def prepare(self) -> None:
        self.intent()

    def folder(self, outdir: Path) -> Path:
        out = Path(outdir) / FOLDER
        out.mkdir(parents=True, exist_ok=True)
        return out

    def to_pdf_x1a(self, path: Path, label: str) -> list[str]:
        """Convert to PDF/X-1a when asked; notes on flattened pages."""
        if self.settings().pdf_x != "1a":
            return []
        try:
            flat = convert(path, self.intent(), label)
        except ConversionError as e:
            raise BuildError(str(e)) from e
        if not flat:
            return []
        return [f"{path.name}: 透明効果のある {', '.join(map(str, flat))} ページは"
                "、PDF/X-1a にするため画像に統合しました（文字も画像になっています）。"]


def _find(done: list[Output], kind: str) -> Output:
    for o in done:
        if o.kind == kind:
            return o
    raise BuildError(f"入稿データの「{kind}」がまだ作られていません（組み合わせの誤り）。")


class PrintBodyBuilder(_Print):
    name = "print-body"
    kind = "print-body"
    label = "入稿用の本文"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        s, ctx = self.settings(), self.ctx
        path = self.folder(outdir) / f"{self.plan.info.output_name}-body.pdf"
        try:
            body = render_body(ctx.lay_out, ctx.booklet(), ctx.layouts, ctx.fonts, s.bleed_mm,
                               s.page_multiple, self.intent(), s.max_ink_percent, path)
        except BodyError as e:
            raise BuildError(str(e)) from e
        self.findings = body.findings
        notes = self.to_pdf_x1a(path, self.plan.info.title or "")
        return [Output(self.kind, path, pages=body.pages,
                       extra={"pdf_x": PDFX_NAMES[s.pdf_x], "padded_pages": body.padded,
                              "blank_pages": body.blank},
                       data={"body": body, "notes": notes})]


class PrintCoverBuilder(_Print):
    name = "print-cover"
    kind = "print-cover"
    label = "入稿用の表紙"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        s, ctx = self.settings(), self.ctx
        body = _find(done, "print-body").data["body"]
        refusal = binding_refusal(body.pages, s)
        if refusal:
            raise BuildError(refusal)
        path = self.folder(outdir) / f"{self.plan.info.output_name}-cover.pdf"
        try:
            geometry = render_cover(self.plan, ctx.booklet(), s, body.pages, body.trim_mm,
                                    Path(ctx.layouts), Path(ctx.fonts), self.intent(), path,
                                    roots=[self.plan.source_dir])
        except (BodyError, CoverError) as e:
            raise BuildError(str(e)) from e
        notes = self.to_pdf_x1a(path, f"{self.plan.info.title or ''} 表紙")
        return [Output(self.kind, path, pages=geometry["pages"],
                       extra={"spine_mm": geometry["spine_mm"], "width_mm": geometry["width_mm"]},
                       data={"geometry": geometry, "notes": notes})]


class PreflightBuilder(_Print):
    name = "preflight"
    kind = "preflight"
    label = "プリフライト"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        s = self.settings()
        body, cover = _find(done, "print-body"), _find(done, "print-cover")
        out = self.folder(outdir)
        notes = body.data["notes"] + cover.data["notes"]
        report = preflight.run(self.plan, s, body.data["body"], cover.data["geometry"],
                               self.intent(),
                               [("print-body", body.path), ("print-cover", cover.path)], out, notes)
        if report["problems"]:
            raise BuildError("入稿前の検査（プリフライト）で、印刷会社に戻される問題が見つかりました:\n"
                             + "\n".join(f"・{p}" for p in report["problems"]))
        readme = out / "README.txt"
        readme.write_text(vendor_readme.text(self.plan, s, report), encoding="utf-8")
        return [Output("preflight", out / "preflight.html"),
                Output("preflight-json", out / "preflight.json"),
                Output("print-readme", readme)]
