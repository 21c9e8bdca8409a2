"""The proofreading rules: each finds its mistake and stays silent on the
complete (correct) plan and on the Kiyose text."""
import pytest

from conftest import COMPLETE, SOURCE
from helpers import edit, findings

RULES = ["text-punctuation", "text-characters", "text-brackets", "text-sentence",
         "text-style", "fonts"]
SENTENCE = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"


@pytest.mark.parametrize("code", RULES)
def test_no_false_alarm_on_good_plans(code):
    assert findings(COMPLETE, code) == []
    assert findings(SOURCE, code) == []


@pytest.mark.parametrize("code,new,word", [
    ("text-punctuation", "困り事を抱えた市民が，身近な場所で相談でき、必要な支援に早くつながっています。", "，"),
    ("text-characters", "困り事を抱えた市民が、身近な場所でｿｳﾀﾞﾝでき、必要な支援に早くつながっています。", "ソウダン"),
    ("text-characters", "困り事を抱えた市民が、身近な\u200b場所で相談でき、必要な支援に早くつながっています。", "U+200B"),
    ("text-brackets", "困り事を抱えた「市民が、身近な場所で相談でき、必要な支援に早くつながっています。", "「"),
    ("text-sentence", "困り事を、抱えた、市民が、身近な、場所で、相談でき、必要な支援に早くつながっています。", "読点"),
    ("text-style", "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながるのである。", "である調"),
    ("fonts", "困り事を抱えた𠮷田さんが、身近な場所で相談でき、必要な支援に早くつながっています。", "U+20BB7"),
])
def test_rule_finds_its_mistake(complete_copy, code, new, word):
    edit(complete_copy / "policies/111.yaml", SENTENCE, new)
    found = findings(complete_copy, code)
    assert len(found) == 1, found
    assert found[0].file == "policies/111.yaml" and found[0].line == 7
    assert word in found[0].message


def test_severity_and_limits_come_from_style_yaml(complete_copy):
    edit(complete_copy / "policies/111.yaml", SENTENCE, SENTENCE.replace("、", "，", 1))
    (complete_copy / "style.yaml").write_text(
        "checks:\n  text-punctuation: {severity: error}\n  text-sentence: {max_commas: 0}\n",
        encoding="utf-8")
    (f,) = findings(complete_copy, "text-punctuation")
    assert f.severity == "error"
    assert findings(complete_copy, "text-sentence")


def test_a_finding_can_be_silenced_with_a_reason(complete_copy):
    edit(complete_copy / "policies/111.yaml", SENTENCE, SENTENCE.replace("、", "，", 1))
    (complete_copy / "style.yaml").write_text(
        "ignore:\n  - {check: text-punctuation, file: policies/111.yaml, reason: 原文どおり}\n",
        encoding="utf-8")
    assert findings(complete_copy, "text-punctuation") == []
    (complete_copy / "style.yaml").write_text(
        "ignore:\n  - {check: text-punctuation, file: policies/111.yaml}\n", encoding="utf-8")
    assert findings(complete_copy, "text-punctuation"), "no reason, no silence"


def test_a_broken_setting_gives_a_finding_not_a_crash(complete_copy):
    (complete_copy / "style.yaml").write_text("checks:\n  text-sentence: {max_length: 長い}\n",
                                              encoding="utf-8")
    (f,) = findings(complete_copy, "text-sentence")
    assert f.severity == "error" and "text-sentence" in f.message
