from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, edit, findings, write_sentence
from planbook.checks.fonts import covered


def test_good_plans_pass():
    assert findings(COMPLETE, "fonts") == []
    assert findings(SOURCE, "fonts") == []


def test_rare_names_in_the_fonts_are_fine(complete_copy):
    edit(complete_copy / "artwork.yaml", "name: 高橋 結衣", "name: 髙橋 結衣")
    edit(complete_copy / "artwork.yaml", "name: 森 大和", "name: 山﨑 大和")
    assert findings(complete_copy, "fonts") == []
    assert {0x9AD9, 0xFA11} <= covered()


def test_character_outside_the_fonts(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた𠮷田さんが相談できます。")
    (f,) = findings(complete_copy, "fonts")
    assert (f.file, f.line, f.severity) == (SENTENCE_FILE, SENTENCE_LINE, "error")
    assert "「𠮷」（U+20BB7）" in f.message and "豆腐" in f.message


def test_names_readings_and_ruby_are_checked(complete_copy):
    edit(complete_copy / "artwork.yaml", "name: 森 大和", "name: 森 大和\U0001F600")
    edit(complete_copy / "concept.yaml", "{健|すこ}", "{健|す\U0001F600}")
    found = findings(complete_copy, "fonts")
    assert {f.file for f in found} == {"artwork.yaml", "concept.yaml"}
    assert all("U+1F600" in f.message for f in found)


def test_line_of_a_character_in_a_literal_block(complete_copy):
    edit(complete_copy / "policies/111.yaml",
         "民生委員や自治会と協力し、支援が必要な世帯を早く見つけられるようにします。",
         "民生委員や自治会と協力し、\n      支援が必要な𠮷田さんの世帯を早く見つけられるようにします。")
    (f,) = findings(complete_copy, "fonts")
    assert (f.file, f.line) == ("policies/111.yaml", 15)
