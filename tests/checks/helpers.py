from pathlib import Path

import pytest

from planbook.checks.runner import run_checks
from planbook.findings import LoadFailed
from planbook.load import load_plan

# A sentence of the complete test plan (policies/111.yaml, line 7) that tests rewrite.
SENTENCE = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"
SENTENCE_FILE, SENTENCE_LINE = "policies/111.yaml", 7


def findings(source: Path, code: str, final: bool = False):
    return [f for f in run_checks(load_plan(source), final=final) if f.code == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_sentence(source: Path, new: str) -> None:
    """Replace the sentence of policies/111.yaml:7 with `new` (one line)."""
    edit(source / SENTENCE_FILE, SENTENCE, new)


def style(source: Path, text: str) -> None:
    (source / "style.yaml").write_text(text, encoding="utf-8")


def load_errors(source: Path):
    """The findings of a load that must fail."""
    with pytest.raises(LoadFailed) as e:
        load_plan(source)
    return e.value.findings
