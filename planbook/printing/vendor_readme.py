"""README.txt for the print vendor (入稿仕様), in Japanese, from the
preflight report (so it states what the files really are)."""
from __future__ import annotations

from ..model import Plan, PrintSettings
from .preflight import BINDING

PDFX = {"4": "PDF/X-4（PDF 1.6、透明効果あり、出力インテント付き）",
        "1a": "PDF/X-1a:2003（CMYK、透明効果は分割・統合済み）"}


def _spine(s: PrintSettings, report: dict) -> str:
    cover = report["cover"]
    if s.binding == "saddle":
        return "背幅: なし（中綴じ）"
    sheets = (report["body"]["pages"] + 1) // 2
    formula = (f"本文 {sheets} 枚 × {s.paper_thickness_mm:g} mm ＋ 表紙 {s.cover_thickness_mm:g} mm × 2"
               + (f" ＋ 糊 {s.glue_mm:g} mm" if s.glue_mm else ""))
    return f"背幅: {cover['spine_mm']:g} mm（{formula}）\n  {cover['spine_note']}"


def text(plan: Plan, s: PrintSettings, report: dict) -> str:
    info, body, cover = plan.info, report["body"], report["cover"]
    w, h = body["trim_mm"]
    fonts = sorted({f["name"].split("+", 1)[-1] for r in report["files"] for f in r["fonts"]})
    colour = ("CMYK のみ。文字・罫線の黒とグレーはスミ（K のみ、C・M・Y は 0）。"
              "黒い文字は K100 で、スミのせ（オーバープリント）を設定済み。"
              f"各版の網点は 0 か {s.min_tint_percent} % 以上。"
              "文字・罫線・地の色は CMYK の値で指定（RGB からの変換なし）。"
              "画像は出力条件の ICC プロファイルで CMYK に変換済み"
              + (f"（総インキ量は最大 {report['tac_max_percent']} %、上限 {s.max_ink_percent} %）"
                 if report.get("tac_max_percent") is not None else ""))
    padded = body["padded_pages"]
    blank = report["blank_pages"]
    lines = [
        f"{info.title or ''} 入稿データ 仕様書",
        f"発行: {info.municipality or ''}" + (f"　印刷会社: {s.vendor}" if s.vendor else ""),
        "",
        "■ 仕様",
        f"仕上がりサイズ: {w:g} × {h:g} mm",
        f"本文ページ数: {body['pages']} ページ"
        + (f"（うち白ページ {len(blank)} ページ、そのうち製本のために加えた白ページ {len(padded)} ページ: "
           f"{', '.join(map(str, padded))} ページ目）" if blank else ""),
        "ページ番号: 本文の 1 ページ目がノンブル 1（表1・表2 は表紙のファイルで、本文に含みません）",
        f"製本: {BINDING.get(s.binding, s.binding)}・左綴じ（横組み、奇数ページが右）",
        _spine(s, report),
        f"表紙: 表4 | 背 | 表1 の見開き 1 枚、仕上がり {cover['width_mm']:g} × {cover['height_mm']:g} mm",
        "表2・表3（表紙の裏）: 印刷なし（白）",
        f"塗り足し: 天地左右 各 {s.bleed_mm:g} mm",
        "トンボ: 日本式（角トンボは仕上がり線と塗り足し線の二重、センタートンボ付き、"
        "表紙は背の折りトンボ付き）。レジストレーション（全版）の色で、塗り足しの外側",
        f"PDF 形式: {PDFX[s.pdf_x]}",
        f"印刷条件（出力インテント）: {report['settings']['output_condition']}",
        f"カラー: {colour}",
        f"フォント: すべて埋め込み（サブセット）: {', '.join(fonts)}",
        "",
        "■ 白ページ（本文で何も印刷しないページ）",
    ]
    lines += [f"{b['page']} ページ目: {b['reason']}" for b in blank] or ["なし"]
    lines += ["", "■ ファイル（sha256）"]
    for f in report["files"]:
        lines += [f"{f['path']}（{f['pages']} ページ）", f"  sha256: {f['sha256']}"]
    for f in report["report_files"]:
        lines += [f["path"], f"  sha256: {f['sha256']}"]
    lines += ["", "■ 検査結果",
              "入稿前の検査で問題は見つかりませんでした。" if report["ok"] else f"問題が {len(report['problems'])} 件あります。"]
    lines += [f"・{p}" for p in report["problems"]]
    lines += [f"・確認: {w}" for w in report["warnings"]]
    lines += ["詳しくは preflight.html（または preflight.json）を見てください。", ""]
    return "\n".join(lines)
