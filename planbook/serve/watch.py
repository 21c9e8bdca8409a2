"""Saving a source file starts a rebuild: watchfiles reports the changes
(debounced: an editor's save is often several events), one rebuild runs at a
time, and changes saved during a rebuild start one more after it."""
from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

from watchfiles import DefaultFilter, awatch

from ..files import is_hidden

STEP_MS = 50         # a change is reported once no other came for this long
DEBOUNCE_MS = 1000   # … or after this long at most
RETRY_S = 1.0        # when the folder cannot be watched (moved away, too many watches)


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
    """Call `changed()` after each batch of saved changes under `source`, until `stop`."""
    while not stop.is_set():
        try:
            async for _ in awatch(source, watch_filter=SourceFilter(source), debounce=DEBOUNCE_MS,
                                  step=STEP_MS, stop_event=stop):
                changed()
            return
        except Exception as e:  # noqa: BLE001 - the server outlives a watcher failure
            print(f"{source} の変更を見張れません（{type(e).__name__}: {e}）。"
                  f"{RETRY_S:.0f} 秒後にもう一度試みます。", file=log, flush=True)
            try:
                await asyncio.wait_for(stop.wait(), RETRY_S)
            except asyncio.TimeoutError:
                pass
            changed()       # the folder may be back, changed


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
