"""The booklet laid out fast: in chunks, on all cores, only the chunks that
changed since the last run, joined into the PDF one WeasyPrint pass would
write. Everything of it (chunks, cache, folio layer, workers, scheduling)
lives in this package, behind this door:

- `write_booklet`: the booklet PDF, for the builders. Whether it was laid
  out in one pass or in chunks is the door's business (one pass with one
  job and no cache, or when the chunks do not settle).
- `lay_out_pages`: the booklet's pages unjoined, for the preview (each page
  a page of a chunk's PDF, its folio on a page of the folio layer).
- `prestart`, `stop`: the layout workers started ahead (they load WeasyPrint,
  the fonts and the templates; nothing is laid out before the checks pass)
  and stopped at the end of the command.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

from ... import scratch
from .. import render_document, typeset
from .layout import SCALE
from .workers import MAX_JOBS, default_jobs, prestart, stop

__all__ = ["Booklet", "Pages", "write_booklet", "lay_out_pages", "prestart", "stop",
           "default_jobs", "MAX_JOBS"]


WRITE_FAILED = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG}


@dataclass
class Booklet:
    """A booklet PDF as written: per page its anchors and height (what the
    layout's findings are read from: planbook.render.overflows), and what
    the manifest records of how it was laid out."""
    pages: list
    record: dict = field(default_factory=dict)


def _one_pass(view, target: Path, layouts: Path, fonts: Path, roots: list[Path]) -> Booklet:
    doc = render_document(view, layouts, fonts, roots=roots)
    typeset.write(doc, target)
    return Booklet(doc.pages, {"layout": "one-pass"})


def write_booklet(view, target: Path, *, layouts: Path, fonts: Path, roots: list[Path],
                  jobs: int = 0, cache: Path | None = None) -> Booklet:
    """The booklet view laid out and written to `target`: in chunks on `jobs`
    processes (0: all cores), reusing the chunks kept in `cache` (a folder
    inside the output folder), or in one WeasyPrint pass with one job and no
    cache (the reference the chunks are measured and tested against)."""
    import pikepdf     # lazy: cli imports this door for every command

    from .assemble import Assembly, Unsettled     # lazy: cli imports this door for every command
    roots = list(roots)
    if jobs == 1 and cache is None:
        return _one_pass(view, target, layouts, fonts, roots)
    jobs = jobs or default_jobs()
    try:
        with scratch.temporary("chunks-") as tmp:
            asm = Assembly(view, Path(layouts), Path(fonts), roots, jobs,
                           Path(cache) if cache else None, Path(tmp))
            try:
                laid = asm.run(Path(target))
            except OSError as e:
                if e.errno in WRITE_FAILED:
                    asm.abandon()       # (what it kept would keep the disk full)
                raise
    except OSError as e:
        if e.errno in WRITE_FAILED:     # (one pass would fail alike, and later)
            raise
        return _one_pass(view, target, layouts, fonts, roots)
    except (Unsettled, RuntimeError, ValueError, pikepdf.PdfError):
        # chunks that did not settle, or a cache entry gone while in use
        # (another run into OUT): one pass, which needs neither
        return _one_pass(view, target, layouts, fonts, roots)
    return Booklet(laid.pages, {"layout": "parts", "parts": laid.parts,
                                "laid_out": len(laid.laid_out)})


@dataclass
class Page:
    """One page of the booklet for the preview: where its drawing is (a
    chunk's PDF and page index; None for a blank page), where its folio is
    (a PDF of the folio layer and page index), its size in PDF points and
    its anchors."""
    source: tuple[Path, int] | None
    folio: tuple[Path, int]
    width: float
    height: float
    anchors: dict


@dataclass
class Pages:
    pages: list[Page]
    laid_out: int               # chunks laid out in this run (the others came from the cache)


PREVIEW_SIZE = 2                # 施策 a chunk in the preview: an edit lays out four pages


def lay_out_pages(view, *, layouts: Path, fonts: Path, roots: list[Path], cache: Path,
                  jobs: int = 0) -> Pages:
    """The booklet's pages laid out in chunks that each embed their fonts
    (to be shown on their own), not joined; the chunks kept in `cache`."""
    from .assemble import Assembly     # lazy: cli imports this door for every command
    with scratch.temporary("chunks-") as tmp:
        asm = Assembly(view, Path(layouts), Path(fonts), list(roots), jobs or default_jobs(),
                       Path(cache), Path(tmp), standalone=True, size=PREVIEW_SIZE)
        asm.settle()
        pieces, pages = asm.sequence()
        folios = asm.folios(pages)
        asm.finish()
    sources = []
    for path, facts, blank in pieces:
        sources += [None] * blank + [(Path(path), i) for i in range(len(facts["pages"]))]
    layer = [(Path(path), i) for path, facts in folios for i in range(len(facts["pages"]))]
    return Pages([Page(src, fol, pg["width"] * SCALE, pg["height"] * SCALE,
                       {a: tuple(xy) for a, xy in pg["anchors"].items()})
                  for src, fol, pg in zip(sources, layer, pages)], len(asm.laid_out))
