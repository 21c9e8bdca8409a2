"""What no element claims becomes an artifact. WeasyPrint marks the running
heads and folios (margin boxes) with MCIDs that no element reachable from
the root claims (WeasyPrint issue 1836); the repeated header of a continued
table (join.py) and a decorative figure (an image with an empty alt) end up
the same. Their marked content is rewritten from `/Tag <</MCID n>> BDC` to
`/Artifact BMC`, and their parent tree entries cleared."""
from __future__ import annotations

import re

import pikepdf
from pikepdf import Array, Dictionary, Name

from .tree import Tree, is_element, kids, set_kids

_ARTIFACT = [Name.Artifact]
_MARKED = re.compile(rb"(/[A-Za-z0-9]+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ANY_MCID = re.compile(rb"/MCID\s+(\d+)")


def decorative_figures(elements) -> None:
    """A Figure without alternative text is decoration: out of the tree
    (`elements`: Tree.walk()'s)."""
    for element, _ in elements:
        if element.get("/S") == Name.Figure and not str(element.get("/Alt", "")).strip():
            parent = element.get("/P")
            if is_element(parent):
                set_kids(parent, [k for k in kids(parent)
                                  if not (is_element(k) and k.objgen == element.objgen)])


def _contents(page) -> bytes:
    c = page.obj.get("/Contents")
    if c is None:
        return b""
    parts = c if isinstance(c, Array) else [c]
    return b"\n".join(p.read_bytes() for p in parts)


def _by_parsing(page, index: int, claimed) -> bytes:
    """The page's content with unclaimed marked content as artifacts, token by token."""
    out = []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary) \
                and "/MCID" in operands[1] and (index, int(operands[1].MCID)) not in claimed:
            out.append(pikepdf.ContentStreamInstruction(_ARTIFACT, pikepdf.Operator("BMC")))
            continue
        out.append(pikepdf.ContentStreamInstruction(operands, op))
    return pikepdf.unparse_content_stream(out)


def mark_unclaimed(tree: Tree) -> None:
    """Rewrite every page's unclaimed marked content as artifacts. WeasyPrint
    writes `/Tag\n<</MCID n>>\nBDC` and its text as hex strings, so a pattern
    finds them; a page where one is left after that is read token by token."""
    claimed = tree.marked()
    for index, page in enumerate(tree.pdf.pages):
        data = _contents(page)

        def swap(m, index=index):
            return m.group(0) if (index, int(m.group(2))) in claimed else b"/Artifact\nBMC"

        new = _MARKED.sub(swap, data)
        if any((index, int(n)) not in claimed for n in _ANY_MCID.findall(new)):
            new = _by_parsing(page, index, claimed)
        if new != data:
            page.obj.Contents = tree.pdf.make_stream(new)
        parents_key = page.obj.get("/StructParents")
        if parents_key is not None and int(parents_key) in tree.parents:
            entries = tree.parents[int(parents_key)]
            if isinstance(entries, Array):
                for mcid in range(len(entries)):
                    if (index, mcid) not in claimed:
                        entries[mcid] = None
