from pathlib import Path

from planbook.checks.runner import run_checks
from planbook.load import load_plan


def findings(source: Path, code: str, final: bool = False):
    return [f for f in run_checks(load_plan(source), final=final) if f.code == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
