"""Elements split over pages joined again (WeasyPrint makes one element per
page of an HTML element: issue 2902 for tables). Two elements are pieces of
one when they are neighbours under the same parent, carry the same /PBKey
(patches/tagging.py: the same HTML element) and the second starts on a
later page. A continued table's repeated THead/TFoot is dropped: what it
drew becomes an artifact (artifacts.py), the Table keeps the first."""
from __future__ import annotations

from pikepdf import Dictionary, Name

from .tree import Tree, is_element, kids, set_kids

KEY = "/PBKey"
REPEATED = {"/THead", "/TFoot"}


def _moved(kid, page_ref):
    """A kid of a piece moved to the element of another page: a bare MCID
    needs its page."""
    if isinstance(kid, int):
        return Dictionary(Type=Name.MCR, Pg=page_ref, MCID=kid)
    return kid


def join_split(tree: Tree) -> None:
    survivor: dict = {}      # objgen of a joined-away piece -> the element kept

    def visit(element):
        kept = []
        for kid in kids(element):
            prev = kept[-1] if kept else None
            if (is_element(kid) and prev is not None and is_element(prev)
                    and KEY in kid and kid.get(KEY) == prev.get(KEY)
                    and (tree.page_of(kid, -1) or 0) > (tree.page_of(prev, -1) or 0)):
                if kid.get("/S") in REPEATED:
                    continue            # dropped: its content is unclaimed, so an artifact
                joined = kids(prev)
                heads = {(k.get("/S"), k.get(KEY)) for k in joined
                         if is_element(k) and k.get("/S") in REPEATED}
                for item in kids(kid):
                    if is_element(item) and (item.get("/S"), item.get(KEY)) in heads:
                        continue        # a repeated header: dropped, so an artifact
                    item = _moved(item, kid.get("/Pg"))
                    if is_element(item):
                        item.P = prev
                    joined.append(item)
                set_kids(prev, joined)
                survivor[kid.objgen] = prev
                continue
            kept.append(kid)
        set_kids(element, kept)
        for kid in kept:
            if is_element(kid):
                visit(kid)

    visit(tree.document())

    def final(obj):
        while isinstance(obj, Dictionary) and obj.objgen in survivor:
            obj = survivor[obj.objgen]
        return obj

    for key, value in list(tree.parents.items()):
        if isinstance(value, Dictionary):
            tree.parents[key] = final(value)
        else:
            for i, item in enumerate(value):
                if isinstance(item, Dictionary):
                    value[i] = final(item)


def drop_keys(elements) -> None:
    """`elements`: Tree.walk()'s."""
    for element, _ in elements:
        if KEY in element:
            del element[KEY]
