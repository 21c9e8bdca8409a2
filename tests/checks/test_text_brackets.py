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


def test_the_bracket_left_open_is_blamed(complete_copy):
    write_sentence(complete_copy, "「学び（まなび」の場を設けます。")
    (f,) = findings(complete_copy, "text-brackets")
    assert "「（」が閉じられていません" in f.message and "「」」の前に「）」がありません" in f.message
    line = (complete_copy / SENTENCE_FILE).read_text(encoding="utf-8").splitlines()[SENTENCE_LINE - 1]
    assert (f.line, f.column) == (SENTENCE_LINE, line.index("（") + 1)
