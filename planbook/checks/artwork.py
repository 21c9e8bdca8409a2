"""Artwork: every slot referenced in concept.yaml exists in artwork.yaml and
every entry is used; the image file exists (a regular file inside
source/), is a PNG or a JPEG (grey, RGB or CMYK) that can be decoded and is
not a decompression bomb (planbook.images). An error in every mode: such an
image cannot be printed at all. Its resolution at the printed size is the
separate check `artwork-resolution` (a warning in a draft).

合格例 (pass)::

    # artwork.yaml
    vision-1:
      image: artwork/vision-1.png   # 2000 × 1400 px: 将来像の枠に収めても 300 dpi 以上

不合格例 (fail)::

    # artwork.yaml
    vision-1:
      image: artwork/vison-1.png    # ファイルがない（つづり違い）
"""
from __future__ import annotations

from pathlib import Path

from .. import files, images, paths, slots
from ..suggest import file_hint, hint
from . import Hit

ID = "artwork"
TITLE = "作品画像の有無・読めるか・掲載枠の参照"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

def slot_sizes(layouts: Path | None = None) -> dict:
    """{kind: {width_mm, height_mm}} of the layout's slots (planbook.slots)."""
    return {k: {"width_mm": w, "height_mm": h}
            for k, (w, h) in slots.slot_sizes(Path(layouts or paths.LAYOUTS)).items()}


def used_slots(plan) -> dict:
    """slot id -> (kind, loc) of the place that uses it."""
    used = {}
    c = plan.concept
    if c.philosophy is not None and c.philosophy.artwork:
        used[c.philosophy.artwork] = ("philosophy", c.philosophy.loc_of("artwork"))
    for v in c.visions:
        if v.artwork:
            used.setdefault(v.artwork, ("vision", v.loc_of("artwork")))
    return used


def check(plan, options):
    used = used_slots(plan)
    known = {a.id for a in plan.artwork}
    for slot, (_, loc) in used.items():
        if slot not in known:
            yield Hit(f"掲載枠「{slot}」が artwork.yaml にありません"
                      f"（あるもの: {'、'.join(sorted(known)) or 'なし'}）。{hint(slot, known)}",
                      loc, "作品", key=slot)
    for a in plan.artwork:
        if a.id not in used:
            yield Hit(f"artwork.yaml の「{a.id}」はどこからも使われていません。concept.yaml の "
                      f"artwork: に {a.id} と書くか、この項目を消してください。", a.loc, "作品", key=a.id)
        if not a.image or a.image_path is None:
            continue
        try:
            files.locate(plan.source_dir, a.image_path)
            images.probe(plan.source_dir, a.image_path)
        except files.FileProblem as e:
            if e.code == "load-missing-file":
                yield Hit(f"画像ファイル「{a.image}」がありません。{file_hint(plan.source_dir, a.image)}"
                          "ファイル名のつづり（大文字・小文字、全角・半角、拡張子）と置き場所"
                          "（source/artwork/）を確かめてください。", a.loc_of("image"), "作品", key=a.image)
            else:
                yield Hit(f"画像「{a.image}」: {e.message}", a.loc_of("image"), "作品", key=a.image)
            continue
        except images.ImageProblem as e:
            yield Hit(f"画像「{a.image}」: {e}", a.loc_of("image"), "作品", key=a.image)
            continue
