"""Artwork: every slot referenced exists and every entry is used; the image
file exists inside source/, can be decoded, and has print resolution at the
size the layout prints it (effective dpi ≥ `min_dpi`, from the pixel size and
the slot size in layouts/booklet/slots.yaml).

合格例 (pass)::

    vision-1:
      image: artwork/vision-1.png   # 2000 × 1400 px, 150 mm 幅で 338 dpi

不合格例 (fail)::

    vision-1:
      image: artwork/vison-1.png    # ファイルがない（つづり違い）
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from . import Hit

ID = "artwork"
TITLE = "作品画像の有無・解像度・参照"
SEVERITY = "error"
FINAL = False
DEFAULTS = {"min_dpi": 300}


def _slot_sizes() -> dict:
    from ..render import slots
    return slots(paths.LAYOUTS)


def check(plan, options):
    from PIL import Image, UnidentifiedImageError
    sizes = _slot_sizes()
    used = {}
    c = plan.concept
    if c.philosophy is not None and c.philosophy.artwork:
        used[c.philosophy.artwork] = ("philosophy", c.philosophy.loc_of("artwork"))
    for v in c.visions:
        if v.artwork:
            used[v.artwork] = ("vision", v.loc_of("artwork"))
    known = {a.id for a in plan.artwork}
    for slot, (_, loc) in used.items():
        if slot not in known:
            yield Hit(f"掲載枠「{slot}」が artwork.yaml にありません"
                      f"（あるもの: {'、'.join(sorted(known)) or 'なし'}）。", loc, "作品", key=slot)
    for a in plan.artwork:
        if a.id not in used:
            yield Hit(f"artwork.yaml の「{a.id}」はどこからも使われていません。", a.loc, "作品",
                      key=a.id)
        if not a.image or a.image_path is None:
            continue
        path = Path(a.image_path)
        loc = a.loc_of("image")
        if not path.is_file():
            yield Hit(f"画像ファイル「{a.image}」がありません。ファイル名のつづりと置き場所"
                      "（source/artwork/）を確かめてください。", loc, "作品", key=a.image)
            continue
        try:
            with Image.open(path) as im:
                im.verify()
            with Image.open(path) as im:
                px_w, px_h = im.size
        except (UnidentifiedImageError, OSError):
            yield Hit(f"画像「{a.image}」を読めません。PNG か JPEG で保存し直してください。",
                      loc, "作品", key=a.image)
            continue
        kind = used.get(a.id, ("vision", None))[0]
        size = sizes.get(kind)
        if not size:
            continue
        w_mm, h_mm = float(size["width_mm"]), float(size["height_mm"])
        scale = min(w_mm / px_w, h_mm / px_h)          # mm per pixel, fitted in the slot
        dpi = 25.4 / scale
        if dpi < options["min_dpi"]:
            need = (round(px_w * dpi and w_mm / 25.4 * options["min_dpi"]),
                    round(h_mm / 25.4 * options["min_dpi"]))
            yield Hit(f"画像「{a.image}」（{px_w}×{px_h} ピクセル）は印刷サイズ "
                      f"{w_mm:g}×{h_mm:g} mm で {dpi:.0f} dpi しかありません（{options['min_dpi']} dpi 以上が必要）。"
                      f"{need[0]}×{need[1]} ピクセル以上の画像をもらってください。", loc, "作品",
                      key=a.image)
