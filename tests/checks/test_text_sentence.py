from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, style, write_sentence

MANY_COMMAS = "市は、関係機関と連携し、地域の団体と協力し、市民の声を聞き、課題を整理し、計画を見直し、施策を進めます。"


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-sentence") == []


def test_too_many_commas(complete_copy):
    write_sentence(complete_copy, MANY_COMMAS)
    (f,) = findings(complete_copy, "text-sentence")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert "読点が 6 個" in f.message


def test_too_long(complete_copy):
    long = "市と地域の団体が連携して" * 10 + "支援します。"
    write_sentence(complete_copy, long)
    (f,) = findings(complete_copy, "text-sentence")
    assert f"一文が {len(long)} 字" in f.message


def test_brackets_do_not_end_a_sentence(complete_copy):
    # 。 inside 「」 does not split: the whole sentence is counted.
    write_sentence(complete_copy, "「" + "支援します。" * 20 + "」と市は述べています。")
    assert findings(complete_copy, "text-sentence")


def test_limits_come_from_style_yaml(complete_copy):
    style(complete_copy, "checks:\n  text-sentence: {max_commas: 1, max_length: 1000}\n")
    found = findings(complete_copy, "text-sentence")
    assert any(f.file == SENTENCE_FILE and "読点が 2 個" in f.message for f in found)


def test_kiyose_reports_only_the_longest_sentences():
    found = findings(SOURCE, "text-sentence")
    assert found and all("字あります" in f.message for f in found)
    lengths = [int(f.message.split("一文が ")[1].split(" 字")[0]) for f in found]
    assert all(n > 120 for n in lengths)
