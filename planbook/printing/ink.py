"""The preflight's ink rules, on what pagescan read from a page: no plate
of a colour between 0 and print.min_tint_percent (a smaller dot does not
hold on the plate: refused), white or light text knocked out of a colour of
more than one plate only from print.knockout_min_bold_pt (bold) or
knockout_min_regular_pt (regular) up (misregistration fringes smaller
letters: refused), and black text (K 100) that knocks out instead of
overprinting (スミのせ: a warning with its share)."""
from __future__ import annotations

import re
from pathlib import Path

from .pagescan import Paint, PageScan

INK_SPACES = ("DeviceCMYK", "ICCBased CMYK")
PLATES = "CMYK"
LIGHT = 0.2                 # text whose every plate is at most this is light (white or near)
KIND = {"text": "文字", "fill": "塗り", "stroke": "線"}


def _cmyk(p: Paint) -> bool:
    return p.space in INK_SPACES and len(p.values) == 4


def colour_name(p: Paint) -> str:
    if _cmyk(p):
        return " ".join(f"{c}{round(v * 100):g}" for c, v in zip(PLATES, p.values) if v > 0) or "白（0）"
    return f"{p.space} {' '.join(f'{v:g}' for v in p.values)}".strip()


def thin_plates(p: Paint, min_percent: int) -> list[str]:
    """The plates of this colour with a dot between 0 and min_percent, e.g. ['C 1 %']."""
    if not (_cmyk(p) or p.space.startswith(("Separation", "DeviceN"))):
        return []
    names = PLATES if _cmyk(p) else [p.space] * len(p.values)
    limit = min_percent / 100 - 1e-6
    return [f"{c} {v * 100:.3g} %" for c, v in zip(names, p.values) if 0 < v < limit]


def tint_problems(n: int, scan: PageScan, min_percent: int) -> list[str]:
    out, seen = [], set()
    for p in scan.paints:
        thin = thin_plates(p, min_percent)
        key = (p.kind, colour_name(p))
        if thin and key not in seen:
            seen.add(key)
            out.append(f"{n} ページ: {KIND[p.kind]}の色 {colour_name(p)} に {min_percent} % 未満の版"
                       f"（{'・'.join(thin)}）があります。この網点は版に残りません。")
    return out


def is_black(p: Paint) -> bool:
    return _cmyk(p) and max(p.values[:3]) <= 0.0005 and p.values[3] >= 0.9995


def _light(p: Paint) -> bool:
    return _cmyk(p) and max(p.values) <= LIGHT


def _plates(p: Paint) -> int:
    return sum(v > 0.0005 for v in p.values) if _cmyk(p) else 1


def _under(fills: list[Paint], point) -> Paint | None:
    """The last fill drawn so far whose area holds the point."""
    x, y = point
    for f in reversed(fills):
        if f.bbox and f.bbox[0] <= x <= f.bbox[2] and f.bbox[1] <= y <= f.bbox[3]:
            return f
    return None


def knockouts(n: int, scan: PageScan, min_bold: float, min_regular: float) -> list[dict]:
    """White or light text on a fill of two or more plates, smaller than the
    sizes that survive misregistration: page, text, size, background."""
    out, fills = [], []
    for p in scan.paints:
        if p.kind == "fill" and p.bbox:
            fills.append(p)
        elif p.kind == "text" and p.point and _light(p) and p.text.strip():
            ground = _under(fills, p.point)
            if ground is None or _plates(ground) < 2:
                continue
            least = min_bold if p.bold else min_regular
            if (p.size or 0) + 0.05 < least:
                out.append({"page": n, "text": p.text.strip(), "size_pt": p.size, "bold": p.bold,
                            "colour": colour_name(p), "background": colour_name(ground)})
    return out


def knockout_message(k: dict, min_bold: float, min_regular: float) -> str:
    weight = "太字" if k["bold"] else "標準の太さ"
    return (f"{k['page']} ページ: 「{k['text'][:20]}」（{weight} {k['size_pt']:g} pt、{k['colour']}）が"
            f" {k['background']} の地に抜き文字で置かれています。2 版以上の地の抜き文字は太字 "
            f"{min_bold:g} pt・標準 {min_regular:g} pt 以上にするか、地を 1 版の色にしてください"
            "（版ずれで文字の縁に色が出ます）。")


def black_text(scan: PageScan) -> tuple[int, int]:
    """(black text runs, of them knocking out instead of overprinting)."""
    black = [p for p in scan.paints if p.kind == "text" and is_black(p)]
    return len(black), sum(not p.overprint for p in black)


PALETTE_FILES = ("print/colours.css", "cover/cover.css")     # under layouts/
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_DECL = re.compile(r"([-\w]+)\s*:\s*([^;]*device-cmyk\([^;]*)")
_CMYK = re.compile(r"device-cmyk\(\s*([^)]*)\)")


def palette(layouts: Path) -> list[tuple[str, tuple[float, ...]]]:
    """Every CMYK colour the print stylesheets give, by name: the custom
    property (--print-ink), or selector and property (.accent-1 --tint)."""
    out = []
    for rel in PALETTE_FILES:
        css = re.sub(r"/\*.*?\*/", "", (layouts / rel).read_text(encoding="utf-8"), flags=re.S)
        for selector, body in _RULE.findall(css):
            for prop, value in _DECL.findall(body):
                selector = " ".join(selector.split())
                name = prop if selector == ":root" else f"{selector} {prop}"
                for args in _CMYK.findall(value):
                    vals = tuple(float(v[:-1]) / 100 if v.endswith("%") else float(v)
                                 for v in args.replace(",", " ").split())
                    out.append((f"{rel}: {name}", vals))
    return out


def palette_problems(layouts: Path, min_percent: int) -> list[str]:
    """The palette's colours with a plate between 0 and min_percent, by name."""
    limit = min_percent / 100 - 1e-6
    out = []
    for name, vals in palette(layouts):
        thin = [f"{c} {v * 100:.3g} %" for c, v in zip(PLATES, vals) if 0 < v < limit]
        if thin:
            out.append(f"印刷の色 {name} に {min_percent} % 未満の版（{'・'.join(thin)}）があります。"
                       f"この網点は版に残りません。0 にするか、{min_percent} % 以上にしてください。")
    return out
