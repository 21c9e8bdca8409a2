"""「…のことですか？」: the name staff most likely meant, for key names,
file names, check ids, codes and slot names.

A name that differs only in case, in full-width/half-width letters, or in
how an image's extension is written (`Vision-2.PNG`, `vision-2.jpeg` for
`vision-2.jpg`) is found first; then two swapped characters (`14` for
`41`); then the closest spelling (difflib).
"""
from __future__ import annotations

import difflib
import os
import unicodedata
from pathlib import PurePosixPath
from typing import Iterable

from . import files

_SAME_EXT = {".jpeg": ".jpg", ".yml": ".yaml", ".tif": ".tiff"}


def _norm(name: str) -> str:
    """A name as compared: NFKC (full-width → half-width), lower case,
    spaces dropped, extension spelled one way."""
    n = unicodedata.normalize("NFKC", name).strip().casefold().replace(" ", "")
    p = PurePosixPath(n)
    if p.suffix in _SAME_EXT:
        n = str(p.with_suffix(_SAME_EXT[p.suffix]))
    return n


def _swapped(a: str, b: str) -> bool:
    """`b` is `a` with two neighbouring characters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice `word` most likely stands for, or None."""
    choices = [c for c in dict.fromkeys(choices) if c != word]
    if not word or not choices:
        return None
    key = _norm(word)
    same = [c for c in choices if _norm(c) == key]
    if same:
        return same[0]
    swapped = [c for c in choices if _swapped(key, _norm(c))]
    if swapped:
        return swapped[0]
    normed = {_norm(c): c for c in choices}
    near = difflib.get_close_matches(key, list(normed), n=1, cutoff=cutoff)
    return normed[near[0]] if near else None


def hint(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """「X」のことですか？, or "" when nothing is close."""
    c = closest(word, choices, cutoff)
    return f"「{c}」のことですか？" if c else ""


def file_hint(root, rel: str) -> str:
    """「artwork/vision-2.png」のことですか？ for a path `rel` that is not in the
    folder `root`: each part of the path that does not exist is matched
    against the names in its folder (hidden files left out). Only names are
    listed, inside `root`; nothing is read."""
    parts = PurePosixPath(str(rel).replace("\\", "/")).parts
    found: list[str] = []
    changed = False
    for part in parts:
        here = "/".join(found) or "."
        try:
            folder = files.folder_in(root, here)
            names = [n for n in os.listdir(folder) if not files.is_hidden(n)] if folder else []
        except (files.FileProblem, OSError, ValueError):
            return ""
        if part in names:
            found.append(part)
            continue
        near = closest(part, names)
        if near is None:
            return ""
        found.append(near)
        changed = True
    return f"「{'/'.join(found)}」のことですか？" if changed else ""
