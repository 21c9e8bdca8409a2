"""WeasyPrint as the seam uses it: imported through its patches (their
first, libraries.py, makes its library look-ups quicker), and the internals
the seam calls without replacing them, pinned like the patches'
(tests/test_patches.py)."""
from __future__ import annotations

WEASYPRINT = "70.0"
# WeasyPrint's internals used here without being replaced, with the signature
# expected (tests/test_patches.py checks them as it checks the patches')
INTERNALS = {
    "weasyprint.HTML.render": "(self, font_config=None, counter_style=None, color_profiles=None, "
                              "**options)",
    "weasyprint.urls.URLFetcher.fetch": "(self, url, headers=None)",
    "weasyprint.text.fonts.FontConfiguration.__init__": "(self)",
    "weasyprint.css.ColorProfile.__init__": "(self, file_object, src, rendering_intent, components)",
    "weasyprint.anchors.make_page_bookmark_tree": "(page, skipped_levels, last_by_depth, "
                                                  "previous_level, page_number, matrix)",
    "weasyprint.pdf.fonts.Font._harfbuzz_subset": "(self, to_unicode, hinting)",
    "weasyprint.pdf.fonts.Font._fonttools_subset": "(self, to_unicode, hinting)",
}


def weasyprint():
    """WeasyPrint, imported through its patches (patches/libraries.py)."""
    from .patches.libraries import weasyprint  # lazy: only what lays out loads WeasyPrint
    return weasyprint
