from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, write_sentence


def test_good_plans_pass():
    assert findings(COMPLETE, "text-style") == []
    assert findings(SOURCE, "text-style") == []


def test_dearu_in_a_desu_document(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた市民が、身近な場所で相談できるのである。")
    (f,) = findings(complete_copy, "text-style")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert "である調" in f.message and "ですます調にそろえて" in f.message


def test_plain_form_ending_is_dearu(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた市民が、身近な場所で相談できる。")
    assert len(findings(complete_copy, "text-style")) == 1


def test_quotes_notes_and_noun_endings_are_left_out(complete_copy):
    write_sentence(complete_copy, "「支え合うまちである。」という声を大切にします。相談窓口の充実。")
    path = complete_copy / "policies/112.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("見守る人", "見守る人である。"), encoding="utf-8")
    assert findings(complete_copy, "text-style") == []
