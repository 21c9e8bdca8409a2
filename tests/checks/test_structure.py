from conftest import COMPLETE, SOURCE
from helpers import edit, findings


def test_good_plans_pass():
    assert findings(COMPLETE, "structure") == []
    assert findings(SOURCE, "structure") == []


def test_code_not_under_its_goal(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 22")
    (f,) = [f for f in findings(complete_copy, "structure") if f.file == "policies/311.yaml"]
    assert (f.file, f.line) == ("policies/311.yaml", 3)          # the goal: line
    assert "基本目標22の下" in f.message and "22 で始まっていません" in f.message
    assert "policies/311.yaml:2" in f.message                     # where code is
    assert f.severity == "error"


def test_goal_not_under_its_vision(complete_copy):
    edit(complete_copy / "concept.yaml", "code: 31", "code: 21")
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 21")
    found = findings(complete_copy, "structure")
    assert any(f.file == "concept.yaml" and "将来像3の下" in f.message for f in found)


def test_prefix_rule_can_be_turned_off(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 22")
    edit(complete_copy / "plan.yaml", "code_prefix_rule: true", "code_prefix_rule: false")
    found = findings(complete_copy, "structure")
    assert [f.file for f in found] == ["concept.yaml"]      # only: 基本目標31 has no 施策 now


def test_file_name_must_be_code(complete_copy):
    (complete_copy / "policies/311.yaml").rename(complete_copy / "policies/312.yaml")
    (f,) = findings(complete_copy, "structure")
    assert f.file == "policies/312.yaml" and "ファイル名" in f.message and "311.yaml" in f.message


def test_unknown_goal_and_goal_without_policies(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 39")
    found = findings(complete_copy, "structure")
    assert any(f.file == "policies/311.yaml" and "goal: 39" in f.message for f in found)
    assert any(f.file == "concept.yaml" and "基本目標31に施策が一つもありません" in f.message
               for f in found)


def test_duplicate_code_names_both_files(complete_copy):
    text = (complete_copy / "policies/311.yaml").read_text(encoding="utf-8")
    (complete_copy / "policies/311b.yaml").write_text(text, encoding="utf-8")
    dup = [f for f in findings(complete_copy, "structure") if "番号 311 は" in f.message]
    assert {(f.file, f.line) for f in dup} == {("policies/311.yaml", 2), ("policies/311b.yaml", 2)}
    by_file = {f.file: f.message for f in dup}
    assert "policies/311b.yaml:2 でも使われています" in by_file["policies/311.yaml"]
    assert "policies/311.yaml:2 でも使われています" in by_file["policies/311b.yaml"]


def test_a_copied_file_is_not_told_to_take_the_original_name(complete_copy):
    text = (complete_copy / "policies/311.yaml").read_text(encoding="utf-8")
    (complete_copy / "policies/311 - コピー.yaml").write_text(text, encoding="utf-8")
    (f,) = [f for f in findings(complete_copy, "structure") if "写し" in f.message]
    assert f.file == "policies/311 - コピー.yaml"
    assert "policies/311.yaml の写し（コピー）のようです" in f.message
    assert "ファイル名を policies/311.yaml にする" not in f.message


def test_a_file_named_after_another_policy(complete_copy):
    edit(complete_copy / "policies/112.yaml", "code: 112", "code: 111")
    (f,) = [f for f in findings(complete_copy, "structure") if "ファイル名" in f.message]
    assert f.file == "policies/112.yaml" and "policies/111.yaml は施策111のファイルとしてすでにある" in f.message


def test_unknown_goal_suggests_the_swapped_code(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 13")
    (f,) = [f for f in findings(complete_copy, "structure") if "goal: 13" in f.message]
    assert (f.file, f.line) == ("policies/311.yaml", 3) and "「31」のことですか" in f.message


def test_vision_without_goals(complete_copy):
    path = complete_copy / "concept.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - code: 31")
    end = text.index("  - number: 4") if "  - number: 4" in text else len(text)
    path.write_text(text[:start] + "      []\n" + text[end:], encoding="utf-8")
    edit(path, "    goals:\n      []", "    goals: []")
    (complete_copy / "policies/311.yaml").unlink()
    found = findings(complete_copy, "structure")
    assert any("将来像3に基本目標が一つもありません" in f.message for f in found)
