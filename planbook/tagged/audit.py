"""What a screen reader would miss: content drawn on a page that is neither
in the structure tree (an MCID an element reachable from the root claims)
nor inside an /Artifact. Text and images are looked at, in the pages'
content and in the form XObjects they draw."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from .tree import Tree

TEXT = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class Stray:
    page: int           # 1-based
    what: str           # "text" or "image"
    mcid: int | None    # the MCID it is marked with (no element claims it), else None


def _scan(page_index: int, stream_owner, resources, claimed, stack, out, depth=0):
    for operands, op in pikepdf.parse_content_stream(stream_owner):
        o = str(op)
        if o == "BMC":
            stack.append((str(operands[0]), None))
        elif o == "BDC":
            props = operands[1] if len(operands) > 1 else None
            mcid = int(props.MCID) if isinstance(props, Dictionary) and "/MCID" in props else None
            stack.append((str(operands[0]), mcid))
        elif o == "EMC":
            if stack:
                stack.pop()
        elif o in TEXT or o in ("Do", "BI"):
            if any(t == "/Artifact" for t, _ in stack):
                continue
            mcids = [m for _, m in stack if m is not None]
            xobject = None
            if o == "Do":
                xobject = (resources or {}).get("/XObject", {}).get(str(operands[0])) \
                    if resources is not None else None
                if xobject is not None and xobject.get("/Subtype") == Name.Form:
                    if depth < 8:
                        _scan(page_index, xobject, xobject.get("/Resources", resources),
                              claimed, list(stack), out, depth + 1)
                    continue
            if mcids and (page_index, mcids[-1]) in claimed:
                continue
            out.append(Stray(page_index + 1, "text" if o in TEXT else "image",
                             mcids[-1] if mcids else None))


def audit(path: Path) -> list[Stray]:
    """Everything drawn outside the structure tree and outside artifacts."""
    with pikepdf.open(path) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return [Stray(1, "text", None)]
        tree = Tree(pdf)
        claimed = tree.marked()
        out: list[Stray] = []
        for index, page in enumerate(pdf.pages):
            _scan(index, page, page.obj.get("/Resources"), claimed, [], out)
        return out
