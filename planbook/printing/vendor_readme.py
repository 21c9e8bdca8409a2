"""README.txt for the print vendor (入稿仕様), in Japanese."""
from __future__ import annotations

from ..model import Plan, PrintSettings
from .spine import spine_mm

BINDING = {"saddle": "中綴じ", "perfect": "無線綴じ"}


def text(plan: Plan, s: PrintSettings, body_pages: int, padded: list[int],
         files: list[dict], pdfx: str) -> str:
    info = plan.info
    lines = [
        f"{info.title or ''} 入稿データ 仕様書",
        f"発行: {info.municipality or ''}",
        "",
        "■ 仕様",
        "仕上がりサイズ: A4 縦（210 × 297 mm）",
        f"本文ページ数: {body_pages} ページ"
        + (f"（うち白ページ {len(padded)} ページ: {', '.join(map(str, padded))} ページ目）" if padded else ""),
        f"製本: {BINDING.get(s.binding, s.binding)}・左綴じ（横組み）",
        f"背幅: {spine_mm(body_pages, s):.2f} mm"
        + ("（中綴じのため背なし）" if s.binding == "saddle" else
           f"（本文用紙 {s.paper_thickness_mm} mm × {body_pages // 2} 枚 + 表紙 {s.cover_thickness_mm} mm × 2"
           + (f" + 糊 {s.glue_mm} mm" if s.glue_mm else "") + "）"),
        f"塗り足し: 天地左右 各 {s.bleed_mm:g} mm、トンボ付き",
        f"PDF 形式: {pdfx}",
        "カラー: " + ("CMYK（device-cmyk）" if s.pdf_x == "1a" else
                    "RGB・ICC ベース（PDF/X-4、出力インテント付き）"),
        "フォント: すべて埋め込み済み（BIZ UDPゴシック・BIZ UDP明朝、SIL Open Font License）",
        "",
        "■ ファイル（sha256）",
    ]
    for f in files:
        pages = f"  {f['pages']} ページ" if f.get("pages") else ""
        lines.append(f"{f['path']}{pages}")
        lines.append(f"  sha256: {f['sha256']}")
    lines += ["", "詳しい検査結果は preflight.html を見てください。", ""]
    return "\n".join(lines)
