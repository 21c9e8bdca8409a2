from conftest import COMPLETE, SOURCE
from helpers import edit, findings


def test_complete_plan_has_nothing_missing():
    assert findings(COMPLETE, "completeness", final=True) == []


def test_missing_value_is_warning_in_draft_and_error_in_final(complete_copy):
    edit(complete_copy / "policies/211.yaml", "    baseline: {value: 860, year: 2025}",
         "    baseline: {value: null, year: 2025}")
    (draft,) = findings(complete_copy, "completeness")
    (final,) = findings(complete_copy, "completeness", final=True)
    assert draft.severity == "warning" and final.severity == "error"
    assert draft.file == "policies/211.yaml" and "現状値" in draft.message


def test_kiyose_reports_pages_not_written_and_images():
    found = findings(SOURCE, "completeness")
    assert any(f.file == "policies/111.yaml" and "ページ" in f.message for f in found)
    assert any(f.file == "artwork.yaml" and "未着" in f.message for f in found)
    assert any("掲載同意" in f.message for f in found)
    assert all(f.severity == "warning" for f in found)
