"""`planbook intake`: returned forms filled in with openpyxl as a department
would, read back, compared three ways, refused at their cell, applied with
the smallest change to the YAML."""
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planbook.cli import main
from planbook.intake.command import intake
from planbook.intake.edits import ParagraphEdit

from conftest import COMPLETE

POLICY = "policies/211.yaml"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The complete plan with comments inside 211.yaml, and its forms (made once)."""
    source = tmp_path_factory.mktemp("intake") / "source"
    shutil.copytree(COMPLETE, source)
    p = source / POLICY
    text = p.read_text(encoding="utf-8").replace(
        "    unit: ha\n", "    unit: ha   # ヘクタール（面積）\n").replace(
        "indicators:\n", "# 指標は環境課が毎年度更新\nindicators:\n")
    p.write_text(text, encoding="utf-8")
    forms = source.parent / "forms"
    assert main(["forms", str(source), "-o", str(forms)]) == 0
    return source, forms


@pytest.fixture
def plan(made, tmp_path):
    """A writable copy of that plan, with the forms made from it."""
    source = tmp_path / "source"
    shutil.copytree(made[0], source)
    return source, made[1]


def fill(form: Path, dest: Path, sheet: str = "施策211", **cells) -> Path:
    """The form as a department returns it: some cells changed, saved by openpyxl."""
    wb = openpyxl.load_workbook(form)
    ws = wb[sheet]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(dest)
    return dest


def rows(form: Path, sheet: str = "施策211") -> dict:
    ws = openpyxl.load_workbook(form)[sheet]
    return {ws[f"A{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value}


def refused(plan, tmp_path, capsys, cells: dict) -> str:
    """A return with `cells` changed, applied: refused (exit 1), nothing
    written, not even its good cells; what was said."""
    source, forms = plan
    before = (source / POLICY).read_bytes()
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx", **cells)
    assert run(source, back, "-o", tmp_path / "o", "--apply") == 1
    assert (source / POLICY).read_bytes() == before
    return capsys.readouterr().err


def run(*args) -> int:
    try:
        return main(["intake", *map(str, args)])
    except SystemExit as e:
        return e.code


def test_changed_text_and_value_applied_comments_kept(plan, tmp_path, capsys):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    before = (source / POLICY).read_text(encoding="utf-8")
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx",
                **{f"B{r['10年後の姿']}": "海岸の松林が守られています。\n\n多くの人が自然に親しんでいます。",
                   f"D{r['指標1']}": 900, f"B{r['連絡']}": "目標値は来月見直します"})
    out = tmp_path / "report"
    assert run(source, back, "-o", out) == 0                 # a dry run writes nothing
    assert (source / POLICY).read_text(encoding="utf-8") == before
    err = capsys.readouterr().err
    assert "環境課.xlsx 施策211!D" in err and "「860」→「900」" in err
    assert run(source, back, "-o", out, "--apply") == 0
    after = (source / POLICY).read_text(encoding="utf-8")
    old, new = before.splitlines(), after.splitlines()
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(new) == len(old) + 2                            # the new paragraph and its blank line
    assert "  海岸の松林が守られています。" in new and "  多くの人が自然に親しんでいます。" in new
    assert "    baseline: {value: 900, year: 2025}" in new
    assert "    unit: ha   # ヘクタール（面積）" in new and "# 指標は環境課が毎年度更新" in new
    assert changed[0][0].startswith("  海岸の松林と丘陵の里山")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = {e["kind"]: e for e in manifest["outputs"]}
    assert kinds["intake-report"]["applied"] is True and "check-report" in kinds
    report = (out / "intake-report.html").read_text(encoding="utf-8")
    assert "目標値は来月見直します" in report and "施策211!D" in report
    # the same file twice changes nothing
    capsys.readouterr()
    assert run(source, back, "-o", out, "--apply") == 0
    assert (source / POLICY).read_text(encoding="utf-8") == after
    assert "変更 0 件、競合 0 件、誤り 0 件、反映済み 2 件" in capsys.readouterr().err


@pytest.mark.parametrize("value, words", [
    ("約1500", "「約」などは書きません"), ("１５００", "全角"), ("1500人", "「単位」の欄"),
    ("長い説明の文章を\n貼り付けました", "文章が入っています"), ("=D19*2", "式"), (True, "TRUE/FALSE")])
def test_bad_value_refused_at_its_cell(plan, tmp_path, capsys, value, words):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    err = refused(plan, tmp_path, capsys, {f"D{r['指標1']}": value, f"B{r['施策名']}": "新しい施策名"})
    line = next(x for x in err.splitlines() if x.startswith("誤り:"))
    assert f"環境課.xlsx 施策211!D{r['指標1']}:" in line and words in line
    report = (tmp_path / "o" / "intake-report.html").read_text(encoding="utf-8")
    assert "誤り<b>1</b>件" in report and f"施策211!D{r['指標1']}" in report


def test_year_in_wareki_and_direction_out_of_list(plan, tmp_path, capsys):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx",
                **{f"E{r['指標1']}": "令和7", f"H{r['指標1']}": "Ｃ"})
    assert run(source, back, "-o", tmp_path / "o") == 1
    err = capsys.readouterr().err
    assert f"施策211!E{r['指標1']}: 「指標1 現状値の年度」は西暦" in err and "2025 と書いてください" in err
    assert f"施策211!H{r['指標1']}: 「指標1 方向」の「C」は選べません" in err


def test_stale_form_conflict_refused_with_three_versions(plan, tmp_path, capsys):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    p = source / POLICY
    p.write_text(p.read_text(encoding="utf-8").replace("{value: 860,", "{value: 870,"), encoding="utf-8")
    stale = p.read_text(encoding="utf-8")
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx",
                **{f"D{r['指標1']}": 900, f"B{r['施策名']}": "海岸林と里山を守る"})
    assert run(source, back, "-o", tmp_path / "o", "--apply") == 1
    err = capsys.readouterr().err
    assert "競合: 施策211 指標1 現状値" in err and "「860」→ source「870」、返送「900」" in err
    # the conflict is not applied; the other change is
    assert p.read_text(encoding="utf-8") == stale.replace("title: 海岸林と里山の保全", "title: 海岸林と里山を守る")
    report = (tmp_path / "o" / "intake-report.html").read_text(encoding="utf-8")
    assert "様式を作ったときの値: 860" in report
    assert "<td>施策211</td></tr>" in report                 # changed in the source since the form


def test_two_returns_disagree_is_a_conflict(plan, tmp_path, capsys):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    a = fill(forms / "環境課.xlsx", tmp_path / "a.xlsx", **{f"B{r['施策名']}": "案A"})
    b = fill(forms / "環境課.xlsx", tmp_path / "b.xlsx", **{f"B{r['施策名']}": "案B"})
    before = (source / POLICY).read_bytes()
    assert run(source, a, b, "-o", tmp_path / "o", "--apply") == 1
    assert "別の返送「案B」" in capsys.readouterr().err
    assert (source / POLICY).read_bytes() == before


def test_new_indicator_in_an_empty_row(plan, tmp_path):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    n = r["指標3"]
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx",
                **{f"B{n}": "海岸清掃の参加者数", f"C{n}": "人", f"F{n}": 300, f"H{n}": "増加"})
    assert run(source, back, "-o", tmp_path / "o", "--apply") == 0
    text = (source / POLICY).read_text(encoding="utf-8")
    assert "  - name: 海岸清掃の参加者数\n    unit: 人\n    target: {value: 300}\n    direction: up\n" in text


def test_value_without_indicator_name_refused(plan, tmp_path, capsys):
    source, forms = plan
    n = rows(forms / "環境課.xlsx")["指標3"]
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx", **{f"F{n}": 300})
    assert run(source, back, "-o", tmp_path / "o", "--apply") == 1
    assert "指標名がありません" in capsys.readouterr().err


def test_rows_moved_refused(plan, tmp_path, capsys):
    source, forms = plan
    wb = openpyxl.load_workbook(forms / "環境課.xlsx")
    ws = wb["施策211"]
    ws.protection.sheet = False
    ws.insert_rows(5)
    wb.save(tmp_path / "moved.xlsx")
    assert run(source, tmp_path / "moved.xlsx", "-o", tmp_path / "o", "--apply") == 1
    assert "行を足したり消したりしたようです" in capsys.readouterr().err


def test_word_paragraph_edits_share_the_path(plan, tmp_path):
    source, _ = plan
    p = source / "policies" / "111.yaml"
    edit = ParagraphEdit("111/directions/2/2", "見守りの研修を毎年開きます。", "福祉課",
                         "福祉課.docx 段落 111/directions/2/2")
    assert intake(source, [], tmp_path / "o", True, io.StringIO(), [edit]) == 0
    text = p.read_text(encoding="utf-8")
    assert "      見守りの研修を毎年開きます。\n" in text
    assert "民生委員や自治会と協力し" in text


def _bad(tmp_path: Path, kind: str) -> Path:
    f = tmp_path / "防災課.xlsx"
    if kind == "text":
        f.write_text("これは Excel ではありません", encoding="utf-8")
    elif kind == "ole":                  # a password-protected workbook is an encrypted OLE file
        f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif kind == "truncated":
        f.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    elif kind == "huge":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/worksheets/sheet1.xml", b"<c/>" * (30 * 1024 * 1024))
        f.write_bytes(buf.getvalue())
    elif kind == "foreign":
        wb = openpyxl.Workbook()
        wb.active["A1"] = "自分で作った表"
        wb.save(f)
    elif kind == "folder":
        f.mkdir()
    return f


@pytest.mark.parametrize("kind, words", [
    ("text", "Excel（.xlsx）のファイルではありません"), ("ole", "パスワード"), ("truncated", "壊れていて"),
    ("huge", "大きすぎます"), ("foreign", "planbook が作った記入様式ではありません"), ("missing", "ありません"),
    ("folder", "フォルダ")])
def test_unreadable_files_exit_2(plan, tmp_path, capsys, kind, words):
    source, _ = plan
    f = _bad(tmp_path, kind)
    before = (source / POLICY).read_bytes()
    assert run(source, f, "-o", tmp_path / "o", "--apply") == 2
    err = capsys.readouterr().err
    assert "防災課.xlsx" in err and words in err and "Traceback" not in err
    assert (source / POLICY).read_bytes() == before


@pytest.mark.parametrize("args", [[], ["--nope"], ["--apply"]])
def test_usage_errors_exit_2(plan, args):
    source, _ = plan
    assert run(source, *args) == 2


def test_first_file_is_not_taken_for_the_plan_folder(plan, tmp_path, monkeypatch, capsys):
    source, forms = plan
    monkeypatch.chdir(source.parent)
    assert run(forms / "環境課.xlsx", "-o", tmp_path / "o") == 0
    assert "読んだ様式 1 件" in capsys.readouterr().err


@pytest.mark.parametrize("path", [["code"], ["departments"], ["goal"], ["indicators", 0, "cumulative"],
                                  ["notes", "../x"], ["directions", 10**6, "title"]])
def test_a_tampered_record_cannot_reach_other_keys(plan, tmp_path, capsys, path):
    source, forms = plan
    wb = openpyxl.load_workbook(forms / "環境課.xlsx")
    meta = wb["_planbook"]
    row = next(r for r in meta.iter_rows() if r[0].value == "field" and r[3].value == "211")
    row[4].value = json.dumps(path)
    wb.save(tmp_path / "tampered.xlsx")
    before = (source / POLICY).read_bytes()
    assert run(source, tmp_path / "tampered.xlsx", "-o", tmp_path / "o", "--apply") == 2
    assert "様式の記録が壊れています" in capsys.readouterr().err
    assert (source / POLICY).read_bytes() == before


def test_out_inside_source_refused_before_writing(plan, tmp_path, capsys):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx", **{f"B{r['施策名']}": "新しい施策名"})
    before = (source / POLICY).read_bytes()
    assert run(source, back, "-o", source / "out", "--apply") == 2
    assert (source / POLICY).read_bytes() == before


def test_a_cleared_cell_empties_the_field_and_says_so(plan, tmp_path, capsys):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx", **{f"B{r['市民の役割']}": None})
    assert run(source, back, "-o", tmp_path / "o", "--apply") == 0
    assert "市民の役割（環境課、環境課.xlsx 施策211!B" in capsys.readouterr().err
    text = (source / POLICY).read_text(encoding="utf-8")
    assert "  citizens: null\n  government: |\n" in text


def test_a_deleted_sheet_is_reported_once(plan, tmp_path, capsys):
    source, forms = plan
    wb = openpyxl.load_workbook(forms / "環境課.xlsx")
    wb.security.lockStructure = False
    del wb["施策221"]
    wb.save(tmp_path / "環境課.xlsx")
    assert run(source, tmp_path / "環境課.xlsx", "-o", tmp_path / "o") == 1
    err = capsys.readouterr().err
    assert err.count("シート「施策221」がありません") == 1


def test_a_form_saved_again_by_libreoffice_reads_the_same(plan, tmp_path, capsys):
    """A department on LibreOffice: the hidden record survives its save."""
    import subprocess
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is missing: run `make test`, which installs it")
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    back = fill(forms / "環境課.xlsx", tmp_path / "back.xlsx", **{f"D{r['指標1']}": 900})
    conv = tmp_path / "conv"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(conv), str(back)],
                   capture_output=True, timeout=300)
    assert (conv / "back.xlsx").is_file(), "soffice could not save the form (needs libreoffice-calc)"
    assert run(source, conv / "back.xlsx", "-o", tmp_path / "o", "--apply") == 0
    assert "    baseline: {value: 900, year: 2025}" in (source / POLICY).read_text(encoding="utf-8")


def test_any_cell_value_is_read_or_refused_in_japanese():
    """Whatever a cell holds, a value of the field's type or a CellError."""
    from hypothesis import given, settings, strategies as st

    from planbook.forms.fields import DIRECTION, LINE, NUMBER, TEXT, YEAR
    from planbook.intake.cells import CellError, check

    types = {NUMBER: (int, float), YEAR: (int,), DIRECTION: (str,), LINE: (str,), TEXT: (str,)}
    raws = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                     st.text(), st.datetimes(), st.sampled_from(["約1500", "１５００", "令和7", "増加", "1,5", "Ｃ"]))

    @settings(max_examples=400, derandomize=True, deadline=None)
    @given(st.sampled_from(sorted(types)), raws)
    def probe(kind, raw):
        try:
            value = check(kind, raw, "欄")
        except CellError as e:
            assert "「欄」" in str(e) or "欄" in str(e)
            return
        assert value is None or isinstance(value, types[kind])
        if kind == YEAR and value is not None:
            assert 1900 <= value <= 2200

    probe()


def test_new_direction_in_an_empty_slot(plan, tmp_path):
    source, forms = plan
    r = rows(forms / "環境課.xlsx")
    back = fill(forms / "環境課.xlsx", tmp_path / "環境課.xlsx",
                **{f"B{r['方向性④ 見出し']}": "海辺の生き物を守ります",
                   f"B{r['方向性④ 本文']}": "干潟の調査を続けます。\n\n市民と観察会を開きます。"})
    assert run(source, back, "-o", tmp_path / "o", "--apply") == 0
    text = (source / POLICY).read_text(encoding="utf-8")
    assert ("  - title: 海辺の生き物を守ります\n    body: |\n      干潟の調査を続けます。\n\n"
            "      市民と観察会を開きます。\n# 指標は環境課が毎年度更新\nindicators:") in text


def test_missing_source_exit_2(tmp_path, capsys):
    assert run(tmp_path / "nothing", tmp_path / "a.xlsx", "-o", tmp_path / "o") == 2
    assert "Traceback" not in capsys.readouterr().err


def test_check_errors_of_the_new_text_blamed_on_their_cells(plan, tmp_path, capsys):
    _, forms = plan
    r = rows(forms / "環境課.xlsx")
    err = refused(plan, tmp_path, capsys, {f"B{r['施策名']}": "海岸林と{里山",
                                           f"B{r['10年後の姿']}": "海岸の松林[^nothere]が守られています。"})
    assert f"誤り: 環境課.xlsx 施策211!B{r['施策名']}: " in err and "（チェック markup）" in err
    assert f"誤り: 環境課.xlsx 施策211!B{r['10年後の姿']}: " in err and "[^nothere]" in err


def test_word_edit_of_a_paragraph_changed_since_is_a_conflict(plan, tmp_path):
    source, _ = plan
    p = source / "policies" / "111.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("研修の機会を設けます。", "研修を年に二回開きます。"),
                 encoding="utf-8")
    before = p.read_bytes()
    edit = ParagraphEdit("111/directions/2/2", "見守りの研修を毎年開きます。", "福祉課", "福祉課.docx",
                         old_text="見守りに参加する市民を増やすため、研修の機会を設けます。")
    err = io.StringIO()
    assert intake(source, [], tmp_path / "o", True, err, [edit]) == 1
    assert "競合: 施策111 段落 111/directions/2/2" in err.getvalue()
    assert p.read_bytes() == before


@pytest.mark.parametrize("name, data, words", [
    ("防災課.docx", b"PK\x03\x04" + b"\0" * 50, "防災課.docx"),
    ("防災課.docx", b"not a packet", "防災課.docx"),
    ("防災課.doc", b"\xd0\xcf\x11\xe0", "古い形式（.doc）")])
def test_unreadable_word_files_exit_2(plan, tmp_path, capsys, name, data, words):
    source, _ = plan
    f = tmp_path / name
    f.write_bytes(data)
    assert run(source, f, "-o", tmp_path / "o", "--apply") == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
