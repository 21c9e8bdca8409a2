import re

import pytest

from conftest import COMPLETE, SOURCE
from planbook import wordrules
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, load_errors, style, write_sentence


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-dictionary") == []


def test_kiyose_typo_is_found():
    found = findings(SOURCE, "text-dictionary")
    assert [(f.file, f.line) for f in found] == [("policies/432.yaml", 13)]
    assert "「一貫通貫」は「一気通貫」" in found[0].message


@pytest.mark.parametrize("sentence,bad,good", [
    ("窓口のシュミレーションをします。", "シュミレーション", "シミュレーション"),
    ("少しづつ増やします。", "づつ", "ずつ"),
    ("夜も相談が受けれる窓口です。", "受けれる", "受けられる"),
    ("相談する事ができます。", "事", "こと"),
])
def test_built_in_mistakes(complete_copy, sentence, bad, good):
    write_sentence(complete_copy, sentence)
    (f,) = findings(complete_copy, "text-dictionary")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert f"「{bad}」は「{good}」と書きます" in f.message


@pytest.mark.parametrize("sentence", [
    "目的を得るための仕事と行事があり、願い事や困り事を聞きます。",
    "一気通貫で取り組み、一つずつ進めます。",
])
def test_built_in_list_has_no_false_alarms(complete_copy, sentence):
    write_sentence(complete_copy, sentence)
    assert findings(complete_copy, "text-dictionary") == []


def test_house_dictionary(complete_copy):
    style(complete_copy, "dictionary:\n  - expected: 相談窓口\n    patterns: [相談所, '/相談センタ(?!ー)/']\n"
                         "    note: 市の表記\n")
    write_sentence(complete_copy, "困り事を抱えた市民が、相談所や相談センタで相談できます。")
    found = findings(complete_copy, "text-dictionary")
    assert [f.line for f in found] == [SENTENCE_LINE, SENTENCE_LINE]
    assert "「相談所」は「相談窓口」と書きます（市の表記）" in found[0].message


def test_match_inside_the_expected_form_is_not_reported(complete_copy):
    style(complete_copy, "dictionary:\n  - {expected: コンピューター, patterns: コンピュータ}\n")
    write_sentence(complete_copy, "コンピューターとコンピュータを使います。")
    (f,) = findings(complete_copy, "text-dictionary")
    assert "「コンピュータ」は「コンピューター」" in f.message


def test_broken_rules_and_failing_specs_point_at_style_yaml(complete_copy):
    style(complete_copy, "dictionary:\n"
                         "  - {expected: 子ども, patterns: [子供], specs: [{from: 子供会, to: 子供会}]}\n"
                         "  - {expected: 取組, patterns: ['取り組み(']}\n")
    found = load_errors(complete_copy)           # checked at load, not by the check
    assert sorted((f.file, f.line) for f in found) == [("style.yaml", 2), ("style.yaml", 3)]
    assert any("specs が合いません" in f.message and "子ども会" in f.message for f in found)
    assert any("正規表現として読めません" in f.message for f in found)


def test_built_in_list_can_be_turned_off(complete_copy):
    write_sentence(complete_copy, "少しづつ増やします。")
    style(complete_copy, "checks:\n  text-dictionary: {builtin: false}\n")
    assert findings(complete_copy, "text-dictionary") == []


HOSTILE = "(?:.|..)*。$Z{}"      # runs out of its own time on any sentence ending in 。


def test_hostile_patterns_share_one_time_budget(complete_copy):
    """Hundreds of slow patterns: the run's budget is spent after a few, and
    the others are named as not checked (one finding, at the first of them)."""
    rules = "".join(f"  - {{expected: x, patterns: ['{HOSTILE.format(n)}']}}\n" for n in range(300))
    style(complete_copy, "checks:\n  text-dictionary: {time_budget: 1}\n\ndictionary:\n" + rules)
    found = [f for f in findings(complete_copy, "text-dictionary") if f.file == "style.yaml"]
    slow = [f for f in found if "時間内に終わりませんでした" in f.message]
    (skipped,) = [f for f in found if "持ち時間（1 秒）を使い切った" in f.message]
    count = int(re.search(r"、(\d+) 個のパターンでは確かめていません", skipped.message).group(1))
    assert count > 250 and len(slow) + count in (300, 301)   # one may be cut partway
    first = 5 + 300 - count                               # line of the first skipped pattern
    assert skipped.line == first and f"（style.yaml:{first}）" in skipped.message
    assert f"ほか {count - 5} 個" in skipped.message and "time_budget" in skipped.message


def test_specs_share_one_time_budget_at_load(complete_copy, monkeypatch):
    monkeypatch.setattr(wordrules, "BUDGET", 0.4)
    long = "あ" * 30 + "。"
    rules = "".join(f"  - {{expected: x, patterns: ['{HOSTILE.format(n)}'], specs: [{{from: {long}, to: {long}}}]}}\n"
                    for n in range(40))
    style(complete_copy, "dictionary:\n" + rules)
    found = load_errors(complete_copy)
    assert [f.line for f in found if "持ち時間" in f.message] == [max(f.line for f in found)]
    assert len(found) <= 4 and "specs は確かめていません" in found[-1].message
