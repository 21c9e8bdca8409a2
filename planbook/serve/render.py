"""The preview's only contact with typesetting: a plan in, page images out.

`PageRenderer.render(plan, findings)` returns the booklet's pages as PNGs,
each with a hash of what is drawn on it, and the findings only the layout
shows (a 施策 longer than its spread). The server knows nothing else about
how pages are made: this one-pass implementation (the whole booklet laid out
by WeasyPrint, as `build` does) can be replaced by one that lays out parts
separately, as long as it returns the same `Rendering`.

A page is rasterized only when its drawing changed: the hash covers the
page's content stream and resources, with each font named by its face (the
subset tag and the embedded subset change with every edit anywhere, the
glyphs a page uses do not) and images by their bytes."""
from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass, field

from ..findings import Finding
from ..model import Plan
from ..present.labels import folio_number

DPI = 100
PT = 72                       # PDF units per inch


@dataclass(frozen=True)
class Page:
    number: int               # 1-based, in the PDF
    folio: str | None         # the number printed on it, None on the cover and its back
    width: float              # in PDF points
    height: float
    hash: str                 # of what is drawn on it: same hash, same image
    png: bytes = field(repr=False, compare=False)
    anchors: tuple[str, ...] = ()     # the ids of the booklet's HTML that land on it


@dataclass(frozen=True)
class Rendering:
    pages: list[Page]
    findings: list[Finding]   # what only the layout shows (layout-overflow)
    timings: dict = field(default_factory=dict)   # seconds per step, for /api/status


def folio(number: int) -> str | None:
    n = folio_number(number)      # None on the cover and its back (planbook.present.labels)
    return None if n is None else str(n)


class PageRenderer:
    """One-pass renderer: the draft booklet laid out whole, written to a PDF
    in memory, and the pages whose hash is new rasterized with PDFium. Keeps
    the images of its last rendering, to reuse for unchanged pages."""

    def __init__(self, dpi: int = DPI):
        self.dpi = dpi
        self._images: dict[str, bytes] = {}
        self.rasterized = 0       # pages rasterized by the last render (for tests and timing)

    def render(self, plan: Plan, findings: list[Finding]) -> Rendering:
        from ..builders import DRAFT, BuildContext
        clock = _Clock()
        ctx = BuildContext(plan=plan, findings=findings, mode=DRAFT)
        doc, layout_findings = ctx.lay_out(ctx.booklet())
        clock.lap("layout")
        # an intermediate file: compressing it would only cost time
        pdf = doc.write_pdf(uncompressed_pdf=True)
        clock.lap("pdf")
        anchors = [tuple(page.anchors) for page in doc.pages]
        pages = self.pages(pdf, anchors, clock)
        return Rendering(pages, layout_findings, {**clock.laps, "rasterized": self.rasterized})

    def pages(self, pdf: bytes, anchors: list[tuple[str, ...]], clock=None) -> list[Page]:
        """The pages of `pdf`, rasterizing only those not seen before."""
        clock = clock or _Clock()
        hashes = page_hashes(pdf)
        sizes = page_sizes(pdf)
        clock.lap("hash")
        fresh = [n for n, h in enumerate(hashes) if h not in self._images]
        images = dict(zip((hashes[n] for n in fresh), rasterize(pdf, fresh, self.dpi)))
        images.update((h, self._images[h]) for h in hashes if h in self._images)
        clock.lap("rasterize")
        self._images = images
        self.rasterized = len(fresh)
        return [Page(n + 1, folio(n + 1), *sizes[n], h, images[h],
                     anchors[n] if n < len(anchors) else ())
                for n, h in enumerate(hashes)]


class _Clock:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self.last = time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.laps[name] = round(now - self.last, 3)
        self.last = now


def rasterize(pdf: bytes, numbers: list[int], dpi: int) -> list[bytes]:
    """PNGs of the pages `numbers` (0-based) of `pdf`. PDFium renders a page in
    about 10 ms; the PNG encoding (fast zlib level) takes most of the time."""
    if not numbers:
        return []
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for n in numbers:
            page = doc[n]
            try:
                bitmap = page.render(scale=dpi / PT, rev_byteorder=True)
                buf = io.BytesIO()
                bitmap.to_pil().save(buf, "PNG", compress_level=1)
                out.append(buf.getvalue())
            finally:
                page.close()
        return out
    finally:
        doc.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    import pikepdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return [(float(p.mediabox[2] - p.mediabox[0]), float(p.mediabox[3] - p.mediabox[1]))
                for p in doc.pages]


def page_hashes(pdf: bytes) -> list[str]:
    """A hash per page of everything that decides how it looks."""
    import pikepdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = []
        memo: dict = {}           # indirect object -> its digest, shared by the pages
        for page in doc.pages:
            h = hashlib.sha256()
            contents = page.obj.get("/Contents")
            streams = contents if isinstance(contents, pikepdf.Array) else [contents]
            data = b"\n".join(s.read_bytes() for s in streams if s is not None)
            _feed_drawing(h, data, page.obj, memo)
            out.append(h.hexdigest()[:20])
        return out


# what does not change how a page looks (links, structure) or is covered otherwise
_SKIP = {"/Parent", "/Annots", "/StructParents", "/Metadata", "/Contents", "/Length"}


def _face(font) -> bytes:
    """A font by its face: /ABCDEF+BIZ-UDPGothic-Bold → BIZ-UDPGothic-Bold. The
    subset keeps the glyph ids of the whole font (WeasyPrint subsets with
    retain_gids), so the glyphs a page draws are the same in every subset."""
    return str(font.get("/BaseFont", "")).split("+", 1)[-1].encode()


def _feed_drawing(h, data: bytes, owner, memo: dict) -> None:
    """A content stream (of a page, form or pattern) with the font resource
    names it uses replaced by the faces they name, then its other keys."""
    import pikepdf
    resources = owner.get("/Resources")
    fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(fonts, pikepdf.Dictionary):
        for name in fonts.keys():
            data = data.replace(name.encode() + b" ", b"/" + _face(fonts[name]) + b" ")
    h.update(b"S%d:" % len(data) + data)
    _feed_dict(h, owner, memo)


def _feed(h, obj, memo: dict) -> None:
    """Dictionaries by sorted key, streams by their data, fonts by face; an
    indirect object by its digest, computed once (images are large) and
    guarded against cycles."""
    import pikepdf
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) and obj.is_indirect:
        key = obj.objgen
        if key not in memo:
            memo[key] = b"cycle"
            inner = hashlib.sha256()
            _feed_direct(inner, obj, memo)
            memo[key] = inner.digest()
        h.update(b"@" + memo[key])
    else:
        _feed_direct(h, obj, memo)


def _feed_direct(h, obj, memo: dict) -> None:
    import pikepdf
    if isinstance(obj, pikepdf.Stream):
        if obj.get("/Subtype") == "/Image":
            raw = obj.read_raw_bytes()      # as stored: no need to decode an image
            h.update(b"I%d:" % len(raw) + raw)
            _feed_dict(h, obj.stream_dict, memo)
        else:
            _feed_drawing(h, obj.read_bytes(), obj.stream_dict, memo)
    elif isinstance(obj, pikepdf.Dictionary):
        if obj.get("/Type") == "/Font":
            h.update(b"F" + _face(obj) + b";")
        else:
            _feed_dict(h, obj, memo)
    elif isinstance(obj, pikepdf.Array):
        h.update(b"[")
        for item in obj:
            _feed(h, item, memo)
        h.update(b"]")
    else:
        h.update(repr(obj).encode() + b";")


def _feed_dict(h, d, memo: dict) -> None:
    h.update(b"<")
    for key in sorted(d.keys()):
        if key not in _SKIP:
            h.update(key.encode() + b"=")
            _feed(h, d[key], memo)
    h.update(b">")
