from conftest import COMPLETE, SOURCE
from helpers import edit, findings


def test_complete_plan_passes():
    assert findings(COMPLETE, "artwork-credits") == []


def test_name_without_space_among_names_with_one(complete_copy):
    edit(complete_copy / "artwork.yaml", "name: 森 大和", "name: 森大和")
    (f,) = findings(complete_copy, "artwork-credits")
    assert (f.file, f.line) == ("artwork.yaml", 15) and "「森大和」" in f.message


def test_reading_in_katakana_and_parts(complete_copy):
    edit(complete_copy / "artwork.yaml", "reading: もり やまと", "reading: モリ ヤマト")
    edit(complete_copy / "artwork.yaml", "reading: さとう れん", "reading: さ とう れん")
    messages = [f.message for f in findings(complete_copy, "artwork-credits")]
    assert any("ひらがなで" in m and "モリ" in m for m in messages)
    assert any("区切りの数" in m for m in messages)


def test_kiyose_name_spacing():
    (f,) = findings(SOURCE, "artwork-credits")
    assert f.file == "artwork.yaml" and "室賀美杜" in f.message
