"""Lines of the settings in style.yaml, so findings about them point there."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..model import Loc

FILE = "style.yaml"


@lru_cache(maxsize=8)
def _lines(path: str, mtime: float) -> dict[tuple, int]:
    """(key, key or index, …) -> 1-based line, for every node of style.yaml."""
    try:
        root = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    out: dict[tuple, int] = {}

    def walk(node, at: tuple):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = at + (k.value,)
                out[key] = k.start_mark.line + 1
                walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                out[at + (i,)] = v.start_mark.line + 1
                walk(v, at + (i,))

    if root is not None:
        walk(root, ())
    return out


def style_line(plan, *path) -> Loc:
    """The place of `path` (e.g. "ignore", 2) in style.yaml, or its nearest parent."""
    file = Path(plan.source_dir) / FILE
    try:
        lines = _lines(str(file), file.stat().st_mtime)
    except OSError:
        return Loc(FILE, 0)
    path = tuple(path)
    while path:
        if path in lines:
            return Loc(FILE, lines[path])
        path = path[:-1]
    return Loc(FILE, 1)
