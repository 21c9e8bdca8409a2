"""The booklet in chunks, each laid out on its own (in parallel, and only
when it changed), then joined into one PDF (join.py).

With 施策 on fixed spreads, what a chunk looks like depends on its own
content and on two facts about the pages before it: on which side the last
one is (a blank page before a chunk that opens on a right-hand page, the
inner and outer margins) and the running heads in force. The layout puts
one or two pad pages before the chunk to stand for the pages before it
(layouts/booklet/chunks/pad.html, chunks.css) and drops them. The folios,
which depend on how many pages come before, are not drawn with the chunks
but over them afterwards, from one layout of all folios (folios.py): a
chunk moved by a page or two elsewhere is not laid out again. So are the
page numbers the 目次 and the 計画の体系 print: each chunk's facts give the
slot of each (layout.py), and the folio layer draws it there.

Chunks: the front matter in three (表紙 and 目次; 基本理念, 将来像, 基本目標;
計画の体系); per 将来像 (a part of the booklet) its title page with its first
施策, further runs of `size` 施策, the list of 施策 not written yet with the
last run; the 施策 outside any 将来像.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...present.view import Booklet
from .. import FRONT, ORPHANS, VISION, Section

SIZE = 4            # 施策 a chunk, after the title page
PAD = "chunks/pad.html"


@dataclass(frozen=True)
class Chunk:
    """One chunk of the booklet (what it draws), and where it goes (`pads`:
    set by `placed`)."""
    name: str
    front: tuple = ()                       # front matter: ("toc",) ("concept",) ("system",)
    vision: int | None = None               # index of its 将来像 in Booklet.parts
    codes: frozenset = frozenset()          # its 施策
    title: bool = False                     # opens with the 将来像's title page
    tail: bool = False                      # ends with the 施策 not written yet
    orphans: bool = False
    vision_head: str = ""                   # running heads at its start
    goal_head: str = ""
    pads: int = 0                           # pages standing for those before it

    @property
    def first(self) -> bool:
        """The booklet's first chunk (the cover): laid out as the document's start."""
        return "toc" in self.front

    def placed(self, prev: int) -> "Chunk":
        """At its place after PDF page `prev` (0-based; -1: first). Page i of
        the PDF is a right-hand page when i is even, with folio i - 1."""
        if self.first:
            return replace(self, pads=0)
        return replace(self, pads=1 if prev % 2 == 0 else 2)

    def where(self) -> tuple:
        """What of its place changes its pages."""
        return (self.pads,)

    def drawn(self, view: Booklet) -> tuple[Section, ...]:
        """The sections of `view` it draws, after its pad pages."""
        out = [Section(PAD, values={"pads": self.pads, "vision_head": self.vision_head,
                                    "goal_head": self.goal_head})] if self.pads else []
        out += [Section(t) for name in self.front for t in FRONT[name]]
        if self.vision is not None:
            out.append(Section(VISION, vision=view.parts[self.vision], codes=self.codes,
                               opens=self.title, closes=self.tail))
        if self.orphans and view.orphans:
            out.append(Section(ORPHANS))
        return tuple(out)


def split(view: Booklet, size: int = SIZE) -> list[Chunk]:
    out = [Chunk("front", front=("toc",)), Chunk("concept", front=("concept",)),
           Chunk("system", front=("system",))]
    for i, v in enumerate(view.parts):
        pages = [(g, p) for g in v.goals for p in g.pages]
        runs = [pages[k:k + size] for k in range(0, len(pages), size)] or [[]]
        for j, run in enumerate(runs):
            out.append(Chunk(
                f"vision-{i + 1}-{j + 1}", vision=i, codes=frozenset(p.code for _, p in run),
                title=j == 0, tail=j == len(runs) - 1, vision_head=v.heading.plain,
                goal_head=run[0][0].heading.plain if run else ""))
    if view.orphans:
        out.append(Chunk("orphans", orphans=True))
    return out


def estimate(chunk: Chunk, view: Booklet) -> int:
    """Pages a chunk is likely to take, before it was ever laid out."""
    per = view.policy_pages
    if chunk.first:
        return 3 + len(view.toc) // 30
    if chunk.front:
        return 2 + len(view.system.rows) // 15 if "system" in chunk.front else 6
    if chunk.orphans:
        return 2 + per * len(view.orphans.pages)
    return (2 if chunk.title else 0) + per * len(chunk.codes) + (2 if chunk.tail else 0)


def trimmed(view: Booklet, chunk: Chunk) -> tuple[Booklet, Chunk]:
    """The view with only what the chunk draws (and the chunk pointing into
    it), for a worker: a 施策 chunk of a 500-施策 booklet need not carry the
    other 499. The HTML is the same as from the whole view (tests/test_parts.py)."""
    if chunk.front:
        return replace(view, parts=(), orphans=None), chunk
    light = replace(view, toc=(), system=replace(view.system, rows=()))
    if chunk.orphans:
        return replace(light, parts=()), chunk
    return (replace(light, parts=(view.parts[chunk.vision],), orphans=None),
            replace(chunk, vision=0))
