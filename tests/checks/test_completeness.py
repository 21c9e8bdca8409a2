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


def test_final_overrides_a_lowered_severity(complete_copy):
    (complete_copy / "style.yaml").write_text("checks:\n  completeness: {severity: info}\n",
                                              encoding="utf-8")
    edit(complete_copy / "policies/111.yaml", "  summary: 市民と行政が協働し、支援が必要な人を地域で見守ります。",
         "  summary: null")
    assert [f.severity for f in findings(complete_copy, "completeness")] == ["info"]
    assert [f.severity for f in findings(complete_copy, "completeness", final=True)] == ["error"]


def test_empty_direction_and_empty_lists(complete_copy):
    path = complete_copy / "policies/111.yaml"
    edit(path, "  - title: 相談窓口を一つにまとめます\n    body: |\n      福祉に関する相談を一か所で受け付け、担当する部署へ確実につなぎます。\n",
         "  - title: null\n    body: null\n")
    found = findings(complete_copy, "completeness")
    assert any("方向性 1 つ目が空" in f.message and f.line == 9 for f in found)


def test_consent(complete_copy):
    edit(complete_copy / "artwork.yaml", "  consent: true", "  consent: null")
    edit(complete_copy / "artwork.yaml", "  consent: true", "  consent: false")
    found = findings(complete_copy, "completeness", final=True)
    assert [(f.line, f.severity) for f in found] == [(9, "error"), (17, "error")]
    assert "まだ確認されていません" in found[0].message
    assert "同意されていません" in found[1].message


def test_kiyose_reports_pages_not_written_images_and_consent():
    found = findings(SOURCE, "completeness")
    assert any(f.file == "policies/111.yaml" and "ページ" in f.message for f in found)
    assert any(f.file == "policies/211.yaml" and "title" in f.message for f in found)
    assert any(f.file == "artwork.yaml" and "届いていません" in f.message for f in found)
    assert any("掲載同意" in f.message for f in found)
    assert all(f.severity == "warning" for f in found)
    assert all(f.severity == "error" for f in findings(SOURCE, "completeness", final=True))


def test_collaboration_citizens_without_government(complete_copy):
    edit(complete_copy / "policies/111.yaml",
         "  government: |\n    相談を確実に受け止め、関係機関と連携して支援につなげます。\n", "")
    (f,) = findings(complete_copy, "completeness")
    assert f.file == "policies/111.yaml" and "government" in f.message
