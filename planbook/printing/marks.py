"""トンボ (Japanese printer's marks) as line segments, in points, on a page
whose MediaBox starts at the origin.

Corner marks are double (JIS-style): at each corner of the trim, one line
per direction on the trim line and one on the bleed line, running outward
from the bleed edge, so nothing is drawn inside the bleed. Centre marks
(十字トンボ) sit on every side: a line on the trim's centre line and a
cross bar. Fold marks (背トンボ) of a cover show the spine's folds. Every
mark lies between the BleedBox and the MediaBox."""
from __future__ import annotations

from dataclasses import dataclass

PT_PER_MM = 72 / 25.4
MARK_AREA_MM = 10.0            # room outside the bleed for the marks
MARK_LENGTH_MM = 8.0           # how far a mark runs out from the bleed edge
CENTRE_BAR_MM = 10.0           # length of the centre mark's cross bar
LINE_WIDTH_PT = 0.3            # about 0.1 mm, as Japanese vendors draw トンボ


@dataclass(frozen=True)
class Geometry:
    """A print page: the trim box in points (MediaBox at the origin) and the bleed."""
    trim: tuple[float, float, float, float]
    bleed: float                                  # points

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)


def lines(g: Geometry, folds: tuple[float, ...] = ()) -> list[tuple[float, float, float, float]]:
    """Every mark as (x0, y0, x1, y1). `folds`: x positions (pt) of fold lines."""
    x0, y0, x1, y1 = g.trim
    bx0, by0, bx1, by1 = g.bleed_box
    n = MARK_LENGTH_MM * PT_PER_MM
    out = []
    # corner marks: for each corner, horizontals at the trim and bleed y,
    # verticals at the trim and bleed x, each starting at the bleed edge
    for cx, bx, sx in ((x0, bx0, -1), (x1, bx1, 1)):
        for cy, by, sy in ((y0, by0, -1), (y1, by1, 1)):
            for y in (cy, by):
                out.append((bx, y, bx + sx * n, y))
            for x in (cx, bx):
                out.append((x, by, x, by + sy * n))
    # centre marks on every side
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    half = CENTRE_BAR_MM * PT_PER_MM / 2
    for by, sy in ((by0, -1), (by1, 1)):
        out.append((mx, by, mx, by + sy * n))
        bar = by + sy * n / 2
        out.append((mx - half, bar, mx + half, bar))
    for bx, sx in ((bx0, -1), (bx1, 1)):
        out.append((bx, my, bx + sx * n, my))
        bar = bx + sx * n / 2
        out.append((bar, my - half, bar, my + half))
    # fold marks of the spine, above and below
    for x in folds:
        out.append((x, by0, x, by0 - n))
        out.append((x, by1, x, by1 + n))
    return out


def content(g: Geometry, colour_space: str, folds: tuple[float, ...] = ()) -> bytes:
    """A content stream drawing the marks in the tint 1 of `colour_space`
    (a resource name of the registration colour, a Separation /All)."""
    ops = [f"q {LINE_WIDTH_PT:g} w 0 J [] 0 d /{colour_space} CS 1 SCN"]
    ops += [f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S" for a, b, c, d in lines(g, folds)]
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode("ascii")
