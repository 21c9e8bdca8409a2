import pytest

from conftest import COMPLETE
from helpers import SENTENCE_FILE, SENTENCE_LINE, edit, findings, run_check, write_sentence


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-variants") == []


def test_the_less_used_spelling_is_reported(complete_copy):
    edit(complete_copy / "policies/121.yaml", "地域の子どもに声を掛け", "地域の子供に声を掛け")
    (f,) = findings(complete_copy, "text-variants")
    assert f.file == "policies/121.yaml" and f.severity == "warning"
    assert "「子供」と「子ども」が混在" in f.message and "「子ども」にそろえて" in f.message


@pytest.mark.parametrize("sentence", [
    "課題に取り組みます。市の取組を知らせます。取り組み、支えます。",     # verb beside noun
    "問い合わせてください。問合せの窓口を知らせます。",
    "年齢にかかわらず、市に関わる人を支えます。",                      # different words
    "公共施設等と、図書館などを整えます。",
    "変更に伴い更新します。さらに支えます。",                          # 更 inside a word
    "市の一つの目標と、市民の一人ひとりを支えます。",  # 一つ is not counted
    "子供・若者育成支援推進法と「子供の森」の名前はそのまま書きます。",  # names as written
])
def test_correct_usage_is_not_a_variant(complete_copy, sentence):
    write_sentence(complete_copy, sentence)
    assert findings(complete_copy, "text-variants") == []


@pytest.mark.parametrize("sentence,odd,usual", [
    ("市の取り組みを知らせます。市の取組を支えます。市の取組を広げます。", "取り組み", "取組"),
    ("様々な人と、さまざまな場で、さまざまに支えます。", "様々", "さまざま"),
    ("4つの柱と二つの視点を立てます。", "4つ", "三つ"),      # 三つ: concept.yaml
    ("3か所の窓口を5ヶ所に増やし、2か所を直します。", "ヶ所", "か所"),
    ("サーバーの更新とサーバの点検、サーバーの移設をします。", "サーバ", "サーバー"),
])
def test_variants(complete_copy, sentence, odd, usual):
    write_sentence(complete_copy, sentence)
    (f,) = findings(complete_copy, "text-variants")
    assert (f.file, f.line) == (SENTENCE_FILE, SENTENCE_LINE)
    assert f"「{odd}」と「{usual}」が混在" in f.message


def test_tie_goes_to_the_official_spelling(complete_copy):
    write_sentence(complete_copy, "予め知らせ、あらかじめ備えます。")
    (f,) = findings(complete_copy, "text-variants")
    assert "「予め」と「あらかじめ」" in f.message and "公用文" in f.message


def test_a_paragraph_ends_where_it_ends():
    # the texts are searched joined: 3 at the end of one paragraph does not count
    # the か月 opening the next, and a kanji does not hide the 行 after it (行う is a word of its own)
    assert run_check("text-variants", text="窓口を3\nか月で増やし、5ヶ月で整えます。") == []
    (f,) = run_check("text-variants", text="相談を受ける体制\n行ないます。計画を行います。事業を行います。")
    assert "「行なう」と「行う」が混在" in f.message
