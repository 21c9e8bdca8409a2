"""The preview's pages from the booklet laid out in parts (planbook.render.
assemble), the way `build` lays it out, but not joined: after an edit only
the parts that changed are laid out again (in worker processes that stay
warm), and only the pages whose drawing changed are rasterized.

Each page is a page of a part's PDF (self-contained: its fonts embedded)
with its folio drawn over it from the folio layer; a blank page is white.
Its hash is that of the part page's drawing (render.page_hashes) and of its
folio page, so an edit elsewhere that moves nothing keeps the image."""
from __future__ import annotations

import hashlib
import io
import tempfile
import time
from pathlib import Path

from ..findings import Finding
from ..model import Plan
from .render import DPI, PT, Page, Rendering, folio, page_hashes

SCALE = 0.75                  # CSS px -> PDF pt
SIZE = 2                      # 施策 a part: an edit lays out four pages


class PartsRenderer:
    def __init__(self, jobs: int = 0, dpi: int = DPI):
        self.jobs, self.dpi = jobs, dpi
        self._tmp = tempfile.TemporaryDirectory(prefix="planbook-preview-")
        self.cache = Path(self._tmp.name) / "parts"
        self._images: dict[str, bytes] = {}
        self._hashes: dict[Path, list[str]] = {}     # a part's PDF (named by its key)
        self.rasterized = 0

    def render(self, plan: Plan, findings: list[Finding]) -> Rendering:
        from ..builders import DRAFT, BuildContext
        from ..render import overflow
        from ..render.chunks.assemble import _Assembly, default_jobs, laid
        laps, last = {}, time.monotonic()

        def lap(name):
            nonlocal last
            now = time.monotonic()
            laps[name] = round(now - last, 3)
            last = now

        ctx = BuildContext(plan=plan, findings=findings, mode=DRAFT)
        view = ctx.booklet()
        lap("present")
        with tempfile.TemporaryDirectory(prefix="planbook-parts-") as tmp:
            asm = _Assembly(view, ctx.layouts, ctx.fonts, [plan.source_dir],
                            self.jobs or default_jobs(), self.cache, Path(tmp), (), (),
                            standalone=True, size=SIZE)
            asm.settle()
            pieces, pages = asm.sequence()
            lap("layout")
            folios = asm.folios(pages)
            asm.finish()
        lap("folios")
        found = overflow.findings(plan, laid(pages, asm.laid_out), view.policy_pages, False)
        sources = []
        for path, facts, blank in pieces:
            sources += [None] * blank + [(path, i) for i in range(len(facts["pages"]))]
        layer = [(path, i) for path, facts in folios for i in range(len(facts["pages"]))]
        hashes = [self._hash(src, fol) for src, fol in zip(sources, layer)]
        fresh = [n for n, h in enumerate(hashes) if h not in self._images]
        lap("hash")
        images = {h: self._images[h] for h in hashes if h in self._images}
        images.update(self._draw([(hashes[n], sources[n], layer[n], pages[n]) for n in fresh]))
        self._images, self.rasterized = images, len(fresh)
        lap("rasterize")
        out = [Page(n + 1, folio(n + 1), pg["width"] * SCALE, pg["height"] * SCALE, hashes[n],
                    images[hashes[n]], tuple(pg["anchors"]))
               for n, pg in enumerate(pages)]
        return Rendering(out, found, {**laps, "laid_out": len(asm.laid_out),
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
        """PNGs of pages given as (hash, part page, folio page, facts): the
        part's page (white when blank) with its folio over it. Each PDF is
        opened once."""
        from PIL import Image
        rasters = _Rasters(self.dpi)
        out = {}
        try:
            for h, source, layer, page in todo:
                size = (round(page["width"] * SCALE * self.dpi / PT),
                        round(page["height"] * SCALE * self.dpi / PT))
                image = rasters.get(*source) if source else Image.new("RGBA", size, "white")
                ink = rasters.get(*layer, transparent=True)
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
        import pypdfium2 as pdfium
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
