"""planbook: typesets a municipality's comprehensive plan booklet."""
