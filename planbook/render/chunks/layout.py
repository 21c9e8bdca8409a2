"""Lay out one chunk of the booklet (chunk.py) and write its PDF, with
what the join needs to know of it (join.py): per page its anchors,
internal links and bookmarks; per font the glyphs it uses.

Runs in a worker process: everything in and out is plain data."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .. import Stylesheet, css_text, environment, render_document, typeset

CHUNKS_CSS = "booklet/chunks/chunks.css"
SCALE = 0.75                # CSS px -> PDF pt


@dataclass(frozen=True)
class Task:
    view: object            # present.view.Booklet
    chunk: object           # chunk.Chunk, placed
    layouts: Path
    fonts: Path
    roots: tuple
    stylesheets: tuple
    options: tuple = ()     # (name, value) for WeasyPrint (typeset.render)
    cuts: frozenset = frozenset()   # 体系 rows found to start a page (the front matter)
    standalone: bool = False        # embed the fonts (a PDF to show on its own)


def stylesheets(task: Task) -> list:
    return [*task.stylesheets, Stylesheet(CHUNKS_CSS)]


def folio_html(view, pages: list[dict], first: int, layouts: Path, fonts: Path,
               sheets=()) -> str:
    """The folio layer (layouts/booklet/chunks/folios.html) for a run of pages
    from PDF page `first`, given as {"name", "blank"} (the facts of the chunks)."""
    template = environment(Path(layouts)).get_template("chunks/folios.html")
    return template.render(b=view, fonts=Path(fonts).resolve().as_uri(), pages=pages,
                           first=first, extra_css=css_text(Path(layouts), sheets))


def lay_out_folios(html: str, layouts: Path, fonts: Path,
                   standalone: bool = False) -> tuple[bytes, dict]:
    with typeset.chunk_layout(standalone):
        return _lay_out_folios(html, layouts, fonts)


def _lay_out_folios(html: str, layouts: Path, fonts: Path) -> tuple[bytes, dict]:
    doc = typeset.render(html, typeset.folder_url(Path(layouts) / "booklet"), Path(fonts),
                         [Path(layouts)])
    buffer = io.BytesIO()
    typeset.write(doc, buffer)
    return buffer.getvalue(), facts(doc)


def lay_out(task: Task) -> tuple[bytes, dict]:
    with typeset.chunk_layout(task.standalone):
        return _lay_out(task)


def _lay_out(task: Task) -> tuple[bytes, dict]:
    """The chunk's PDF and its facts. Its pages only: the pads and the blank
    pages the layout put after them are dropped; the facts say on which side
    its first page is (`side`) and whether its first element asks for that
    side (`forced`: a chunk that opens on a left- or right-hand page, placed
    after a page of the other side, gets a blank page before it at the join;
    else it must be laid out again)."""
    chunk = task.chunk
    doc = render_document(task.view, task.layouts, task.fonts, roots=list(task.roots),
                          stylesheets=stylesheets(task), drawn=chunk.drawn(task.view),
                          cuts=task.cuts, **dict(task.options))
    cuts = sorted(doc.cuts)
    first = chunk.pads
    while first < len(doc.pages) - 1 and doc.pages[first]._page_box.page_type.blank:
        first += 1
    forced = _forced(doc.pages[first]) if first < len(doc.pages) else None
    doc = doc.copy(doc.pages[first:])
    buffer = io.BytesIO()
    typeset.write(doc, buffer)
    out = facts(doc)
    out.update(side="right" if first % 2 == 0 else "left", forced=forced, cuts=cuts)
    return buffer.getvalue(), out


SIDES = {"left": "left", "right": "right", "verso": "left", "recto": "right"}


def _forced(page) -> str | None:
    """The side the first element of a page asks to start on, if any
    (break-before: left/right on it or on its first descendants)."""
    box = page._page_box
    while getattr(box, "children", None):
        box = box.children[0]
        try:
            side = SIDES.get(box.style["break_before"])
        except (AttributeError, KeyError, TypeError):
            side = None
        if side:
            return side
    return None


def facts(doc) -> dict:
    """What the join needs, in PDF points from the bottom-left of each page
    (as WeasyPrint writes links and destinations)."""
    pages = []
    for page in doc.pages:
        h = page.height
        links = [[target, [x1 * SCALE, (h - y1) * SCALE, x2 * SCALE, (h - y2) * SCALE]]
                 for kind, target, (x1, y1, x2, y2), _ in page.links if kind == "internal"]
        kind = page._page_box.page_type
        pages.append({
            "height": h, "width": page.width, "name": kind.name or "", "blank": bool(kind.blank),
            "anchors": {name: [x, y] for name, (x, y, *_rest) in page.anchors.items()},
            "links": links,
            "bookmarks": [[level, label, [x, y], state]
                          for level, label, (x, y), state in page.bookmarks],
            "numbers": _numbers(page),
        })
    return {"pages": pages, "fonts": _fonts(doc)}


def _numbers(page) -> list[dict]:
    """The page-number slots of a page (macros.html page_no: an element with
    data-ref): the anchor it names, its classes and its content box in CSS
    px from the page area's corner, where the folio layer draws the number."""
    box = page._page_box
    x0, y0 = box.content_box_x(), box.content_box_y()
    out, seen = [], set()
    for b in box.descendants():
        element = getattr(b, "element", None)
        if (element is None or "::" in (b.element_tag or "") or id(element) in seen
                or not str(element.get("data-ref") or "").startswith("#")
                or not hasattr(b, "content_box_x")):
            continue
        seen.add(id(element))       # (its outermost box: the line inside shares the element)
        out.append({"ref": element.get("data-ref")[1:], "cls": element.get("class") or "",
                    "x": round(b.content_box_x() - x0, 4), "y": round(b.content_box_y() - y0, 4),
                    "w": round(b.width, 4), "h": round(b.height, 4)})
    return out


_shas: dict[tuple, str] = {}


def _file_sha(face) -> str:
    """sha256 of the font file a HarfBuzz face was made from, computed once
    per file in this process (read in place, not copied)."""
    return typeset.face_sha256(face, _shas)


def _fonts(doc) -> dict:
    """Per font (by WeasyPrint's hash, the key of its resource): the font
    file it comes from and the glyphs used, with their widths and text."""
    out: dict = {}
    for font in doc.fonts.values():
        entry = out.setdefault(font.hash, {
            "sha256": _file_sha(font.hb_face),
            "index": font.index, "family": font.family,
            "widths": {}, "to_unicode": {}, "missing": [],
        })
        entry["widths"].update({str(k): v for k, v in font.widths.items()})
        entry["to_unicode"].update({str(k): v for k, v in font.to_unicode.items()})
        entry["missing"] = sorted(set(entry["missing"]) | set(font.missing))
    return out
