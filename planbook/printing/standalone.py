"""`planbook preflight FILE.pdf`: the preflight of `planbook print` on a
PDF planbook did not just write (the vendor's returned 校了 file, a file
edited by hand). Without the plan, the plan's rules use what the PDF
itself says: the trim size and bleed of page 1 for every page, fonts
embedded (not necessarily from fonts/), the PDF/X version the file
declares unless --pdf-x is given. The page count and the binding, the
parts' right-hand pages and the reasons of blank pages need the plan and
are not checked. Unreadable input (missing, a folder, a FIFO, not a PDF,
encrypted, broken) is exit 2 with a Japanese message."""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import TextIO

from pypdf import PdfReader

from ..model import Loc, PrintSettings
from ..files import os_text
from . import pdfinfo, preflight
from .x1a import quiet_pypdf

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
STANDARD_BLEED_MM = 3.0
RULES = [
    "ページの枠: MediaBox・BleedBox・TrimBox があり、MediaBox の原点が (0, 0)、すべてのページの仕上がり"
    "（TrimBox）と塗り足しが 1 ページ目と同じ、塗り足しの外にトンボを置く余白がある",
    f"塗り足し: {STANDARD_BLEED_MM:g} mm 以上",
    "フォント: すべて埋め込まれている、.notdef（字形のない文字、豆腐）がない",
    "色: 黒・グレーの文字・線・塗りがスミ（K のみ）。PDF/X-1a では CMYK 以外の色空間と透明効果がない",
    "画像: 実効解像度 300 dpi 以上、総インキ量 350 % 以下",
    "PDF/X の版（GTS_PDFXVersion）と、印刷条件を示す出力インテント",
    "注釈（PrinterMark・TrapNet 以外）が仕上がり・塗り足しの範囲にない。フォーム・操作（アクション）・JavaScript がない",
]
NOT_CHECKED = ("計画が必要な規則（ページ数の倍数、部の扉が右ページか、背幅、fonts/ のフォントか、"
               "白ページの理由）は検査していません。")


class Unreadable(Exception):
    """A Japanese message: the file cannot be checked (exit 2)."""


def open_pdf(path: Path) -> PdfReader:
    """The file as a PDF, or Unreadable; never blocks on a FIFO."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise Unreadable(f"「{path}」がありません。検査する PDF ファイルのパスを確かめてください。") from None
    except OSError as e:
        raise Unreadable(f"「{path}」を読めません（{os_text(e)}）。") from None
    if stat.S_ISDIR(mode):
        raise Unreadable(f"「{path}」はフォルダです。検査する PDF ファイルを指定してください。")
    if not stat.S_ISREG(mode):
        raise Unreadable(f"「{path}」は普通のファイルではありません（名前付きパイプや装置など）。"
                         "PDF ファイルを指定してください。")
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise Unreadable(f"「{path}」を読めません（{os_text(e)}）。") from None
    if b"%PDF-" not in head:
        raise Unreadable(f"「{path}」は PDF ファイルではありません（先頭に %PDF- がありません）。")
    try:
        with quiet_pypdf():
            reader = PdfReader(path)
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
    except Exception:  # noqa: BLE001 - pypdf's many errors on a broken file are one answer
        raise Unreadable(f"「{path}」は PDF として読み取れません（壊れている可能性があります）。") from None
    if encrypted:
        raise Unreadable(f"「{path}」は暗号化（パスワードで保護）されているため検査できません。"
                         "保護のない PDF を受け取ってください。")
    if not pages:
        raise Unreadable(f"「{path}」にはページがありません。")
    return reader


def _page_one(reader: PdfReader) -> tuple[tuple[float, float], float]:
    """The trim size (mm) and bleed (mm, the narrowest side) of page 1."""
    page = reader.pages[0]
    trim, bleed = pdfinfo.box(page, "TrimBox"), pdfinfo.box(page, "BleedBox")
    if not trim:
        return (0.0, 0.0), STANDARD_BLEED_MM
    size = (trim["width_mm"], trim["height_mm"])
    if not bleed:
        return size, STANDARD_BLEED_MM
    t, b = trim["pt"], bleed["pt"]
    sides = (t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3])
    return size, round(pdfinfo.mm(min(sides)), 1)


def _version(reader: PdfReader, asked: str | None) -> tuple[str, str]:
    if asked:
        return asked, "--pdf-x の指定"
    declared = pdfinfo.pdfx_version(reader)
    if declared.startswith("PDF/X-1a"):
        return "1a", f"ファイルの宣言（{declared}）"
    if declared:
        return "4", f"ファイルの宣言（{declared}）" + ("" if declared.startswith("PDF/X-4") else
                                                   "。PDF/X-4 の規則で検査します")
    return "4", "宣言がないため PDF/X-4 の規則"


def check(path: Path, pdf_x: str | None) -> dict:
    """The report of one PDF (Unreadable if it cannot be read)."""
    reader = open_pdf(path)
    trim, bleed = _page_one(reader)
    version, why = _version(reader, pdf_x)
    s = PrintSettings(loc=Loc(path.name, 1), pdf_x=version, bleed_mm=bleed)
    try:
        with quiet_pypdf():
            rep = preflight.inspect("pdf", path, trim, s, plan_fonts=False, reader=reader)
    except Unreadable:
        raise
    except Exception:  # noqa: BLE001 - a broken object deep in the file: cannot be checked
        raise Unreadable(f"「{path}」は途中で読み取れない部分があり、検査できません"
                         "（壊れている可能性があります）。") from None
    problems = list(rep["problems"])
    if trim != (0.0, 0.0) and bleed < STANDARD_BLEED_MM - preflight.TOLERANCE_MM:
        problems.insert(0, f"1 ページ: 塗り足しが {bleed:g} mm です（{STANDARD_BLEED_MM:g} mm 以上が必要）。")
    return {
        "standalone": True, "title": path.name, "municipality": "", "file": str(path),
        "settings": {"pdf_x": version, "pdf_x_from": why, "trim_mm": list(trim), "bleed_mm": bleed,
                     "min_dpi": s.min_dpi, "max_ink_percent": s.max_ink_percent, "vendor": None},
        "rules": RULES, "not_checked": NOT_CHECKED,
        "tac_max_percent": rep["tac_max_percent"], "blank_pages": rep["blank_pages"],
        "files": [rep], "problems": problems, "warnings": list(rep["warnings"]), "ok": not problems,
    }


def run(path: Path, out: Path, pdf_x: str | None, stdout: TextIO | None = None,
        stderr: TextIO | None = None) -> int:
    """`planbook preflight`: check, write the report into `out`, summarise."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        report = check(path, pdf_x)
    except Unreadable as e:
        print(f"{e}\n何も書き出していません。", file=stderr)
        return EXIT_UNREADABLE
    try:
        if out.exists() and not out.is_dir():
            raise Unreadable(f"書き出し先「{out}」はフォルダではありません。別のフォルダを -o で指定してください。")
        out.mkdir(parents=True, exist_ok=True)
        (out / "preflight.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
        preflight.write_html(report, out / "preflight.html")
    except Unreadable as e:
        print(f"{e}\n何も書き出していません。", file=stderr)
        return EXIT_UNREADABLE
    except OSError as e:
        print(f"「{out}」に書き出せません（{os_text(e)}）。", file=stderr)
        return EXIT_UNREADABLE
    code = EXIT_PROBLEMS if report["problems"] else EXIT_OK
    try:
        _summary(path, out, report, stdout)
    except BrokenPipeError:             # `planbook preflight x.pdf | head`: the report is written
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), sys.stdout.fileno())
    return code


def _summary(path: Path, out: Path, report: dict, stdout: TextIO) -> None:
    s, rep = report["settings"], report["files"][0]
    name = preflight.PDFX_LABEL[s["pdf_x"]]
    print(f"{path} を {name} の入稿データとして検査しました（{s['pdf_x_from']}）: {rep['pages']} ページ、"
          f"仕上がり {s['trim_mm'][0]:g} × {s['trim_mm'][1]:g} mm、塗り足し {s['bleed_mm']:g} mm。",
          file=stdout)
    if report["problems"]:
        print(f"印刷会社に戻される問題が {len(report['problems'])} 件あります:", file=stdout)
        for p in report["problems"]:
            print(f"・{p}", file=stdout)
    else:
        print("問題はありません。", file=stdout)
    if report["warnings"]:
        print("確認事項:", file=stdout)
        for w in report["warnings"]:
            print(f"・{w}", file=stdout)
    print(NOT_CHECKED, file=stdout)
    print(f"検査結果: {out / 'preflight.html'}、{out / 'preflight.json'}", file=stdout)
    stdout.flush()
