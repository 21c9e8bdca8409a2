"""No annotation in a press file (issue 21, item 1) and `planbook
preflight FILE.pdf` (item 6): the press body and cover carry no link,
form or action while the booklet keeps its links; the preflight, on the
press files or on any PDF, refuses an annotation in the printable area
by page and kind, and a file it cannot read is exit 2 in Japanese."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT
from planbook.cli import main

KINDS = ("print-body", "print-cover")


def outputs(out: Path) -> dict:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["kind"]: out / e["path"] for e in data["outputs"]}


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def body_x4(print_x4):
    code, out, log = print_x4
    assert code == 0, log
    return outputs(out)["print-body"]


def _outline_items(pdf):
    stack = [pdf.Root.Outlines.get("/First")] if "/Outlines" in pdf.Root else []
    while stack:
        item = stack.pop()
        if item is None:
            continue
        yield item
        stack += [item.get("/First"), item.get("/Next")]


@pytest.mark.parametrize("job", ["print_x4", "print_x1a"])
def test_press_files_have_no_annotation_form_or_action(job, request):
    code, out, log = request.getfixturevalue(job)
    assert code == 0, log
    for kind in KINDS:
        with pikepdf.open(outputs(out)[kind]) as pdf:
            for n, page in enumerate(pdf.pages, 1):
                assert "/Annots" not in page.obj and "/AA" not in page.obj, (kind, n)
            for key in ("/AcroForm", "/OpenAction", "/AA"):
                assert key not in pdf.Root, (kind, key)
            assert "/JavaScript" not in pdf.Root.get("/Names", {})
            items = list(_outline_items(pdf))
            assert all("/A" not in i for i in items), kind
            if kind == "print-body":            # the chapters stay as bookmarks
                assert items and all("/Dest" in i for i in items)
    report = json.loads(outputs(out)["preflight-json"].read_text(encoding="utf-8"))
    assert report["ok"] and not [p for p in report["problems"] if "注釈" in p]


def test_the_booklet_keeps_its_links(cli_builds):
    code, folder = cli_builds["complete"]
    with pikepdf.open(next(folder.glob("*.pdf"))) as pdf:
        links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])
                 if a.get("/Subtype") == pikepdf.Name.Link]
    assert len(links) > 20


def test_preflight_command_passes_the_press_files(print_x4, print_x1a, capsys, tmp_path):
    for job, version in ((print_x4, "PDF/X-4"), (print_x1a, "PDF/X-1a")):
        for kind in KINDS:
            report = tmp_path / f"{version}-{kind}"
            code, out, err = run(capsys, "preflight", outputs(job[1])[kind], "-o", report)
            assert code == 0, out + err
            assert f"{version} の入稿データとして検査しました" in out and "問題はありません。" in out
            data = json.loads((report / "preflight.json").read_text(encoding="utf-8"))
            assert data["ok"] and data["settings"]["trim_mm"] and data["settings"]["bleed_mm"] == 3
            assert "判定: 問題はありません。" in (report / "preflight.html").read_text(encoding="utf-8")


def _add_annotation(src: Path, dest: Path, page: int, subtype: str, where: str) -> None:
    with pikepdf.open(src) as pdf:
        p = pdf.pages[page - 1]
        x0, y0, x1, y1 = (float(v) for v in p.obj.TrimBox)
        rect = [x0 + 50, y0 + 50, x0 + 150, y0 + 70] if where == "trim" \
            else [0, 0, 5, 5]                                     # in the marks' corner
        annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(f"/{subtype}"),
                                   Rect=rect, Border=[0, 0, 0])
        if subtype == "Link":
            annot.A = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.jp/"))
        p.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
        pdf.save(dest)


def test_a_link_in_the_press_body_is_refused_by_page_and_kind(body_x4, capsys, tmp_path):
    edited = tmp_path / "edited.pdf"
    _add_annotation(body_x4, edited, 3, "Link", "trim")
    code, out, err = run(capsys, "preflight", edited, "-o", tmp_path / "report")
    assert code == 1, out + err
    line = "3 ページ: リンクの注釈（/Link）があります。入稿データには注釈を入れられません。"
    assert line in out and "Traceback" not in out + err
    data = json.loads((tmp_path / "report" / "preflight.json").read_text(encoding="utf-8"))
    assert not data["ok"] and data["problems"] == [f"edited.pdf: {line}"] or line in data["problems"]
    assert line in (tmp_path / "report" / "preflight.html").read_text(encoding="utf-8")


def test_marks_outside_the_bleed_are_allowed(body_x4, capsys, tmp_path):
    printer = tmp_path / "printermark.pdf"
    _add_annotation(body_x4, printer, 1, "PrinterMark", "trim")
    assert run(capsys, "preflight", printer, "-o", tmp_path / "a")[0] == 0
    outside = tmp_path / "outside.pdf"
    _add_annotation(body_x4, outside, 2, "Text", "marks")
    code, out, _ = run(capsys, "preflight", outside, "-o", tmp_path / "b")
    assert code == 0 and "2 ページ: メモの注釈（/Text）が塗り足しの外にあります" in out


def test_the_booklet_pdf_is_refused_for_its_links(cli_builds, capsys, tmp_path):
    code, folder = cli_builds["complete"]
    code, out, err = run(capsys, "preflight", next(folder.glob("*.pdf")), "-o", tmp_path / "r")
    assert code == 1, out + err
    assert "リンクの注釈（/Link）" in out and "入稿データには注釈を入れられません" in out


def test_an_encrypted_pdf_is_unreadable(body_x4, capsys, tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(body_x4) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="u"))
    code, out, err = run(capsys, "preflight", locked, "-o", tmp_path / "r")
    assert code == 2 and "暗号化" in err and not (tmp_path / "r").exists()


@pytest.mark.parametrize("what", ["text", "missing", "folder", "fifo", "empty-name"])
def test_a_file_that_is_not_a_pdf_exits_2_in_japanese(what, tmp_path):
    target = {"text": tmp_path / "memo.pdf", "missing": tmp_path / "none.pdf",
              "folder": tmp_path, "fifo": tmp_path / "pipe.pdf", "empty-name": " "}[what]
    if what == "text":
        target.write_text("これは PDF ではありません\n", encoding="utf-8")
    if what == "fifo":
        os.mkfifo(target)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "planbook", "preflight", str(target),
                        "-o", str(tmp_path / "report")],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "内部エラー" not in r.stderr
    expected = {"text": "PDF ファイルではありません", "missing": "がありません",
                "folder": "はフォルダです", "fifo": "普通のファイルではありません",
                "empty-name": "ファイルの名前が空です"}[what]
    assert expected in r.stderr
    assert not (tmp_path / "report").exists()
