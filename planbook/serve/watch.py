"""Saving a source file starts a rebuild: watchfiles reports the changes
(debounced: an editor's save is often several events), one rebuild runs at a
time, and changes saved during a rebuild start one more after it. The
folder itself is followed too: deleted, replaced or made again, it is
watched anew (`watch`)."""
from __future__ import annotations

import asyncio
import os
import stat
import sys
import threading
from pathlib import Path

from watchfiles import DefaultFilter, awatch

from ..files import is_hidden

STEP_MS = 50         # a change is reported once no other came for this long
DEBOUNCE_MS = 1000   # … or after this long at most
RETRY_S = 1.0        # when the folder cannot be watched (too many watches)
POLL_S = 0.25        # how often the folder itself is looked at (deleted, replaced, back)


class SourceFilter(DefaultFilter):
    """What the loader reads: no hidden files (an editor's .swp, macOS's
    ._111.yaml, .git), no backups (111.yaml~)."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = Path(root).resolve()

    def __call__(self, change, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(self.root).parts
        except ValueError:
            parts = Path(path).parts[-1:]
        return super().__call__(change, path) and not any(is_hidden(part) for part in parts)


async def watch(source: Path, changed, stop: asyncio.Event, log) -> None:
    """Call `changed()` after each batch of saved changes under `source`, until
    `stop`. Whatever happens to the folder itself (deleted, replaced, renamed
    away and back, made again: a git checkout, an unzip over it), the watch
    follows: the folder is looked at every POLL_S, and once one is there
    again it is watched anew and read again."""
    first = True
    while not stop.is_set():
        held = _hold(source)
        if held is None:                # not there (yet): look again soon
            await _pause(stop, POLL_S)
            continue
        fd, ident = held
        try:
            if not first:
                changed()               # back, or another folder in its place
            first = False
            await _watch_folder(source, ident, changed, stop, log)
        finally:
            os.close(fd)
        if not stop.is_set() and identity(source) != ident:
            changed()                   # gone or replaced: the preview says so


def _hold(folder: Path):
    """(an open descriptor of the folder, its identity), or None. While the
    folder is held open its inode cannot be reused, so a folder made again in
    its place never has the identity of the one being watched."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (OSError, ValueError):
        return None
    st = os.fstat(fd)
    return fd, (st.st_dev, st.st_ino)


async def _watch_folder(source: Path, ident, changed, stop: asyncio.Event, log) -> None:
    """Watch the folder `ident` names until `stop` or until `source` is no longer it."""
    moved = asyncio.Event()
    guard = asyncio.create_task(_guard(source, ident, moved, stop))
    try:
        async for _ in awatch(source, watch_filter=SourceFilter(source), debounce=DEBOUNCE_MS,
                              step=STEP_MS, stop_event=moved):
            changed()
    except Exception as e:  # noqa: BLE001 - the server outlives a watcher failure
        print(f"{source} の変更を見張れません（{type(e).__name__}: {e}）。"
              f"{RETRY_S:.0f} 秒後にもう一度試みます。", file=log, flush=True)
        await _pause(stop, RETRY_S)
        changed()       # the folder may be back, changed
    finally:
        moved.set()
        guard.cancel()
        await asyncio.gather(guard, return_exceptions=True)


async def _guard(source: Path, ident, moved: asyncio.Event, stop: asyncio.Event) -> None:
    """Set `moved` on `stop`, or once `source` is no longer the folder `ident`
    (watchfiles goes on watching a deleted folder, and never sees its successor)."""
    while not moved.is_set():
        if await _pause(stop, POLL_S) or identity(source) != ident:
            moved.set()


def identity(folder: Path):
    """(device, inode) of the folder at `folder` (a link followed), or None."""
    try:
        st = os.stat(folder)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


async def _pause(stop: asyncio.Event, seconds: float) -> bool:
    """Wait `seconds`, or less if `stop` is set; whether it is."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass
    return stop.is_set()


async def in_thread(fn):
    """`fn()` in a daemon thread: an interrupted server does not wait for a
    rebuild to finish (asyncio's own executor would be joined at exit)."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def run():
        try:
            result, error = fn(), None
        except BaseException as e:  # noqa: BLE001 - handed to the awaiting task
            result, error = None, e
        try:
            loop.call_soon_threadsafe(_settle, done, result, error)
        except RuntimeError:            # the loop has closed: the server stopped meanwhile
            pass

    threading.Thread(target=run, name="planbook-rebuild", daemon=True).start()
    return await done


def _settle(future, result, error) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class Rebuilds:
    """Runs `rebuild` (blocking) after each `request()`, one at a time;
    requests during a rebuild are folded into one more. `done(snapshot)`
    after each."""

    def __init__(self, rebuild, done=None, log=None):
        self.rebuild = rebuild
        self.done = done or (lambda snapshot: None)
        self.log = log or sys.stderr
        self.wanted = asyncio.Event()

    def request(self) -> None:
        self.wanted.set()

    async def run(self) -> None:
        while True:
            await self.wanted.wait()
            self.wanted.clear()
            try:
                self.done(await in_thread(self.rebuild))
            except Exception as e:  # noqa: BLE001 - the next save must still rebuild
                print(f"組み直しで planbook の内部エラーが起きました（{type(e).__name__}: {e}）。"
                      "次に保存したときに、もう一度組み直します。", file=self.log, flush=True)
