"""Link annotations under their Link element. WeasyPrint makes an
annotation for every box inside an `<a>` and hangs it on that box's own
element (a Span of the 目次 line, say); PDF/UA wants each link annotation
inside a Link element."""
from __future__ import annotations

from pikepdf import Dictionary, Name

from .tree import Tree, kids, set_kids


def _link_above(element):
    seen = 0
    while isinstance(element, Dictionary) and seen < 256:
        if element.get("/S") == Name.Link:
            return element
        element = element.get("/P")
        seen += 1
    return None


def to_link_elements(tree: Tree) -> None:
    for key, element in list(tree.parents.items()):
        if not isinstance(element, Dictionary) or element.get("/S") == Name.Link:
            continue
        link = _link_above(element)
        if link is None:
            continue
        moved = [k for k in kids(element)
                 if isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR
                 and k.get("/Obj") is not None and k.Obj.get("/StructParent") == key]
        if not moved:
            continue
        set_kids(element, [k for k in kids(element) if not any(k.objgen == m.objgen
                                                                 for m in moved)])
        set_kids(link, kids(link) + moved)
        tree.parents[key] = link
