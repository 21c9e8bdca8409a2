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
from .view import SettingError

__all__ = ["compare", "changes", "run_diff", "Changes", "Comparison", "SettingError"]

FORMATS = ("pdf", "docx")


def changes(old_plan: Plan, new_plan: Plan) -> Changes:
    return compare(old_plan, new_plan).changes


def run_diff(old_source: Path, new_source: Path, outdir: Path, *,
             order: str | None = None, unchanged: str | None = None,
             formats: Sequence[str] = FORMATS, old_label: str | None = None,
             new_label: str | None = None) -> list[Output]:
    """Write the 新旧対照表 of two source folders into `outdir` through the
    diff builders (planbook.builders.diff), outside a pipeline run.

    Raises LoadFailed when a source cannot be loaded and SettingError for a
    wrong setting."""
    from ..builders import BuildContext, BuildError, get
    ctx = BuildContext(plan=load_plan(new_source), findings=[])
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    outputs: list[Output] = []
    for fmt in formats:
        if f"diff-{fmt}" not in ("diff-pdf", "diff-docx"):
            raise SettingError(f"新旧対照表の形式「{fmt}」は作れません（pdf か docx）。")
        builder = get(f"diff-{fmt}")(ctx, old_dir=old_source, new_dir=new_source, order=order,
                                     unchanged=unchanged, old_label=old_label, new_label=new_label)
        try:
            builder.prepare()
        except BuildError as e:
            raise SettingError(str(e)) from e
        outputs += builder.build(outdir, outputs)
    return outputs
