"""What a press file must not carry, read back (pypdf): annotations other
than printer's marks and trapping inside the printable area (PDF/X: ISO
15930-4 and 15930-7), and the interactive parts of a screen PDF — forms,
actions, JavaScript — that a print vendor's 入稿チェック rejects."""
from __future__ import annotations

# annotations PDF/X allows on the page (printer's marks, trapping)
ALLOWED = {"PrinterMark", "TrapNet"}
KINDS = {"Link": "リンク", "Widget": "フォームの入力欄", "Text": "メモ", "FreeText": "テキストボックス",
         "Popup": "ポップアップ", "Highlight": "ハイライト", "Underline": "下線", "StrikeOut": "取り消し線",
         "Squiggly": "波線", "Stamp": "スタンプ", "Ink": "手書き", "FileAttachment": "添付ファイル",
         "Square": "四角形", "Circle": "円", "Line": "線", "Polygon": "多角形", "PolyLine": "折れ線",
         "Caret": "挿入記号", "Sound": "音声", "Movie": "動画", "Screen": "画面", "RichMedia": "リッチメディア",
         "3D": "3D", "Watermark": "透かし", "Redact": "墨消し"}
NO_ANNOTATIONS = "入稿データには注釈を入れられません。"


def _get(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _rect(value) -> tuple[float, float, float, float] | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in _get(value))
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _meets(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def annotations(n: int, page) -> tuple[list[str], list[str]]:
    """Problems (annotations in the page's BleedBox, or TrimBox, or
    MediaBox) and warnings (annotations outside it) of page `n`."""
    area = next((r for r in (_rect(page.get(k)) for k in ("/BleedBox", "/TrimBox", "/MediaBox"))
                 if r), None)
    inside: dict[str, int] = {}
    outside: dict[str, int] = {}
    for ref in _get(page.get("/Annots")) or []:
        annot = _get(ref)
        if not hasattr(annot, "get"):
            continue
        kind = str(annot.get("/Subtype", "")).lstrip("/") or "不明"
        if kind in ALLOWED:
            continue
        rect = _rect(annot.get("/Rect"))
        into = inside if area is None or rect is None or _meets(rect, area) else outside
        into[kind] = into.get(kind, 0) + 1
    return ([_line(n, kind, count, "あります。" + NO_ANNOTATIONS) for kind, count in inside.items()],
            [_line(n, kind, count, "塗り足しの外にあります（印刷はされません）。") for kind, count
             in outside.items()])


def _line(n: int, kind: str, count: int, rest: str) -> str:
    label = KINDS.get(kind, "")
    many = f" {count} 個" if count > 1 else ""
    return f"{n} ページ: {label}の注釈（/{kind}）が{many}{rest}"


def actions(reader) -> list[str]:
    """Forms, actions and JavaScript of the document (catalog, pages, outline)."""
    root = _get(reader.trailer["/Root"])
    out = []
    form = _get(root.get("/AcroForm"))
    if form is not None and _get(form.get("/Fields")):
        out.append("フォーム（/AcroForm）があります。入稿データにはフォームを入れられません。")
    opening = _get(root.get("/OpenAction"))
    if hasattr(opening, "get") and "/S" in opening:
        out.append(f"ファイルを開いたときの操作（/OpenAction {opening.get('/S')}）があります。")
    if "/AA" in root:
        out.append("文書の操作（/AA）があります。")
    names = _get(root.get("/Names"))
    if names is not None and "/JavaScript" in names:
        out.append("JavaScript があります。")
    pages = [n for n, p in enumerate(reader.pages, 1) if "/AA" in p]
    if pages:
        out.append(f"ページの操作（/AA）があります（{', '.join(map(str, pages))} ページ）。")
    if _outline_actions(_get(root.get("/Outlines"))):
        out.append("しおり（アウトライン）に操作（/A）があります（移動先だけの /Dest なら問題ありません）。")
    return [m if m.endswith("入れられません。") else m + "入稿データには操作を入れられません。" for m in out]


def _outline_actions(outlines) -> bool:
    seen: set[int] = set()
    stack = [_get(outlines.get("/First"))] if hasattr(outlines, "get") else []
    while stack:
        item = stack.pop()
        ref = getattr(item, "indirect_reference", None)
        key = (ref.idnum, ref.generation) if ref is not None else id(item)
        if item is None or key in seen or len(seen) > 100000:
            continue
        seen.add(key)
        if "/A" in item:
            return True
        stack += [_get(item.get("/First")), _get(item.get("/Next"))]
    return False
