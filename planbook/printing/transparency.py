"""Remove the transparency WeasyPrint writes without needing it, before a
PDF/X-1a conversion (Ghostscript flattens a page with any transparency to
one image, text included). Its trim marks are SVG paths filled with an
invisible colour (alpha 0) inside transparency groups: the invisible fills
become plain strokes or nothing, and the groups go when nothing on any page
is transparent any more."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject, NumberObject

NO_FILL = {b"B": b"S", b"B*": b"S", b"b": b"s", b"b*": b"s",
           b"f": b"n", b"F": b"n", b"f*": b"n"}
OTHER_PAINT = {b"Tj", b"TJ", b"'", b'"', b"sh", b"Do", b"BI"}


def _get(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _states(resources) -> dict:
    return _get((_get(resources) or {}).get("/ExtGState") or {})


def _xobjects(resources) -> dict:
    return _get((_get(resources) or {}).get("/XObject") or {})


class _Stripper:
    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.other_invisible = False      # alpha 0 used for more than path fills

    def rewrite(self, owner) -> None:
        """Drop the fills painted with alpha 0 in one content stream."""
        states = _states(owner.get("/Resources"))
        content = owner.get_contents() if hasattr(owner, "get_contents") else owner
        if content is None:
            return
        cs = ContentStream(content, self.writer)
        alpha, stack, changed = 1.0, [], False
        for i, (operands, op) in enumerate(cs.operations):
            if op == b"q":
                stack.append(alpha)
            elif op == b"Q" and stack:
                alpha = stack.pop()
            elif op == b"gs" and operands[0] in states:
                ca = _get(states[operands[0]]).get("/ca")
                alpha = float(ca) if ca is not None else alpha
            elif alpha == 0 and op in NO_FILL:
                cs.operations[i] = (operands, NO_FILL[op])
                changed = True
            elif alpha == 0 and op in OTHER_PAINT:
                self.other_invisible = True
        if changed:
            if hasattr(owner, "replace_contents"):
                owner.replace_contents(cs)
            else:
                owner.set_data(cs.get_data())


def _forms(resources, seen: set):
    """Form XObjects and tiling patterns (both have content and resources)."""
    patterns = _get((_get(resources) or {}).get("/Pattern") or {})
    for ref in [*_xobjects(resources).values(), *patterns.values()]:
        xo = _get(ref)
        is_form = xo.get("/Subtype") == "/Form" or xo.get("/PatternType") == 1
        if is_form and id(xo) not in seen:
            seen.add(id(xo))
            yield xo
            yield from _forms(xo.get("/Resources"), seen)


def uses_transparency(holder, seen: set) -> bool:
    """Does anything drawn here still use real transparency?"""
    for gs in _states(holder.get("/Resources")).values():
        gs = _get(gs)
        if float(gs.get("/ca", 1)) < 1 or float(gs.get("/CA", 1)) < 1 \
                or str(gs.get("/SMask", "/None")) != "/None" \
                or str(gs.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
            return True
    for ref in _xobjects(holder.get("/Resources")).values():
        xo = _get(ref)
        if id(xo) in seen:
            continue
        seen.add(id(xo))
        if xo.get("/Subtype") == "/Image" and ("/SMask" in xo or "/SMaskInData" in xo):
            return True
        if xo.get("/Subtype") == "/Form" and uses_transparency(xo, seen):
            return True
    return False


def strip(path: Path) -> list[int]:
    """Rewrite `path` in place; return the pages that still use transparency
    (Ghostscript will flatten those to images)."""
    writer = PdfWriter(clone_from=PdfReader(path))
    stripper, seen, forms = _Stripper(writer), set(), []
    for page in writer.pages:
        stripper.rewrite(page)
        for xo in _forms(page.get("/Resources"), seen):
            forms.append(xo)
            stripper.rewrite(xo)
    if not stripper.other_invisible:
        # no invisible painting is left: alpha-0 states are now unused
        for holder in [*writer.pages, *forms]:
            for gs in _states(holder.get("/Resources")).values():
                gs = _get(gs)
                if float(gs.get("/ca", 1)) == 0:
                    gs[NameObject("/ca")] = NumberObject(1)
    needing = [n for n, page in enumerate(writer.pages, 1) if uses_transparency(page, set())]
    if not needing:
        for xo in forms:
            if "/Group" in xo:
                del xo["/Group"]
    with open(path, "wb") as f:
        writer.write(f)
    return needing
