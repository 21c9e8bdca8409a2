"""`planbook print`: press-ready files for the print vendor (入稿データ).

run_print() is called by the CLI after the final checks have passed. It
writes into the staging folder, under print/: the body and the cover as
PDF/X, the preflight report (HTML and JSON) and the vendor's README.txt.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..builders import Output
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


def run_print(plan: Plan, ctx, staging_dir: Path, options: PrintOptions | None = None) -> list[Output]:
    from . import cover, preflight, vendor_readme
    from .body import BodyError, render_body
    from .x1a import ConversionError, convert
    from ..render.fetch import url_fetcher
    s = settings(plan, options)
    icc, condition = output_profile(plan, s)
    out = staging_dir / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    fetcher = url_fetcher([plan.source_dir, ctx.layouts, ctx.fonts])
    name = plan.info.output_name
    body_path, cover_path = out / f"{name}-body.pdf", out / f"{name}-cover.pdf"
    try:
        body = render_body(plan, ctx, s.bleed_mm, s.page_multiple, icc, body_path)
        geometry = cover.render_cover(plan, s, body.pages, body.trim_mm, ctx.layouts,
                                      ctx.fonts, icc, cover_path, fetcher)
        notes = []
        if s.pdf_x == "1a":
            title = plan.info.title or ""
            for path, label in ((body_path, title), (cover_path, f"{title} 表紙")):
                flat = convert(path, icc, condition, label)
                if flat:
                    notes.append(f"{path.name}: 透明効果のある {', '.join(map(str, flat))} ページは"
                                 "、PDF/X-1a にするため画像に統合しました（文字も画像になっています）。")
    except (BodyError, ConversionError) as e:
        raise PrintError(str(e)) from e
    report = preflight.run(plan, s, body, geometry, condition,
                           [("print-body", body_path), ("print-cover", cover_path)], out, notes)
    readme = out / "README.txt"
    readme.write_text(vendor_readme.text(plan, s, report), encoding="utf-8")
    return [
        Output("print-body", body_path, pages=body.pages,
               extra={"pdf_x": PDFX_NAMES[s.pdf_x], "padded_pages": body.padded}),
        Output("print-cover", cover_path, pages=geometry["pages"],
               extra={"spine_mm": geometry["spine_mm"], "width_mm": geometry["width_mm"]}),
        Output("preflight", out / "preflight.html"),
        Output("preflight-json", out / "preflight.json"),
        Output("print-readme", readme),
    ]
