import pytest

from conftest import COMPLETE, SOURCE
from helpers import SENTENCE_FILE, SENTENCE_LINE, findings, style, write_sentence


def test_seed_doubled_phrase_is_found_in_kiyose():
    found = [f for f in findings(SOURCE, "text-doubled") if "主導する主導する" in f.message]
    assert [(f.file, f.line, f.severity) for f in found] == [("policies/432.yaml", 25, "warning")]


def test_doubled_phrase(complete_copy):
    write_sentence(complete_copy, "困り事を抱えた市民が相談できるできる窓口を設けます。")
    (f,) = findings(complete_copy, "text-doubled")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert "「相談できるできる」" not in f.message and "「できるできる」" in f.message


@pytest.mark.parametrize("words", [
    "一人ひとりが、ひとりひとりの、一人一人の、一つ一つの、ひとつひとつ",
    "ますます、いろいろ、さまざま、時々、生きいき、人と人とのつながり、それぞれ、まだまだ",
    "生き生きと、思い思いに、日に日に、ちょこちょこ、ピョンピョン、――――、ーーーー",
])
def test_reduplication_is_not_reported(complete_copy, words):
    write_sentence(complete_copy, f"{words}を大切にします。")
    assert findings(complete_copy, "text-doubled") == []


def test_katakana_words_with_long_vowels(complete_copy):
    write_sentence(complete_copy, "市のサービスサービスを見直します。")
    (f,) = findings(complete_copy, "text-doubled")
    assert "「サービスサービス」" in f.message


def test_allow_list_in_style_yaml_adds_to_the_built_in_one(complete_copy):
    write_sentence(complete_copy, "本当に本当に支えます。生き生きと暮らします。")
    assert len(findings(complete_copy, "text-doubled")) == 1
    style(complete_copy, "checks:\n  text-doubled: {allow: [本当に本当に]}\n")
    assert findings(complete_copy, "text-doubled") == []


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-doubled") == []
