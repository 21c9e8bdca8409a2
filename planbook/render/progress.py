"""The 進捗報告書 as PDF: layouts/progress/progress.html + progress.css through
WeasyPrint (planbook.render.typeset; the booklet's palette from
layouts/booklet/palette.html; only files inside layouts/ and fonts/ are read)."""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..present.progress import ProgressReport
from . import typeset

FOLDERS = ("progress", "booklet")        # the report's templates, then the booklet's palette
TEMPLATE = "progress.html"


def render_html(report: ProgressReport, layouts: Path = paths.LAYOUTS) -> str:
    return typeset.template(layouts, FOLDERS, TEMPLATE).render(r=report)


def write_pdf(report: ProgressReport, path: Path, layouts: Path = paths.LAYOUTS,
              fonts: Path = paths.FONTS) -> int:
    """Write the PDF; returns its number of pages."""
    rendered = typeset.render(render_html(report, layouts), str(layouts / FOLDERS[0] / TEMPLATE),
                              fonts, [layouts])
    typeset.write(rendered, path)
    return len(rendered.pages)
