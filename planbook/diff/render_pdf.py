"""The 新旧対照表 as PDF: layouts/diff/diff.html + diff.css through WeasyPrint."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2

from .. import paths
from .view import Document

TEMPLATE = "diff.html"


def _layout_dir() -> Path:
    return paths.LAYOUTS / "diff"


def allowed(url: str) -> bool:
    """Only files inside layouts/ and fonts/ may be read while rendering."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(root.resolve()) for root in (paths.LAYOUTS, paths.FONTS))


def url_fetcher():
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed(url):
                raise ValueError(f"planbook: layouts/ と fonts/ の外は読み込みません: {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file",))


def render_html(doc: Document) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_layout_dir())),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template(TEMPLATE).render(doc=doc, ryaku=doc.unchanged == "ryaku")


def write_pdf(doc: Document, path: Path) -> int:
    """Write the PDF; returns its number of pages."""
    from weasyprint import HTML

    from ..render.fonts import font_config
    html = HTML(string=render_html(doc), base_url=str(_layout_dir() / TEMPLATE),
                url_fetcher=url_fetcher())
    rendered = html.render(font_config=font_config(paths.FONTS))
    rendered.write_pdf(path)
    return len(rendered.pages)
