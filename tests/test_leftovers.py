"""Nothing left behind: a build killed outright leaves no layout worker
running and its temporary folder is removed by the next command; a write
that fails (a full disk, an I/O error) leaves no partial file, in the cache
neither, and the next build works."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checks.helpers import write_plan
from conftest import COMPLETE, ROOT
from test_trust import assert_exact_manifest, run
from test_trust_outputs import snapshot

WAIT = 60           # seconds: generous, on a busy 2-core machine


def _planbook(*args: str, tmp: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp))
    return subprocess.Popen([sys.executable, "-m", "planbook", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            out.setdefault(ppid, []).append(int(name))
    return out


def descendants(pid: int) -> list[int]:
    children, todo, found = _children(), [pid], []
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_kill_9_during_a_build_leaves_no_worker(tmp_path):
    """The command killed outright while its workers lay the booklet out:
    every process it started ends (none is waited for by anyone), and the
    next command removes its temporary folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = _planbook("build", str(COMPLETE), "-o", str(tmp_path / "out"), "--no-cache", tmp=tmp)
    deadline = time.monotonic() + WAIT
    # the resource tracker, the process the workers are forked from, and a worker
    while len(family := descendants(proc.pid)) < 3 and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.02)
    assert len(family) >= 3
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + WAIT
    while any(map(running, family)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in family if running(pid)]
    assert [p.name for p in tmp.iterdir()] == [next(tmp.iterdir()).name]
    assert next(tmp.iterdir()).name.startswith("planbook-run-")
    check = _planbook("check", str(COMPLETE), tmp=tmp)
    assert check.wait(timeout=WAIT) == 0, check.stderr.read()
    assert list(tmp.iterdir()) == []


def test_a_command_leaves_no_temporary_file(tmp_path):
    """A build in chunks (workers, a forkserver socket, chunk folders) and a
    final check (a layout in a temporary folder) leave TMPDIR as it was."""
    src = write_plan(tmp_path / "source")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    for args in (("build", str(src), "-o", str(tmp_path / "out"), "--format", "pdf"),
                 ("check", str(src), "--final")):
        proc = _planbook(*args, tmp=tmp)
        assert proc.wait(timeout=WAIT) in (0, 1), proc.stderr.read()
        assert list(tmp.iterdir()) == []


# -- a failed write ---------------------------------------------------------


def partial_files(out: Path) -> list[str]:
    return [p.relative_to(out).as_posix() for p in out.rglob("*")
            if p.name.endswith(".tmp") or p.name.startswith(".planbook-")]


def cache_entries(out: Path) -> list[str]:
    parts = out / ".cache" / "parts"
    return sorted(p.name for p in parts.iterdir()) if parts.is_dir() else []


@pytest.fixture
def small_pdf(tmp_path):
    """A small plan and an earlier build of its PDF (laid out in chunks in
    this process: --jobs 1 with the cache), the cache emptied."""
    src = write_plan(tmp_path / "source")
    out = tmp_path / "out"
    assert run("build", str(src), "-o", str(out), "--format", "pdf", "--jobs", "1")[0] == 0
    shutil.rmtree(out / ".cache")
    policy = src / "policies/111.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("1840", "1841"), encoding="utf-8")
    return src, out, snapshot(out)


@pytest.mark.parametrize("where, code", [("cache", errno.EIO), ("booklet", errno.ENOSPC)],
                         ids=["cache-EIO", "booklet-ENOSPC"])
def test_a_failed_write_leaves_no_partial_file(small_pdf, monkeypatch, where, code):
    """The disk fills up (or fails) half-way through a file of the cache or
    the booklet itself: half of it is written, then the OS says no."""
    src, out, before = small_pdf
    real = os.write
    hits = []

    def write(fd, data):
        try:
            name = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            name = ""
        wanted = ("/.cache/parts/" in name if where == "cache"
                  else "/.planbook-" in name and name.endswith(".pdf"))
        if name.startswith(str(out)) and wanted and len(data) > 1:
            hits.append(name)
            real(fd, bytes(data[:len(data) // 2]))
            raise OSError(code, os.strerror(code))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    code_, text = run("build", str(src), "-o", str(out), "--format", "pdf", "--jobs", "1")
    monkeypatch.undo()
    assert hits and code_ == 2, text
    assert f"「{out}」に書き出せません" in text and "Traceback" not in text
    assert ("ディスクの空きがありません" if code == errno.ENOSPC else "ディスクの読み書き") in text
    assert partial_files(out) == [] and cache_entries(out) == []
    assert snapshot(out) == before
    assert_exact_manifest(out)
    assert run("build", str(src), "-o", str(out), "--format", "pdf", "--jobs", "1")[0] == 0
    assert cache_entries(out) and partial_files(out) == []


def test_temporary_files_of_a_killed_run_are_removed_from_the_cache(small_pdf):
    """A run killed while it wrote an entry left `….pdf.PID.tmp`: the next run
    removes it (its process is gone); a live process's is left alone."""
    src, out, _ = small_pdf
    parts = out / ".cache" / "parts"
    parts.mkdir(parents=True)
    dead = _dead_pid()
    (parts / f"{'a' * 40}.pdf.{dead}.tmp").write_bytes(b"%PDF half")
    live = parts / f"{'b' * 40}.pdf.{os.getpid()}.tmp"
    live.write_bytes(b"%PDF being written")
    assert run("build", str(src), "-o", str(out), "--format", "pdf", "--jobs", "1")[0] == 0
    assert [p.name for p in parts.glob("*.tmp")] == [live.name]


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str):
    """A tmpfs of `size` at `folder` (root only; else the test is skipped:
    test_a_failed_write_leaves_no_partial_file fails writes without one)."""
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    if made.returncode != 0:
        pytest.skip("no tmpfs can be mounted here (a container without CAP_SYS_ADMIN)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("size", ["100k"])
def test_a_full_disk(tmp_path, size):
    """A build into a disk too small for it (100k: a layout worker's write
    to the cache fails; a failed write of the booklet itself is the patched
    test above): refused
    with the reason, nothing of it left on the disk; once the disk has room,
    the next build works."""
    src = write_plan(tmp_path / "source")
    with tiny_disk(tmp_path / "disk", size) as disk:
        out = disk / "out"
        proc = _planbook("build", str(src), "-o", str(out), "--format", "pdf", tmp=tmp_path)
        _, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 2, err
        assert "ディスクの空きがありません" in err and "terminate" not in err, err
        assert partial_files(out) == [] and cache_entries(out) == []
        assert [p for p in out.rglob("*") if p.is_file()] == []
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        proc = _planbook("build", str(src), "-o", str(out), "--format", "pdf", tmp=tmp_path)
        _, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, err
        assert_exact_manifest(out)
