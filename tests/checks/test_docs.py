"""The check modules' docstrings: the list in docs/checks.md is generated from them, and
every check's 合格例 / 不合格例 really pass and fail (run through
`run_check` on a small complete plan, the way yamllint tests its rules)."""
import subprocess
import sys

import pytest

from conftest import ROOT
from helpers import example_files, run_check
from planbook.checks import all_checks

sys.path.insert(0, str(ROOT / "scripts"))
from gen_checks_doc import DOC, document, examples, generated_block  # noqa: E402

CHECKS = all_checks()


def _examples(mod) -> dict[str, str]:
    found = examples(mod.__doc__)
    names = [h for h, _ in found]
    assert names.count("合格例") == 1 and names.count("不合格例") == 1, \
        f"{mod.ID}: the docstring needs one 合格例 (pass):: and one 不合格例 (fail):: block"
    return dict(found)


@pytest.mark.parametrize("mod", CHECKS, ids=lambda m: m.ID)
def test_the_minimal_plan_passes(mod):
    assert run_check(mod.ID, final=True) == []


@pytest.mark.parametrize("mod", CHECKS, ids=lambda m: m.ID)
def test_passing_example_passes(mod):
    good = _examples(mod)["合格例"]
    assert run_check(mod.ID, example_files(good)) == [], good


@pytest.mark.parametrize("mod", CHECKS, ids=lambda m: m.ID)
def test_failing_example_fails(mod):
    bad = _examples(mod)["不合格例"]
    assert run_check(mod.ID, example_files(bad)), bad


def test_examples_become_files():
    files = example_files("# policies/112.yaml\ncode: 112\n# artwork.yaml\nvision-1:\n  name: x\n")
    assert files == {"policies/112.yaml": "code: 112\n", "artwork.yaml": "vision-1:\n  name: x\n"}
    text = example_files("一文目です。   # 注釈\n二文目です。")
    assert text == {"policies/111.yaml": "future: |\n  一文目です。\n\n  二文目です。\n"}


def test_snippets_keep_their_lines_and_the_rest_is_filled_in():
    found = run_check("text-sentence", {"policies/111.yaml": "future: |\n  市は、県と、国と協力します。\n"},
                      conf="max_commas: 1")
    assert ("policies/111.yaml", 2) in [(f.file, f.line) for f in found]
    assert run_check("text-sentence", text="市は、県と、国と協力します。", conf={"max_commas": 2}) == []


def test_generated_list_names_every_check():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/gen_checks_doc.py")],
                         capture_output=True, text=True, check=True).stdout
    for mod in all_checks():
        assert f"| `{mod.ID}` | {mod.TITLE} |" in out
        assert f"### `{mod.ID}`" in out
    assert "`max_length: 120`" in out
    assert "| `completeness` | 未入力の項目・未作成の施策ページ・未着の画像・掲載同意 | warning | **error** |" in out
    assert "| `artwork-resolution` | 作品画像の解像度（印刷される大きさで min_dpi 以上か） | warning | **error** |" in out


def test_docs_list_is_the_generated_one():
    assert generated_block(DOC.read_text(encoding="utf-8")) == document(), \
        "docs/checks.md のチェックの一覧が古い: scripts/gen_checks_doc.py --write で作り直してください"
