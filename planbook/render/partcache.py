"""Laid-out parts kept between runs (OUT/.cache/parts/), safe to delete.

An entry is the part's PDF and its facts (partlayout.py), named by a key
of everything that makes its pages: the part's HTML (its content and its
place), the files of layouts/ and fonts/, the images it shows, planbook's
and WeasyPrint's versions. The facts record the PDF's sha256: an entry
whose PDF or facts do not read back whole is removed and laid out again,
never used. Entries are written to a temporary name and renamed, the facts
last; a build removes the entries it did not use once they are ten minutes
old (a run into the same OUT at the same time may still use them)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path

FORMAT = 1
_digests: dict[tuple, str] = {}
_read: dict[Path, tuple] = {}         # entries read whole in this process, by their files' stat


def _tree_digest(folder: Path) -> str:
    """Content digest of a folder, remembered while no file changes."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    if stamp not in _digests:
        h = hashlib.sha256()
        for p in files:
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
        _digests[stamp] = h.hexdigest()
    return _digests[stamp]


def _file_digest(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "missing"
    stamp = (str(path), st.st_mtime_ns, st.st_size)
    if stamp not in _digests:
        try:
            _digests[stamp] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return "unreadable"
    return _digests[stamp]


def environment(layouts: Path, fonts: Path, options: tuple) -> str:
    """What every part's pages depend on besides its HTML: the renderer's
    code (planbook/render/, which also stands for planbook's version)."""
    import weasyprint
    code = Path(__file__).resolve().parent          # the renderer's own code
    h = hashlib.sha256()
    for piece in (f"format {FORMAT}", weasyprint.__version__, repr(options), _tree_digest(code),
                  _tree_digest(layouts), _tree_digest(fonts)):
        h.update(piece.encode() + b"\0")
    return h.hexdigest()


_URL = re.compile(r'file://(/[^"\')\s]+)')


def key(env: str, html: str) -> str:
    """The entry of a part: its HTML, the files it shows, the environment."""
    from urllib.parse import unquote
    h = hashlib.sha256(env.encode() + b"\0" + html.encode())
    for url in sorted(set(_URL.findall(html))):
        h.update(url.encode() + b"\0" + _file_digest(Path(unquote(url))).encode())
    return h.hexdigest()[:40]


_ENTRY = re.compile(r"[0-9a-f]{40}\.(pdf|json)(\.\d+\.tmp)?")


def _usable(folder: Path) -> Path | None:
    """OUT/.cache/parts made if missing, or None (no cache this run) when it
    or .cache is a link, not a folder, or leads out of OUT: the cache
    writes and removes files there, never anywhere else."""
    out = folder.parent.parent
    try:
        for path in (folder.parent, folder):
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                return None
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.resolve().is_relative_to(out.resolve()):
            return None
    except OSError:
        return None
    return folder


class PartCache:
    def __init__(self, folder: Path | None):
        self.folder = _usable(Path(folder)) if folder else None
        self.used: set[str] = set()

    def get(self, key: str) -> tuple[Path, dict] | None:
        if self.folder is None:
            return None
        pdf, meta = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            stamp = tuple((st.st_size, st.st_mtime_ns, st.st_ino)
                          for st in (pdf.stat(), meta.stat()))
            if _read.get(pdf) and _read[pdf][0] == stamp:
                facts = _read[pdf][1]          # read and checked before, unchanged since
            else:
                facts = json.loads(meta.read_text(encoding="utf-8"))
                data = pdf.read_bytes()
                if (facts.get("format") != FORMAT
                        or facts.get("sha256") != hashlib.sha256(data).hexdigest()):
                    raise ValueError("stale or damaged")
                _read[pdf] = (stamp, facts)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, AttributeError):
            _read.pop(pdf, None)
            self.drop(key)
            return None
        self.used.add(key)
        return pdf, facts

    def put(self, key: str, data: bytes, facts: dict) -> Path:
        """Store an entry; returns its PDF (in a temporary folder without a cache)."""
        folder = self.folder or Path(tempfile.mkdtemp(prefix="planbook-parts-"))
        folder.mkdir(parents=True, exist_ok=True)
        facts = {**facts, "format": FORMAT, "sha256": hashlib.sha256(data).hexdigest()}
        pdf = folder / f"{key}.pdf"
        _write(pdf, data)
        _write(folder / f"{key}.json", json.dumps(facts, ensure_ascii=False).encode())
        self.used.add(key)
        return pdf

    def drop(self, key: str) -> None:
        for suffix in (".pdf", ".json"):
            try:
                (self.folder / f"{key}{suffix}").unlink()
            except OSError:
                pass

    def prune(self, age: float = 600) -> None:
        """Remove the entries this run did not use (and leftovers) that were
        last used more than `age` seconds ago: another run into OUT may be
        using them. (The facts file's access is marked by each use.)"""
        if self.folder is None or not self.folder.is_dir():
            return
        now = time.time()
        for key in self.used:
            try:
                os.utime(self.folder / f"{key}.json", (now, self._mtime(key)))
            except OSError:
                pass
        for entry in self.folder.iterdir():
            stem = entry.name.split(".")[0]
            if not _ENTRY.fullmatch(entry.name) or stem in self.used:
                continue            # only the cache's own entries are removed
            try:
                meta = self.folder / f"{stem}.json"
                last = meta.stat().st_atime if meta.exists() else entry.stat().st_mtime
                if now - last > age:
                    entry.unlink()
            except OSError:
                pass

    def _mtime(self, key: str) -> float:
        return (self.folder / f"{key}.json").stat().st_mtime

    # The last place and page count of each part, to place the parts of the
    # next run before laying them out (a guess: a wrong one costs a layout).
    def places(self) -> dict:
        if self.folder is None:
            return {}
        try:
            value = json.loads((self.folder / "places.json").read_text(encoding="utf-8"))
            return value if isinstance(value, dict) else {}
        except (OSError, ValueError):
            return {}

    def remember(self, places: dict) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.folder / "places.json", json.dumps(places, ensure_ascii=False).encode())


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
