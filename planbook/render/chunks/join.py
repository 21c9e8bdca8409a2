"""Join the chunks' PDFs (layout.py) into the booklet's PDF, as one
WeasyPrint pass would have written it:

- the pages in order; the front matter's file gives the metadata;
- each font once: the glyphs of every chunk, subset again from the font file
  of fonts/ the way WeasyPrint subsets (glyph ids kept), one width table and
  one ToUnicode map (fontmerge.py);
- links to an anchor in another chunk (WeasyPrint drops them in the chunk),
  one table of named destinations, one outline (WeasyPrint's own tree
  building, over all pages).
"""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ...scratch import write_file
from .. import typeset
from .fontmerge import merge_fonts
from .layout import SCALE


def join(chunks: list[tuple[Path, dict, bool]], folios: list[tuple[Path, dict]], target: Path,
         fonts_dir: Path) -> None:
    """`chunks`: (pdf file, facts, a blank page before it) in booklet order, the
    first the front matter; `folios`: the folio layer in runs, a page for
    each page."""
    sources = [pikepdf.open(path) for path, _, _ in chunks]
    layers = [pikepdf.open(path) for path, _ in folios]
    try:
        pdf = sources[0]
        pages = list(chunks[0][1]["pages"])
        for src, (_, facts, blank) in zip(sources[1:], chunks[1:]):
            if blank:
                _add_blank(pdf, src.pages[0])
                pages.append({"height": facts["pages"][0]["height"], "anchors": {},
                              "links": [], "bookmarks": []})
            pdf.pages.extend(src.pages)
            pages += facts["pages"]
        _overlay(pdf, [page for layer in layers for page in layer.pages])
        merge_fonts(pdf, [facts["fonts"] for _, facts, _ in chunks]
                    + [facts["fonts"] for _, facts in folios], fonts_dir)
        _links(pdf, pages, chunks)
        _destinations(pdf, pages)
        _outline(pdf, pages)
        # saved in memory, then written: qpdf aborts the process when a
        # write fails in a deterministic save (a full disk)
        data = io.BytesIO()
        pdf.save(data, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        write_file(Path(target), data.getvalue())
    finally:
        for src in [*sources, *layers]:
            src.close()


def _overlay(pdf, layer: list) -> None:
    """Each page's folio drawn after its content (the pages of the layer that
    show one): its content streams, left compressed, after a q, and a stream
    of Q and the folio; the folio's resources added to the page's."""
    if len(layer) != len(pdf.pages):
        raise ValueError(f"folio layer of {len(layer)} pages for {len(pdf.pages)}")
    save = None
    for page, folio in zip(pdf.pages, layer):
        ops = pikepdf.parse_content_stream(folio)
        if not any(str(op.operator) in ("Tj", "TJ") for op in ops):
            continue
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, Array) else [contents]
        if save is None:
            save = pdf.make_stream(b"q\n")     # (one stream, shared by the pages)
        page.obj.Contents = Array([save, *streams,
                                   pdf.make_stream(b"\nQ\n" + folio.obj.Contents.read_bytes())])
        resources = page.obj.Resources
        for kind, entries in folio.obj.Resources.items():
            if not isinstance(entries, Dictionary):
                continue
            if kind not in resources:
                resources[kind] = pdf.make_indirect(Dictionary())
            target = resources[kind]
            for name, value in entries.items():
                if name not in target:
                    target[name] = pdf.copy_foreign(value)


def _xyz(page_obj, page: dict, x: float, y: float) -> Array:
    return Array([page_obj, Name.XYZ, x * SCALE, (page["height"] - y) * SCALE, 0])


def _add_blank(pdf, like) -> None:
    """An empty page of the size of `like` (a page of the other PDF)."""
    page = Dictionary(Type=Name.Page, Contents=pdf.make_stream(b""), Resources=Dictionary())
    for box in ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox", "/ArtBox"):
        if box in like.obj:
            page[box] = Array([float(v) for v in like.obj[box]])
    pdf.pages.append(pikepdf.Page(pdf.make_indirect(page)))


def _links(pdf, pages: list[dict], chunks) -> None:
    """The links each chunk could not resolve alone (to an anchor elsewhere)."""
    owner = []
    for _, facts, blank in chunks:
        owner += [None] * blank + [id(facts)] * len(facts["pages"])
    own = {id(facts): {a for p in facts["pages"] for a in p["anchors"]} for _, facts, _ in chunks}
    for n, page in enumerate(pages):
        if owner[n] is not None:
            missing = [(t, r) for t, r in page["links"] if t not in own[owner[n]]]
            if missing:
                obj = pdf.pages[n].obj
                if "/Annots" not in obj:
                    obj.Annots = pdf.make_indirect(Array())
                for target, rect in missing:
                    obj.Annots.append(pdf.make_indirect(Dictionary(
                        Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect),
                        BS=Dictionary(W=0), Dest=String(target))))


def _destinations(pdf, pages: list[dict]) -> None:
    """One name tree of every anchor (the first of a name wins)."""
    seen: dict[str, Array] = {}
    for n, page in enumerate(pages):
        for name, (x, y) in page["anchors"].items():
            if name not in seen:
                seen[name] = _xyz(pdf.pages[n].obj, page, x, y)
    names = Array()
    for name in sorted(seen):
        names.append(String(name))
        names.append(seen[name])
    root = pdf.Root
    if "/Names" not in root:
        root.Names = pdf.make_indirect(Dictionary())
    if seen:
        root.Names.Dests = pdf.make_indirect(Dictionary(Names=names))
    elif "/Dests" in root.Names:
        del root.Names["/Dests"]


def _outline(pdf, pages: list[dict]) -> None:
    """The bookmarks of all pages as one tree, as WeasyPrint builds it."""
    root = typeset.bookmark_tree(
        [([(lv, label, tuple(xy), state) for lv, label, xy, state in page["bookmarks"]],
          page["height"]) for page in pages], SCALE)
    if "/Outlines" in pdf.Root:
        del pdf.Root["/Outlines"]
    if root:
        top = pdf.make_indirect(Dictionary(Type=Name.Outlines))
        first, last, count = _items(pdf, root, top)
        top.First, top.Last, top.Count = first, last, count
        pdf.Root.Outlines = top


def _items(pdf, tree, parent):
    """WeasyPrint's add_outlines over pikepdf objects: (first, last, count)."""
    items = []
    count = len(tree)
    for title, (n, x, y), children, state in tree:
        item = pdf.make_indirect(Dictionary(
            Title=String(title), Dest=Array([pdf.pages[n].obj, Name.XYZ, x, y, 0]),
            Parent=parent))
        if children:
            first, last, sub = _items(pdf, children, item)
            item.First, item.Last = first, last
        else:
            sub = 0
        item.Count = -sub if state == "closed" else sub
        if state != "closed":
            count += sub
        if items:
            item.Prev = items[-1]
            items[-1].Next = item
        items.append(item)
    return items[0], items[-1], count
