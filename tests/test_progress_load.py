"""progress/<year>.yaml and plan.yaml `progress:` as the loader reads them:
values with file:line, units and number formats, names matched against the
plan with 「…のことですか？」, the grading's rules."""
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, SOURCE

from planbook.checking import load_plan, run_checks
from planbook.findings import LoadFailed

PROGRESS = FIXTURES / "progress"


@pytest.fixture
def plan_dir(complete_copy) -> Path:
    shutil.copytree(PROGRESS, complete_copy / "progress")
    return complete_copy


def errors(source: Path):
    with pytest.raises(LoadFailed) as e:
        load_plan(source)
    return e.value.findings


def write(source: Path, name: str, text: str) -> None:
    (source / "progress" / name).write_text(text, encoding="utf-8")


def one(source: Path, indicators: str, code: str = "111") -> list:
    write(source, "2029.yaml", f"policies:\n  {code}:\n    indicators:\n{indicators}")
    return errors(source)


def test_the_fixture_years_load_with_values_notes_and_comments(plan_dir):
    plan = load_plan(plan_dir)
    assert list(plan.progress) == [2027, 2028]
    y = plan.progress[2027]
    assert y.actual("121", "待機児童数").value == 9                 # 「9 人」: the unit of the indicator
    assert y.actual("222", "資源化率").value == 25.6                 # 「25.6%」
    solar = y.actual("221", "市内の太陽光発電の設備容量")
    assert (solar.value, solar.note) == (None, "調査未実施")
    assert (solar.loc.file, solar.loc.line) == ("progress/2027.yaml", 25)
    assert y.policy("121").comment[0].text.startswith("保育所の定員を30人拡大した。")
    assert len(plan.progress[2028].policy("112").comment) == 2       # two paragraphs


def test_source_without_progress_folder_has_no_progress_and_no_new_findings():
    plan = load_plan(SOURCE)
    assert dict(plan.progress) == {}
    assert not [f for f in run_checks(plan) if f.code.startswith("progress")]


@pytest.mark.parametrize("indicators,code,line,words", [
    ("      総合相談窓口の相談数: 1960\n", "load-progress-indicator", 4,
     ["施策111に指標「総合相談窓口の相談数」はありません", "「総合相談窓口の相談件数」のことですか？"]),
    ("      観光入込客数: 131\n", "load-progress-indicator", 4, ["施策311の指標です"]),
    ("      総合相談窓口の相談件数: 1960 人\n", "load-progress-unit", 4,
     ["単位は「件」", "「人」と書かれています"]),
    ("      総合相談窓口の相談件数: {value: 1960, unit: 人}\n", "load-progress-unit", 4, ["「件」"]),
    ("      総合相談窓口の相談件数: 1,960\n", "load-number", 4, ["桁区切り", "1960 と書きます"]),
    ("      総合相談窓口の相談件数: １９６０\n", "load-fullwidth-digit", 4, ["全角"]),
    ("      総合相談窓口の相談件数: １９６０件\n", "load-fullwidth-digit", 4, ["全角"]),
    ("      総合相談窓口の相談件数: 1960　件\n", None, 0, []),
    ("      総合相談窓口の相談件数: たくさん\n", "load-type", 4, ["数値"]),
    ("      総合相談窓口の相談件数: {value: 1960, nte: 速報値}\n", "load-unknown-key", 4,
     ["「note」のことですか？"]),
    ("      総合相談窓口の相談件数: 1960\n      総合相談窓口の相談件数: 1970\n", "load-duplicate-key", 5,
     ["二度"]),
])
def test_mistakes_in_a_year_file_name_file_and_line(plan_dir, indicators, code, line, words):
    if code is None:                    # the unit after a full-width space: read
        write(plan_dir, "2029.yaml", f"policies:\n  111:\n    indicators:\n{indicators}")
        assert load_plan(plan_dir).progress[2029].actual("111", "総合相談窓口の相談件数").value == 1960
        return
    found = [f for f in one(plan_dir, indicators) if f.code == code]
    assert found, one(plan_dir, indicators)
    assert (found[0].file, found[0].line) == ("progress/2029.yaml", line)
    for w in words:
        assert w in found[0].message


def test_an_unknown_policy_code_is_an_error_with_the_nearest_code(plan_dir):
    found = one(plan_dir, "      待機児童数: 3\n", code="112x")
    assert any(f.code == "load-progress-policy" and "「112」のことですか？" in f.message
               and f.line == 2 for f in found)


def test_an_unknown_key_in_a_policy_suggests_comment(plan_dir):
    write(plan_dir, "2029.yaml", "policies:\n  111:\n    coment: よく進んだ。\n")
    found = errors(plan_dir)
    assert any(f.code == "load-unknown-key" and "「comment」のことですか？" in f.message and f.line == 3
               for f in found)


@pytest.mark.parametrize("name,words", [
    ("R9.yaml", ["2027.yaml にしてください"]),
    ("令和9年度.yaml", ["2027.yaml にしてください"]),
    ("２０２９.yaml", ["2029.yaml にしてください"]),
    ("2040.yaml", ["計画期間 2027〜2036"]),
])
def test_file_names_are_the_fiscal_year_inside_the_plan_period(plan_dir, name, words):
    write(plan_dir, name, "policies:\n  111:\n    comment: あり\n")
    found = [f for f in errors(plan_dir) if f.file == f"progress/{name}"]
    assert found and all(w in found[0].message for w in words)


def test_a_stray_file_in_progress_is_reported(plan_dir):
    write(plan_dir, "2029.xlsx", "x")
    assert any(f.code == "load-stray-file" for f in errors(plan_dir))


def _grading(source: Path, text: str) -> None:
    with open(source / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(text)


def test_plan_yaml_grading_is_read_in_order(plan_dir):
    _grading(plan_dir, "progress:\n  grades:\n    - {grade: S, rate: 100, meaning: 達成}\n"
             "    - {grade: A, change: 10}\n    - {grade: a, points: 3}\n    - {grade: C}\n"
             "  unknown: X\n")
    g = load_plan(plan_dir).info.progress
    assert [(x.grade, x.rate, x.change, x.points) for x in g.grades] == [
        ("S", 100.0, None, None), ("A", None, 10.0, None), ("a", None, None, 3.0), ("C", None, None, None)]
    assert (g.unknown, g.ungradable) == ("X", "－")


@pytest.mark.parametrize("grades,words", [
    ("    - {grade: S, rate: 100}\n    - {grade: C, rate: 0}\n", "最後の評語「C」には基準を書かないで"),
    ("    - {grade: S}\n    - {grade: C}\n", "評語「S」に基準"),
    ("    - {grade: S, rate: 100, points: 3}\n    - {grade: C}\n", "二つ以上の基準"),
    ("    - {grade: S, rate: 100}\n    - {grade: S}\n", "二度あります"),
    ("    - {grade: S, rate: 百}\n    - {grade: C}\n", "数値"),
])
def test_grading_mistakes(plan_dir, grades, words):
    _grading(plan_dir, "progress:\n  grades:\n" + grades)
    found = errors(plan_dir)
    assert any(words in f.message and f.file == "plan.yaml" for f in found), found


def test_progress_range_warns_about_a_digit_too_many_and_a_falling_total(plan_dir):
    write(plan_dir, "2029.yaml", "policies:\n  111:\n    indicators:\n      総合相談窓口の相談件数: 19600\n"
          "  112:\n    indicators:\n      認知症サポーターの養成数: 6500\n"
          "  222:\n    indicators:\n      資源化率: 260\n")
    found = [f for f in run_checks(load_plan(plan_dir)) if f.code == "progress-range"]
    assert [(f.line, f.severity) for f in found] == [(4, "warning"), (7, "warning"), (10, "warning")]
    assert "大きく外れています" in found[0].message
    assert "2028 年度の 6,700 より少なく" in found[1].message
    assert "大きく外れています" in found[2].message
