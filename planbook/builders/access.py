"""What the editions for screen readers (the HTML edition, the tagged PDF)
need before they are made: alternative text for every picture they show.
A drawn image with neither `alt:` nor `decorative: true` refuses them,
naming artwork.yaml's line; a slot without an image needs none."""
from __future__ import annotations

from ..present.view import Booklet
from . import BuildError


def slots(view: Booklet) -> list:
    return [s for s in [view.philosophy.art, *(p.art for p in view.parts)] if s is not None]


def require_alt(plan, view: Booklet, label: str) -> None:
    missing = [s for s in slots(view) if s.image is not None and not s.alt and not s.decorative]
    if not missing:
        return
    lines = []
    for s in missing:
        art = plan.artwork_slot(s.id)
        where = str(art.loc) if art is not None else "artwork.yaml"
        lines.append(f"  {where}: {s.id} に alt: がありません")
    raise BuildError(
        f"{label}には、載せる絵ごとに代替テキストが要ります（画面の読み上げで読まれます）。\n"
        + "\n".join(lines)
        + "\n直し方: alt: に絵に描かれているものを一文で書くか、飾りだけの絵なら decorative: true と"
          "書いてください（チェック artwork-alt）。")
