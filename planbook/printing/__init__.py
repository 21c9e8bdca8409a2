"""`planbook print`: press-ready files for the print vendor (入稿データ).

The print settings and the output profile; the files themselves are made
by the print builders (planbook.builders.printing) after the final checks.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..model import Loc, Plan, PrintSettings
from . import colour

FOLDER = "print"
PDFX_NAMES = {"4": "PDF/X-4", "1a": "PDF/X-1a:2003"}


class PrintError(Exception):
    """A Japanese message for the user; nothing has been written."""


@dataclass
class PrintOptions:
    """Command-line overrides of plan.yaml `print:`."""
    pdf_x: str | None = None            # "4" | "1a"
    binding: str | None = None          # "saddle" | "perfect"


def settings(plan: Plan, options: PrintOptions | None = None) -> PrintSettings:
    s = plan.info.print or PrintSettings(loc=Loc("plan.yaml", 1))
    options = options or PrintOptions()
    changes = {k: v for k, v in (("pdf_x", options.pdf_x), ("binding", options.binding)) if v}
    return dataclasses.replace(s, **changes) if changes else s


def output_intent(plan: Plan, s: PrintSettings) -> colour.OutputIntent:
    """The printing condition of the files (colour.py); refuses what cannot
    be stated honestly: no profile for PDF/X-4, or images to convert with none."""
    try:
        intent = colour.output_intent(plan.source_dir, s.condition, s.pdf_x, s.icc_profile)
    except colour.ProfileError as e:
        raise PrintError(str(e)) from e
    if intent.profile is None:
        rgb = [a.image for a in plan.artwork if a.image_path and _needs_conversion(a.image_path)]
        if rgb:
            raise PrintError(colour.ask_for_profile(
                intent.condition, f"画像（{', '.join(rgb)}）は RGB なので、印刷条件の ICC プロファイルで"
                "CMYK に変換する必要があります。"))
    return intent


def _needs_conversion(path: Path) -> bool:
    """An image that is neither CMYK nor grey (greys print on the black plate)."""
    try:
        with Image.open(path) as im:
            return im.mode not in ("CMYK", "L", "1")
    except OSError:
        return False


def problems(plan: Plan, options: PrintOptions | None = None) -> list[str]:
    """What prevents printing, found before anything is rendered."""
    try:
        output_intent(plan, settings(plan, options))
    except PrintError as e:
        return [str(e)]
    return []
