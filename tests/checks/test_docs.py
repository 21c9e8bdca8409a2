"""The check modules' docstrings: the README list is generated from them, and
the text rules' 合格例 / 不合格例 really pass and fail."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import findings
from planbook.checks import all_checks

sys.path.insert(0, str(ROOT / "scripts"))
from gen_checks_doc import examples  # noqa: E402

TEXT_RULES = [m for m in all_checks() if m.ID.startswith("text-")]


def _first_line(code: str) -> str:
    return re.sub(r"\s+#.*$", "", code.splitlines()[0]).strip()


def _set_line_7(source: Path, text: str) -> None:
    path = source / "policies/111.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = f"  {text}\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("mod", TEXT_RULES, ids=lambda m: m.ID)
def test_text_rule_examples_behave_as_documented(complete_copy, mod):
    ex = dict(examples(mod.__doc__))
    good = " ".join(_first_line(line) for line in ex["合格例"].splitlines() if line.strip())
    _set_line_7(complete_copy, good)
    assert findings(complete_copy, mod.ID) == [], good
    bad = _first_line(ex["不合格例"])
    _set_line_7(complete_copy, bad)
    assert findings(complete_copy, mod.ID), bad


def test_generated_list_names_every_check():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/gen_checks_doc.py")],
                         capture_output=True, text=True, check=True).stdout
    for mod in all_checks():
        assert f"| `{mod.ID}` | {mod.TITLE} |" in out
        assert f"#### `{mod.ID}`" in out
    assert "`max_length: 120`" in out and "warning（--final では error）" in out
