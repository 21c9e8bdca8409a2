"""The `planbook` command as a user runs it: exit codes, outputs, manifest,
atomic writes, no tracebacks."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbook import builders
from planbook.cli import main

from conftest import COMPLETE, SOURCE


def run(*args: str):
    return main(list(args))


@pytest.fixture(scope="module")
def kiyose_build(cli_builds, tmp_path_factory):
    """The session's Kiyose build (conftest), copied: these tests write into it."""
    code, shared = cli_builds["kiyose"]
    out = tmp_path_factory.mktemp("kiyose-build") / "out"
    shutil.copytree(shared, out)
    return code, out


def test_build_writes_booklet_docx_report_and_manifest(kiyose_build):
    code, out = kiyose_build
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = {e["kind"]: e for e in manifest["outputs"]}
    assert {"booklet", "docx", "check-report"} <= set(kinds)
    booklet = kinds["booklet"]
    pdf = out / booklet["path"]
    assert pdf.suffix == ".pdf" and pdf.exists()
    assert booklet["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert booklet["pages"] == len(PdfReader(pdf).pages)
    for e in manifest["outputs"]:
        assert (out / e["path"]).exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".planbook-")]


def test_failed_load_leaves_previous_outputs(kiyose_build, kiyose_copy, capsys):
    _, out = kiyose_build
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    plan = kiyose_copy / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("period:", "period："), encoding="utf-8")
    assert run("build", str(kiyose_copy), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "plan.yaml:" in err and "全角" in err and "Traceback" not in err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert before == after


def test_failed_render_leaves_previous_outputs(kiyose_build, monkeypatch, capsys):
    _, out = kiyose_build
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    class Broken(builders.Builder):
        name, kind = "pdf", "booklet"

        def build(self, outdir: Path):
            (outdir / "half.pdf").write_bytes(b"%PDF-1.7 half")
            raise RuntimeError("renderer broke")

    monkeypatch.setattr(builders, "get", lambda name: Broken)
    assert run("build", str(SOURCE), "-o", str(out), "--format", "pdf") == 3
    err = capsys.readouterr().err
    assert "内部エラー" in err and "Traceback" not in err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert before == after
    assert not [p for p in out.iterdir() if p.name.startswith(".planbook-")]


def test_final_refuses_kiyose_and_writes_only_the_report(tmp_path, capsys):
    out = tmp_path / "out"
    assert run("build", str(SOURCE), "-o", str(out), "--final", "--format", "pdf") == 1
    err = capsys.readouterr().err
    assert "error[" in err and "check-report.html" in err
    # only the check report (issue 9: always written) and the manifest listing it
    assert sorted(p.name for p in out.iterdir()) == ["check-report.html", "manifest.json"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["outputs"]
    assert entry["kind"] == "check-report" and entry["error"] > 0


def test_errors_rewrite_the_report_but_not_the_booklet(kiyose_build, kiyose_copy, tmp_path, capsys):
    _, built = kiyose_build
    out = tmp_path / "out"
    shutil.copytree(built, out)
    old = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".pdf", ".docx")}
    assert "エラー<b>0</b>件" in (out / "check-report.html").read_text(encoding="utf-8")
    path = kiyose_copy / "policies/421.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[^compact]", "[^kompact]", 1),
                    encoding="utf-8")
    assert run("build", str(kiyose_copy), "-o", str(out)) == 1
    assert "チェック結果のほかは何も書き出していません" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".pdf", ".docx")} == old
    html = (out / "check-report.html").read_text(encoding="utf-8")
    assert "エラー<b>2</b>件" in html and "[^kompact]" in html and "冊子（PDF・DOCX）・校正刷り・入稿データは書き出されません" in html
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = {e["kind"]: e for e in manifest["outputs"]}
    report = kinds["check-report"]
    assert report["error"] == 2 and not report.get("outdated")
    assert report["sha256"] == hashlib.sha256((out / report["path"]).read_bytes()).hexdigest()
    assert kinds["booklet"]["outdated"] is True and kinds["docx"]["outdated"] is True
    assert not [p for p in out.iterdir() if p.name.startswith(".planbook-")]


def test_check_json(capsys):
    code = run("check", str(SOURCE), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["findings"], "the Kiyose draft has warnings"
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "file", "line", "column", "message", "excerpt", "span", "departments"}
        assert f["severity"] in ("warning", "info")
        if f["span"]:
            a, b = f["span"]
            assert f["column"] > 0 and 0 <= a < b <= len(f["excerpt"])


def test_check_unreadable_is_exit_2(kiyose_copy, capsys):
    (kiyose_copy / "policies/411.yaml").write_bytes("title: 産業\n".encode("cp932"))
    assert run("check", str(kiyose_copy)) == 2
    out = capsys.readouterr().out
    assert "policies/411.yaml:1: error[load-encoding]" in out


def test_bad_usage_is_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        run("build", "--format", "xls")
    assert e.value.code == 2
    assert "xls" in capsys.readouterr().err


def test_console_script_has_no_traceback(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    r = subprocess.run([sys.executable, "-m", "planbook", "build", str(tmp_path / "nowhere")],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 2
    assert "ありません" in r.stderr and "Traceback" not in r.stderr


def test_complete_plan_builds_final_without_kiyose(tmp_path):
    out = tmp_path / "out"
    assert run("build", str(COMPLETE), "-o", str(out), "--final", "--format", "pdf") == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pdf = out / next(e["path"] for e in manifest["outputs"] if e["kind"] == "booklet")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    for word in ("清瀬", "きよせ", "未入力", "未作成", "未着"):
        assert word not in text


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_check_into_a_reader_that_stops_early(fmt):
    """`planbook check | head -1`: the reader goes away after one line; the
    command ends with its own exit code, no internal error (was exit 3)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    proc = subprocess.Popen([sys.executable, "-m", "planbook", "check", str(SOURCE), "--format", fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.read(1)
    proc.stdout.close()                     # as `head -c 1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "内部エラー" not in err and "Traceback" not in err
