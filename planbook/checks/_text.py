"""Shared helpers of the text rules: every text as the reader sees it, with
the way back from a character to its source line and column."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..markup import NoteRef, Plain, Ruby, tokens
from ..model import Loc, Paragraph, Places, place_in
from ..walk import paragraphs
from . import Hit

JAPANESE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc"
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005"
OPEN = "「『（(【〔［《〈“‘"
CLOSE = "」』）)】〕］》〉”’"
ENDS = "。！？"


@dataclass(frozen=True, slots=True)
class Item:
    """One text: a paragraph's plain text, or a short label (indicator name)."""
    unit: str               # 施策411, 基本目標41, 将来像…
    kind: str               # body | title | note | label
    text: str               # as printed: no note markers, ruby bases only
    loc: Loc
    para: Paragraph | None = None
    raw: tuple[int, ...] = ()   # offset in the source text of each character
    places: Places = ()         # a label's characters in the source

    def loc_at(self, i: int) -> Loc:
        """The source line and column of character `i` of `text`."""
        if self.para is not None and self.raw:
            return self.para.place(self.raw[min(max(i, 0), len(self.raw) - 1)])
        return place_in(self.places, i, self.loc)

    def around(self, start: int, end: int, width: int = 8) -> str:
        """The matched text with a little context, for messages."""
        before = self.text[max(0, start - width):start]
        after = self.text[end:end + width]
        return ("…" if start > width else "") + before + self.text[start:end] + after + \
            ("…" if end + width < len(self.text) else "")

    def at(self, start: int, end: int | None = None, width: int = 20, show: str | None = None) -> dict:
        """Where characters `start`..`end` are and how to show them: the
        `loc`, `excerpt` and `span` arguments of a Hit."""
        return {"loc": self.loc_at(start), **excerpt(self.text, start, end, width, show)}

    def hit(self, message: str, start: int, end: int | None = None, key: str = "",
            show: str | None = None) -> Hit:
        """A Hit about characters `start`..`end` of this text."""
        return Hit(message, unit=self.unit, key=key, **self.at(start, end, show=show))


def excerpt(text: str, start: int, end: int | None = None, width: int = 20,
            show: str | None = None) -> dict:
    """`text[start:end]` with up to `width` characters on each side (`show`
    replaces the marked part, e.g. to make an invisible character visible):
    the `excerpt` and `span` arguments of a Hit."""
    end = start + 1 if end is None else max(end, start)
    a = max(0, start - width)
    head = ("…" if a > 0 else "") + text[a:start]
    mark = text[start:end] if show is None else show
    tail = text[end:end + width] + ("…" if end + width < len(text) else "")
    return {"excerpt": head + mark + tail, "span": (len(head), len(head) + len(mark))}


def _kind(pid: str) -> str:
    if "/notes/" in pid:
        return "note"
    if "/indicators/" in pid:
        return "note"
    if pid.endswith("/title") or pid.endswith("motto"):
        return "title"
    return "body"


def plain(para: Paragraph) -> tuple[str, tuple[int, ...]]:
    """The paragraph as printed, and each printed character's offset in `para.text`."""
    if "[" not in para.text and "{" not in para.text:      # no markup
        return para.text, tuple(range(len(para.text)))
    out: list[str] = []
    raw: list[int] = []
    pos = 0
    for t in tokens(para.text):
        if isinstance(t, Plain):
            out.append(t.text)
            raw.extend(range(pos, pos + len(t.text)))
            pos += len(t.text)
        elif isinstance(t, NoteRef):
            pos = t.offset + len(t.key) + 3
        elif isinstance(t, Ruby):
            out.append(t.base)
            raw.extend(range(t.offset + 1, t.offset + 1 + len(t.base)))
            pos = t.offset + len(t.base) + len(t.reading) + 3
    return "".join(out), tuple(raw)


def texts(plan, kinds: tuple[str, ...] = ("body", "title", "note", "label")) -> list[Item]:
    """Every text of the plan, in printed order."""
    return [item for item in _texts(plan) if item.kind in kinds]


# The texts of the plan checked last: made once, shared by every check.
_last: tuple = (None, ())


def _texts(plan) -> tuple[Item, ...]:
    global _last
    last = _last
    if last[0] is not plan:     # the model is immutable: the same object, the same texts
        last = _last = (plan, tuple(_make_texts(plan)))
    return last[1]


def _make_texts(plan):
    for unit, p in paragraphs(plan):
        text, raw = plain(p)
        yield Item(unit.label, _kind(p.id), text, p.loc, p, raw)
    for pol in plan.policies:
        for ind in pol.indicators or ():
            for field in ("name", "unit"):
                value = getattr(ind, field)
                if value:
                    yield Item(f"施策{pol.code}", "label", value, ind.loc_of(field),
                               places=ind.places_of(field))


@lru_cache(maxsize=1 << 14)
def sentences(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, sentence) of each sentence; a 。 inside brackets does not end one."""
    out = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in ENDS and depth == 0:
            out.append((start, text[start:i + 1]))
            start = i + 1
    if text[start:].strip():
        out.append((start, text[start:]))
    result = []
    for off, s in out:
        stripped = s.lstrip()
        if stripped.strip():
            result.append((off + len(s) - len(stripped), stripped.rstrip()))
    return tuple(result)


def first_places(found: list[tuple[Item, int]]) -> str:
    """「policies/121.yaml:7 ほか 3 か所」 for a message."""
    if not found:
        return ""
    item, i = found[0]
    more = f" ほか {len(found) - 1} か所" if len(found) > 1 else ""
    return f"{item.loc_at(i)}{more}"
