"""The `planbook` command's first step: for `build`, the layout workers
start before the rest of planbook is imported (they take longer to get
ready than the plan takes to load). Only a head start: cli.cmd_build starts
them anyway, and argparse still judges the arguments."""
from __future__ import annotations

import sys

MAX_JOBS = 256          # the largest --jobs (planbook.cli checks it with a message)


def _jobs(argv: list[str]) -> int | None:
    """The --jobs of a `build` that lays out in parts, 0 for the default, or
    None: no head start (another command, help, one pass, no PDF)."""
    if argv[:1] != ["build"] or {"-h", "--help"} & set(argv):
        return None
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
    import signal
    signal.signal(signal.SIGTERM, _terminate)     # (planbook.cli sets its own while it runs)
    try:
        jobs = _jobs(sys.argv[1:])
        if jobs is not None:
            from .render.chunks.workers import prestart
            prestart(jobs)
        from .cli import entry as command
        code = command()
    except KeyboardInterrupt as e:      # while starting: nothing was read or written yet
        print("中断しました。何も書き出していません。", file=sys.stderr)
        code = 143 if isinstance(e, _Terminated) else 130
    _end(code)
    return code


def _end(code: int) -> None:
    """End the process once the command has answered: the layout workers
    stopped, the terminal flushed, and then no tearing down of every object
    one by one (a tenth of a second for a large plan). Every output is
    written and closed by then (planbook.package)."""
    import os
    workers = sys.modules.get("planbook.render.chunks.workers")
    try:
        if workers is not None:
            workers.stop()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):    # a closed pipe: nothing more to say anyway
                pass
    finally:
        os._exit(code)
