import pytest

from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, edit, findings, write_sentence
from planbook.checks.fonts import coverage, covered


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


# -- variation sequences (異体字) ------------------------------------------------

TSUJI_1 = "辻\U000E0100"      # one-dot 辻: a variant glyph of the fonts
TSUJI_2 = "辻\U000E0101"      # the fonts map it to their default 辻
KUZU = "葛\U000E0100"


def test_fonts_know_the_common_ivs():
    cov = coverage()
    assert {(0x8FBB, 0xE0100), (0x8FBB, 0xE0101), (0x845B, 0xE0100)} <= cov.sequences
    assert (0x8FBB, 0xE0102) not in cov.sequences


def test_ivs_the_fonts_have_pass(complete_copy):
    write_sentence(complete_copy, f"困り事を抱えた{TSUJI_1}さん、{TSUJI_2}さん、{KUZU}西さんが相談できます。")
    edit(complete_copy / "artwork.yaml", "name: 森 大和", f"name: {TSUJI_1} 大和")
    assert findings(complete_copy, "fonts") == []


def test_ivs_the_fonts_lack_is_named_with_its_code_points(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた辻\U000E0102さんが相談できます。")
    (f,) = findings(complete_copy, "fonts")
    assert (f.file, f.line, f.severity) == (SENTENCE_FILE, SENTENCE_LINE, "error")
    assert "「辻\U000E0102」（U+8FBB U+E0102）の異体字はフォントにありません" in f.message


def test_standardized_variant_the_fonts_lack(complete_copy):
    write_sentence(complete_copy, "困り事※\uFE0Fを抱えた市民が相談できます。")
    (f,) = findings(complete_copy, "fonts")
    assert "（U+203B U+FE0F）の異体字はフォントにありません" in f.message


@pytest.mark.parametrize("text", ["\U000E0100困り事を抱えた市民が相談できます。",
                                  "困り事を抱えた \uFE00市民が相談できます。",
                                  f"困り事を抱えた{TSUJI_1}\U000E0100さんが相談できます。"])
def test_a_selector_on_its_own_is_reported(complete_copy, text):
    write_sentence(complete_copy, text)
    (f,) = findings(complete_copy, "fonts")
    assert "どの字にも付いていない異体字セレクタ" in f.message and f.line == SENTENCE_LINE


def test_a_selector_after_a_missing_character_is_one_finding(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた𠮷\U000E0100田さんが相談できます。")
    (f,) = findings(complete_copy, "fonts")
    assert "「𠮷」（U+20BB7）" in f.message


# -- what planbook itself prints -----------------------------------------------

def test_policy_label_is_checked_at_its_line(complete_copy):
    edit(complete_copy / "plan.yaml", 'policy_label: "施策', 'policy_label: "施策\U0001F600')
    (f,) = findings(complete_copy, "fonts")
    assert (f.file, f.line) == ("plan.yaml", 8) and "U+1F600" in f.message


def test_planbook_labels_are_checked(complete_copy, monkeypatch):
    from planbook.present import labels
    monkeypatch.setattr(labels, "CONTINUED", "（続き\U0001F600）")
    (f,) = findings(complete_copy, "fonts")
    assert (f.file, f.unit, f.severity) == ("", "冊子", "error")
    assert "「\U0001F600」（U+1F600）" in f.message and "planbook" in f.message


def test_strings_the_booklet_view_adds_are_checked(complete_copy, monkeypatch):
    from planbook.present import values
    monkeypatch.setattr(values, "_ERAS", ((2019, "令\U0001F600"),))
    (f,) = findings(complete_copy, "fonts")
    assert "U+1F600" in f.message and f.unit == "冊子"
