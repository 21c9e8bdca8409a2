"""The 新旧対照表 as PDF: layouts/diff/diff.html + diff.css through WeasyPrint
(planbook.render.typeset: only files inside layouts/ and fonts/ are read)."""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..render import typeset
from .view import Document

FOLDER = "diff"
TEMPLATE = "diff.html"


def render_html(doc: Document) -> str:
    return typeset.template(paths.LAYOUTS, FOLDER, TEMPLATE).render(
        doc=doc, ryaku=doc.unchanged == "ryaku")


def write_pdf(doc: Document, path: Path) -> int:
    """Write the PDF; returns its number of pages."""
    rendered = typeset.render(render_html(doc), str(paths.LAYOUTS / FOLDER / TEMPLATE),
                              paths.FONTS, [paths.LAYOUTS])
    typeset.write(rendered, path)
    return len(rendered.pages)
