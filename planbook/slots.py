"""Printed sizes of the artwork slots, read in one place from the layout's
`booklet/slots.yaml`: the booklet and the DOCX draw the slots at these sizes,
the artwork check computes each image's effective dpi from them."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

FILE = Path("booklet") / "slots.yaml"


class SlotError(ValueError):
    """The layout's slots.yaml is missing or wrong; the message is Japanese."""


@lru_cache(maxsize=4)
def _read(path: Path, mtime: float) -> dict[str, tuple[float, float]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SlotError(f"レイアウトの {path} を読めません（{type(e).__name__}）。") from e
    out: dict[str, tuple[float, float]] = {}
    for kind, size in (data or {}).items() if isinstance(data, dict) else ():
        try:
            w, h = float(size["width_mm"]), float(size["height_mm"])
        except (TypeError, KeyError, ValueError):
            raise SlotError(f"レイアウトの {path} の「{kind}」には width_mm と height_mm を"
                            "数で書いてください。") from None
        if not (0 < w <= 1000 and 0 < h <= 1000):
            raise SlotError(f"レイアウトの {path} の「{kind}」の大きさ {w}×{h} mm はありえません。")
        out[str(kind)] = (w, h)
    for kind in ("philosophy", "vision"):
        if kind not in out:
            raise SlotError(f"レイアウトの {path} に「{kind}」の大きさがありません。")
    return out


def slot_sizes(layouts: Path) -> dict[str, tuple[float, float]]:
    """{kind: (width_mm, height_mm)} of every slot kind of the layout."""
    path = Path(layouts) / FILE
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise SlotError(f"レイアウトの {path} がありません。") from None
    return dict(_read(path, mtime))
