"""Output builders, one small class per output (in the spirit of Sphinx).

The pipeline names no format: a command lists builder names, the registry
maps each to its class, and every builder gets the same BuildContext (the
model, the findings, the mode). What only one output needs (a proof's round
and marks, a 新旧対照表's two versions, print settings) is given to that
builder as its own options, never put on the shared context.

A builder may refuse in `prepare()` (BuildError, a Japanese message) before
anything is written; `build()` writes into the staging folder and returns
its Outputs; `publish()` makes, as part of putting the outputs in place,
what lives outside OUT (undone if the run fails); `finish()` runs after the
outputs are in place.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..findings import Finding
from ..model import Plan
from ..present import booklet
from ..slots import slot_sizes
from ..terminal import scrubbed

# name -> "module:Class"; imported only when used.
REGISTRY: dict[str, str] = {
    "pdf": "planbook.builders.pdf:PdfBuilder",
    "docx": "planbook.builders.docx:DocxBuilder",
    "check-report": "planbook.builders.report:CheckReportBuilder",
    "proof": "planbook.builders.proof:ProofBuilder",
    "diff-pdf": "planbook.builders.diff:DiffPdfBuilder",
    "diff-docx": "planbook.builders.diff:DiffDocxBuilder",
    "print-body": "planbook.builders.printing:PrintBodyBuilder",
    "print-cover": "planbook.builders.printing:PrintCoverBuilder",
    "preflight": "planbook.builders.printing:PreflightBuilder",
    "html": "planbook.builders.web:HtmlBuilder",
    "pdf-ua": "planbook.builders.accessible:AccessiblePdfBuilder",
    "progress-report": "planbook.builders.progress:ProgressReportBuilder",
    "progress-workbook": "planbook.builders.progress:ProgressWorkbookBuilder",
    "progress-csv": "planbook.builders.progress:ProgressCsvBuilder",
    "forms": "planbook.builders.forms:FormsBuilder",
    "progress-forms": "planbook.builders.progress_forms:ProgressFormsBuilder",
    "intake-report": "planbook.builders.intake:IntakeReportBuilder",
}
# What `build --format` may choose.
BOOKLET_FORMATS = ("pdf", "docx", "html", "pdf-ua")
DEFAULT_FORMATS = ("pdf", "docx")

DRAFT, FINAL, PRINT = "draft", "final", "print"


class BuildError(Exception):
    """An output cannot be made; the message is Japanese and nothing is written."""


@dataclass
class Output:
    """A file a builder wrote into the staging folder."""
    kind: str                   # manifest kind: booklet, docx, check-report, …
    path: Path                  # inside the staging folder
    pages: int | None = None
    extra: dict = field(default_factory=dict)     # recorded in the manifest
    data: object = field(default=None, repr=False, compare=False)   # for later builders only
    whole: bool = field(default=False, compare=False)   # earlier files of its kind not made again go


@dataclass
class BuildContext:
    """What every builder may use besides its own options."""
    plan: Plan
    findings: list[Finding]
    mode: str = DRAFT           # draft | final | print
    layouts: Path = paths.LAYOUTS
    fonts: Path = paths.FONTS
    _views: dict = field(default_factory=dict, repr=False)

    @property
    def final(self) -> bool:
        return self.mode != DRAFT

    def lay_out(self, view, stylesheets=(), **options):
        """The booklet view laid out (planbook.render), with the layout's
        findings (a 施策 longer than its template) for the builder to report."""
        from ..render import overflow, render_document  # lazy: not for `check`
        doc = render_document(view, self.layouts, self.fonts, roots=[self.plan.source_dir],
                              stylesheets=stylesheets, **options)
        return doc, overflow.findings(self.plan, doc, view.policy_pages, self.final)

    def write_booklet(self, view, target: Path, jobs: int = 0, cache: Path | None = None):
        """The booklet view laid out and written to `target` (planbook.render.chunks:
        on `jobs` processes, 0: all cores, reusing what `cache` keeps): (page
        count, layout findings, what the manifest records of the layout)."""
        from ..render import chunks, overflow  # lazy: not for `check`
        written = chunks.write_booklet(view, target, layouts=self.layouts, fonts=self.fonts,
                                       roots=[self.plan.source_dir], jobs=jobs, cache=cache)
        return (len(written.pages),
                overflow.findings(self.plan, written, view.policy_pages, self.final),
                written.record)

    def booklet(self, marks: dict | None = None):
        """The presentation model of the booklet (planbook.present), built once
        per set of proof marks."""
        return self.shared(("booklet", id(marks) if marks else None),
                           lambda: scrubbed(booklet(self.plan, slot_sizes(self.layouts),
                                                    self.final, marks)))

    def shared(self, key, make):
        """A view several builders draw, made once per run (`make()`) under `key`."""
        if key not in self._views:
            self._views[key] = make()
        return self._views[key]


class Builder:
    name = ""                   # the name in the registry
    label = ""                  # what it makes, for progress lines (Japanese)
    kind = ""                   # the manifest kind of its main output
    kinds: tuple[str, ...] = ()  # its other manifest kinds (the files of a folder output)
    whole = False               # its earlier files not made again are removed (a folder)

    def __init__(self, ctx: BuildContext, **options):
        self.ctx = ctx
        self.plan = ctx.plan
        self.options = options
        self.findings: list[Finding] = []    # what only the output shows (layout)

    def prepare(self) -> None:
        """Raise BuildError when this output cannot be made."""

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        """Write into `outdir` (staging); `done`: the outputs of the builders before."""
        raise NotImplementedError

    def publish(self):
        """While the outputs are put in place (planbook.package), under the
        lock on OUT: make what lives elsewhere (a proof's round record) and
        return how to undo it, or None. A failure here undoes the whole run."""
        return None

    def finish(self, entries: list[dict]) -> list[str]:
        """After the outputs are in place; lines to tell the user. Must not fail."""
        return []


def get(name: str) -> type[Builder]:
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)
