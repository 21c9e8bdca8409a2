"""The 新旧対照表 (old/new comparison) of two versions of a plan.

- `compare(old_plan, new_plan)` → Comparison: changes grouped by unit
  (基本情報, 基本理念, 将来像, 基本目標NN, 施策NNN, 作品) and rows (paragraphs,
  directions, indicators, credits), with per-character differences;
- `changes(old_plan, new_plan)` → Changes: per paragraph id of the new plan,
  the changed character ranges of its plain text (for the proof's marks);
- `run_diff(old_source, new_source, outdir)` writes the PDF and DOCX.

Settings: the column order (旧 | 新, or 新 | 旧) and whether unchanged parts
are left out or shown as 「（略）」 come from the arguments (CLI: `--order
new-old`, `--unchanged ryaku`), else from the NEW plan's style.yaml:

    diff:
      order: new-old        # old-new (default) | new-old
      unchanged: ryaku      # omit (default) | ryaku
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..builders import Output
from ..load import load_plan
from ..model import Plan
from .compare import compare
from .result import Changes, Comparison
from .view import SettingError, document, settings

__all__ = ["compare", "changes", "run_diff", "Changes", "Comparison", "SettingError"]

FORMATS = ("pdf", "docx")


def changes(old_plan: Plan, new_plan: Plan) -> Changes:
    return compare(old_plan, new_plan).changes


def run_diff(old_source: Path, new_source: Path, outdir: Path, *,
             order: str | None = None, unchanged: str | None = None,
             formats: Sequence[str] = FORMATS, old_label: str | None = None,
             new_label: str | None = None, name: str = "diff") -> list[Output]:
    """Write the 新旧対照表 of two source folders into `outdir` (a staging folder).

    Raises LoadFailed when a source cannot be loaded and SettingError for a
    wrong argument. `order`/`unchanged` None means: style.yaml, else default.
    The labels default to the round (初校（2026-11-01）) or the folder path."""
    from ..rounds import source_label
    old_plan, new_plan = load_plan(old_source, with_style=False), load_plan(new_source)
    order, unchanged = settings(new_plan.style.diff, order, unchanged)
    cmp = compare(old_plan, new_plan)
    doc = document(cmp, new_plan.info.title or "", old_label or source_label(Path(old_source)),
                   new_label or source_label(Path(new_source), current=True), order, unchanged)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = []
    for fmt in formats:
        if fmt == "pdf":
            from .render_pdf import write_pdf
            path = outdir / f"{name}.pdf"
            outputs.append(Output(kind="diff", path=path, pages=write_pdf(doc, path)))
        elif fmt == "docx":
            from .render_docx import write_docx
            path = outdir / f"{name}.docx"
            write_docx(doc, path)
            outputs.append(Output(kind="diff-docx", path=path))
        else:
            raise SettingError(f"新旧対照表の形式「{fmt}」は作れません（pdf か docx）。")
    return outputs
