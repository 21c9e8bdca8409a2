from conftest import COMPLETE, SOURCE
from helpers import edit, findings

SENTENCE = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"


def test_good_plans_pass():
    for code in ("indicators", "text-width", "text-variants"):
        assert findings(COMPLETE, code) == [], code
        assert findings(SOURCE, code) == [], code


def test_direction_disagrees_with_values(complete_copy):
    edit(complete_copy / "policies/222.yaml", "target: {value: 700, year: 2036}",
         "target: {value: 900, year: 2036}")
    (f,) = findings(complete_copy, "indicators")
    assert f.file == "policies/222.yaml" and "増加" in f.message and "減少" in f.message


def test_target_year_outside_period(complete_copy):
    edit(complete_copy / "policies/311.yaml", "target: {value: 160, year: 2036}",
         "target: {value: 160, year: 2040}")
    (f,) = findings(complete_copy, "indicators")
    assert "2040" in f.message and "計画期間" in f.message


def test_same_indicator_twice(complete_copy):
    path = complete_copy / "policies/221.yaml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - name: 市内"):text.index("collaboration:")]
    path.write_text(text.replace(block, block + block), encoding="utf-8")
    (f,) = findings(complete_copy, "indicators")
    assert "二度" in f.message


def test_mixed_width_digits(complete_copy):
    edit(complete_copy / "policies/111.yaml", SENTENCE, "困り事を抱えた市民が、２４時間365日相談でき、必要な支援に早くつながっています。")
    (f,) = findings(complete_copy, "text-width")
    assert "２４" in f.message and f.line == 7


def test_variant_spelling(complete_copy):
    edit(complete_copy / "policies/121.yaml", "地域の子どもに声を掛け", "地域の子供に声を掛け")
    (f,) = findings(complete_copy, "text-variants")
    assert "子供" in f.message and "子ども" in f.message and f.file == "policies/121.yaml"


def test_noun_and_verb_are_not_variants(complete_copy):
    edit(complete_copy / "policies/111.yaml", SENTENCE,
         "困り事に取り組みます。市の取組を知らせます。")
    assert findings(complete_copy, "text-variants") == []


def test_house_dictionary(complete_copy):
    (complete_copy / "style.yaml").write_text(
        "dictionary:\n  - expected: 相談窓口\n    patterns: [相談所]\n    note: 市の表記\n",
        encoding="utf-8")
    edit(complete_copy / "policies/111.yaml", SENTENCE, "困り事を抱えた市民が、相談所で相談できています。")
    (f,) = findings(complete_copy, "text-variants")
    assert "「相談所」は「相談窓口」と書きます（市の表記）" in f.message
