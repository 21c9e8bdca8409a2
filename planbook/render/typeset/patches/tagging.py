"""What a tagged PDF (pdf/ua-1) needs to know of the HTML (WeasyPrint 70, pinned).

WeasyPrint builds the structure tree page by page: an element that runs over
a page break (a section, a paragraph, a table) becomes one structure element
per page, and an element's `lang` is lost. While a tagged PDF is written,
each structure element made for an HTML element gets:

- `/PBKey`: a number naming that HTML element (the same on every page), by
  which planbook.tagged joins the pieces again and then removes the key;
- `/Lang`: the element's own `lang`, where it has one.

Nothing else of WeasyPrint's tagging changes."""
from __future__ import annotations

import contextlib
import contextvars

from .pinning import pin

WEASYPRINT = "70.0"
TARGETS = {"weasyprint.pdf.tags._build_box_tree":
           "(box, parent, pdf, page_number, nums, annotations, tags)"}
pin(__name__, WEASYPRINT, TARGETS)

import pydyf  # noqa: E402
from weasyprint.layout.absolute import AbsolutePlaceholder  # noqa: E402
from weasyprint.pdf import tags as _tags  # noqa: E402

KEY = "PBKey"
_original = _tags._build_box_tree
_keys: contextvars.ContextVar = contextvars.ContextVar("planbook_tag_keys", default=None)


def _key(box, keys: dict) -> int | None:
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if box.element is None or box.element_tag in ("html", "body"):
        return None
    # pseudo-elements (p::before, li::marker) share the element: the tag tells them apart
    ident = (id(box.element), box.element_tag)
    if ident not in keys:
        keys[ident] = (len(keys) + 1, box.element)   # the element kept: its id stays unique
    return keys[ident][0]


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    keys = _keys.get()
    for element in _original(box, parent, pdf, page_number, nums, annotations, tags):
        if keys is not None and KEY not in element:
            key = _key(box, keys)
            if key is not None:
                element[KEY] = key
                real = box._box if isinstance(box, AbsolutePlaceholder) else box
                lang = real.element.get("lang")
                if lang:
                    element["Lang"] = pydyf.String(lang)
        yield element


@contextlib.contextmanager
def keyed():
    """Within: structure elements carry their HTML element's key and lang."""
    token = _keys.set({})
    saved = _tags._build_box_tree
    _tags._build_box_tree = _build_box_tree
    try:
        yield
    finally:
        _tags._build_box_tree = saved
        _keys.reset(token)
