"""Numbers as printed, for every layer that writes one (the checks' messages,
the booklet): 12345 → 12,345; 12.50 → 12.5."""
from __future__ import annotations

from decimal import Decimal


def grouped(value: int | float | Decimal) -> str:
    """12345 -> 12,345; 12.50 stays as written (12.5); never 1e-05 or 1.2e+19."""
    if isinstance(value, int):
        return f"{value:,}"
    text = format(Decimal(repr(value)), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    frac = frac.rstrip("0")
    return sign + f"{int(whole or 0):,}" + (f".{frac}" if frac else "")
