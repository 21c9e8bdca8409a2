from conftest import COMPLETE, SOURCE
from helpers import edit, findings


def test_good_plans_pass():
    assert findings(COMPLETE, "indicators") == []
    assert findings(SOURCE, "indicators") == []


def test_direction_disagrees_with_values(complete_copy):
    edit(complete_copy / "policies/222.yaml", "target: {value: 700, year: 2036}",
         "target: {value: 900, year: 2036}")
    (f,) = findings(complete_copy, "indicators")
    assert f.file == "policies/222.yaml" and f.line == 23
    assert "820 → 900" in f.message and "増加" in f.message and "減少" in f.message


def test_target_year_outside_period(complete_copy):
    edit(complete_copy / "policies/311.yaml", "target: {value: 160, year: 2036}",
         "target: {value: 160, year: 2040}")
    (f,) = findings(complete_copy, "indicators")
    assert "2040" in f.message and "計画期間 2027〜2036" in f.message


def test_baseline_after_plan_start_or_far_before(complete_copy):
    edit(complete_copy / "policies/222.yaml", "baseline: {value: 820, year: 2025}",
         "baseline: {value: 820, year: 2028}")
    edit(complete_copy / "policies/222.yaml", "baseline: {value: 24.8, year: 2025}",
         "baseline: {value: 24.8, year: 2001}")
    messages = [f.message for f in findings(complete_copy, "indicators")]
    assert any("2028" in m and "より後" in m for m in messages)
    assert any("2001" in m and "26 年も前" in m for m in messages)


def test_same_indicator_twice_in_one_policy(complete_copy):
    path = complete_copy / "policies/221.yaml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - name: 市内"):text.index("collaboration:")]
    path.write_text(text.replace(block, block + block), encoding="utf-8")
    (f,) = findings(complete_copy, "indicators")
    assert "二度" in f.message and "policies/221.yaml:16" in f.message


def test_same_indicator_in_two_policies(complete_copy):
    edit(complete_copy / "policies/222.yaml", "name: 資源化率", "name: 市内の太陽光発電の設備容量")
    (f,) = findings(complete_copy, "indicators")
    assert f.file == "policies/222.yaml" and "施策221にもあります" in f.message
