"""The 新旧対照表 (old/new comparison) of two versions of a plan.

- `compare(old_plan, new_plan)` → Comparison: changes grouped by unit
  (基本情報, 基本理念, 将来像, 基本目標NN, 施策NNN, 作品) and rows (paragraphs,
  directions, indicators, credits), with per-character differences;
- `changes(old_plan, new_plan)` → Changes: per paragraph id of the new plan,
  the changed character ranges of its plain text (for the proof's marks).
The PDF and DOCX are written by the diff builders (planbook.builders.diff),
through planbook.pipeline.diff (`planbook diff`).

Settings: the column order (旧 | 新, or 新 | 旧) and whether unchanged parts
are left out or shown as 「（略）」 come from the arguments (CLI: `--order
new-old`, `--unchanged ryaku`), else from the NEW plan's style.yaml:

    diff:
      order: new-old        # old-new (default) | new-old
      unchanged: ryaku      # omit (default) | ryaku
"""
from __future__ import annotations

from ..model import Plan
from .compare import compare
from .result import Changes, Comparison
from .view import SettingError

__all__ = ["compare", "changes", "Changes", "Comparison", "SettingError"]


def changes(old_plan: Plan, new_plan: Plan) -> Changes:
    return compare(old_plan, new_plan).changes
