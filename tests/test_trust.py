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

from planbook.findings import LoadFailed

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
    # OUT/.cache holds the laid-out parts kept between runs: not an output
    assert {p for p in present if not p.startswith(".cache/")} == listed | {"manifest.json"}
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


# -- the same path rule beyond the loader (ICC profile, round records, git) --

def test_icc_profile_only_a_regular_file_inside_the_source(tmp_path):
    import os

    from planbook.printing.colour import ProfileError, user_profile
    src = write_plan(tmp_path / "source")
    (tmp_path / "outside.icc").write_bytes(b"x" * 100)
    (src / "link.icc").symlink_to(tmp_path / "outside.icc")
    os.mkfifo(src / "pipe.icc")
    (src / "big.icc").write_bytes(b"\0" * (21 << 20))
    for name, words in (("link.icc", "source フォルダの中"), ("pipe.icc", "名前付きパイプ"),
                        ("big.icc", "大きすぎます"), ("none.icc", "ありません")):
        with deadline(30), pytest.raises(ProfileError) as e:
            user_profile(src, name)
        assert words in str(e.value), str(e.value)


def test_round_records_hold_only_regular_files_inside(tmp_path):
    from planbook.proofs.rounds import RoundError, record_round, resolve_source
    src = write_plan(tmp_path / "source")
    (tmp_path / "secret.yaml").write_text("code: 1\n", encoding="utf-8")
    (src / "policies/._111.yaml").write_bytes(b"\0\5\26\7")
    folder = record_round(src, 1, "2026-11-01", tmp_path)
    assert sorted(p.name for p in (folder / "policies").iterdir()) == ["111.yaml"]
    # a link leaving the source: the plan is refused, so nothing is recorded
    (src / "policies/999.yaml").symlink_to(tmp_path / "secret.yaml")
    with pytest.raises(LoadFailed):
        record_round(src, 2, "2026-11-02", tmp_path)
    assert not (src / "rounds/2").exists()
    (src / "policies/999.yaml").unlink()
    (src / "rounds/3").symlink_to(tmp_path)               # a record elsewhere is not read
    with pytest.raises(RoundError) as e:
        with resolve_source("round:3", tmp_path, src):
            pass
    assert "rounds/3" in str(e.value)                     # refused, not read


def test_git_archive_keeps_only_plain_members(tmp_path):
    import subprocess

    from planbook.proofs.rounds import resolve_source
    repo = tmp_path / "repo"
    src = write_plan(repo / "source")
    (src / "policies/999.yaml").symlink_to("../../../../etc/passwd")
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "x"], check=True)
    with resolve_source("git:HEAD", repo, src) as old:
        assert (old / "policies/111.yaml").is_file()
        assert not (old / "policies/999.yaml").exists()


def test_git_runs_nothing_the_repository_configures(tmp_path):
    """A repository whose .git/config (and .gitattributes) would make git run
    commands — an fsmonitor, filters, hooks, a pager, an external diff —
    as `proof` and `diff --old git:REV` use it: no command runs, and git
    still answers (the edited file is seen, the revision extracted)."""
    import subprocess

    from planbook.proofs import gitrev
    repo = tmp_path / "repo"
    src = write_plan(repo / "source")
    (repo / ".gitattributes").write_text("* filter=evil diff=evil\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "x"], check=True)
    mark = tmp_path / "ran"
    hooks = repo / "hooks"
    hooks.mkdir()
    for hook in ("post-index-change", "post-checkout", "pre-commit"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {mark}-hook\n", encoding="utf-8")
        (hooks / hook).chmod(0o755)
    for key, value in (("core.fsmonitor", f"touch {mark}-fsmonitor; false"),
                       ("filter.evil.clean", f"touch {mark}-clean; cat"),
                       ("filter.evil.smudge", f"touch {mark}-smudge; cat"),
                       ("filter.evil.process", f"touch {mark}-process"),
                       ("filter.evil.required", "true"),
                       ("diff.evil.textconv", f"touch {mark}-textconv; cat"),
                       ("diff.external", f"touch {mark}-diff"),
                       ("core.pager", f"touch {mark}-pager; cat"),
                       ("pager.status", f"touch {mark}-pager; cat"),
                       ("core.hooksPath", str(hooks)),
                       ("credential.helper", f"!touch {mark}-credential"),
                       ("core.sshCommand", f"touch {mark}-ssh")):
        subprocess.run(git + ["config", key, value], check=True)
    policy = src / "policies/111.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    root = gitrev.repo_root(src)
    assert root is not None and root.resolve() == repo.resolve()
    assert gitrev.head(root) and gitrev.short(root, "HEAD")
    assert gitrev.uncommitted(root, src) == ["policies/111.yaml"]
    with gitrev.at_revision("HEAD", root, src) as old:
        assert (old / "policies/111.yaml").read_bytes() != policy.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ran")) == []
    # (the same calls with the repository's rules would have run them)
    subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True)
    assert list(tmp_path.glob("ran-*"))
