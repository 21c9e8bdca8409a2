"""Write outputs atomically and record them in OUT/manifest.json.

Builders write into a staging folder inside OUT; only when every builder has
succeeded are the files moved into place (os.replace) and the manifest
rewritten. A failed build leaves the previous outputs untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .builders import Output

MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Staging:
    """A temporary folder inside OUT; `commit` moves its files into OUT."""

    def __init__(self, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=".planbook-", dir=out))

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def commit(self, outputs: list[Output], outdated: tuple[str, ...] = ()) -> list[dict]:
        """Move the outputs into OUT and record them. Earlier entries of the
        kinds in `outdated` stay, marked `"outdated": true` (their files were
        not made from the source just checked)."""
        entries = []
        for o in outputs:
            rel = o.path.relative_to(self.dir)
            entry = {"kind": o.kind, "path": rel.as_posix(), "sha256": sha256(o.path)}
            if o.pages is not None:
                entry["pages"] = o.pages
            entry.update(o.extra)
            entries.append(entry)
        for o in outputs:
            rel = o.path.relative_to(self.dir)
            dest = self.out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(o.path, dest)
        write_manifest(self.out, entries, outdated)
        return entries


def read_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("outputs"), list):
            return data
    except (OSError, ValueError):
        pass
    return {"outputs": []}


def write_manifest(out: Path, entries: list[dict], outdated: tuple[str, ...] = ()) -> None:
    """Merge: entries replace earlier ones of the same path; others are kept
    when their file still exists, marked outdated when of a kind in `outdated`."""
    data = read_manifest(out)
    paths = {e["path"] for e in entries}
    kept = [dict(e, outdated=True) if e.get("kind") in outdated else e for e in data["outputs"]
            if isinstance(e, dict) and e.get("path") not in paths and (out / str(e.get("path"))).exists()]
    data["outputs"] = kept + entries
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
