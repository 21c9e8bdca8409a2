"""The lines of the justified paragraphs of a rendered booklet, measured on
the PDF: where WeasyPrint's boxes say each line is and where its column
ends, the glyphs pdfplumber finds there. Used by test_justify."""
from __future__ import annotations

from dataclasses import dataclass, field

import pdfplumber
from planbook.render.typeset.patches.justify import boxes

PT = 0.75               # PDF points per CSS px


@dataclass
class Line:
    page: int                       # 0-based
    top: float                      # pt, from the top of the page
    bottom: float
    left: float                     # the column (content box), pt
    right: float
    size: float                     # the paragraph's font size, pt
    last: bool = False              # the paragraph's last line
    chars: list = field(default_factory=list)     # pdfplumber chars, left to right
    above: list = field(default_factory=list)     # chars just over the line (ruby readings)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def end(self) -> float:
        return max(c["x1"] for c in self.chars)


def _blocks(box, out):
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.LineBox):
            out.append((box, child))
        else:
            _blocks(child, out)


def justified_lines(doc, pdf_path) -> list[Line]:
    """Every line of every element set with `text-align: justify`."""
    lines: list[Line] = []
    by_element: dict[int, list[Line]] = {}
    for n, page in enumerate(doc.pages):
        found = []
        _blocks(page._page_box, found)
        for block, line in found:
            if block.style["text_align_all"] != "justify" or block.element is None:
                continue
            x = block.content_box_x()
            ln = Line(n, line.position_y * PT, (line.position_y + line.height) * PT,
                      x * PT, (x + block.width) * PT, block.style["font_size"] * PT)
            lines.append(ln)
            by_element.setdefault(id(block.element), []).append(ln)
    for group in by_element.values():
        group[-1].last = True
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages):
            mine = [ln for ln in lines if ln.page == n]
            for c in page.chars:
                middle = (c["top"] + c["bottom"]) / 2
                for ln in mine:
                    if ln.top - ln.size <= middle < ln.top and ln.left - 1 <= c["x0"] < ln.right + 1:
                        ln.above.append(c)
                for ln in mine:
                    if ln.top <= middle < ln.bottom and ln.left - 1 <= c["x0"] < ln.right + 1:
                        ln.chars.append(c)
                        break
            for ln in mine:
                ln.chars.sort(key=lambda c: c["x0"])
    return [ln for ln in lines if ln.chars]
