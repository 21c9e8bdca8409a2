"""The tagged (PDF/UA-1) edition finished after WeasyPrint wrote it
(pikepdf), for what WeasyPrint 70 leaves undone:

- an element split over pages is one element again, a table one Table
  (join.py; the repeated header rows of a continued table are artifacts);
- link annotations belong to their Link element (links.py);
- table header cells get /Scope, data cells /Headers from the table's grid
  (tables.py);
- decorative figures (empty alt), running heads, folios and everything else
  no element claims are marked /Artifact (artifacts.py).

`audit` (audit.py) lists what is still neither in the tree nor an artifact;
the builder refuses a file where it finds anything."""
from __future__ import annotations

from pathlib import Path

import pikepdf

from . import artifacts, join, links, tables
from .audit import Stray, audit
from .tree import Tree

__all__ = ["finish", "audit", "Stray"]


def finish(path: Path) -> None:
    """Rewrite the tagged PDF at `path` in place."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = Tree(pdf)
        join.join_split(tree)
        links.to_link_elements(tree)
        elements = tree.walk()
        tables.headers(elements)
        artifacts.decorative_figures(elements)
        join.drop_keys(elements)
        artifacts.mark_unclaimed(tree)
        tree.write_parents()
        pdf.save(path, deterministic_id=True)
