"""Nothing left behind: the temporary files of a run, and files written whole.

Every temporary folder planbook makes (chunks being laid out, the preview's
pages, a git revision, the layout workers' socket) lives in one folder per
process, `$TMPDIR/planbook-run-XXXXXXXX`, locked (flock) while the process
lives. `remove()` deletes it when the command ends, however it ends short of
SIGKILL or a power cut (planbook.launch, and atexit); `sweep()`, at the start
of every command, deletes the folders of processes that are gone (their
lock is free). `write_file` writes a file whole or not at all: a failed
write (a full disk, an I/O error) removes what it had written."""
from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "planbook-run-"
SHORT = "/tmp"              # for a socket when TMPDIR is deep (AF_UNIX paths are short)
SOCKET_ROOM = 70            # + /pymp-XXXXXXXX/listener-XXXXXXXX stays within AF_UNIX's 107
_session: dict = {}          # (pid, base) -> (folder, the descriptor holding its lock)


def folder(base: str | None = None) -> Path:
    """This process's scratch folder (in `base`, else the temporary folder),
    made (and locked) on first use."""
    key = (os.getpid(), base)
    if key not in _session:
        path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:             # no locks here: sweep() cannot lock it either, so keeps it
            pass
        _session[key] = (path, fd)
        if len(_session) == 1:
            atexit.register(remove)
    return _session[key][0]


def socket_folder() -> Path:
    """Where a socket may go: the scratch folder, or, when its path is too long
    for a socket (a deep TMPDIR), one in /tmp, removed and swept the same way."""
    path = folder()
    if len(str(path)) <= SOCKET_ROOM or not os.path.isdir(SHORT):
        return path
    return folder(SHORT)


def mkdtemp(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir=folder()))


def temporary(prefix: str) -> tempfile.TemporaryDirectory:
    """A temporary folder inside the scratch folder, removed when the block ends."""
    return tempfile.TemporaryDirectory(prefix=prefix, dir=folder(), ignore_cleanup_errors=True)


def where(path: Path) -> Path:
    """The path to name in a message: the temporary folder for a file of a
    scratch folder (planbook's business), else `path`."""
    top = Path(tempfile.gettempdir())
    try:
        rel = Path(path).relative_to(top)
    except ValueError:
        return Path(path)
    return top if rel.parts and rel.parts[0].startswith(PREFIX) else Path(path)


def remove() -> None:
    """Delete this process's scratch folders (the command is ending)."""
    pid = os.getpid()
    for key in [k for k in _session if k[0] == pid]:
        path, fd = _session.pop(key)
        for _ in range(3):          # a thread may still add a file while it is removed
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.lexists(path):
                break
        os.close(fd)


def sweep() -> None:
    """Delete the scratch folders of processes that are gone: ours (same
    user), a real folder, its lock free. Never raises."""
    entries = []
    for top in dict.fromkeys((tempfile.gettempdir(), SHORT)):
        try:
            entries += list(os.scandir(top))
        except OSError:
            pass
    mine = {str(path) for path, _ in _session.values()}
    for entry in entries:
        if not entry.name.startswith(PREFIX) or entry.path in mine:
            continue
        try:
            if entry.is_symlink() or not entry.is_dir() or entry.stat().st_uid != os.geteuid():
                continue
            fd = os.open(entry.path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            pass                    # a live run holds it
        finally:
            os.close(fd)


def write_file(path: Path, data: bytes) -> None:
    """`data` written to `path`; if the write fails (a full disk, an I/O
    error, an interrupt) the file is removed: nothing of it stays there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except BaseException:
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
