"""What planbook promises, tried with bad inputs (tests/trust_cases.py):
every mistake is a Japanese message with the file (exit 2) or a check
finding (exit 1), never an internal error (exit 3) or a traceback; `check`
reports everything `build` would fail on (both give the same exit code);
nothing outside the source is read or quoted; the manifest lists exactly
the files present."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import signal
from pathlib import Path

import pytest

from checks.helpers import write_plan
from conftest import COMPLETE
from planbook.cli import main
from planbook.package import sha256
from trust_cases import CASES, Case


def run(*args: str) -> tuple[int, str]:
    """Exit code and everything written (stdout and stderr), as the user sees it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


@contextlib.contextmanager
def deadline(seconds: int):
    """A hang (a FIFO read) fails the test instead of stopping the suite."""
    def expired(*_):
        raise TimeoutError(f"planbook hung for {seconds} s")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def assert_clean(code: int, text: str) -> None:
    assert code != 3, text
    for word in ("Traceback", "内部エラー", "internal-error", "Error:", "errno"):
        assert word not in text, text


def assert_exact_manifest(out: Path) -> None:
    """Every entry's file exists with its hash; every file is an entry; no debris."""
    if not out.exists():
        return
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {e["path"] for e in manifest["outputs"]}
    for e in manifest["outputs"]:
        assert sha256(out / e["path"]) == e["sha256"], e
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert present == listed | {"manifest.json"}
    assert not [p for p in out.iterdir() if p.name.startswith(".planbook-")]


def source_for(case: Case, tmp: Path) -> Path:
    src = tmp / "source"
    if case.base == "complete":
        shutil.copytree(COMPLETE, src)
    else:
        write_plan(src)
    case.mutate(src)
    return src


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case: Case, tmp_path):
    src = source_for(case, tmp_path)
    with deadline(120):
        code, text = run("check", str(src))
    assert_clean(code, text)
    assert code == case.code, text
    for word in case.words:
        assert word in text, (word, text)
    for word in case.absent:
        assert word not in text, (word, text)
    # what check passes, build makes; what check refuses, build refuses alike
    out = tmp_path / "out"
    command = list(case.args) if case.args[:1] == ("proof",) else ["build", *case.args]
    with deadline(300):
        code, text = run(command[0], str(src), "-o", str(out), *command[1:])
    assert_clean(code, text)
    assert code == case.code, text
    for word in case.absent:
        assert word not in text, (word, text)
    assert_exact_manifest(out)
    if case.code == 0:
        assert any(p.suffix in (".pdf", ".docx") for p in out.iterdir())
        if case.after:
            case.after(out)


def test_table_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
