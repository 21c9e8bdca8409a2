"""The scheduler: the booklet's chunks (chunk.py) laid out on the workers
(workers.py, layout.py), only those the cache (cache.py) does not hold,
until each fits where the chunks before it end (placing.py); then the folio
layer (folios.py) and the join (join.py).

A chunk's pages do not depend on where it lands, but for the side it
starts on: the folios, and the page numbers the 目次 and the 計画の体系
print, are drawn over the pages by the folio layer. A chunk that opens on a
left- or right-hand page by itself (a 施策 spread, a 将来像's title page)
gets a blank page before it at the join when the page before is of the
same side; the others are laid out for the side they land on. When every
chunk fits where the chunks before it end, the PDF is the one a single pass
would make, and it is joined."""
from __future__ import annotations

import hashlib
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

from .. import render_html
from .digests import astuple_tail, canon as _canon, digest as _digest
from .join import join
from .folios import FolioLayer
from .cache import ChunkCache, environment, key_and_files, unchanged
from .layout import Task, stylesheets
from .chunk import SIZE, Chunk, estimate, split, trimmed
from .placing import fits, walk_chunks
from .workers import _run, workers

MAX_ROUNDS = 8


class Unsettled(RuntimeError):
    """The chunks did not settle on their pages (then: one pass)."""


_keys: dict = {}            # what a chunk's HTML is drawn from -> (its cache key, files shown)


@dataclass
class Laid:
    """The joined booklet: per page what the layout found (planbook.render's
    policy_pages/overflows read `pages[i].anchors` and `.height`)."""
    pages: list
    laid_out: list              # names of the chunks laid out in this run (each once)
    parts: int = 0              # chunks in all


class Assembly:
    """One layout of the booklet in chunks. `standalone`: each chunk's PDF
    embeds its fonts, to be shown on its own (the preview); else the join
    embeds them once."""

    def __init__(self, view, layouts, fonts, roots, jobs, cache, tmp, standalone=False,
                 size=SIZE):
        self.view, self.layouts, self.fonts, self.roots = view, layouts, fonts, roots
        self.standalone = standalone
        self.chunks = split(view, size)
        self._digests = None
        self.store = ChunkCache(cache)
        self.idents: dict[str, str] = {}      # entry -> what its HTML is drawn from
        self.folder = str(self.store.folder or tmp)   # where the workers put what they lay out
        self.env = environment(layouts, fonts, ((), standalone))
        self.memo = memo = self.store.places()
        self.system = next(p for p in self.chunks if "system" in p.front)
        self.counts = {p.name: memo.get(p.name, {}).get("count") or estimate(p, view)
                       for p in self.chunks}
        # The 体系 rows that start a page, from a layout of the same front
        # matter: the next layout needs one pass, not two.
        self.front_content = self._task(self.system.placed(-1), laid=False)[1]
        front = memo.get(self.system.name, {})
        self.cuts = frozenset(front.get("cuts", ()) if front.get("content") == self.front_content
                              else ())
        self.pool = workers(jobs) if jobs > 1 else None
        self.jobs = jobs
        self.done: dict[str, tuple] = {}      # name -> (placed chunk, facts, pdf path)
        self.pending: dict[str, tuple] = {}   # name -> (future, placed chunk)
        self.laid_out: list[str] = []
        self.layer = FolioLayer(self)

    def learn(self, name, placed, path, facts, fresh=False):
        self.done[name] = (placed, facts, Path(path))
        if "system" in placed.front:
            self.cuts = frozenset(facts.get("cuts", ()))
        self.counts[name] = len(facts["pages"])
        if fresh and name not in self.laid_out:
            self.laid_out.append(name)

    def ok(self, name: str, placed: Chunk, first: int) -> bool:
        d = self.done.get(name)
        if not d:
            return False
        if placed.front:
            return d[0].where() == placed.where()
        return fits(d[1], first)

    def _task(self, placed: Chunk, laid: bool = True) -> tuple[Task, str]:
        """The chunk's task and its cache entry: the key of its HTML, the HTML
        rendered only when what it is drawn from is new (`_inputs`).
        `laid=False`: only the key is wanted (no entry need exist for it)."""
        cuts = getattr(self, "cuts", frozenset()) if "system" in placed.front else frozenset()
        task = Task(self.view, placed, self.layouts, self.fonts, tuple(self.roots),
                    (), (), cuts, self.standalone)
        light = Task(*trimmed(self.view, placed), *astuple_tail(task))
        memo = (self.env, self._inputs(placed), repr(_canon(placed)), repr(sorted(cuts)),
                repr(task.stylesheets), str(self.fonts), repr(self.roots))
        ident = hashlib.sha256(repr(memo).encode()).hexdigest()
        hit = _keys.get(memo)
        if hit is None or not unchanged(hit[1]):
            # keys.json is only a short cut: believed when the entry it names
            # says it was laid out from the same (`_made_for`), else the HTML
            # is rendered and keyed. Only a key so found is remembered.
            found = self.store.known(ident, (*self.roots, self.layouts, self.fonts))
            if found is not None and not self._made_for(found[0], ident):
                if laid:
                    found = None
                else:           # (a guess for the 体系's page breaks: no entry need exist)
                    return light, found[0]
            if found is None:
                html = render_html(self.view, self.layouts, self.fonts, stylesheets(task),
                                   cuts=cuts, source=self.roots[0] if self.roots else None,
                                   drawn=placed.drawn(self.view))
                found = key_and_files(self.env, html, self.roots[0] if self.roots else None)
            if len(_keys) > 4096:
                _keys.clear()
            _keys[memo] = hit = found
        self.store.know(ident, *hit)
        self.idents[hit[0]] = ident
        return light, hit[0]

    def _made_for(self, entry: str, ident: str) -> bool:
        """Whether the stored entry was laid out from what `ident` names."""
        hit = self.store.get(entry)
        return hit is not None and hit[1].get("ident") == ident

    def _inputs(self, chunk: Chunk) -> tuple:
        """Digests of the chunks of the view a chunk's HTML is drawn from: the
        booklet's frame, its 将来像 (or the 施策 outside any), all for the front."""
        if self._digests is None:
            view = self.view
            frame = replace(view, parts=(), orphans=None)
            self._digests = {"frame": _digest(frame), "orphans": _digest(view.orphans),
                             **{i: _digest(v) for i, v in enumerate(view.parts)}}
        d = self._digests
        if chunk.front:
            return (d["frame"],)        # (the front draws on the frame alone: chunk.trimmed)
        return (d["frame"], d["orphans"] if chunk.orphans else d[chunk.vision])

    def _cached(self, placed: Chunk, first: int):
        """A stored layout of the chunk that fits at `first`, if any. A chunk
        is first laid out after a right-hand page (one pad), whatever its
        place: most chunks open on a side of their own and fit anywhere."""
        if placed.front:
            task, entry = self._task(placed)
            hit = self.store.get(entry)
            return (placed, hit) if hit else (None, None)
        for pads in (1, 2):
            candidate = replace(placed, pads=pads)
            entry = self._task(candidate)[1]
            hit = self.store.get(entry)
            if hit and fits(hit[1], first):
                return candidate, hit
            if not hit:
                break
        return None, None

    def step(self) -> bool:
        """Start or take what the chunks' places now ask; False when all fit.

        The workers get one chunk more than they are (the order stays this
        process's: a chunk to lay out again goes before the rest). A chunk of
        the front matter whose side is still a guess (a chunk before it is
        not laid out yet) waits for the chunks before it that are being
        laid out, and while there is other work."""
        walk = walk_chunks(self.chunks, self.done, self.counts)
        moved = taken = False   # a chunk taken (its count known): later places may change
        guesses = []
        for p in self.chunks:
            if moved:
                walk = walk_chunks(self.chunks, self.done, self.counts)
                moved = False
            placed, first = walk.placed[p.name], walk.first[p.name]
            if self.ok(p.name, placed, first):
                continue
            if p.name in self.pending:
                future, was = self.pending[p.name]
                if not p.front or was.where() == placed.where() or not future.cancel():
                    continue        # (a chunk of either side may fit: see when it is done)
                del self.pending[p.name]
            candidate, hit = self._cached(placed, first)
            if hit:
                self.learn(p.name, candidate, *hit)
                moved = taken = True
                continue
            if not p.front and p.name not in self.done:
                placed = replace(placed, pads=1)      # first layout: see _cached
            task, entry = self._task(placed)
            self.store.used.add(entry)
            if self.pool is None:
                self.learn(p.name, placed, *_run(task, entry, self.folder, self.idents[entry]),
                           fresh=True)
                moved = taken = True
                continue
            if p.front and not self.settled(p, walk):
                if not self.waits_for_pending(p):
                    guesses.append((p, placed, task, entry))
                continue
            if len(self.pending) > self.jobs:
                break
            self.submit(p, placed, task, entry)
        for p, placed, task, entry in guesses:      # (a guess is better than an idle worker)
            if len(self.pending) >= self.jobs:
                break
            self.submit(p, placed, task, entry)
        if not self.pending:
            return taken                # something was taken: look again; else all fit
        finished, _ = wait([f for f, _ in self.pending.values()], return_when=FIRST_COMPLETED)
        for name, (future, placed) in list(self.pending.items()):
            if future in finished:
                del self.pending[name]
                self.learn(name, placed, *future.result(), fresh=True)
        return True

    def submit(self, chunk: Chunk, placed: Chunk, task: Task, entry: str) -> None:
        self.pending[chunk.name] = (self.pool.submit(_run, task, entry, self.folder,
                                                    self.idents[entry]), placed)

    def waits_for_pending(self, chunk: Chunk) -> bool:
        """Whether a chunk before `chunk` is being laid out (its place will
        be known then: no need to guess it)."""
        before = [p.name for p in self.chunks[:self.chunks.index(chunk)]]
        return any(name in self.pending for name in before)

    def settled(self, chunk: Chunk, walk) -> bool:
        """Whether every chunk before `chunk` is laid out where it now lands."""
        for p in self.chunks:
            if p.name == chunk.name:
                return True
            if not self.ok(p.name, walk.placed[p.name], walk.first[p.name]):
                return False
        return True

    def folios(self, pages: list[dict]):
        """The folio layer for the booklet's `pages` (folios.py)."""
        return self.layer.lay_out(pages, self.front_pages())

    def front_pages(self) -> int:
        """Pages of the front matter with the blank page after it, if any
        (all when the booklet is only front matter)."""
        walk = walk_chunks(self.chunks, self.done, self.counts)
        rest = [p for p in self.chunks if not p.front]
        return walk.prev[rest[0].name] + 1 if rest else sum(self.counts.values())

    def settle(self) -> None:
        """Lay out what is needed until every chunk fits where the chunks before it end."""
        for _ in range(MAX_ROUNDS * len(self.chunks)):
            if not self.step():
                return
        raise Unsettled("the booklet's chunks did not settle on their pages")

    def sequence(self) -> tuple[list, list[dict]]:
        """The settled chunks in order as (pdf, facts, blank page before it),
        and the facts of every page of the booklet, the blank ones included."""
        walk = walk_chunks(self.chunks, self.done, self.counts)
        pieces, pages = [], []
        for p in self.chunks:
            _, facts, path = self.done[p.name]
            if walk.blank[p.name]:
                first = facts["pages"][0]
                pages.append({"height": first["height"], "width": first["width"], "name": "",
                              "blank": True, "anchors": {}, "links": [], "bookmarks": [],
                              "numbers": []})
            pieces.append((path, facts, walk.blank[p.name]))
            pages += facts["pages"]
        return pieces, pages

    def finish(self) -> None:
        """Remember where the chunks went (for the next run) and drop what was not used."""
        places = {p.name: {"count": self.counts[p.name]}
                  for p in self.chunks}
        places[self.system.name].update(content=self.front_content, cuts=sorted(self.cuts))
        self.store.remember(places)
        self.store.prune()

    def abandon(self) -> None:
        """A write failed (a full disk): the chunks still being laid out are
        waited for, and every entry this run added to the cache removed."""
        written = {self.done[name][2].stem for name in self.laid_out} | self.layer.made
        futures = [f for f, _ in self.pending.values()] + list(self.layer.started.values())
        for future in futures:
            future.cancel()
        for future in futures:
            try:
                written.add(Path(future.result()[0]).stem)
            except Exception:  # noqa: BLE001 - it failed too: nothing of it stays
                pass
        self.pending.clear()
        if self.store.folder is not None:
            for entry in written:
                self.store.drop(entry)

    def run(self, target: Path) -> Laid:
        self.settle()
        pieces, pages = self.sequence()
        runs = self.folios(pages)
        if self.pool:       # a worker has WeasyPrint loaded; this process need not load it
            self.pool.submit(join, pieces, runs, target, self.fonts).result()
        else:
            join(pieces, runs, target, self.fonts)
        self.finish()
        return laid(pages, self.laid_out, len(self.chunks))


def laid(pages: list[dict], names: list[str], parts: int = 0) -> Laid:
    return Laid([SimpleNamespace(anchors={a: tuple(xy) for a, xy in pg["anchors"].items()},
                                 height=pg["height"]) for pg in pages], names, parts)
