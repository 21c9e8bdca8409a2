"""The layout workers: a pool of processes forked from one that has loaded
WeasyPrint, the fonts and the templates (warm.py), and what they run.

The workers die with the command that started them, however it ends: each
watches a pipe only that process holds open (multiprocessing's parent
sentinel) and exits when it closes; the process they are forked from
exits when neither the command nor any worker is left. Their socket lives
in the command's scratch folder (planbook.scratch)."""
from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import connection, forkserver, process
from pathlib import Path

from ... import scratch
from .cache import ChunkCache
from .layout import Task, lay_out, lay_out_folios


class NoAnchor(logging.Filter):
    """A chunk's links to anchors in other chunks are made at the join."""
    def filter(self, record):
        return not str(record.msg).startswith("No anchor #")


_FILTER = NoAnchor()
MAX_JOBS = 256          # the largest --jobs (planbook.cli checks it with a message)
_pool: dict = {}
_prestarted: set = set()


def _run(task: Task, entry: str, folder: str, ident: str = ""):
    """In a worker: lay out one chunk, store it, return (pdf path, facts).
    `ident`: what its HTML was drawn from (Assembly._task), kept in the facts."""
    logging.getLogger("weasyprint").addFilter(_FILTER)
    start = time.perf_counter()
    data, facts = lay_out(task)
    facts["seconds"] = round(time.perf_counter() - start, 3)
    facts["ident"] = ident
    return str(ChunkCache(Path(folder)).put(entry, data, facts)), facts


def _run_folios(html: str, layouts: Path, fonts: Path, entry: str, folder: str,
                standalone: bool = False):
    data, facts = lay_out_folios(html, layouts, fonts, standalone)
    return str(ChunkCache(Path(folder)).put(entry, data, facts)), facts


def _watch_parent() -> None:
    """In a worker, first thing: end this process as soon as the command's
    process is gone (killed outright: no one would ever ask for its work).
    The parent sentinel is a pipe whose other end only that process holds."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch():
        connection.wait([parent.sentinel])
        os._exit(1)
    threading.Thread(target=watch, name="planbook-parent-watch", daemon=True).start()


def workers(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` processes, kept for the life of this process."""
    if jobs not in _pool:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["planbook.render.typeset.patches", "planbook.render.chunks.layout",
                                    "planbook.render.chunks.warm"])
        config = process.current_process()._config
        if "tempdir" not in config:     # (the forkserver's socket; else a pymp-… left in /tmp)
            try:
                config["tempdir"] = str(scratch.socket_folder())   # (no deeper: a socket's path is short)
            except OSError:             # no temporary folder: the pool says so when it starts
                pass
        _pool[jobs] = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                          initializer=_watch_parent)
        atexit.register(_pool[jobs].shutdown, cancel_futures=True)
    return _pool[jobs]


def stop(now: bool = False) -> None:
    """Stop the pools of this process. `now`: kill the workers and the
    process they are forked from without waiting for anything (the command
    is ending; a worker still starting up would keep it waiting, and the
    caller's terminal, for a second)."""
    if not now:
        for pool in list(_pool.values()):
            pool.shutdown(wait=True, cancel_futures=True)
        return
    pids = [p.pid for pool in _pool.values() for p in list((pool._processes or {}).values())]
    pids.append(getattr(forkserver._forkserver, "_forkserver_pid", None))
    for pid in filter(None, pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    # the pools' queues release their semaphores (else the resource tracker
    # warns of them when the command ends without tearing objects down)
    multiprocessing.util._run_finalizers(0)


def _ready() -> bool:
    return True


def prestart(jobs: int = 0) -> None:
    """Start the workers now, in the background: they load WeasyPrint, the
    fonts and the templates while the caller loads and checks the plan.
    Nothing is laid out before the checks have passed."""
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
