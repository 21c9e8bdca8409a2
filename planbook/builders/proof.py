"""Proofs for a proofreading round: the draft booklet stamped with the round
and date on every page (layouts/proof/proof.css), each paragraph's id in the
margin, what changed since OLD marked; one packet per 担当課 on request."""
from __future__ import annotations

from pathlib import Path

from ..files import safe_name
from . import Builder, BuildError, Output


def stamp_text(number: int, date: str) -> str:
    from ..rounds import round_name
    return f"{round_name(number)}　{date}"


class ProofBuilder(Builder):
    """Options: number (the round), date, marks (paragraph id -> changed
    ranges), by_department (bool)."""
    name = "proof"
    kind = "proof"
    label = "校正刷り"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        from ..render import Stylesheet
        o, ctx = self.options, self.ctx
        marks = o.get("marks") or {}
        view = ctx.booklet(marks)
        sheet = Stylesheet("proof/proof.css", {"stamp": stamp_text(o["number"], o["date"])})
        doc, self.findings = ctx.lay_out(view, [sheet])
        path = Path(outdir) / f"{self.plan.info.output_name}-proof-{o['number']}.pdf"
        doc.write_pdf(path)
        outputs = [Output(kind=self.kind, path=path, pages=len(doc.pages),
                          extra={"round": o["number"], "date": o["date"], "changed": len(marks)})]
        if o.get("by_department"):
            outputs += self.packets(view, doc, path, Path(outdir))
        return outputs

    def packets(self, view, doc, proof_pdf: Path, outdir: Path) -> list[Output]:
        """One PDF per department: a cover sheet, then only its 施策 pages."""
        import jinja2
        import weasyprint
        from pypdf import PdfReader, PdfWriter

        from ..render import policy_pages
        from ..render.fetch import url_fetcher
        from ..render.fonts import font_config
        from ..rounds import round_name
        o, ctx = self.options, self.ctx
        pages = policy_pages(doc)
        by_code = {p.code: p for p in view.written_policies()}
        departments: dict[str, list] = {}
        for p in self.plan.policies:
            if p.code in pages and p.code in by_code:
                for d in p.departments:
                    departments.setdefault(d, []).append(by_code[p.code])
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(ctx.layouts) / "proof"),
                                 autoescape=True)
        reader = PdfReader(proof_pdf)
        outputs = []
        for i, (dept, policies) in enumerate(sorted(departments.items()), 1):
            html = env.get_template("packet-cover.html").render(
                title=view.title, department=dept, round=round_name(o["number"]), date=o["date"],
                rows=[(p.heading.label, p.heading.title.plain, pages[p.code]) for p in policies],
                fonts=Path(ctx.fonts).resolve().as_uri())
            cover = outdir / f".cover-{i}.pdf"
            weasyprint.HTML(string=html, url_fetcher=url_fetcher([ctx.fonts])).write_pdf(
                cover, font_config=font_config(ctx.fonts))
            writer = PdfWriter()
            writer.append(str(cover))
            for p in policies:
                first, last = pages[p.code]
                writer.append(reader, pages=(first - 1, last))
            path = outdir / f"packet-{i:02d}-{safe_name(dept)}.pdf"
            with open(path, "wb") as f:
                writer.write(f)
            cover.unlink()
            outputs.append(Output(kind="packet", path=path, pages=len(writer.pages),
                                  extra={"department": dept,
                                         "policies": [p.code for p in policies]}))
        return outputs

    def prepare(self) -> None:
        if int(self.options["number"]) < 1:
            raise BuildError(f"校正の回は 1 以上で指定してください（いまは {self.options['number']}）。")

    def publish(self):
        """Record the round in source/rounds/N/ as the proof is put in place
        (planbook.package): a record that cannot be made undoes the proof."""
        o = self.options
        if not o.get("record", True):
            return None
        from ..rounds import stage_round
        self.recorded, self._done = stage_round(self.plan.source_dir, o["number"], o["date"],
                                                o["repo_root"])
        return lambda: self._done(False)

    def finish(self, entries: list[dict]) -> list[str]:
        o = self.options
        if getattr(self, "_done", None) is None:
            return []
        self._done(True)
        return [f"この回の内容を {self.recorded} に記録しました。次の回で --against round:{o['number']} と"
                "して比べられます（リポジトリに commit してください）。"]
