"""The WeasyPrint 70 internals planbook replaces, one module per patch:

- `libraries`: ctypes.util.find_library while WeasyPrint is imported (one
  `ldconfig -p` for all its libraries);
- `justify`: WeasyPrint's text layout and line justification (Japanese
  composition, JLREQ §3.8);
- `stylesheets`: weasyprint.css.CSS, each stylesheet prepared once per
  process while chunks of the booklet are laid out;
- `cssparse`: tinycss2's parse, each stylesheet text tokenised once;
- `subsetting`: weasyprint.pdf.fonts.Font.clean, no subsetting in a chunk
  (the join subsets each font once for all chunks);
- `tagging`: weasyprint.pdf.tags._build_box_tree, each structure element of
  a tagged PDF names its HTML element (planbook.tagged joins the pieces of an
  element split over pages) and keeps its `lang`.

Each is pinned to WeasyPrint 70.0: it names the version (`WEASYPRINT`) and
what it replaces or relies on with the signature it expects (`TARGETS`),
refuses to load under another version (`pin`), and tests/test_patches.py
fails when the installed WeasyPrint is not that version or a target changed.
They are applied by planbook.render.typeset only (`applied`), around its
render and write; importing this package imports WeasyPrint (`libraries`)."""
from __future__ import annotations

import contextlib

# WeasyPrint is imported through its patch first (one `ldconfig -p` for all its libraries)
from . import libraries  # noqa: F401  isort: skip
from . import cssparse, justify, stylesheets, subsetting, tagging
from .pinning import changed, pin, target  # noqa: F401 - for tests/test_patches.py

MODULES = ("libraries", "justify", "stylesheets", "cssparse", "subsetting", "tagging")


@contextlib.contextmanager
def applied(compose: bool = False, chunk: bool = False, subset: bool = True,
            tagged: bool = False):
    """Within: the patches a render or write asks for. `compose`: Japanese
    justification (the booklet); `chunk`: a chunk of the booklet laid out on its
    own (stylesheets parsed and prepared once per process); `subset`: fonts
    subset as WeasyPrint does (else left for the join, chunks only); `tagged`:
    a tagged PDF is written (structure elements keyed, patches/tagging.py)."""
    with contextlib.ExitStack() as stack:
        if compose:
            stack.enter_context(justify.composing())
        if tagged:
            stack.enter_context(tagging.keyed())
        if chunk:
            stack.enter_context(cssparse.memo())
            stack.enter_context(stylesheets.prepared_once())
            if not subset:
                stack.enter_context(subsetting.deferred())
        yield

