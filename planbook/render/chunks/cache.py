"""Laid-out parts kept between runs (OUT/.cache/parts/), safe to delete.

An entry is the chunk's PDF and its facts (layout.py), named by a key
of everything that makes its pages: the chunk's HTML (its content and its
place), the files of layouts/ and fonts/, the images it shows, planbook's
and WeasyPrint's versions. The facts record the PDF's sha256: an entry
whose PDF or facts do not read back whole is removed and laid out again,
never used. Entries are written to a temporary name and renamed, the facts
last; a write that fails (a full disk) removes what it wrote of the entry,
and the temporary files of runs that are gone are removed when the cache is
opened. A build removes the entries it did not use once they are ten
minutes old (a run into the same OUT at the same time may still use them).

keys.json names each chunk's entry by a digest of what its HTML is drawn
from (planbook's code, the chunk's piece of the view, its place), with the
digests of the images it shows: a rebuild finds the entries of unchanged
chunks without rendering their HTML. It is only a short cut: an entry found
through it must record the same digest (its facts' "ident"), and every
image must be unchanged; else the HTML is rendered and keyed as above."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import time
from pathlib import Path
from urllib.parse import quote, unquote

from ...scratch import write_file

FORMAT = 2
JSON_LIMIT = 64 * 2**20        # places.json and keys.json: far more than any plan needs
_digests: dict[tuple, str] = {}
_read: dict[Path, tuple] = {}         # entries read whole in this process, by their files' stat


def _tree_digest(folder: Path) -> str:
    """Content digest of a folder, remembered while no file changes."""
    files = sorted(p for p in Path(folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)
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
    if not stat.S_ISREG(st.st_mode):
        return "not a file"
    stamp = (str(path), st.st_mtime_ns, st.st_size)
    if stamp not in _digests:
        try:
            _digests[stamp] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return "unreadable"
    return _digests[stamp]


def environment(layouts: Path, fonts: Path, options: tuple) -> str:
    """What every chunk's pages depend on besides its HTML: planbook's code
    (which also stands for its version; the names of known HTML are kept
    by what it is drawn from, `ChunkCache.known`), layouts/, fonts/, WeasyPrint."""
    from importlib.metadata import version  # (WeasyPrint itself is not imported)
    code = Path(__file__).resolve().parents[2]     # planbook's own code
    h = hashlib.sha256()
    for piece in (f"format {FORMAT}", version("weasyprint"), repr(options), _tree_digest(code),
                  _tree_digest(layouts), _tree_digest(fonts)):
        h.update(piece.encode() + b"\0")
    return h.hexdigest()


_URL = re.compile(r'file://(/[^"\')\s]+)')
_SOURCE_URL = re.compile(r'planbook-source:([^"\')\s]+)')


def key(env: str, html: str) -> str:
    """The entry of a chunk: its HTML, the files it shows, the environment."""
    return key_and_files(env, html)[0]


def key_and_files(env: str, html: str, source: Path | None = None) -> tuple[str, dict]:
    """key(), and the digest of each file the HTML shows (by a file URL, or
    by its place in `source`: planbook.render.typeset), by the file's path."""
    h = hashlib.sha256(env.encode() + b"\0" + html.encode())
    urls = set(_URL.findall(html))
    if source is not None:
        base = str(Path(source).resolve())
        urls |= {quote(f"{base}/{unquote(rel)}") for rel in _SOURCE_URL.findall(html)}
    files = {}
    for url in sorted(urls):
        files[url] = _url_digest(url)
        h.update(url.encode() + b"\0" + files[url].encode())
    return h.hexdigest()[:40], files


def _inside(url, folders: tuple) -> bool:
    """Whether a file named as in key_and_files (a file URL's path) lies in `folders`."""
    if not isinstance(url, str) or not url.startswith("/"):
        return False
    path = Path(unquote(url))
    return any(path.resolve().is_relative_to(Path(f).resolve()) for f in folders)


def unchanged(files: dict) -> bool:
    """Whether the files (URL -> digest, key_and_files) still have those digests."""
    return all(_url_digest(u) == d for u, d in files.items())


def _url_digest(url: str) -> str:
    return _file_digest(Path(unquote(url)))


_KEY = re.compile(r"[0-9a-f]{40}")
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


class ChunkCache:
    def __init__(self, folder: Path | None):
        self.folder = _usable(Path(folder)) if folder else None
        if self.folder is not None:
            _sweep(self.folder)
        self.used: set[str] = set()
        self._index: dict | None = None       # keys.json as read
        self._known: dict = {}                # what this run used, for keys.json

    def get(self, key: str) -> tuple[Path, dict] | None:
        if self.folder is None:
            return None
        pdf, meta = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            stats = (pdf.lstat(), meta.lstat())
            if not all(stat.S_ISREG(st.st_mode) for st in stats):
                raise ValueError("not a file")     # a link, a FIFO: never opened
            stamp = tuple((st.st_size, st.st_mtime_ns, st.st_ino) for st in stats)
            if _read.get(pdf) and _read[pdf][0] == stamp:
                facts = _read[pdf][1]          # read and checked before, unchanged since
            else:
                facts = json.loads(meta.read_text(encoding="utf-8"))
                data = pdf.read_bytes()
                if (facts.get("format") != FORMAT
                        or facts.get("sha256") != hashlib.sha256(data).hexdigest()
                        or facts.get("facts") != _facts_digest(facts)):
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
        """Store an entry, whole or not at all; returns its PDF."""
        if self.folder is None:
            raise NotADirectoryError(errno.ENOTDIR, "no folder for the chunks")
        facts = {**facts, "format": FORMAT, "sha256": hashlib.sha256(data).hexdigest()}
        facts["facts"] = _facts_digest(facts)
        pdf = self.folder / f"{key}.pdf"
        try:
            _write(pdf, data)
            _write(self.folder / f"{key}.json", json.dumps(facts, ensure_ascii=False).encode())
        except BaseException:
            self.drop(key)
            raise
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

    def known(self, ident: str, within: tuple = ()) -> tuple[str, dict] | None:
        """The entry key of a chunk's HTML by what the HTML is drawn from
        (`ident`, a digest), as an earlier run found it, with the files that
        HTML shows, while they are unchanged; else None (render the HTML).
        Only files inside the folders `within` are looked at."""
        if self._index is None:
            self._index = self._read_json("keys.json")
        hit = self._index.get(ident)
        try:
            files = dict(hit["files"])
            if (isinstance(hit["key"], str) and _KEY.fullmatch(hit["key"])
                    and all(_inside(u, within) for u in files) and unchanged(files)):
                return hit["key"], files
        except (TypeError, KeyError, AttributeError, ValueError):
            pass
        return None

    def know(self, ident: str, key: str, files: dict) -> None:
        self._known[ident] = {"key": key, "files": files}

    def _read_json(self, name: str) -> dict:
        """A JSON object of the cache's own, or {}: only a regular file of
        sensible size is read (not a link, a FIFO or a device)."""
        if self.folder is None:
            return {}
        path = self.folder / name
        try:
            st = path.lstat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > JSON_LIMIT:
                return {}
            value = json.loads(path.read_text(encoding="utf-8"))
            return value if isinstance(value, dict) else {}
        except (OSError, ValueError):
            return {}

    # The last place and page count of each chunk, to place the chunks of
    # the next run before laying them out (a guess: a wrong one costs a layout).
    def places(self) -> dict:
        """Where the chunks went in the last run: per chunk its page count,
        the 体系 page breaks; what does not have the right form is left out
        (only a guess for the next run)."""
        out = {}
        for name, entry in self._read_json("places.json").items():
            if not isinstance(entry, dict):
                continue
            count = entry.get("count")
            cuts, content = entry.get("cuts", []), entry.get("content")
            out[name] = {
                "count": count if type(count) is int and 0 < count < 100000 else None,
                "cuts": [c for c in cuts if type(c) is int] if isinstance(cuts, list) else [],
                "content": content if isinstance(content, str) else None}
        return out

    def remember(self, places: dict) -> None:
        """Keep where the chunks went and the keys of the HTML used in this run."""
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.folder / "places.json", json.dumps(places, ensure_ascii=False).encode())
            _write(self.folder / "keys.json", json.dumps(self._known, sort_keys=True).encode())


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    write_file(tmp, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_TMP = re.compile(r"[^/]+\.(\d+)\.tmp")


def _sweep(folder: Path) -> None:
    """Remove the temporary files of processes that are gone (a run killed
    while it wrote): on a full disk they would keep it full."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TMP.fullmatch(name)
        if m and not _alive(int(m.group(1))):
            try:
                (folder / name).unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:             # another user's process
        return True
    return True


def _facts_digest(facts: dict) -> str:
    """sha256 of an entry's facts but this digest itself: a facts file edited
    or damaged (its pages, anchors, page-number slots, fonts) is not used."""
    rest = {k: v for k, v in facts.items() if k != "facts"}
    return hashlib.sha256(json.dumps(rest, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
