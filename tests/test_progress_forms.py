"""`planbook forms --progress YEAR` and `planbook intake` of the returned
progress forms: filled in with openpyxl as a department would, read back,
checked at their cells, applied to progress/YEAR.yaml (made when missing,
comments kept), then graded by `planbook progress`."""
import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import COMPLETE, FIXTURES

from planbook.cli import main
from planbook.forms.progress import FORMAT
from planbook.forms.workbook import META


def _source(tmp: Path, years=("2027",)) -> Path:
    src = tmp / "source"
    shutil.copytree(COMPLETE, src)
    (src / "progress").mkdir()
    for y in years:
        shutil.copy(FIXTURES / "progress" / f"{y}.yaml", src / "progress" / f"{y}.yaml")
    return src


def _forms(src: Path, year: int, out: Path, *more) -> int:
    return main(["forms", str(src), "--progress", str(year), "-o", str(out), *more])


def _cell(ws, indicator: str | None, label: str) -> str:
    """The input cell of `label` (実績値, 説明, コメント) under `indicator`'s heading."""
    current = None
    for r in range(1, ws.max_row + 1):
        a = str(ws[f"A{r}"].value or "")
        if a.startswith("指標"):
            current = a.split("　", 1)[1]
        elif (indicator is None or current == indicator) and a.startswith(label):
            return f"B{r}"
    raise AssertionError((indicator, label))


def _fill(path: Path, sheet: str, values: dict, to: Path | None = None) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for (indicator, label), value in values.items():
        ws[_cell(ws, indicator, label)].value = value
    to = to or path
    wb.save(to)
    return to


def _intake(src: Path, files, out: Path, apply=False) -> int:
    return main(["intake", str(src), *map(str, files), "-o", str(out), *(["--apply"] if apply else [])])


@pytest.fixture
def src(tmp_path):
    return _source(tmp_path)


def test_form_shows_indicators_and_earlier_years(src, tmp_path):
    assert _forms(src, 2028, tmp_path / "out") == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["department"]: e for e in manifest["outputs"] if e["kind"] == "progress-form"}
    assert entries["環境課"]["year"] == 2028 and entries["環境課"]["policies"] == ["211", "221", "222"]
    assert entries["環境課"]["path"] == "環境課.xlsx"
    wb = openpyxl.load_workbook(tmp_path / "out" / "環境課.xlsx")
    assert wb.sheetnames == ["記入のしかた", "施策211", "施策221", "施策222", META]
    assert wb[META]["B1"].value == FORMAT and wb[META].sheet_state == "veryHidden"
    ws = wb["施策222"]
    text = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "指標1　市民一人一日当たりのごみ排出量" in text
    assert "2027年度: 806" in text and "2027年度: 25.6" in text           # last year's values, read-only
    assert any(t.startswith("820（2025年度）") for t in text)              # baseline (year)
    ref = _cell(ws, "市民一人一日当たりのごみ排出量", "2028年度の実績値")
    assert ws[ref].value is None and ws[ref].protection.locked is False
    assert ws[f"A{ref[1:]}"].value == "2028年度の実績値（g）"
    dv = {ref: d.type for d in ws.data_validations.dataValidation for ref in str(d.sqref).split()}
    assert dv[ref] == "decimal"
    assert ws.protection.sheet and wb.security.lockStructure
    guide = " ".join(str(c.value) for row in wb["記入のしかた"].iter_rows() for c in row if c.value)
    assert "空欄のままにして" in guide and "カンマ" in guide


def test_value_and_comment_applied_then_graded(src, tmp_path):
    assert _forms(src, 2028, tmp_path / "forms", "--department", "福祉課") == 0
    form = _fill(tmp_path / "forms" / "福祉課.xlsx", "施策111",
                 {("総合相談窓口の相談件数", "2028年度の実績値"): 2010,
                  (None, "コメント"): "窓口を二か所に増やした。\n\n相談件数が増えた。"})
    target = src / "progress" / "2028.yaml"
    assert _intake(src, [form], tmp_path / "check") == 0
    assert not target.exists()                                          # not without --apply
    assert _intake(src, [form], tmp_path / "apply", apply=True) == 0
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[1:] == ["policies:", "  111:", "    indicators:", "      総合相談窓口の相談件数: 2010",
                                     "    comment: |", "      窓口を二か所に増やした。", "",
                                     "      相談件数が増えた。"]
    report = (tmp_path / "apply" / "intake-report.html").read_text(encoding="utf-8")
    assert "2028 年度の実績値の様式" in report and "福祉課.xlsx 施策111!" in report
    # applying twice changes nothing
    assert _intake(src, [form], tmp_path / "again", apply=True) == 0
    assert target.read_text(encoding="utf-8") == text
    # graded by `planbook progress`
    assert main(["progress", str(src), "--year", "2028", "-o", str(tmp_path / "report")]) == 0
    rows = list(csv.DictReader((tmp_path / "report" / next(p.name for p in (tmp_path / "report").iterdir()
                                                             if p.suffix == ".csv")).open(encoding="utf-8-sig")))
    row = next(r for r in rows if r["年度"] == "2028" and r["指標名"] == "総合相談窓口の相談件数")
    assert row["実績値"] == "2010" and row["達成率"] == "30.4"          # (2010-1840)/(2400-1840)
    assert row["評語"] not in ("", "未把握", "－")


@pytest.mark.parametrize("typed, said", [("約1500", "「約」"), ("1,500", "桁区切り"), ("１５００", "全角"),
                                         ("1500件", "単位")])
def test_bad_values_refused_at_their_cell(src, tmp_path, capsys, typed, said):
    assert _forms(src, 2028, tmp_path / "forms", "--department", "福祉課") == 0
    form = tmp_path / "forms" / "福祉課.xlsx"
    ref = _cell(openpyxl.load_workbook(form)["施策111"], "総合相談窓口の相談件数", "2028年度の実績値")
    _fill(form, "施策111", {("総合相談窓口の相談件数", "2028年度の実績値"): typed,
                           (None, "コメント"): "書いた。"})
    capsys.readouterr()
    assert _intake(src, [form], tmp_path / "out", apply=True) == 1
    err = capsys.readouterr().err
    line = next(l for l in err.splitlines() if l.startswith("誤り"))
    assert f"福祉課.xlsx 施策111!{ref}" in line and said in line
    assert not (src / "progress" / "2028.yaml").exists()               # the good comment is not written either


def test_stale_form_is_a_conflict_and_comments_are_kept(src, tmp_path, capsys):
    target = src / "progress" / "2027.yaml"
    assert _forms(src, 2027, tmp_path / "forms", "--department", "子育て支援課") == 0
    form = tmp_path / "forms" / "子育て支援課.xlsx"
    ws = openpyxl.load_workbook(form)["施策121"]
    assert ws[_cell(ws, "待機児童数", "2027年度の実績値")].value == 9   # this year's value as written
    # the planning section fixes a value and adds comments meanwhile
    text = target.read_text(encoding="utf-8")
    text = text.replace("      子育て拠点の利用者数: 15100\n",
                        "      # 速報値\n      子育て拠点の利用者数: 15200  # 4月に確定\n")
    target.write_text(text, encoding="utf-8")
    _fill(form, "施策121", {("子育て拠点の利用者数", "2027年度の実績値"): 15300,
                           ("待機児童数", "説明"): "4月1日現在"})
    capsys.readouterr()
    assert _intake(src, [form], tmp_path / "out", apply=True) == 1
    err = capsys.readouterr().err
    assert "競合: 施策121 2027年度 子育て拠点の利用者数の実績値" in err
    assert "様式を作ったとき「15100」→ source「15200」、返送「15300」" in err
    new = target.read_text(encoding="utf-8")
    assert new == text.replace("      待機児童数: 9 人\n", "      待機児童数: {value: 9 人, note: 4月1日現在}\n")
    assert "# 速報値" in new and "# 4月に確定" in new and new.startswith("# テスト用の架空の実績値")


def test_emptied_value_with_a_reason(src, tmp_path):
    assert _forms(src, 2027, tmp_path / "forms", "--department", "環境課") == 0
    form = _fill(tmp_path / "forms" / "環境課.xlsx", "施策211",
                 {("海岸林の面積", "2027年度の実績値"): None, ("海岸林の面積", "説明"): "測量は隔年"})
    assert _intake(src, [form], tmp_path / "out", apply=True) == 0
    text = (src / "progress" / "2027.yaml").read_text(encoding="utf-8")
    assert "      海岸林の面積: {value: null, note: 測量は隔年}\n" in text


@pytest.mark.parametrize("year", ["2040", "2020", "令和10", "20x8"])
def test_bad_year_is_a_usage_error(src, tmp_path, capsys, year):
    with pytest.raises(SystemExit) as e:
        raise SystemExit(main(["forms", str(src), "--progress", year, "-o", str(tmp_path / "o")]))
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "年度" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_progress_and_policy_forms_read_together(src, tmp_path, capsys):
    assert _forms(src, 2028, tmp_path / "p", "--department", "環境課") == 0
    assert main(["forms", str(src), "-o", str(tmp_path / "f"), "--department", "環境課"]) == 0
    progress = _fill(tmp_path / "p" / "環境課.xlsx", "施策211", {("海岸林の面積", "2028年度の実績値"): 43.25},
                     to=tmp_path / "実績.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "f" / "環境課.xlsx")
    ws = wb["施策211"]
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == "施策名")
    ws[f"B{row}"].value = "里山と海岸林を守り育てる"
    wb.save(tmp_path / "施策.xlsx")
    capsys.readouterr()
    assert _intake(src, [progress, tmp_path / "施策.xlsx"], tmp_path / "out", apply=True) == 0
    err = capsys.readouterr().err
    assert "progress/2028.yaml" in err and "policies/" in err
    assert "      海岸林の面積: 43.25\n" in (src / "progress" / "2028.yaml").read_text(encoding="utf-8")
    assert "里山と海岸林を守り育てる" in next((src / "policies").glob("211*.yaml")).read_text(encoding="utf-8")


def test_broken_record_is_unreadable_not_a_crash(src, tmp_path, capsys):
    assert _forms(src, 2028, tmp_path / "p", "--department", "環境課") == 0
    wb = openpyxl.load_workbook(tmp_path / "p" / "環境課.xlsx")
    meta = wb[META]
    row = next(r for r in range(1, meta.max_row + 1) if meta[f"A{r}"].value == "field")
    meta[f"C{row}"].value = "ZZZZ0"
    wb.save(tmp_path / "壊れ.xlsx")
    capsys.readouterr()
    assert _intake(src, [tmp_path / "壊れ.xlsx"], tmp_path / "out") == 2
    assert "様式の記録が壊れています" in capsys.readouterr().err


def test_same_source_same_bytes(src, tmp_path):
    assert _forms(src, 2027, tmp_path / "a", "--department", "環境課") == 0
    assert _forms(src, 2027, tmp_path / "b", "--department", "環境課") == 0
    assert (tmp_path / "a" / "環境課.xlsx").read_bytes() == (tmp_path / "b" / "環境課.xlsx").read_bytes()
    ws = openpyxl.load_workbook(tmp_path / "a" / "環境課.xlsx")["施策221"]
    ref = _cell(ws, "市内の太陽光発電の設備容量", "2027年度の実績値")
    assert ws[ref].value is None                                         # null in 2027.yaml
    assert ws[f"B{int(ref[1:]) + 1}"].value == "調査未実施"               # its note, filled in


def test_default_folder_apart_from_the_policy_forms(src, monkeypatch):
    monkeypatch.chdir(src.parent)
    assert main(["forms", "--progress", "2027", "--department", "福祉課"]) == 0
    assert main(["forms", "--department", "福祉課"]) == 0
    progress = openpyxl.load_workbook(src.parent / "build" / "progress-forms" / "福祉課.xlsx")
    policy = openpyxl.load_workbook(src.parent / "build" / "forms" / "福祉課.xlsx")
    assert progress[META]["B1"].value == FORMAT and policy[META]["B1"].value != FORMAT
