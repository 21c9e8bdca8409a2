"""WeasyPrint's only way to read files: local files inside the allowed
folders (source/, layouts/, fonts/). No network, nothing else on disk.

A file of the source (an artwork image) is named by its place in the source,
`planbook-source:artwork/vision-1.png`, not by its absolute path: WeasyPrint
names an image in the PDF after a hash of its URL, so the same source in two
folders gives the same bytes. It is read through planbook.files (a regular
file inside the source, at most files.IMAGE_LIMIT bytes).
"""
from __future__ import annotations

import mimetypes
import stat
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from ... import files
from .engine import weasyprint

SOURCE_SCHEME = "planbook-source"


def source_url(path, source: Path | None) -> str:
    """The URL of a file: relative to the source folder when inside it."""
    real = Path(path).resolve()
    if source is not None:
        base = Path(source).resolve()
        if real.is_relative_to(base):
            return f"{SOURCE_SCHEME}:{quote(real.relative_to(base).as_posix())}"
    return real.as_uri()


def allowed(url: str, roots: list[Path]) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme == SOURCE_SCHEME:
        return True             # read inside the source only (url_fetcher)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    if not any(path.is_relative_to(Path(r).resolve()) for r in roots):
        return False
    try:
        return stat.S_ISREG(path.stat().st_mode)      # no FIFO, device or folder
    except (OSError, ValueError):
        return False


def url_fetcher(roots: list[Path], source: Path | None = None):
    """A fetcher for files inside `roots`; `planbook-source:` URLs are read
    inside `source` (none without it)."""
    weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: WeasyPrint (engine.weasyprint)

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed(url, roots):
                raise ValueError(f"planbook: 読み込めるのは source・layouts・fonts の中だけです: {url}")
            if url.startswith(SOURCE_SCHEME + ":"):
                if source is None:
                    raise ValueError(f"planbook: source のない組版です: {url}")
                rel = unquote(url[len(SOURCE_SCHEME) + 1:])
                try:
                    data = files.read_bytes(source, rel, files.IMAGE_LIMIT)
                except files.FileProblem as e:
                    raise ValueError(f"planbook: {rel}: {e.message}") from None
                kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=data, headers={"Content-Type": kind})
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data", SOURCE_SCHEME))
