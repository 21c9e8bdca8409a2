from conftest import COMPLETE
from helpers import edit, findings


def test_complete_plan_passes():
    assert findings(COMPLETE, "notes") == []


def test_reference_without_note(complete_copy):
    edit(complete_copy / "policies/112.yaml", "[^supporter]", "[^suporter]")
    found = findings(complete_copy, "notes")
    assert any("[^suporter]" in f.message and f.file == "policies/112.yaml" for f in found)
    assert any("supporter" in f.message and "参照されていません" in f.message for f in found)
