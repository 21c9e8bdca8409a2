"""WeasyPrint, imported with a quicker look-up of its libraries (pinned to
WeasyPrint 70.0: the library names it tries).

cffi asks ctypes.util.find_library about each name WeasyPrint tries for
gobject, pango, harfbuzz and fontconfig, and on Linux every question runs
`/sbin/ldconfig -p` anew: two dozen runs, 0.15 s of each process that lays
out. Here one run's answer serves the whole import; a name it does not know
is not searched further (gcc, ld): WeasyPrint also tries each library's
soname, which the dynamic loader finds by itself. Every import of
WeasyPrint by planbook goes through here first: planbook.render.typeset.patches
imports this module before anything else."""
from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import os
import re
import struct
import subprocess
import sys

_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _ldconfig() -> bytes | None:
    try:
        return subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdout=subprocess.PIPE, check=False,
                              env={"LC_ALL": "C", "LANG": "C"}, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def finder(listing: bytes):
    """find_library answered from one `ldconfig -p` listing, as ctypes.util's
    first step answers it (same pattern, same ABI tag)."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = _ABI.get(machine, "libc6")

    def find(name: str) -> str | None:
        pattern = os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi))
        m = re.search(pattern, listing)
        return os.fsdecode(m.group(1)) if m else None
    return find


@contextlib.contextmanager
def quick_lookup():
    listing = _ldconfig() if sys.platform.startswith("linux") else None
    if listing is None:
        yield                               # elsewhere: ctypes.util as it is
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = finder(listing)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def load():
    """The weasyprint module (imported here the first time)."""
    if "weasyprint" not in sys.modules:
        with quick_lookup():
            importlib.import_module("weasyprint")
    return sys.modules["weasyprint"]


load()
weasyprint = sys.modules["weasyprint"]

from .pinning import pin  # noqa: E402

WEASYPRINT = "70.0"
TARGETS = {"ctypes.util.find_library": "(name)"}
pin(__name__, WEASYPRINT, TARGETS)
