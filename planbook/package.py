"""Write outputs all or nothing and record them in OUT/manifest.json.

Builders write into a staging folder inside OUT (`.planbook-XXXX`). Only when
every builder has succeeded does `commit` put the files in place, under an
exclusive lock on OUT (two runs into the same folder take turns) and with
SIGINT and SIGTERM held back until it is done: each earlier file is moved
aside into the staging folder, the new one moved in, the builders' own
publications made (a proof's round record), and the manifest replaced last.
If any step fails, every step is undone: the previous files and manifest
are back as they were. The staging folder, with the previous files, is then
removed. A run killed outright (SIGKILL, a power cut) may leave its staging
folder: the next run into OUT removes it (its lock is free).

The manifest lists exactly the files present: the new ones, and earlier
entries whose files still exist (marked outdated when of a refused kind).
An output made whole (the HTML edition's folder) replaces its earlier files:
those this run did not make again are removed with the commit.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from . import files
from .builders import Output
from .files import os_text

MANIFEST = "manifest.json"
PREFIX = ".planbook-"
_PREVIOUS = "previous"


class OutputError(Exception):
    """OUT cannot be written; the message is Japanese and names the path."""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_error(path: Path, e: OSError) -> OutputError:
    return OutputError(f"「{path}」に書き出せません（{os_text(e)}）。")


def check_outdir(out: Path, sources: Iterable[Path]) -> None:
    """Refuse OUT inside a source folder (the next load would find the
    outputs there) and an OUT that is a file."""
    real = Path(out).resolve()
    for src in sources:
        base = Path(src).resolve()
        if real == base or real.is_relative_to(base):
            raise OutputError(f"書き出し先「{out}」が計画のフォルダ「{src}」の中にあります。"
                              "source の外のフォルダを指定してください（例: -o build）。")
    if real.exists() and not real.is_dir():
        raise OutputError(f"書き出し先「{out}」はフォルダではなくファイルです。"
                          "別の名前のフォルダを指定してください。")


@contextlib.contextmanager
def quiet_signals():
    """Hold SIGINT and SIGTERM back until the block ends (then they arrive)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):     # not the main thread, no sigmask
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# A file system without locks (some network shares): run unlocked there.
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL, errno.ENOSYS}


def _lock(fd: int, blocking: bool = True) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError as e:
        if not blocking or e.errno not in _NO_LOCKS:
            raise


@contextlib.contextmanager
def _locked(folder: Path, blocking: bool = True):
    """An exclusive flock on `folder` itself (no lock file is left behind)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        _lock(fd, blocking)
        yield
    finally:
        os.close(fd)


def _sweep(out: Path) -> None:
    """Remove staging folders of runs that are gone (their lock is free)."""
    for entry in out.iterdir():
        if not entry.name.startswith(PREFIX) or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            with _locked(entry, blocking=False):
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue                    # a live run holds it


class Staging:
    """A temporary folder inside OUT; `commit` moves its files into OUT."""

    def __init__(self, out: Path):
        self.out = Path(out)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            if not self.out.is_dir():
                raise NotADirectoryError(20, "", str(out))
            _sweep(self.out)
            self.dir = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.out))
        except OSError as e:
            raise write_error(self.out, e) from None
        self._fd = os.open(self.dir, os.O_RDONLY)      # held while this run lives
        _lock(self._fd)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        with quiet_signals():
            shutil.rmtree(self.dir, ignore_errors=True)
            os.close(self._fd)

    def commit(self, outputs: list[Output], outdated: tuple[str, ...] = (),
               publish: Iterable[Callable[[], Callable[[], None] | None]] = ()) -> list[dict]:
        """Put the outputs in place and record them, all or nothing. Earlier
        entries of the kinds in `outdated` stay, marked `"outdated": true`
        (their files were not made from the source just checked). Each of
        `publish` runs after the files are in place and returns how to undo
        itself (or None)."""
        entries = []
        for o in outputs:
            rel = o.path.relative_to(self.dir)
            entry = {"kind": o.kind, "path": rel.as_posix(), "sha256": sha256(o.path)}
            if o.pages is not None:
                entry["pages"] = o.pages
            entry.update(o.extra)
            entries.append(entry)
        with _locked(self.out), quiet_signals():
            _Commit(self.out, self.dir).run(outputs, entries, outdated, publish)
        return entries


class _Commit:
    """The steps of one commit, each with its undo."""

    def __init__(self, out: Path, staging: Path):
        self.out, self.staging = out, staging
        self.undo: list[Callable[[], None]] = []

    def run(self, outputs, entries, outdated, publish) -> None:
        try:
            for o in outputs:
                self.place(o.path.relative_to(self.staging))
            self.remove_stale(outputs)
            for step in publish:
                undo = step()
                if undo is not None:
                    self.undo.append(undo)
            self.manifest(entries, outdated)
        except BaseException:
            for undo in reversed(self.undo):
                with contextlib.suppress(Exception):
                    undo()
            raise

    def place(self, rel: Path) -> None:
        dest, new = self.out / rel, self.staging / rel
        if dest.is_dir() and not dest.is_symlink():
            raise OutputError(f"書き出し先に同じ名前のフォルダ「{dest}」があります。"
                              "名前を変えるか、別の書き出し先を指定してください。")
        self.mkdirs(dest.parent)
        if dest.is_symlink() or dest.exists():
            aside = self.staging / _PREVIOUS / rel
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(dest, aside)
            self.undo.append(lambda: os.replace(aside, dest))
        os.replace(new, dest)
        self.undo.append(lambda: os.replace(dest, new))

    def remove_stale(self, outputs) -> None:
        """Earlier files of a kind made whole (the HTML edition's) that this run
        did not make again: moved aside with the other previous files."""
        kinds = {o.kind for o in outputs if o.whole}
        if not kinds:
            return
        new = {o.path.relative_to(self.staging).as_posix() for o in outputs}
        for e in read_manifest(self.out)["outputs"]:
            rel = e.get("path") if isinstance(e, dict) else None
            if e.get("kind") in kinds and isinstance(rel, str) and rel not in new \
                    and _present(self.out, rel) and not (self.out / rel).is_symlink():
                dest, aside = self.out / rel, self.staging / _PREVIOUS / rel
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.replace(dest, aside)
                self.undo.append(lambda dest=dest, aside=aside: os.replace(aside, dest))

    def mkdirs(self, folder: Path) -> None:
        """Create `folder` (and its parents) inside OUT; undone when empty."""
        missing = []
        while not folder.exists() and folder != self.out:
            missing.append(folder)
            folder = folder.parent
        for f in reversed(missing):
            f.mkdir()
            self.undo.append(lambda f=f: f.rmdir())

    def manifest(self, entries: list[dict], outdated: tuple[str, ...]) -> None:
        data = read_manifest(self.out)
        paths = {e["path"] for e in entries}
        kept = [dict(e, outdated=True) if e.get("kind") in outdated else e
                for e in data["outputs"]
                if isinstance(e, dict) and isinstance(e.get("path"), str)
                and e["path"] not in paths and _present(self.out, e["path"])]
        data["outputs"] = kept + entries
        tmp = self.staging / MANIFEST
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        dest = self.out / MANIFEST
        if dest.is_symlink() or dest.exists():
            aside = self.staging / _PREVIOUS / MANIFEST
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(dest, aside)
            self.undo.append(lambda: os.replace(aside, dest))
        os.replace(tmp, dest)


def _present(out: Path, rel: str) -> bool:
    try:
        path = (out / rel).resolve()
        return path.is_relative_to(out.resolve()) and path.is_file()
    except (OSError, ValueError):
        return False


def read_manifest(out: Path) -> dict:
    """OUT's manifest; an unreadable one (not a regular file, not JSON) is empty."""
    try:
        data = json.loads(files.read_bytes(out, MANIFEST, files.JSON_LIMIT).decode("utf-8"))
        if isinstance(data, dict) and isinstance(data.get("outputs"), list):
            return data
    except (files.FileProblem, ValueError):
        pass
    return {"outputs": []}
