"""The checks as the commands run them. Each layer below knows only what it
is given: the loader validates style.yaml against the check modules it is
passed (planbook.load), and the fonts check looks at the words planbook adds
to the booklet when the runner is given them (planbook.checks.runner). Here
both get everything: every check, and the booklet's own words
(planbook.present.printed)."""
from __future__ import annotations

from pathlib import Path

from . import load
from .checks import all_checks
from .checks import runner
from .findings import Finding
from .model import Plan
from .present.printed import added_text

__all__ = ["load_plan", "run_checks"]


def load_plan(source: str | Path, with_style: bool = True) -> Plan:
    """The plan of a source folder, style.yaml validated against every check
    (planbook.load.load_plan; `with_style=False`: the checks' defaults)."""
    return load.load_plan(source, checks=all_checks(), with_style=with_style)


def run_checks(plan: Plan, final: bool = False) -> list[Finding]:
    """Every check's findings (planbook.checks.runner.run_checks), the fonts
    check including what planbook adds to the booklet."""
    return runner.run_checks(plan, final, printed=added_text)
