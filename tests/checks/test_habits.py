"""The checks of staff habits (text-pasted, typed-numbering, placeholders,
text-line-break): what they find, where, and what they leave alone."""
from __future__ import annotations

import pytest

from conftest import COMPLETE, SOURCE
from helpers import findings, run_check

HABITS = ("text-pasted", "typed-numbering", "placeholders", "text-line-break")


@pytest.mark.parametrize("check", HABITS)
def test_kiyose_and_the_complete_plan_pass(check):
    assert findings(SOURCE, check) == [] and findings(COMPLETE, check) == []


def test_line_break_after_a_sentence_not_inside_one():
    body = "future: |\n  相談窓口を一つにまとめ、\n  身近な場所で相談できます。\n  次に、見守りを広げます。\n"
    (f,) = run_check("text-line-break", {"policies/111.yaml": body})
    assert (f.file, f.line, f.column) == ("policies/111.yaml", 3, 15)
    assert "「身近な場所で相談できます。」の後ろが一行の改行だけ" in f.message and "次の行の「次に、見守りを広げます。」" in f.message
    assert run_check("text-line-break", {"policies/111.yaml": body.replace("できます。\n", "できます。\n\n")}) == []


def test_curled_quotes_apostrophes_and_pasted_spaces():
    text = "“相談”の窓口、City’s Hall、人口\t増加率、NPO\u00a0法人、「窓口」と『本』。"
    found = run_check("text-pasted", text=text)
    assert [f.excerpt[f.span[0]:f.span[1]] for f in found] == ["“", "”", "’", "〔U+0009〕", "〔U+00A0〕"]
    assert "「」（かぎかっこ）" in found[0].message and "半角の「'」" in found[2].message
    assert all((f.file, f.line) == ("policies/111.yaml", 2) for f in found)


@pytest.mark.parametrize("title,typed", [("①相談窓口", "①"), ("(2) 相談窓口", "(2)"), ("３．相談窓口", "３．"),
                                         ("⑴相談窓口", "⑴"), ("❸ 相談窓口", "❸")])
def test_typed_direction_numbers(title, typed):
    files = {"policies/111.yaml": f"directions:\n  - title: {title}\n    body: |\n      相談を受けます。\n"}
    (f,) = run_check("typed-numbering", files)
    assert (f.line, f.column) == (2, 12) and f"番号「{typed}」" in f.message and "title: 相談窓口" in f.message


@pytest.mark.parametrize("title", ["10年後の相談窓口", "2030年に向けた相談", "1人ひとりの相談", "111番の相談"])
def test_numbers_that_are_words_are_left_alone(title):
    files = {"policies/111.yaml": f"title: {title}\ndirections:\n  - title: {title}\n    body: |\n      相談を受けます。\n"}
    assert run_check("typed-numbering", files) == []


@pytest.mark.parametrize("value", ["－", "ー", "なし", "未定", "TBD"])
def test_placeholders(value):
    files = {"policies/111.yaml": f"indicators:\n  - name: 相談件数\n    unit: {value}\n"}
    (f,) = run_check("placeholders", files)
    assert (f.file, f.line) == ("policies/111.yaml", 3) and f"「unit」に「{value}」" in f.message


def test_a_word_that_starts_like_a_placeholder_is_not_one():
    files = {"policies/111.yaml": "indicators:\n  - name: 未定義の相談件数\n    unit: なし崩し\n"}
    assert run_check("placeholders", files) == []
