"""The preview's only contact with typesetting: a plan in, page images out.

`PageRenderer.render(plan, findings)` returns the booklet's pages as PNGs,
each with a hash of what is drawn on it, and the findings only the layout
shows (a 施策 longer than its spread). The server knows nothing else about
how pages are made.

A page is rasterized only when its drawing changed: the hash covers the
page's content stream and resources, with each font named by its face (the
subset tag and the embedded subset change with every edit anywhere, the
glyphs a page uses do not) and images by their bytes."""
from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from .. import scratch
from ..builders import DRAFT, BuildContext
from ..findings import Finding
from ..model import Plan
from ..present.labels import folio_number
from ..render import chunks, overflow

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
    """The booklet laid out in chunks the way `build` lays it out, but not
    joined (planbook.render.chunks.lay_out_pages): after an edit only the
    chunks that changed are laid out again (in worker processes that stay
    warm), and only the pages whose drawing changed are rasterized. Each
    page is a page of a chunk's PDF (its fonts embedded) with its folio
    drawn over it from the folio layer; a blank page is white. Its hash is
    that of the chunk page's drawing (page_hashes) and of its folio page, so
    an edit elsewhere that moves nothing keeps the image."""
    def __init__(self, jobs: int = 0, dpi: int = DPI):
        self.jobs, self.dpi = jobs, dpi
        self._tmp = scratch.temporary("preview-")
        self.cache = Path(self._tmp.name) / "parts"
        self._images: dict[str, bytes] = {}
        self._hashes: dict[Path, list[str]] = {}     # a chunk's PDF (named by its key)
        self.rasterized = 0       # pages rasterized by the last render (for tests and timing)

    def render(self, plan: Plan, findings: list[Finding]) -> Rendering:
        laps, last = {}, time.monotonic()

        def lap(name):
            nonlocal last
            now = time.monotonic()
            laps[name] = round(now - last, 3)
            last = now

        ctx = BuildContext(plan=plan, findings=findings, mode=DRAFT)
        view = ctx.booklet()
        lap("present")
        laid = chunks.lay_out_pages(view, layouts=ctx.layouts, fonts=ctx.fonts,
                                    roots=[plan.source_dir], cache=self.cache, jobs=self.jobs)
        lap("layout")
        found = overflow.findings(plan, laid, view.policy_pages, False)
        hashes = [self._hash(pg.source, pg.folio) for pg in laid.pages]
        fresh = [n for n, h in enumerate(hashes) if h not in self._images]
        lap("hash")
        images = {h: self._images[h] for h in hashes if h in self._images}
        images.update(self._draw([(hashes[n], laid.pages[n]) for n in fresh]))
        self._images, self.rasterized = images, len(fresh)
        lap("rasterize")
        out = [Page(n + 1, folio(n + 1), pg.width, pg.height, hashes[n],
                    images[hashes[n]], tuple(pg.anchors))
               for n, pg in enumerate(laid.pages)]
        return Rendering(out, found, {**laps, "laid_out": laid.laid_out,
                                      "rasterized": self.rasterized})

    def _page_hashes(self, path: Path) -> list[str]:
        if path not in self._hashes:
            self._hashes[path] = page_hashes(Path(path).read_bytes())
        return self._hashes[path]

    def _hash(self, source, layer) -> str:
        h = hashlib.sha256()
        for path, i in filter(None, (source, layer)):
            h.update(self._page_hashes(path)[i].encode() + b";")
        if source is None:
            h.update(b"blank")
        return h.hexdigest()[:20]

    def _draw(self, todo: list) -> dict[str, bytes]:
        """PNGs of pages given as (hash, chunks.Page): the chunk's page
        (white when blank) with its folio over it. Each PDF is opened once."""
        rasters = _Rasters(self.dpi)
        out = {}
        try:
            for h, page in todo:
                size = (round(page.width * self.dpi / PT), round(page.height * self.dpi / PT))
                image = (rasters.get(*page.source) if page.source
                         else Image.new("RGBA", size, "white"))
                ink = rasters.get(*page.folio, transparent=True)
                image, ink = (im if im.size == size else im.resize(size) for im in (image, ink))
                image = Image.alpha_composite(image.convert("RGBA"), ink).convert("RGB")
                buf = io.BytesIO()
                image.save(buf, "PNG", compress_level=1)
                out[h] = buf.getvalue()
        finally:
            rasters.close()
        return out


class _Rasters:
    """Pages of PDFs as images, each PDF opened once (PDFium)."""

    def __init__(self, dpi: int):
        self.dpi, self.docs = dpi, {}

    def get(self, path: Path, index: int, transparent: bool = False):
        if path not in self.docs:
            self.docs[path] = pdfium.PdfDocument(str(path))
        page = self.docs[path][index]
        try:
            fill = (255, 255, 255, 0) if transparent else (255, 255, 255, 255)
            bitmap = page.render(scale=self.dpi / PT, fill_color=fill, rev_byteorder=True)
            return bitmap.to_pil().convert("RGBA")
        finally:
            page.close()

    def close(self) -> None:
        for doc in self.docs.values():
            doc.close()


def page_hashes(pdf: bytes) -> list[str]:
    """A hash per page of everything that decides how it looks."""
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
