"""Digests of the pieces of the presentation model a chunk is drawn from
(assemble.py): the same in every process, for cache keys."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields, is_dataclass

from .layout import Task


def astuple_tail(task: Task) -> tuple:
    """A task's fields after the view and the chunk."""
    return tuple(getattr(task, f.name) for f in fields(task)[2:])


def canon(value):
    """A value whose repr is the same in every process: sets sorted (a
    set's order follows the string hashes, which differ between runs)."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, canon(getattr(value, f.name)))
                                            for f in fields(value)))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((canon(v) for v in value), key=repr)))
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((canon(k), canon(v)) for k, v in value.items()),
                                     key=repr)))
    if isinstance(value, (list, tuple)):
        return tuple(canon(v) for v in value)
    return value


def digest(value) -> str:
    return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()
