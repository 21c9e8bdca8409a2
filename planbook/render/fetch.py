"""WeasyPrint's only way to read files: local files inside the allowed
folders (source/, layouts/, fonts/). No network, nothing else on disk."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse


def allowed(url: str, roots: list[Path]) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(Path(r).resolve()) for r in roots)


def url_fetcher(roots: list[Path]):
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed(url, roots):
                raise ValueError(f"planbook: 読み込めるのは source・layouts・fonts の中だけです: {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data"))
