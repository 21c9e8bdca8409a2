"""What two booklet PDFs must share to be 'the same booklet': pages, text
per page (folios and running heads included), bookmarks, links and their
targets, metadata, and each font embedded once."""
from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pikepdf


def page_texts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [page.split() for page in out.split("\f")[:-1]]


def outline(path: Path) -> list[tuple]:
    with pikepdf.open(path) as pdf:
        index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        found = []
        with pdf.open_outline() as o:
            def walk(items, depth):
                for item in items:
                    dest = item.destination
                    found.append((depth, str(item.title), index.get(dest[0].objgen),
                                  round(float(dest[3]), 1)))
                    walk(item.children, depth + 1)
            walk(o.root, 0)
        return found


def links(path: Path) -> list[tuple]:
    """(page, rectangle, target page, target y) of every internal link."""
    with pikepdf.open(path) as pdf:
        index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        names = {}
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items():
                names[k] = (index[v[0].objgen], round(float(v[3]), 1))
        found = []
        for i, page in enumerate(pdf.pages):
            for a in page.obj.get("/Annots", []):
                if "/Dest" in a:
                    found.append((i, tuple(round(float(x), 1) for x in a.Rect),
                                  names.get(str(a.Dest))))
        return sorted(found, key=repr)


def metadata(path: Path) -> dict:
    with pikepdf.open(path) as pdf:
        return {str(k): str(v) for k, v in pdf.docinfo.items()} | {
            "lang": str(pdf.Root.get("/Lang", ""))}


def font_programs(path: Path) -> Counter:
    """Embedded font programs per face (subset tag dropped)."""
    with pikepdf.open(path) as pdf:
        found = Counter()
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                if "/FontFile2" in obj or "/FontFile3" in obj:
                    found[str(obj.FontName).split("+", 1)[-1]] += 1
        return found
