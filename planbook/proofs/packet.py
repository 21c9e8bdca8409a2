"""What a department's DOCX packet carries besides its text, shared by its
writer (planbook.builders.docx.packet) and its reader (planbook.intake.word).

- Every paragraph of the plan in the packet holds a Word bookmark around
  its text, named `pb0007_411_directions_2_1`: `pb`, a number, then the id
  in letters, digits and `_` for whoever looks (Word: at most 40 characters,
  a letter first). The number is what counts: the table says which id it is.
- The table is a custom XML part (customXml/item1.xml, kept by Word): the
  plan (output_name and title), the round and its date, the department,
  and per bookmark the paragraph id, the words printed before the text in
  the same Word paragraph (①, ※1, 施策111), the id label printed after it
  (〔411/future/1〕, small and grey, as a proof prints the id in the margin)
  and a digest of the text as printed, so the reader knows what the
  department started from.
- planbook's own comments (check findings, proof marks) have the author
  AUTHOR; the reader reports only the others.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from lxml import etree

from ..present.view import Blank, NoteMark, Para, Run, RubyText

NS = "urn:planbook:proof-packet:1"
AUTHOR = "planbook"
INITIALS = "PB"
BOOKMARK = re.compile(r"pb(\d{4,6})(_[0-9A-Za-z_]*)?")
MAX_BOOKMARK = 40


def bookmark(number: int, pid: str) -> str:
    """The bookmark of the `number`-th paragraph (id `pid`)."""
    slug = re.sub(r"[^0-9A-Za-z]+", "_", pid).strip("_")
    return f"pb{number:04d}_{slug}"[:MAX_BOOKMARK].rstrip("_")


def number_of(name: str) -> int | None:
    """The number of a packet bookmark's name, or None for another bookmark."""
    m = BOOKMARK.fullmatch(name or "")
    return int(m.group(1)) if m else None


def printed(p: Para) -> str:
    """A view paragraph's text as the packet prints it: ※ labels included,
    ruby bases without readings."""
    out = []
    for i in p.inlines:
        if isinstance(i, (Run, Blank)):
            out.append(i.text)
        elif isinstance(i, NoteMark):
            out.append(i.label)
        elif isinstance(i, RubyText):
            out.append(i.base)
    return "".join(out)


def label(pid: str) -> str:
    """The id as the packet prints it after its paragraph's text."""
    return f"〔{pid}〕"


def page_paragraphs(page) -> list[Para]:
    """The paragraphs of a 施策 page (planbook.present.view.PolicyPage) that
    carry an id: title, 10年後の姿, directions, notes, collaboration."""
    paras = [page.heading.title, *page.future]
    for d in page.directions:
        paras += [d.title, *d.body]
    paras += [n.text for n in page.notes] + [n.text for n in page.indicators.notes]
    c = page.collaboration
    if c.summary is not None:
        paras.append(c.summary)
    for cell in c.cells or ():
        paras += list(cell)
    return [p for p in paras if p.id and not p.placeholder]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Entry:
    number: int          # of the bookmark
    id: str              # the paragraph id printed on the proof
    prefix: str          # printed before the text in the same Word paragraph
    suffix: str          # printed after it: the id label
    digest: str          # of the text as printed


@dataclass(frozen=True)
class Table:
    plan: str            # plan.yaml output_name
    title: str
    round: int
    date: str
    department: str
    entries: tuple[Entry, ...]

    def xml(self) -> bytes:
        root = etree.Element(f"{{{NS}}}packet", nsmap={None: NS})
        for key in ("plan", "title", "round", "date", "department"):
            root.set(key, str(getattr(self, key)))
        for e in self.entries:
            etree.SubElement(root, f"{{{NS}}}p", n=str(e.number), id=e.id, prefix=e.prefix,
                             suffix=e.suffix, digest=e.digest)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    @classmethod
    def parse(cls, root) -> "Table | None":
        """The table of a parsed custom XML part, None when it is not ours;
        ValueError when it is ours but damaged."""
        if root.tag != f"{{{NS}}}packet":
            return None
        entries = tuple(Entry(int(p.get("n")), p.get("id") or "", p.get("prefix") or "",
                              p.get("suffix") or "", p.get("digest") or "")
                        for p in root.iter(f"{{{NS}}}p"))
        return cls(root.get("plan") or "", root.get("title") or "", int(root.get("round") or 0),
                   root.get("date") or "", root.get("department") or "", entries)
