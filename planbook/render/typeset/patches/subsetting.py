"""No font subsetting while a chunk of the booklet is written (WeasyPrint 70,
pinned): the join subsets each font once for all chunks (chunks/fontmerge.py);
a chunk keeps only the font program's first bytes, which tell TrueType from
OpenType."""
from __future__ import annotations

import contextlib

from .pinning import pin

WEASYPRINT = "70.0"
TARGETS = {"weasyprint.pdf.fonts.Font.clean": "(self, to_unicode, hinting)"}
pin(__name__, WEASYPRINT, TARGETS)

from weasyprint.pdf.fonts import Font  # noqa: E402


def _clean(self, to_unicode, hinting):
    self.file_content = self.file_content[:4]


@contextlib.contextmanager
def deferred():
    """Within: fonts are not subset (nor their file kept) when written."""
    saved = Font.clean
    Font.clean = _clean
    try:
        yield
    finally:
        Font.clean = saved
