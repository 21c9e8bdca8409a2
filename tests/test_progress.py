"""`planbook progress`: the 進捗報告書 PDF, the workbook and the open-data CSV
of the complete test plan given two years of actual values (and of a copy of
the Kiyose source), read back; reproducible; refused when the year's file is
missing or has errors."""
import csv
import io
import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import COMPLETE, FIXTURES, SOURCE, once_per_run

from planbook.builders.progress import CSV_COLUMNS
from planbook.cli import main

GRADING = """
progress:
  grades:
    - {grade: S, rate: 100, meaning: 目標を達成}
    - {grade: A, rate: 80}
    - {grade: B, rate: 50}
    - {grade: C, meaning: 目標まで半分未満}
  unknown: 未把握
"""


def _plan(folder: Path) -> Path:
    shutil.copytree(COMPLETE, folder)
    shutil.copytree(FIXTURES / "progress", folder / "progress")
    with open(folder / "plan.yaml", "a", encoding="utf-8") as f:
        f.write(GRADING)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two runs on two copies in different folders: (exit codes, out folders)."""
    def make():
        out = []
        for n in (1, 2):
            base = tmp_path_factory.mktemp(f"progress-{n}")
            src = _plan(base / ("計画" if n == 1 else "source"))
            folder = base / "out"
            out.append((main(["progress", str(src), "--year", "2028", "-o", str(folder)]), str(folder)))
        return out
    return [(code, Path(f)) for code, f in once_per_run(tmp_path_factory, "progress_builds", make)]


def _manifest(folder: Path) -> dict:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {e["kind"]: e for e in data["outputs"]}


def test_outputs_are_recorded_in_the_manifest(built):
    code, folder = built[0]
    assert code == 0
    entries = _manifest(folder)
    assert {"progress-report", "progress-workbook", "progress-csv"} <= set(entries)
    assert entries["progress-report"]["path"] == "minatono-plan-progress-2028.pdf"
    assert entries["progress-report"]["pages"] == 8          # the summary and 7 施策
    assert entries["progress-csv"]["year"] == 2028


def test_same_plan_same_bytes(built):
    (_, a), (_, b) = built
    for kind in ("progress-report", "progress-workbook", "progress-csv"):
        path = _manifest(a)[kind]["path"]
        assert (a / path).read_bytes() == (b / path).read_bytes(), kind


def test_report_pages_say_what_the_council_reads(built):
    _, folder = built[0]
    reader = PdfReader(folder / "minatono-plan-progress-2028.pdf")
    first = reader.pages[0].extract_text()
    assert "進捗報告書" in first and "令和10年度（2028年度）" in first
    assert "評価の概要" in first and "将来像1" in first and "基本目標22" in first
    # 施策121: 待機児童数 12 → 0, actual 0 (100.0 %, S); 子育て拠点 15,800 → 18,000, 16,900 (50.0 %, B)
    page = next(p.extract_text() for p in reader.pages[1:] if "施策121" in p.extract_text())
    for words in ("待機児童数", "100.0%", "S", "16,900", "50.0%", "B", "待機児童は年度当初にいなくなった。",
                  "令和7年度", "令和18年度"):
        assert words in page, words
    # 施策221 had no value in 2027: 未把握 with the note
    page = next(p.extract_text() for p in reader.pages[1:] if "施策221" in p.extract_text())
    assert "未把握" in page and "調査未実施" in page


def test_charts_are_vector_with_text_and_no_images(built):
    _, folder = built[0]
    pdf = pikepdf.open(folder / "minatono-plan-progress-2028.pdf")
    for page in pdf.pages:
        xobjects = page.resources.get("/XObject", {})
        for name in xobjects.keys():
            assert xobjects[name].get("/Subtype") != "/Image"
    # the last actual value is a chart label: text, so it is in the page's text twice (table and chart)
    text = PdfReader(folder / "minatono-plan-progress-2028.pdf").pages[3].extract_text()
    assert "施策121" in text
    assert text.count("16,900") == 2


def test_chart_svg_has_a_title_and_the_palette(tmp_path):
    from planbook.checking import load_plan
    from planbook.present.progress import report
    from planbook.render.progress import render_html
    html = render_html(report(load_plan(_plan(tmp_path / "p")), 2028))
    assert html.count("<svg") == 11                          # one per indicator
    assert "<title>待機児童数の推移: 現状値 令和7年度 12人、令和9年度 9人、令和10年度 0人、目標値 令和18年度 0人</title>" in html
    assert "#005AFF" in html and "#03AF7A" in html           # 将来像1 and 2 in the booklet's palette
    assert "<img" not in html


def test_csv_is_utf8_with_bom_one_row_per_indicator_and_year(built):
    _, folder = built[0]
    data = (folder / "minatono-plan-progress-2028.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 11 * 2                            # 11 indicators, 2027 and 2028
    by = {(r[0], r[4]): dict(zip(CSV_COLUMNS, r)) for r in rows[1:]}
    r = by[("2027", "市内の太陽光発電の設備容量")]
    assert (r["実績値"], r["実績値の注記"], r["達成率"], r["評語"]) == ("", "調査未実施", "", "未把握")
    r = by[("2028", "市民一人一日当たりのごみ排出量")]
    assert (r["現状値"], r["目標値"], r["実績値"], r["方向"], r["達成率"], r["評語"]) == \
        ("820", "700", "791", "減少", "24.2", "C")
    assert by[("2028", "認知症サポーターの養成数")]["累計"] == "累計"


def test_workbook_has_every_indicator_by_year_as_numbers(built):
    _, folder = built[0]
    wb = load_workbook(folder / "minatono-plan-progress-2028.xlsx")
    ws = wb["指標の推移"]
    head = [c.value for c in ws[1]]
    assert "2027年度 実績値" in head and "2028年度 実績値" in head
    rows = {r[3]: dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 11
    r = rows["資源化率"]
    assert (r["現状値"], r["2027年度 実績値"], r["2028年度 実績値"], r["2028年度 達成率（%）"],
            r["2028年度 評語"]) == (24.8, 25.6, 26.3, 28.8, "C")
    assert rows["市内の太陽光発電の設備容量"]["2027年度 実績値"] is None
    assert wb.properties.created.year == 1980 and wb.properties.modified.year == 1980
    assert [row[0] for row in wb["評語"].iter_rows(min_row=2, max_row=5, values_only=True)] == \
        ["S", "A", "B", "C"]


def test_a_year_without_its_file_is_refused(tmp_path, capsys):
    src = _plan(tmp_path / "source")
    code = main(["progress", str(src), "--year", "2030", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "progress/2030.yaml がありません" in err and "2027 年度、2028 年度" in err
    assert not (tmp_path / "out" / "minatono-plan-progress-2030.pdf").exists()


def test_a_year_file_with_errors_is_refused_with_its_line(tmp_path, capsys):
    src = _plan(tmp_path / "source")
    path = src / "progress" / "2028.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("待機児童数: 0", "待機児童の数: 0"),
                    encoding="utf-8")
    code = main(["progress", str(src), "--year", "2028", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "progress/2028.yaml:17:" in err and "「待機児童数」のことですか？" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.pdf"))


def test_year_argument_in_wareki_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["progress", str(tmp_path), "--year", "令和9年度"])
    assert e.value.code == 2
    assert "2027" in capsys.readouterr().err


def test_kiyose_copy_with_two_years(tmp_path):
    src = tmp_path / "source"
    shutil.copytree(SOURCE, src)
    (src / "progress").mkdir()
    (src / "progress" / "2026.yaml").write_text(
        "policies:\n  432:\n    indicators:\n      紙の使用枚数: 1200000\n    comment: 会議資料を電子化した。\n",
        encoding="utf-8")
    (src / "progress" / "2027.yaml").write_text(
        "policies:\n  432:\n    indicators:\n      紙の使用枚数: {value: null, note: 集計中}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["progress", str(src), "--year", "2027", "-o", str(out)]) == 0
    reader = PdfReader(out / "kiyose-plan-progress-2027.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    # no baseline or target yet: no 達成率, no chart, 未把握 for 2027
    assert "1,200,000" in text and "集計中" in text and "未把握" in text
    assert "グラフはありません" in text
    rows = list(csv.reader(io.StringIO((out / "kiyose-plan-progress-2027.csv").read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["2026", "2027"]
