"""A tagged PDF's structure tree as pikepdf gives it, with the few helpers
the finishing steps share: an element's kids as a list, its page, the
parent tree (MCID and annotation → element) read and written back."""
from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name


def is_element(obj) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj


def kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def set_kids(element, items: list) -> None:
    element.K = Array(items)


def tag(element) -> str:
    return str(element.get("/S", ""))[1:]


class Tree:
    """The structure tree of an open pikepdf.Pdf."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        self.parents: dict[int, object] = {}
        self._collect(self.root.ParentTree)

    def _collect(self, node) -> None:
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                self.parents[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", ()):
            self._collect(kid)

    def page_of(self, element, default: int | None = None) -> int | None:
        pg = element.get("/Pg")
        return self.page_index.get(pg.objgen, default) if pg is not None else default

    def document(self):
        return kids(self.root)[0]

    def walk(self, element=None, page: int | None = None):
        """(element, its page) for every element reachable from `element` (the
        root), in reading order."""
        out = []
        stack = [(k, page) for k in reversed(kids(self.root if element is None else element))]
        while stack:
            kid, above = stack.pop()
            if not is_element(kid):
                continue
            here = self.page_of(kid, above)
            out.append((kid, here))
            stack.extend((k, here) for k in reversed(kids(kid)))
        return out

    def marked(self):
        """(page, MCID) of every piece of content an element reachable from the root claims."""
        out = set()
        for element, page in [(None, None), *self.walk()]:
            for kid in kids(self.root if element is None else element):
                if isinstance(kid, int):
                    out.add((page, kid))
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    out.add((self.page_of(kid, page), int(kid.MCID)))
        return out

    def write_parents(self) -> None:
        """The parent tree written back as one flat number tree."""
        nums = Array()
        for key in sorted(self.parents):
            nums.append(key)
            nums.append(self.parents[key])
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = (max(self.parents) + 1) if self.parents else 0
