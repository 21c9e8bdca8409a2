"""What the join of the booklet's chunks (render/chunks/join.py,
fontmerge.py) reuses of WeasyPrint: a font file's digest and HarfBuzz face,
its subsetting, its outline tree."""
from __future__ import annotations

import hashlib
from types import SimpleNamespace

from ... import harfbuzz
from .engine import weasyprint


def face_sha256(face, memo: dict) -> str:
    """sha256 of the font file a HarfBuzz face (a WeasyPrint font's hb_face)
    was made from, read in place; `memo`: by the file's address and size."""
    weasyprint()
    from weasyprint.text.ffi import ffi, harfbuzz  # lazy: WeasyPrint (engine.weasyprint)
    blob = harfbuzz.hb_face_reference_blob(face)
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        key = (int(ffi.cast("uintptr_t", data)), length[0])
        if key not in memo:
            memo[key] = hashlib.sha256(ffi.buffer(data, length[0])).hexdigest()
        return memo[key]
    finally:
        harfbuzz.hb_blob_destroy(blob)


def hb_face(data: bytes, index: int):
    """A HarfBuzz face of a font file, typed for WeasyPrint's cffi."""
    weasyprint()
    from weasyprint.text.ffi import ffi  # lazy: WeasyPrint (engine.weasyprint)

    address = harfbuzz.face(data, index)
    return ffi.gc(ffi.cast("hb_face_t *", address), lambda _: harfbuzz.destroy(address))


def subset_font(data: bytes, index: int, family, missing, to_unicode: dict,
                hinting: bool) -> bytes:
    """A font file subset to the glyphs of `to_unicode` by WeasyPrint's own
    subsetting (pdf/fonts.py: glyph ids kept), as it subsets when it writes."""
    weasyprint()
    from weasyprint.pdf.fonts import Font, harfbuzz_subset  # lazy: WeasyPrint (engine.weasyprint)
    from weasyprint.text.ffi import harfbuzz  # lazy: WeasyPrint (engine.weasyprint)
    shim = SimpleNamespace(hb_face=hb_face(data, index), file_content=data,
                           missing=dict.fromkeys(missing), family=family, index=index)
    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        Font._harfbuzz_subset(shim, to_unicode, hinting)
    else:
        Font._fonttools_subset(shim, to_unicode, hinting)
    return shim.file_content


def bookmark_tree(pages: list[tuple[list, float]], scale: float) -> list:
    """WeasyPrint's outline tree (anchors.make_page_bookmark_tree) of pages
    given as (bookmarks, height in CSS px), `scale` PDF units per CSS px."""
    weasyprint()
    from weasyprint.anchors import make_page_bookmark_tree  # lazy: WeasyPrint (engine.weasyprint)
    from weasyprint.matrix import Matrix  # lazy: WeasyPrint (engine.weasyprint)
    root: list = []
    skipped: list = []
    last_by_depth = [root]
    previous = 0
    for n, (bookmarks, height) in enumerate(pages):
        matrix = Matrix(a=scale, d=-scale, f=height * scale)
        previous = make_page_bookmark_tree(SimpleNamespace(bookmarks=bookmarks), skipped,
                                           last_by_depth, previous, n, matrix)
    return root
