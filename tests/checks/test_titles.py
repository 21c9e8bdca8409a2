from pathlib import Path

from conftest import COMPLETE, SOURCE
from helpers import edit, findings

SEED_TABLE = Path(__file__).resolve().parent.parent / "fixtures" / "seed_table"


def test_good_plans_pass():
    assert findings(COMPLETE, "duplicate-title") == []
    assert findings(SOURCE, "duplicate-title") == []


def test_seed_table_412_and_421_share_a_title():
    found = findings(SEED_TABLE, "duplicate-title")
    assert sorted((f.file, f.line) for f in found) == [("policies/412.yaml", 4),
                                                       ("policies/421.yaml", 4)]
    assert all("清瀬の未来の創造" in f.message and f.severity == "error" for f in found)
    by_file = {f.file: f.message for f in found}
    assert "施策421（policies/421.yaml:4:8）と同じ" in by_file["policies/412.yaml"]
    assert "施策412（policies/412.yaml:4:8）と同じ" in by_file["policies/421.yaml"]


def test_a_copied_file_names_both_files(complete_copy):
    import shutil
    shutil.copy(complete_copy / "policies/112.yaml", complete_copy / "policies/112 - コピー.yaml")
    found = findings(complete_copy, "duplicate-title")
    by_file = {f.file: f.message for f in found}
    assert "policies/112.yaml:4:8" in by_file["policies/112 - コピー.yaml"]
    assert "policies/112 - コピー.yaml:4:8" in by_file["policies/112.yaml"]
    assert all("同じ番号の施策が二つあります" in m for m in by_file.values())


def test_seed_table_412_has_no_page():
    found = findings(SEED_TABLE, "completeness")
    assert [f.line for f in found if f.file == "policies/412.yaml"] == [2]
    assert "施策412のページ" in next(f.message for f in found if f.file == "policies/412.yaml")


def test_goal_titles_too(complete_copy):
    edit(complete_copy / "concept.yaml", "title: 子どもが{健|すこ}やかに育つ環境づくり",
         "title: 地域で支え合う福祉の充実")
    found = findings(complete_copy, "duplicate-title")
    assert {f.unit for f in found} == {"基本目標11", "基本目標12"}
