"""Where the booklet's chunks land (assemble.py): each chunk's
first PDF page, whether a blank page goes before it, and the chunk placed
there (its pads)."""
from __future__ import annotations

from .chunk import Chunk


def side(index: int) -> str:
    return "right" if index % 2 == 0 else "left"


def fits(facts: dict, first: int) -> bool:
    """Whether a laid-out part can start at PDF page `first` (perhaps after a blank)."""
    return bool(facts.get("forced")) or facts["side"] == side(first)


def blank_before(facts: dict, first: int) -> bool:
    """Whether a chunk needs a blank page before it at PDF page `first`."""
    return bool(facts.get("forced")) and facts["forced"] != side(first)


class _Walk:
    """Each chunk where the chunks before it end, as far as they are known:
    `first` (PDF index of its first page, after a blank) and `blank`; its
    placed Chunk made when asked (`placed[name]`)."""

    def __init__(self, chunks: list[Chunk], done: dict, counts: dict):
        self.first, self.blank, self.prev, self.by_name = {}, {}, {}, {}
        prev = -1
        for p in chunks:
            d = done.get(p.name)
            self.by_name[p.name] = p
            self.prev[p.name] = prev
            self.blank[p.name] = bool(d) and blank_before(d[1], prev + 1)
            self.first[p.name] = prev + 1 + self.blank[p.name]
            prev = self.first[p.name] + (len(d[1]["pages"]) if d else counts[p.name]) - 1
        self.placed = _Placed(self)


class _Placed(dict):
    def __init__(self, walk: _Walk):
        super().__init__()
        self.walk = walk

    def __missing__(self, name: str) -> Chunk:
        w = self.walk
        self[name] = w.by_name[name].placed(w.prev[name])
        return self[name]


def walk_chunks(chunks, done, counts) -> _Walk:
    return _Walk(chunks, done, counts)
