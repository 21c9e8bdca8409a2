"""Progress lines for steps that take more than a second."""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager


@contextmanager
def step(label: str, stream=None, after: float = 1.0):
    """Say `label…` if the step is still running after `after` seconds,
    and how long it took when it ends."""
    stream = stream or sys.stderr
    shown = threading.Event()

    def announce():
        shown.set()
        print(f"  {label}…", file=stream, flush=True)

    timer = threading.Timer(after, announce)
    timer.daemon = True
    start = time.monotonic()
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if shown.is_set():
            print(f"  {label} 完了（{time.monotonic() - start:.1f} 秒）", file=stream, flush=True)
