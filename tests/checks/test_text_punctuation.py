import pytest

from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, write_sentence


def test_good_plans_pass():
    assert findings(COMPLETE, "text-punctuation") == []
    assert findings(SOURCE, "text-punctuation") == []


@pytest.mark.parametrize("sentence,mark,want", [
    ("困り事を抱えた市民が，身近な場所で相談できます。", "，", "、"),
    ("困り事を抱えた市民が、身近な場所で相談できます．", "．", "。"),
    ("困り事を抱えた市民が,身近な場所で相談できます。", ",", "、"),
    ("困り事を抱えた市民が、身近な場所で相談できます.", ".", "。"),
])
def test_western_punctuation(complete_copy, sentence, mark, want):
    write_sentence(complete_copy, sentence)
    (f,) = findings(complete_copy, "text-punctuation")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert f"「{mark}」" in f.message and f"「{want}」にしてください" in f.message


def test_doubled_punctuation(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた市民が、、身近な場所で相談できます。")
    (f,) = findings(complete_copy, "text-punctuation")
    assert "「、、」が重なっています" in f.message


def test_numbers_and_latin_are_not_punctuation(complete_copy):
    write_sentence(complete_copy, "相談は1,840件、満足度は3.5点で、詳しくはwww.city.example.lg.jpを見てください。")
    assert findings(complete_copy, "text-punctuation") == []
