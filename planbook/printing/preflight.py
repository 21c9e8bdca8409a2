"""Preflight: read the written print PDFs back and fail what a print
vendor's 入稿チェック fails (a problem refuses the files: exit 1, nothing
written): boxes, .notdef glyphs, fonts not from fonts/, RGB or transparency
in PDF/X-1a, black or grey that is not K only, a plate under the minimum
dot (print.min_tint_percent), small white text knocked out of a colour of
several plates (planbook.printing.ink), images under the minimum
effective resolution or over the ink limit, the output intent, annotations
in the printable area, forms and actions (planbook.printing.interactive).
Black text that knocks out instead of overprinting is a warning with its
share. The report (preflight.json, preflight.html) gives per page the
boxes, fonts, images (effective dpi, colour space, TAC), colour spaces and
blank pages. `inspect` alone also checks a PDF planbook did not write
(`planbook preflight`, planbook.printing.standalone)."""
from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from .. import paths
from ..model import Plan, PrintSettings
from ..package import sha256
from ..render import typeset
from . import ink, interactive, pagescan, pdfinfo
from .colour import ICC_REGISTRY, OutputIntent
from .marks import MARK_AREA_MM
from .spine import binding_warnings
from .transparency import uses_transparency

BINDING = {"saddle": "中綴じ", "perfect": "無線綴じ"}
TOLERANCE_MM = 0.2
PDFX_LABEL = {"4": "PDF/X-4", "1a": "PDF/X-1a"}
X1A_SPACES = {"DeviceCMYK", "DeviceGray", "ICCBased CMYK", "ICCBased Gray", "Separation",
              "DeviceN", "Pattern", "Indexed DeviceCMYK", "Indexed DeviceGray"}


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE_MM


def check_boxes(page_boxes: dict, trim: tuple[float, float], bleed: float) -> list[str]:
    """Problems of one page's boxes against the expected trim and bleed."""
    t, b, m = page_boxes.get("TrimBox"), page_boxes.get("BleedBox"), page_boxes.get("MediaBox")
    if not t or not b:
        return ["TrimBox・BleedBox がありません。"]
    if not m:
        return ["MediaBox がありません。"]
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


def check_origin(page_boxes: dict) -> list[str]:
    m = page_boxes.get("MediaBox")
    if m and (abs(m["pt"][0]) > 0.01 or abs(m["pt"][1]) > 0.01):
        return ["MediaBox の原点が (0, 0) ではありません。"]
    return []


def _colour(p) -> str:
    return f"{p.space} {' '.join(f'{v:g}' for v in p.values)}".strip()


KIND = {"text": "文字", "fill": "塗り（罫線・地）", "stroke": "線"}


def _neutral_problems(n: int, scan) -> list[str]:
    out = []
    seen = set()
    for p in scan.paints:
        if pagescan.is_k_only_problem(p) and (p.kind, _colour(p)) not in seen:
            seen.add((p.kind, _colour(p)))
            out.append(f"{n} ページ: 黒・グレーの{KIND[p.kind]}がスミ（K のみ）ではありません（{_colour(p)}）。")
    return out


def inspect(kind: str, path: Path, trim: tuple[float, float], s: PrintSettings,
            blank_reasons: dict[int, str] | None = None, plan_fonts: bool = True,
            reader: PdfReader | None = None) -> dict:
    """Read one print file back; its problems refuse the files (exit 1).
    `plan_fonts`: fonts must come from planbook's fonts/ (False for a PDF
    checked without its plan: embedded is enough)."""
    reader = reader or PdfReader(path)
    bleed, pdf_x = s.bleed_mm, s.pdf_x
    rep = {"kind": kind, "path": path.name, "sha256": sha256(path),
           "bytes": path.stat().st_size, "pages": len(reader.pages), "problems": [],
           "warnings": [], "images": [], "per_page": [], "blank_pages": []}
    per_page = [{n: pdfinfo.box(p, n) for n in ("MediaBox", "BleedBox", "TrimBox")}
                for p in reader.pages]
    rep["boxes"] = per_page[0]
    seen = set()
    for n, boxes in enumerate(per_page, 1):
        for msg in check_boxes(boxes, trim, bleed) + check_origin(boxes):
            if msg not in seen:
                seen.add(msg)
                rep["problems"].append(f"{n} ページ: {msg}")
    rep["fonts"] = pdfinfo.fonts(reader)
    rep["problems"] += [f"フォント {f['name']} が埋め込まれていません。"
                        for f in rep["fonts"] if not f["embedded"]]
    scanner, tacs, spaces = pagescan.Scanner(reader), {}, set()
    foreign: set[str] = set()
    rep["knockouts"], black = [], [0, 0]
    for n, page in enumerate(reader.pages, 1):
        images, used = pdfinfo.scan_page(page, reader, s.min_dpi, tacs)
        scan = scanner.page(page)
        spaces |= used
        for img in images:
            img["page"] = n
            rep["images"].append(img)
            if not img["ok"]:
                rep["problems"].append(
                    f"{n} ページの画像（{img['pixels'][0]} × {img['pixels'][1]} ピクセル、"
                    f"{img['printed_mm'][0]} × {img['printed_mm'][1]} mm）の実効解像度が "
                    f"{img['effective_dpi']} dpi です（{s.min_dpi} dpi 以上が必要）。")
            if img["tac_percent"] is not None and img["tac_percent"] > s.max_ink_percent:
                rep["problems"].append(f"{n} ページの画像の総インキ量が {img['tac_percent']} % です"
                                       f"（{s.max_ink_percent} % 以下が必要）。")
        rep["problems"] += _neutral_problems(n, scan)
        inside, outside = interactive.annotations(n, page)
        rep["problems"] += inside
        rep["warnings"] += outside
        rep["problems"] += ink.tint_problems(n, scan, s.min_tint_percent)
        rep["knockouts"] += ink.knockouts(n, scan, s.knockout_min_bold_pt, s.knockout_min_regular_pt)
        black = [a + b for a, b in zip(black, ink.black_text(scan))]
        for base, count in sorted(scan.notdef.items()):
            rep["problems"].append(f"{n} ページ: フォント {base} の .notdef（字形のない文字、豆腐）が "
                                   f"{count} 字あります。")
        foreign |= set() if not plan_fonts else {scanner.fonts[k].base for k in scanner.fonts if not scanner.fonts[k].ours()}
        blank = None
        if scan.marks_only:
            blank = (blank_reasons or {}).get(n, "白ページ（組版から理由が分かりません）")
            rep["blank_pages"].append({"page": n, "reason": blank})
        rep["per_page"].append({
            "page": n, "boxes": per_page[n - 1], "fonts": sorted(scan.fonts),
            "images": [{k: i[k] for k in ("pixels", "effective_dpi", "colorspace", "tac_percent")}
                       for i in images],
            "colorspaces": sorted(used), "blank": blank})
    rep["problems"] += [f"フォント {name} は planbook の fonts/ のフォントではありません"
                        "（システムのフォントなどが使われています）。" for name in sorted(foreign)]
    rep["problems"] += interactive.actions(reader)
    rep["problems"] += [ink.knockout_message(k, s.knockout_min_bold_pt, s.knockout_min_regular_pt)
                        for k in rep["knockouts"]]
    rep["black_text"] = {"runs": black[0], "knockout": black[1]}
    if black[1]:
        rep["warnings"].append(f"黒（K100）の文字 {black[0]} か所のうち {black[1]} か所"
                               f"（{black[1] * 100 / black[0]:.0f} %）がスミのせ（オーバープリント）に"
                               "なっておらず、下の色を抜いています。")
    tac = [i["tac_percent"] for i in rep["images"] if i["tac_percent"] is not None]
    rep["tac_max_percent"] = max(tac) if tac else None
    rep["colorspaces"] = sorted(spaces)
    if pdf_x == "1a":
        rgb = sorted(spaces - X1A_SPACES)
        if rgb:
            rep["problems"].append(f"PDF/X-1a なのに CMYK 以外の色空間があります: {', '.join(rgb)}。")
        flat = [n for n, page in enumerate(reader.pages, 1) if uses_transparency(page, set())]
        if flat:
            rep["problems"].append(f"PDF/X-1a なのに透明効果が残っています（{', '.join(map(str, flat))} ページ）。")
    rep["pdfx"] = pdfinfo.pdfx_version(reader)
    expected = PDFX_LABEL[pdf_x]
    if not rep["pdfx"].startswith(expected):
        rep["problems"].append(f"PDF/X の版が「{rep['pdfx'] or 'なし'}」です（{expected} のはず）。")
    oi = rep["output_intent"] = pdfinfo.output_intent(reader)
    named = pdf_x == "1a" and oi.get("registry") == ICC_REGISTRY and oi.get("condition")
    if oi.get("profile_components") != 4 and not named:
        rep["problems"].append("印刷条件を示す出力インテント（CMYK の ICC プロファイル、または PDF/X-1a "
                               "では ICC に登録された条件の名前）がありません。")
    return rep


def body_checks(body, s: PrintSettings) -> tuple[list[str], list[str]]:
    problems, warnings = [], []
    if body.pages % s.page_multiple:
        problems.append(f"本文が {body.pages} ページで、{s.page_multiple} の倍数になっていません。")
    titles = dict(body.chapters)
    for anchor, page in body.parts:
        if page % 2 == 0:
            name = next((t for t, p in titles.items() if p == page), anchor)
            problems.append(f"部の扉「{name}」が左ページ（{page} ページ）から始まっています。")
    if body.padded:
        warnings.append(f"ページ数を {s.page_multiple} の倍数にするため、白ページを "
                        f"{len(body.padded)} ページ加えました（{', '.join(map(str, body.padded))} ページ目）。")
    warnings += binding_warnings(body.pages, s)
    return problems, warnings


def run(plan: Plan, s: PrintSettings, body, cover: dict, intent: OutputIntent,
        files: list[tuple[str, Path]], out: Path, notes: list[str] = ()) -> dict:
    """Inspect the files; write preflight.json and preflight.html into `out`."""
    trims = {"print-body": body.trim_mm, "print-cover": (cover["width_mm"], cover["height_mm"])}
    reasons = {b["page"]: b["reason"] for b in body.blank}
    reports = [inspect(kind, path, trims[kind], s, reasons if kind == "print-body" else None)
               for kind, path in files]
    problems, warnings = body_checks(body, s)
    problems += ink.palette_problems(paths.LAYOUTS, s.min_tint_percent)
    warnings += list(notes)
    if not intent.matches_condition():
        warnings.append(f"ICC プロファイル {intent.profile.name} の名前「{intent.profile_name}」が、"
                        f"plan.yaml の印刷条件「{intent.condition.name}」と一致しません。"
                        "ファイルはこのプロファイルの条件で作りました。印刷会社に確かめてください。")
    if not cover["spine_title"] and s.binding == "perfect":
        warnings.append(cover["spine_note"])
    for r in reports:
        problems += [f"{r['path']}: {p}" for p in r["problems"]]
        warnings += [f"{r['path']}: {w}" for w in r["warnings"]]
    body_report = next(r for r in reports if r["kind"] == "print-body")
    tacs = [r["tac_max_percent"] for r in reports if r["tac_max_percent"] is not None]
    report = {
        "standalone": False, "title": plan.info.title, "municipality": plan.info.municipality,
        "settings": {"binding": s.binding, "binding_label": BINDING.get(s.binding, s.binding),
                     "page_multiple": s.page_multiple, "paper_thickness_mm": s.paper_thickness_mm,
                     "cover_thickness_mm": s.cover_thickness_mm, "glue_mm": s.glue_mm,
                     "bleed_mm": s.bleed_mm, "pdf_x": s.pdf_x, "condition": s.condition,
                     "output_condition": intent.describe(), "icc_profile": s.icc_profile,
                     "min_spine_mm": s.min_spine_mm, "saddle_max_pages": s.saddle_max_pages,
                     "min_dpi": s.min_dpi, "max_ink_percent": s.max_ink_percent,
                     "min_tint_percent": s.min_tint_percent,
                     "knockout_min_bold_pt": s.knockout_min_bold_pt,
                     "knockout_min_regular_pt": s.knockout_min_regular_pt,
                     "vendor": s.vendor},
        "output_intent": {"condition": intent.output_condition, "identifier": intent.identifier,
                          "registry": intent.registry,
                          "profile": intent.profile.name if intent.profile else None,
                          "profile_description": intent.profile_name},
        "body": {"pages": body.pages, "trim_mm": list(body.trim_mm), "padded_pages": body.padded,
                 "chapters": [{"title": t, "page": p} for t, p in body.chapters],
                 "images_converted": body.images_converted,
                 "images_ink_limited": body.images_limited},
        "blank_pages": body_report["blank_pages"],
        "tac_max_percent": max(tacs) if tacs else None,
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
    html = typeset.template(paths.LAYOUTS, "print", "preflight.html").render(
        r=report, min_dpi=pdfinfo.MIN_DPI)
    path.write_text(html, encoding="utf-8")
