from conftest import COMPLETE, SOURCE
from helpers import edit, findings


def test_good_plans_pass():
    assert findings(COMPLETE, "notes") == []
    assert findings(SOURCE, "notes") == []


def test_reference_without_note_and_note_without_reference(complete_copy):
    edit(complete_copy / "policies/112.yaml", "[^supporter]", "[^suporter]")
    found = findings(complete_copy, "notes")
    missing = [f for f in found if "[^suporter]" in f.message]
    unused = [f for f in found if "参照されていない" in f.message]
    assert len(missing) == 1 and missing[0].file == "policies/112.yaml"
    assert "定義されている注: supporter" in missing[0].message
    assert "「supporter」のことですか" in missing[0].message
    assert len(unused) == 1 and "印刷されません" in unused[0].message
    assert all(f.severity == "error" for f in found)


def test_note_of_another_unit_is_named(complete_copy):
    path = complete_copy / "policies/111.yaml"
    edit(path, "身近な場所で相談でき", "身近な場所[^supporter]で相談でき")
    (f,) = findings(complete_copy, "notes")
    assert f.file == "policies/111.yaml" and "施策112にはある注" in f.message


def test_star_typed_by_hand(complete_copy):
    edit(complete_copy / "policies/112.yaml", "[^supporter]", "※1")
    found = findings(complete_copy, "notes")
    assert any("「※1」が直接書かれています" in f.message for f in found)
