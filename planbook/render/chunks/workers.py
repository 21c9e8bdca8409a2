"""The layout workers: a pool of processes forked from one that has loaded
WeasyPrint and the fonts (planbook.render.chunks.warm), and what they run."""
from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from typing import TYPE_CHECKING

from .cache import PartCache

if TYPE_CHECKING:
    from .layout import Task


class NoAnchor(logging.Filter):
    """A part's links to anchors in other parts are made at the join."""
    def filter(self, record):
        return not str(record.msg).startswith("No anchor #")


_FILTER = NoAnchor()
_pool: dict = {}
_prestarted: set = set()


def _run(task: Task, entry: str, folder: str, ident: str = ""):
    """In a worker: lay out one part, store it, return (pdf path, facts).
    `ident`: what its HTML was drawn from (_Assembly._task), kept in the facts."""
    from .layout import lay_out
    logging.getLogger("weasyprint").addFilter(_FILTER)
    start = time.perf_counter()
    data, facts = lay_out(task)
    facts["seconds"] = round(time.perf_counter() - start, 3)
    facts["ident"] = ident
    return str(PartCache(Path(folder)).put(entry, data, facts)), facts


def _run_folios(html: str, layouts: Path, fonts: Path, entry: str, folder: str,
                standalone: bool = False):
    from .layout import lay_out_folios
    data, facts = lay_out_folios(html, layouts, fonts, standalone)
    return str(PartCache(Path(folder)).put(entry, data, facts)), facts


def workers(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` processes, kept for the life of this process."""
    if jobs not in _pool:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["planbook.render.patches", "planbook.render.chunks.layout",
                                    "planbook.render.chunks.warm"])
        _pool[jobs] = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        atexit.register(_pool[jobs].shutdown, cancel_futures=True)
    return _pool[jobs]


def stop() -> None:
    """Stop the pools of this process and wait for their workers to end."""
    for pool in list(_pool.values()):
        pool.shutdown(wait=True, cancel_futures=True)


def _ready() -> bool:
    return True


def prestart(jobs: int = 0) -> None:
    """Start the workers now, in the background: they load WeasyPrint and
    the fonts while the caller loads and checks the plan."""
    jobs = jobs or default_jobs()
    if jobs > 1 and jobs not in _prestarted:
        _prestarted.add(jobs)
        pool = workers(jobs)

        def start():
            try:
                for _ in range(jobs):
                    pool.submit(_ready)
            except Exception:  # noqa: BLE001 - the process is ending (a plan that did not load)
                pass
        threading.Thread(target=start, daemon=True).start()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
