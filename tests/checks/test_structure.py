from conftest import COMPLETE
from helpers import edit, findings


def test_complete_plan_passes():
    assert findings(COMPLETE, "structure") == []


def test_code_not_under_its_goal(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 22")
    (f,) = [f for f in findings(complete_copy, "structure") if f.file == "policies/311.yaml"]
    assert f.file == "policies/311.yaml" and f.line == 2 and "22 で始まっていません" in f.message


def test_prefix_rule_can_be_turned_off(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 22")
    edit(complete_copy / "plan.yaml", "code_prefix_rule: true", "code_prefix_rule: false")
    assert [f for f in findings(complete_copy, "structure") if f.file == "policies/311.yaml"] == []


def test_file_name_must_be_code(complete_copy):
    (complete_copy / "policies/311.yaml").rename(complete_copy / "policies/312.yaml")
    (f,) = findings(complete_copy, "structure")
    assert f.file == "policies/312.yaml" and "ファイル名" in f.message


def test_goal_without_policies_and_unknown_goal(complete_copy):
    edit(complete_copy / "policies/311.yaml", "goal: 31", "goal: 39")
    messages = [f.message for f in findings(complete_copy, "structure")]
    assert any("goal: 39" in m for m in messages)
    assert any("基本目標31 に施策が一つもありません" in m for m in messages)


def test_duplicate_code(complete_copy):
    text = (complete_copy / "policies/311.yaml").read_text(encoding="utf-8")
    (complete_copy / "policies/311b.yaml").write_text(text, encoding="utf-8")
    messages = [f.message for f in findings(complete_copy, "structure")]
    assert any("311 が 2 回" in m for m in messages)
