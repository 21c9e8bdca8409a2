"""`planbook print`: press-ready files for the print vendor (入稿データ).

The print settings and the output profile; the files themselves are made
by the print builders (planbook.builders.printing) after the final checks.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

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


def output_profile(plan: Plan, s: PrintSettings) -> tuple[Path, str]:
    """The CMYK profile of the output intent and its description."""
    try:
        if s.icc_profile:
            path = colour.user_profile(plan.source_dir, s.icc_profile)
        elif s.pdf_x == "1a":
            raise PrintError(
                "PDF/X-1a（CMYK）で書き出すには、印刷会社が指定する ICC プロファイルが必要です。"
                "plan.yaml の print: に「icc_profile: print/プロファイル名.icc」と書き、"
                "そのファイルを source フォルダに置いてください（例: Japan Color 2011 Coated）。")
        else:
            path = colour.generic_cmyk()
            if path is None:
                raise PrintError("PDF/X-4 の出力インテントに使う CMYK の ICC プロファイルがありません。"
                                 "plan.yaml の print: に icc_profile を指定するか、"
                                 "Ghostscript（libgs-common）をインストールしてください。")
        return path, colour.describe(path)
    except colour.ProfileError as e:
        raise PrintError(str(e)) from e


def problems(plan: Plan, options: PrintOptions | None = None) -> list[str]:
    """What prevents printing, found before anything is rendered."""
    try:
        output_profile(plan, settings(plan, options))
    except PrintError as e:
        return [str(e)]
    return []
