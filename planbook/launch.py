"""The `planbook` command's first step: for `build`, the layout workers
start before the rest of planbook is imported (they take longer to get
ready than the plan takes to load and be checked). They only load
WeasyPrint, the fonts and the templates: nothing is laid out before the
checks pass. Only a head start: cli.cmd_build starts them anyway, and
argparse still judges the arguments."""
from __future__ import annotations

import os
import signal
import sys

from . import scratch


def head_start(argv: list[str]) -> int | None:
    """The --jobs of a `build` that lays out in chunks, 0 for the default, or
    None: no head start (another command, help, one pass, no PDF)."""
    if argv[:1] != ["build"] or {"-h", "--help"} & set(argv):
        return None
    from .render.chunks import MAX_JOBS  # lazy: a build only
    jobs, formats = 0, "pdf"
    for i, arg in enumerate(argv):
        name, eq, value = arg.partition("=")
        if not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if name == "--jobs":
            jobs = int(value) if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_JOBS \
                else -1
        elif name == "--format":
            formats = value
    if jobs < 0 or "pdf" not in formats.split(",") or (jobs == 1 and "--no-cache" in argv):
        return None
    return jobs


class _Terminated(KeyboardInterrupt):
    """SIGTERM before planbook.cli has taken over the signals."""


def _terminate(signum, frame):
    raise _Terminated()


def entry() -> int:
    signal.signal(signal.SIGTERM, _terminate)     # (planbook.cli sets its own while it runs)
    try:
        scratch.sweep()                           # what killed runs left in the temporary folder
        jobs = head_start(sys.argv[1:])
        if jobs is not None:
            from .render.chunks import prestart  # lazy: a build only
            prestart(jobs)
        from .cli import entry as command     # (after the head start: it imports all of planbook)
        code = command()
    except KeyboardInterrupt as e:      # while starting: nothing was read or written yet
        print("中断しました。何も書き出していません。", file=sys.stderr)
        code = 143 if isinstance(e, _Terminated) else 130
    _end(code)
    return code


def _end(code: int) -> None:
    """End the process once the command has answered: the layout workers
    killed (nothing of theirs is needed any more: every output is written
    and closed by then, planbook.package), the temporary files removed, the
    terminal flushed, and then no tearing down of every object one by one
    (a tenth of a second for a large plan)."""
    try:
        chunks = sys.modules.get("planbook.render.chunks")      # (loaded when workers may run)
        if chunks is not None:
            chunks.stop(now=True)
        scratch.remove()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):    # a closed pipe: nothing more to say anyway
                pass
    finally:
        os._exit(code)
