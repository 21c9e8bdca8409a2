"""Page boxes for print. The CSS bleed is the real bleed plus room for the
トンボ (planbook.printing.marks draws them); the PDF BleedBox is set to
exactly the real bleed by a WeasyPrint finisher run before the PDF is
written (planbook.printing.finish then moves the MediaBox to the origin)."""
from __future__ import annotations

import pydyf

from .marks import MARK_AREA_MM, PT_PER_MM


def css_bleed_mm(bleed_mm: float) -> float:
    return bleed_mm + MARK_AREA_MM


def page_values(bleed_mm: float) -> dict:
    """The values of layouts/print/page.css (the @page rule of every print file)."""
    return {"bleed_mm": f"{bleed_mm:g}", "css_bleed_mm": f"{css_bleed_mm(bleed_mm):g}"}


def _walk(obj, seen: set):
    """Every dictionary inside a pydyf object, depth first."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, pydyf.Stream):
        yield from _walk(obj.extra, seen)
    elif isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk(v, seen)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, seen)


def finisher(bleed_mm: float, rgb_key: str | None = None):
    """Set each page's BleedBox to TrimBox ± bleed; with `rgb_key`, give
    shadings WeasyPrint left in the output device space (its gradients are
    computed in sRGB) the sRGB colour space of the resources instead."""
    d = bleed_mm * PT_PER_MM

    def finish(document, pdf):
        seen: set = set()
        rgb = document.color_profiles.get(rgb_key) if rgb_key else None
        for obj in pdf.objects:
            for dic in _walk(obj, seen):
                if dic.get("Type") == "/Page" and "TrimBox" in dic:
                    x0, y0, x1, y1 = dic["TrimBox"]
                    dic["BleedBox"] = pydyf.Array([x0 - d, y0 - d, x1 + d, y1 + d])
                elif rgb and "ShadingType" in dic and _rgb_function(dic.get("Function")):
                    if dic.get("ColorSpace") in ("/DeviceCMYK", "/DeviceRGB"):
                        dic["ColorSpace"] = pydyf.Array(("/ICCBased", rgb.pdf_reference))

    return finish


def _rgb_function(fn) -> bool:
    if not isinstance(fn, dict):
        return False
    if "C0" in fn:
        return len(fn["C0"]) == 3
    return any(_rgb_function(f) for f in fn.get("Functions", ()))
