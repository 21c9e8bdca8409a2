from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, write_sentence


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-connective") == []


def test_same_phrase_twice_in_a_sentence(complete_copy):
    write_sentence(complete_copy, "窓口を増やすとともに、職員を育てるとともに、相談を受けます。")
    (f,) = findings(complete_copy, "text-connective")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert "「とともに」が 2 回" in f.message


def test_same_conjunction_opening_two_sentences(complete_copy):
    write_sentence(complete_copy, "窓口を増やします。また、職員を育てます。また、相談を受けます。")
    (f,) = findings(complete_copy, "text-connective")
    assert "「また、」で始まる文が続いています" in f.message


def test_once_per_sentence_is_fine(complete_copy):
    write_sentence(complete_copy, "窓口を増やすとともに、職員を育てます。また、相談を受けます。"
                                  "さらに、支えるとともに見守ります。また、知らせます。")
    assert findings(complete_copy, "text-connective") == []


def test_kiyose_doubled_tomoni():
    found = findings(SOURCE, "text-connective")
    assert sorted(f.file for f in found) == ["policies/421.yaml", "policies/422.yaml"]
    assert all("「とともに」が 2 回" in f.message for f in found)
