"""The 新旧対照表 (planbook.diff) as PDF and DOCX: both draw the same
format-independent document (planbook.diff.view)."""
from __future__ import annotations

from pathlib import Path

from ..checking import load_plan
from ..diff import SettingError, compare
from ..diff.render_docx import write_docx
from ..diff.render_pdf import write_pdf
from ..diff.view import document as diff_document, settings
from ..proofs.ids import for_source
from ..proofs.rounds import source_label
from ..terminal import scrubbed
from . import Builder, BuildError, Output


class _Diff(Builder):
    """Options: old_dir, new_dir (source folders), order, unchanged (None:
    style.yaml, else the default), old_label, new_label."""
    suffix = ""

    def prepare(self) -> None:
        try:
            self.document()
        except SettingError as e:
            raise BuildError(str(e)) from e

    def document(self):
        if getattr(self, "_doc", None) is None:
            o = self.options
            # an old round's style.yaml may name checks of an older planbook;
            # both sides show the paragraph ids their proofs print (planbook.proofs.ids)
            old = for_source(load_plan(o["old_dir"], with_style=False))
            new = for_source(load_plan(o["new_dir"]))
            order, unchanged = settings(new.style.diff, o.get("order"), o.get("unchanged"))
            self._doc = scrubbed(diff_document(compare(old, new), new.info.title or "",
                                 o.get("old_label") or source_label(Path(o["old_dir"])),
                                 o.get("new_label") or source_label(Path(o["new_dir"]), current=True),
                                 order, unchanged))
        return self._doc


class DiffPdfBuilder(_Diff):
    name = "diff-pdf"
    kind = "diff"
    label = "新旧対照表（PDF）"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        path = Path(outdir) / "diff.pdf"
        return [Output(kind=self.kind, path=path, pages=write_pdf(self.document(), path))]


class DiffDocxBuilder(_Diff):
    name = "diff-docx"
    kind = "diff-docx"
    label = "新旧対照表（DOCX）"

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        path = Path(outdir) / "diff.docx"
        write_docx(self.document(), path)
        return [Output(kind=self.kind, path=path)]
