"""`planbook forms`: one Excel form per 担当課, opened as a department would
(openpyxl) and as it prints (LibreOffice → PDF)."""
import json
import shutil
import subprocess

import openpyxl
import pdfplumber
import pytest

from planbook.cli import main
from planbook.forms.workbook import FORMAT, META

from conftest import COMPLETE


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms") / "out"
    code = main(["forms", str(COMPLETE), "-o", str(out)])
    return code, out


def test_one_workbook_per_department_in_the_manifest(forms):
    code, out = forms
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = [e for e in manifest["outputs"] if e["kind"] == "form"]
    by_dept = {e["department"]: e for e in entries}
    assert set(by_dept) == {"福祉課", "健康推進課", "子育て支援課", "環境課", "清掃事業課", "産業観光課"}
    assert by_dept["環境課"]["path"] == "環境課.xlsx"
    assert by_dept["環境課"]["policies"] == ["211", "221", "222"]
    assert by_dept["福祉課"]["policies"] == ["111", "112"]
    for e in entries:
        assert (out / e["path"]).is_file()


def test_sheets_labels_values_protection_and_validation(forms):
    _, out = forms
    wb = openpyxl.load_workbook(out / "環境課.xlsx")
    assert wb.sheetnames == ["記入のしかた", "施策211", "施策221", "施策222", META]
    assert wb.security.lockStructure
    meta = wb[META]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    assert meta["A1"].value == "format" and meta["B1"].value == FORMAT
    ws = wb["施策211"]
    assert ws.protection.sheet
    cells = {ws[f"A{r}"].value: r for r in range(1, ws.max_row + 1)}
    future = ws[f"B{cells['10年後の姿']}"]
    assert future.value.startswith("海岸の松林と丘陵の里山")
    assert future.alignment.wrap_text and future.protection.locked is False
    assert ws[f"A{cells['10年後の姿']}"].protection.locked is not False      # labels stay locked
    r = cells["指標1"]
    assert (ws[f"B{r}"].value, ws[f"C{r}"].value, ws[f"D{r}"].value, ws[f"E{r}"].value) == \
        ("里山の保全活動の参加者数", "人", 860, 2025)
    assert ws[f"H{r}"].value == "増加"
    kinds = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            kinds[ref] = (dv.type, dv.formula1)
    assert kinds[f"D{r}"][0] == "decimal"
    assert kinds[f"E{r}"] == ("whole", "1900")
    assert kinds[f"H{r}"] == ("list", '"増加,減少,維持"')
    assert str(ws.page_setup.paperSize) == "9" and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert str(ws.print_area).endswith(f"$H${ws.max_row}")


def test_same_source_same_bytes(forms, tmp_path):
    _, out = forms
    assert main(["forms", str(COMPLETE), "-o", str(tmp_path / "again"), "--department", "環境課"]) == 0
    assert (tmp_path / "again" / "環境課.xlsx").read_bytes() == (out / "環境課.xlsx").read_bytes()
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == ["manifest.json", "環境課.xlsx"]


def test_hostile_department_names_stay_inside_out(complete_copy, tmp_path, capsys):
    p = complete_copy / "policies" / "311.yaml"
    text = p.read_text(encoding="utf-8")
    # an invisible bidi override is refused where it is written (the loader)
    p.write_text(text.replace("departments: [産業観光課]", 'departments: ["産業\u202e観光課"]'),
                 encoding="utf-8")
    assert main(["forms", str(complete_copy), "-o", str(tmp_path / "bidi")]) == 2
    assert "U+202E" in capsys.readouterr().err and not (tmp_path / "bidi").exists()
    p.write_text(text.replace(
        "departments: [産業観光課]", 'departments: ["../../産業/観光課", "=HYPERLINK(1)"]'), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["forms", str(complete_copy), "-o", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    names = {e["department"]: e["path"] for e in manifest["outputs"] if e["kind"] == "form"}
    assert names["../../産業/観光課"] == "_.._産業_観光課.xlsx"      # no folder
    assert names["=HYPERLINK(1)"] == "=HYPERLINK(1).xlsx"
    assert all(p.parent == out for p in out.rglob("*"))
    wb = openpyxl.load_workbook(out / "=HYPERLINK(1).xlsx")
    assert wb[META]["B2"].value == "=HYPERLINK(1)" and wb[META]["B2"].data_type == "s"


@pytest.mark.parametrize("args", [["--department", "環境"], ["--department", ""], ["--nope"]])
def test_bad_arguments_exit_2(args, tmp_path, capsys):
    try:
        code = main(["forms", str(COMPLETE), "-o", str(tmp_path / "o"), *args])
    except SystemExit as e:             # argparse's usage errors
        code = e.code
    assert code == 2
    assert "環境課" in capsys.readouterr().err or args[0] != "--department" or not args[1]
    assert not (tmp_path / "o").exists()


def test_kiyose_without_departments_gets_one_form(kiyose_copy, tmp_path, capsys):
    assert main(["forms", str(kiyose_copy), "-o", str(tmp_path / "o")]) == 0
    assert "担当課未設定" in capsys.readouterr().err
    wb = openpyxl.load_workbook(tmp_path / "o" / "担当課未設定.xlsx")
    assert len(wb.sheetnames) == 2 + 27


@pytest.fixture(scope="module")
def printed(forms, tmp_path_factory):
    """The 環境課 form as LibreOffice prints it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is missing: run `make test`, which installs it")
    _, out = forms
    tmp = tmp_path_factory.mktemp("lo")
    src = tmp / "form.xlsx"
    shutil.copyfile(out / "環境課.xlsx", src)
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", str(tmp), str(src)],
                       capture_output=True, text=True, timeout=300)
    pdf = tmp / "form.pdf"
    assert pdf.exists(), f"soffice failed ({r.returncode}): {r.stdout} {r.stderr} (needs libreoffice-calc)"
    return pdf


def test_prints_on_a4_portrait_with_every_column_on_the_page(printed):
    with pdfplumber.open(printed) as pdf:
        pages = pdf.pages
        firsts = [n for n, p in enumerate(pages) if (p.extract_text() or "").count("担当課: 環境課")]
        assert len(firsts) == 3                     # each 施策 starts a page
        for page in pages:
            assert (round(page.width), round(page.height)) == (595, 842)
        words = pages[1].extract_words()
        text = "".join(w["text"] for w in words)
        assert "施策211" in text and "方向性①見出し" in text.replace(" ", "")
        right = [w for w in words if w["text"] in ("方向", "年度")]
        assert right and all(w["x1"] < pages[1].width - 20 for w in right)   # fit to width
        guide = pages[0].extract_text()
        assert "黄色のセルだけに書き込めます" in guide
        assert all(w["x1"] < pages[0].width - 20 for w in pages[0].extract_words())


@pytest.mark.parametrize("value, words", [('"見守り\\eします。"', "制御文字"), ("あ" * 40000, "32767 字")])
def test_text_excel_cannot_hold_is_refused(complete_copy, tmp_path, capsys, value, words):
    p = complete_copy / "policies" / "211.yaml"
    text = p.read_text(encoding="utf-8")
    old = "future: |\n  海岸の松林と丘陵の里山が市民の手で守られ、多くの人が自然に親しんでいます。\n"
    assert old in text
    p.write_text(text.replace(old, f"future: {value}\n"), encoding="utf-8")
    assert main(["forms", str(complete_copy), "-o", str(tmp_path / "o")]) == 1
    assert words in capsys.readouterr().err
    assert not list((tmp_path / "o").glob("*.xlsx"))
