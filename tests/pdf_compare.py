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


def row_ends(path: Path, first: int, end: int) -> dict[str, str]:
    """On PDF pages first..end-1 (a table), the word farthest right on the
    line of each word, by the word: the page of a 計画の体系 row by its 施策
    code. Matched by place, not by the order the text is drawn in (laid out
    in parts, the page numbers of the 目次 and 体系 are drawn last)."""
    import pdfplumber
    out: dict[str, str] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[first:end]:
            words = page.extract_words()
            for w in words:
                line = [v for v in words if abs(v["top"] - w["top"]) < 1.5 and v["x0"] > w["x1"]]
                if line:
                    out.setdefault(w["text"], max(line, key=lambda v: v["x1"])["text"])
    return out


def glyphs(path: Path, pages=None) -> list[list[tuple]]:
    """Per page (those of `pages`, 0-based, or all), each character drawn:
    (text, font, size, fill colour, x, y) in PDF points, in the order of
    their places."""
    import pdfplumber
    out = []
    with pdfplumber.open(path) as pdf:
        for page in (pdf.pages if pages is None else [pdf.pages[i] for i in pages]):
            out.append(sorted(((c["text"], c["fontname"].split("+")[-1], round(c["size"], 2),
                                str(c["non_stroking_color"]), c["x0"], c["top"])
                               for c in page.chars), key=lambda c: (round(c[5]), c[4], c[0])))
    return out


def same_glyphs(a: list[list[tuple]], b: list[list[tuple]], tolerance: float = 0.001) -> None:
    """Every character of `a` drawn alike in `b`, at its place within `tolerance` pt
    (0.001: the same layout; a justified line once moved by 0.01 pt with the
    history of the process: justification measured a mark once per font,
    not per size)."""
    assert len(a) == len(b)
    for n, (pa, pb) in enumerate(zip(a, b), 1):
        assert len(pa) == len(pb), f"page {n}: {len(pa)} characters, {len(pb)}"
        for ca, cb in zip(pa, pb):
            assert ca[:4] == cb[:4], (n, ca, cb)
            assert abs(ca[4] - cb[4]) < tolerance and abs(ca[5] - cb[5]) < tolerance, (n, ca, cb)
