"""Artwork resolution: each artwork image has print resolution at the size
the layout prints it. Effective dpi = pixels ÷ (printed mm ÷ 25.4), for the
image scaled to fit its slot (turned as its EXIF orientation says), at
least `min_dpi` (300, what print vendors ask for). The slot sizes come from
layouts/booklet/slots.yaml (planbook.slots). The message names the pixel
size the image needs at its printed size.

A warning in a draft (the draft booklet prints the image as it is, a little
blurred), an error with --final and in `print`: the printer would return
the files. Images that are missing or unreadable are the `artwork` check's.

合格例 (pass)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png   # 2000 × 1400 px: 将来像の枠 150 × 100 mm に収めて 356 dpi

不合格例 (fail)::

    # style.yaml
    checks:
      artwork-resolution: {min_dpi: 400}   # 400 dpi が必要なら 2000 × 1400 px では足りない
"""
from __future__ import annotations

import math

from .. import files, images
from ..load.schema import Int
from . import Hit
from .artwork import slot_sizes, used_slots

ID = "artwork-resolution"
TITLE = "作品画像の解像度（印刷される大きさで min_dpi 以上か）"
SEVERITY = "warning"
FINAL = True
OPTIONS = {"min_dpi": Int(1, 2400)}
DEFAULTS = {"min_dpi": 300}


def needed_pixels(px: tuple[int, int], size: dict, min_dpi: int) -> tuple[float, tuple[int, int], tuple[float, float]]:
    """(effective dpi, pixels needed for `min_dpi`, printed mm) of an image of
    `px` pixels fitted inside a slot of `size`."""
    px_w, px_h = px
    mm_per_px = min(float(size["width_mm"]) / px_w, float(size["height_mm"]) / px_h)
    printed = (px_w * mm_per_px, px_h * mm_per_px)
    need = (math.ceil(printed[0] / 25.4 * min_dpi), math.ceil(printed[1] / 25.4 * min_dpi))
    return 25.4 / mm_per_px, need, printed


def check(plan, options):
    sizes = slot_sizes()
    used = used_slots(plan)
    min_dpi = options["min_dpi"]
    for a in plan.artwork:
        if not a.image or a.image_path is None:
            continue
        size = sizes.get(used.get(a.id, ("vision",))[0])
        try:
            files.locate(plan.source_dir, a.image_path)
            px = images.probe(plan.source_dir, a.image_path).size
        except (files.FileProblem, images.ImageProblem):
            continue                    # the `artwork` check reports it
        if not size:
            continue
        dpi, need, printed = needed_pixels(px, size, min_dpi)
        if dpi + 0.5 >= min_dpi:
            continue
        yield Hit(f"画像「{a.image}」（{px[0]}×{px[1]} ピクセル）は、印刷される大きさ "
                  f"{printed[0]:.0f}×{printed[1]:.0f} mm では {dpi:.0f} dpi しかなく、ぼやけて印刷されます。"
                  f"{min_dpi} dpi にするには {need[0]}×{need[1]} ピクセル以上の画像が必要です"
                  "（その大きさでスキャンした画像をもらってください）。下書きはこのまま作れますが、"
                  "最終版（--final）と入稿データ（print）ではエラーです。",
                  a.loc_of("image"), "作品", key=a.image)
