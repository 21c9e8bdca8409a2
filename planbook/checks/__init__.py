"""Checks: pure functions of the model, one module per check.

A check module defines
  ID        stable id, e.g. "text-doubled"
  TITLE     one line in Japanese, for the list in docs/checks.md
  SEVERITY  severity in a draft: "error" or "warning" (style.yaml may change it)
  FINAL     True when the finding is an error with --final and in `print`
            (whatever style.yaml says; planbook.checks.runner.severity_of)
  OPTIONS   its settings: name -> type of planbook.load.schema (Int(1, 1000),
            Bool(), ListOf(Str()) …); style.yaml sets them under checks.<ID>
            and the loader validates them against these types
  DEFAULTS  name -> value for every option (lists as tuples)
  check(plan, options) -> iterable of Hit; `options` is a read-only mapping
            of every option, typed and validated, the defaults filled in
  PRINTED   (optional) True for a check of everything printed: it is called
            check(plan, options, printed), `printed(plan)` giving the strings
            planbook adds to the booklet (planbook.checks.runner.run_checks)
and its docstring carries a passing and a failing example (合格例 (pass)::,
不合格例 (fail)::): plain text, placed in a 施策's 10年後の姿, or YAML
snippets each under a `# policies/111.yaml` line naming its file. The tests
run both against a small complete plan (tests/checks/helpers.py).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from ..model import Loc


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check says; the runner adds id and severity."""
    message: str
    loc: Loc | None = None
    unit: str = ""
    key: str = ""          # what the finding is about, for silencing in style.yaml
    excerpt: str = ""      # the text around the place, as printed
    span: tuple[int, int] | None = None   # the offending part of `excerpt`


def all_checks() -> list[ModuleType]:
    mods = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "runner":
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "ID") and hasattr(mod, "check"):
            mods.append(mod)
    return sorted(mods, key=lambda m: m.ID)
