"""The folio layer of the booklet laid out in chunks (assemble.py): every
page's folio, and on the 目次 and 体系 pages their page numbers, laid out
apart (layouts/booklet/chunks/folios.html) and drawn over the pages at the
join. It is laid out in runs, all at once on the workers: the front
matter's pages, then FOLIO_RUN pages each."""
from __future__ import annotations

from pathlib import Path

from .cache import key
from .layout import folio_html
from .workers import _run_folios

FOLIO_RUN = 64          # pages of the folio layer laid out together (even)


def bounds(total: int, front: int) -> list[tuple[int, int]]:
    """The runs over `total` pages, the first the `front` pages (made even:
    every run starts on a right-hand page)."""
    front = min(total, front + front % 2)
    out = [(0, front)] if front else []
    return out + [(a, min(a + FOLIO_RUN, total)) for a in range(front, total, FOLIO_RUN)]


class FolioLayer:
    def __init__(self, asm):
        self.asm = asm
        self.started: dict = {}               # runs started: entry -> future
        self.made: set[str] = set()           # entries laid out in this run

    def _job(self, pages: list[dict], a: int, b: int, where: dict) -> tuple[str, tuple]:
        """The cache entry of the run of pages a..b-1 and the arguments to lay it out."""
        asm = self.asm
        html = folio_html(asm.view, [
            {"name": pg["name"], "blank": pg["blank"],
             "numbers": [dict(n, text=str(where.get(n["ref"], ""))) for n in pg["numbers"]]}
            for pg in pages[a:b]], a, asm.layouts, asm.fonts)
        entry = key(asm.env, html)
        return entry, (html, asm.layouts, asm.fonts, entry, asm.folder, asm.standalone)

    def lay_out(self, pages: list[dict], front: int):
        """The layer for the whole booklet: per run (pdf path, facts), the
        page numbers at the folio of the page where each anchor is."""
        asm = self.asm
        where: dict = {}
        for i, pg in enumerate(pages):
            for a in pg["anchors"]:
                where.setdefault(a, i - 1)
        runs, todo = [], {}
        for a, b in bounds(len(pages), front):
            entry, args = self._job(pages, a, b, where)
            asm.store.used.add(entry)
            runs.append(asm.store.get(entry))
            if runs[-1] is None:
                if entry not in self.started and asm.pool:
                    self.started[entry] = asm.pool.submit(_run_folios, *args)
                todo[len(runs) - 1] = (entry, args)
                self.made.add(entry)
        for i, (entry, args) in todo.items():       # (all started first, then waited for)
            runs[i] = self.started[entry].result() if asm.pool else _run_folios(*args)
        return [(Path(path), facts) for path, facts in runs]
