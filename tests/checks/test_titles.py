from pathlib import Path

from conftest import COMPLETE
from helpers import findings

SEED_TABLE = Path(__file__).resolve().parent.parent / "fixtures" / "seed_table"


def test_complete_plan_passes():
    assert findings(COMPLETE, "duplicate-title") == []


def test_seed_table_412_and_421_share_a_title():
    found = findings(SEED_TABLE, "duplicate-title")
    assert {f.file for f in found} == {"policies/412.yaml", "policies/421.yaml"}
    assert all("清瀬の未来の創造" in f.message and f.line == 4 for f in found)


def test_seed_table_412_has_no_page():
    found = findings(SEED_TABLE, "completeness")
    assert any(f.file == "policies/412.yaml" and "ページ" in f.message for f in found)
