import pytest

from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, write_sentence


def test_good_plans_pass():
    assert findings(COMPLETE, "text-brackets") == []
    assert findings(SOURCE, "text-brackets") == []


@pytest.mark.parametrize("sentence,words", [
    ("「相談窓口を設けます。", ["「", "閉じられていません"]),
    ("相談窓口」を設けます。", ["」", "対応する「「」がありません"]),
    ("「相談窓口（総合）を設けます）。", ["「「」を「）」で閉じています"]),
    ("『相談窓口」を設けます。", ["「『」を「」」で閉じています"]),
])
def test_unbalanced(complete_copy, sentence, words):
    write_sentence(complete_copy, sentence)
    (f,) = findings(complete_copy, "text-brackets")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    for w in words:
        assert w in f.message


def test_nested_and_list_markers_are_fine(complete_copy):
    write_sentence(complete_copy, "1) 「相談窓口（総合）」と『手引』【概要】を設けます。")
    assert findings(complete_copy, "text-brackets") == []
