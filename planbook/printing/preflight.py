"""Preflight: read the written print PDFs back and report what a print
vendor's operator checks (boxes, pages and padding, binding and spine,
fonts, images and their effective resolution, colours, PDF/X version,
checksums) as preflight.json and preflight.html."""
from __future__ import annotations

import json
from pathlib import Path

import jinja2
from pypdf import PdfReader

from ..model import Plan, PrintSettings
from ..package import sha256
from . import pdfinfo
from .boxes import MARK_AREA_MM

BINDING = {"saddle": "中綴じ", "perfect": "無線綴じ"}
TOLERANCE_MM = 0.2
X1A_SPACES = {"DeviceCMYK", "DeviceGray", "ICCBased CMYK", "ICCBased Gray", "Separation",
              "DeviceN", "Pattern", "Indexed DeviceCMYK", "Indexed DeviceGray"}


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE_MM


def check_boxes(page_boxes: dict, trim: tuple[float, float], bleed: float) -> list[str]:
    """Problems of one page's boxes against the expected trim and bleed."""
    t, b, m = page_boxes.get("TrimBox"), page_boxes.get("BleedBox"), page_boxes.get("MediaBox")
    if not t or not b:
        return ["TrimBox・BleedBox がありません。"]
    out = []
    if not (_near(t["width_mm"], trim[0]) and _near(t["height_mm"], trim[1])):
        out.append(f"仕上がりサイズ（TrimBox）が {t['width_mm']} × {t['height_mm']} mm です"
                   f"（{trim[0]} × {trim[1]} mm のはず）。")
    if not (_near(b["width_mm"], t["width_mm"] + 2 * bleed)
            and _near(b["height_mm"], t["height_mm"] + 2 * bleed)):
        out.append(f"塗り足し（BleedBox）が天地左右 {bleed:g} mm になっていません。")
    if m and (m["width_mm"] < b["width_mm"] + 2 * MARK_AREA_MM - TOLERANCE_MM):
        out.append("トンボを置く余白が塗り足しの外にありません。")
    return out


def inspect(kind: str, path: Path, trim: tuple[float, float], bleed: float, pdf_x: str) -> dict:
    reader = PdfReader(path)
    rep = {"kind": kind, "path": path.name, "sha256": sha256(path),
           "bytes": path.stat().st_size, "pages": len(reader.pages), "problems": [],
           "warnings": [], "images": []}
    per_page = [{n: pdfinfo.box(p, n) for n in ("MediaBox", "BleedBox", "TrimBox")}
                for p in reader.pages]
    rep["boxes"] = per_page[0]
    seen = set()
    for n, boxes in enumerate(per_page, 1):
        for msg in check_boxes(boxes, trim, bleed):
            if msg not in seen:
                seen.add(msg)
                rep["problems"].append(f"{n} ページ: {msg}")
    rep["fonts"] = pdfinfo.fonts(reader)
    rep["problems"] += [f"フォント {f['name']} が埋め込まれていません。"
                        for f in rep["fonts"] if not f["embedded"]]
    spaces: set[str] = set()
    for n, page in enumerate(reader.pages, 1):
        images, used = pdfinfo.scan_page(page, reader)
        spaces |= used
        for img in images:
            img["page"] = n
            rep["images"].append(img)
            if not img["ok"]:
                rep["warnings"].append(
                    f"{n} ページの画像（{img['pixels'][0]} × {img['pixels'][1]} ピクセル、"
                    f"{img['printed_mm'][0]} × {img['printed_mm'][1]} mm）の実効解像度が "
                    f"{img['effective_dpi']} dpi です（{pdfinfo.MIN_DPI} dpi 以上が必要）。")
    rep["colorspaces"] = sorted(spaces)
    if pdf_x == "1a":
        rgb = sorted(spaces - X1A_SPACES)
        if rgb:
            rep["problems"].append(f"PDF/X-1a なのに CMYK 以外の色空間があります: {', '.join(rgb)}。")
    rep["pdfx"] = pdfinfo.pdfx_version(reader)
    expected = {"4": "PDF/X-4", "1a": "PDF/X-1a"}[pdf_x]
    if not rep["pdfx"].startswith(expected):
        rep["problems"].append(f"PDF/X の版が「{rep['pdfx'] or 'なし'}」です（{expected} のはず）。")
    rep["output_intent"] = pdfinfo.output_intent(reader)
    if rep["output_intent"].get("profile_components") != 4:
        rep["problems"].append("CMYK の出力インテント（OutputIntent）がありません。")
    return rep


def body_checks(body, s: PrintSettings) -> tuple[list[str], list[str]]:
    problems, warnings = [], []
    if body.pages % s.page_multiple:
        problems.append(f"本文が {body.pages} ページで、{s.page_multiple} の倍数になっていません。")
    for title, page in body.chapters:
        if page % 2 == 0:
            problems.append(f"章「{title}」が左ページ（{page} ページ）から始まっています。")
    if body.padded:
        warnings.append(f"ページ数を {s.page_multiple} の倍数にするため、白ページを "
                        f"{len(body.padded)} ページ加えました（{', '.join(map(str, body.padded))} ページ目）。")
    return problems, warnings


def run(plan: Plan, s: PrintSettings, body, cover: dict, condition: str,
        files: list[tuple[str, Path]], out: Path, notes: list[str] = ()) -> dict:
    """Inspect the files; write preflight.json and preflight.html into `out`."""
    trims = {"print-body": body.trim_mm, "print-cover": (cover["width_mm"], cover["height_mm"])}
    reports = [inspect(kind, path, trims[kind], s.bleed_mm, s.pdf_x) for kind, path in files]
    problems, warnings = body_checks(body, s)
    warnings += list(notes)
    if not cover["spine_title"] and s.binding == "perfect":
        warnings.append(cover["spine_note"])
    for r in reports:
        problems += [f"{r['path']}: {p}" for p in r["problems"]]
        warnings += [f"{r['path']}: {w}" for w in r["warnings"]]
    report = {
        "title": plan.info.title, "municipality": plan.info.municipality,
        "settings": {"binding": s.binding, "binding_label": BINDING.get(s.binding, s.binding),
                     "page_multiple": s.page_multiple, "paper_thickness_mm": s.paper_thickness_mm,
                     "cover_thickness_mm": s.cover_thickness_mm, "glue_mm": s.glue_mm,
                     "bleed_mm": s.bleed_mm, "pdf_x": s.pdf_x, "output_condition": condition,
                     "icc_profile": s.icc_profile, "vendor": s.vendor},
        "body": {"pages": body.pages, "trim_mm": list(body.trim_mm), "padded_pages": body.padded,
                 "chapters": [{"title": t, "page": p} for t, p in body.chapters]},
        "cover": cover, "files": reports, "problems": problems, "warnings": warnings,
        "ok": not problems,
    }
    (out / "preflight.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
    write_html(report, out / "preflight.html")
    report["report_files"] = [{"kind": k, "path": n, "sha256": sha256(out / n)}
                              for k, n in (("preflight", "preflight.html"),
                                           ("preflight-json", "preflight.json"))]
    return report


def write_html(report: dict, path: Path) -> None:
    from .. import paths
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.LAYOUTS / "print"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    path.write_text(env.get_template("preflight.html").render(r=report, min_dpi=pdfinfo.MIN_DPI),
                    encoding="utf-8")
