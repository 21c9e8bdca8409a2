"""The booklet in parts, each laid out on its own (in parallel, and only when
it changed), then joined into one PDF (render/join.py).

With 施策 on fixed spreads, what a part looks like depends on its own
content and on two facts about the pages before it: on which side the last
one is (a blank page before a part that opens on a right-hand page, the
inner and outer margins) and the running heads in force. The layout puts
one or two pad pages before the part to stand for the pages before it
(partials/pad.html, chunks.css) and drops them. The folios, which depend on
how many pages come before, are not drawn with the parts but over them
afterwards, from one layout of all folios (layouts/booklet/folios.html):
a part moved by a page or two elsewhere is not laid out again. So are the
page numbers the 目次 and the 計画の体系 print: each part's facts give the
slot of each (partlayout.py), and the folio layer draws it there.

Parts: the front matter in three (表紙 and 目次; 基本理念, 将来像, 基本目標;
計画の体系); per 将来像 its title page with
its first 施策, further runs of `size` 施策, the list of 施策 not written yet
with the last run; the 施策 outside any 将来像.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...present.view import Booklet

SIZE = 4            # 施策 a part, after the title page


@dataclass(frozen=True)
class Part:
    """One piece of the booklet (what the template draws, `part`), and where
    it goes (`pads`: set by `placed`)."""
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
        """The booklet's first part (the cover): laid out as the document's start."""
        return "toc" in self.front

    def placed(self, prev: int) -> "Part":
        """At its place after PDF page `prev` (0-based; -1: first). Page i of
        the PDF is a right-hand page when i is even, with folio i - 1."""
        if self.first:
            return replace(self, pads=0)
        return replace(self, pads=1 if prev % 2 == 0 else 2)

    def where(self) -> tuple:
        """What of its place changes its pages."""
        return (self.pads,)


def split(view: Booklet, size: int = SIZE) -> list[Part]:
    out = [Part("front", front=("toc",)), Part("concept", front=("concept",)),
           Part("system", front=("system",))]
    for i, v in enumerate(view.parts):
        pages = [(g, p) for g in v.goals for p in g.pages]
        runs = [pages[k:k + size] for k in range(0, len(pages), size)] or [[]]
        for j, run in enumerate(runs):
            out.append(Part(
                f"vision-{i + 1}-{j + 1}", vision=i, codes=frozenset(p.code for _, p in run),
                title=j == 0, tail=j == len(runs) - 1, vision_head=v.heading.plain,
                goal_head=run[0][0].heading.plain if run else ""))
    if view.orphans:
        out.append(Part("orphans", orphans=True))
    return out


def estimate(part: Part, view: Booklet) -> int:
    """Pages a part is likely to take, before it was ever laid out."""
    per = view.policy_pages
    if part.first:
        return 3 + len(view.toc) // 30
    if part.front:
        return 2 + len(view.system.rows) // 15 if "system" in part.front else 6
    if part.orphans:
        return 2 + per * len(view.orphans.pages)
    return (2 if part.title else 0) + per * len(part.codes) + (2 if part.tail else 0)


def trimmed(view: Booklet, part: Part) -> tuple[Booklet, Part]:
    """The view with only what the part draws (and the part pointing into
    it), for a worker: a 施策 part of a 500-施策 booklet need not carry the
    other 499. The HTML is the same as from the whole view (tests/test_parts.py)."""
    if part.front:
        return replace(view, parts=(), orphans=None), part
    light = replace(view, toc=(), system=replace(view.system, rows=()))
    if part.orphans:
        return replace(light, parts=()), part
    return (replace(light, parts=(view.parts[part.vision],), orphans=None),
            replace(part, vision=0))
