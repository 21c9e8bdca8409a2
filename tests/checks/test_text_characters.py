import pytest

from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, write_sentence


def test_good_plans_pass():
    assert findings(COMPLETE, "text-characters") == []
    assert findings(SOURCE, "text-characters") == []


@pytest.mark.parametrize("inserted,expected", [
    ("ｿｳﾀﾞﾝ", "「ソウダン」"),
    ("場所\u200bで", "U+200B"),
    ("場所\ufeffで", "U+FEFF"),
    ("場所\u202eで", "U+202E"),
    ("か\u3099んばって", "「が」"),
    ("\u795e\u793e", None),           # ordinary kanji: nothing to report
    ("\ufa19社", "U+795E"),           # compatibility ideograph 神 → 神
])
def test_bad_characters(complete_copy, inserted, expected):
    write_sentence(complete_copy, f"困り事を抱えた市民が{inserted}相談できます。")
    found = findings(complete_copy, "text-characters")
    if expected is None:
        assert found == []
        return
    (f,) = found
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert expected in f.message


def test_ordinary_rare_kanji_are_fine(complete_copy):
    write_sentence(complete_copy, "髙橋さんと山﨑さんが相談できます。")
    assert findings(complete_copy, "text-characters") == []
