from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, write_sentence


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-width") == []


def test_full_width_digits_among_half_width(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた市民が、２４時間365日相談できます。")
    (f,) = findings(complete_copy, "text-width")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert "全角の英数字「２４」" in f.message and "「24」にしてください" in f.message


def test_one_width_throughout_is_fine(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた市民が、24時間365日、DXで相談できます。")
    assert findings(complete_copy, "text-width") == []


def test_half_width_parentheses_around_japanese(complete_copy):
    write_sentence(complete_copy, "CIO(副市長)と担当(1)、(DX)の相談を受けます。")
    (f,) = findings(complete_copy, "text-width")
    assert "「(副市長)」" in f.message and "「（副市長）」" in f.message


def test_kiyose_half_width_parentheses():
    found = findings(SOURCE, "text-width")
    assert {f.file for f in found} <= {"concept.yaml", "policies/432.yaml"}
    assert all("半角のかっこ" in f.message for f in found)
