"""Every string planbook itself puts in the booklet besides the plan's own
text: its labels, the fixed marks of values, and the whole booklet view
(和暦, numbers, headings put together). The fonts check (planbook.checks.fonts)
is given them by the runner's caller (planbook.checking), so the check needs
no knowledge of the presentation."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import fields, is_dataclass
from typing import Iterator

from ..model import Plan
from . import labels, values
from .booklet import booklet

# Fields of the booklet view that are never printed.
_UNPRINTED = frozenset({"id", "anchor", "page_anchor", "kind", "lang", "key", "paragraph_ids",
                        "image", "slots"})


def added_text(plan: Plan) -> Iterator[str]:
    """What planbook prints besides the plan's text: its labels, and the
    whole booklet view (和暦, numbers, headings put together)."""
    yield from _label_strings()
    yield from _view_strings(booklet(plan, defaultdict(lambda: (1.0, 1.0))))


def _label_strings() -> list[str]:
    """Every word of planbook.present.labels and the fixed marks of values."""
    found = [v for k, v in vars(labels).items() if not k.startswith("_")]
    found += [values.CIRCLED, values.ARROWS, values.DIRECTION_WORDS]
    return list(_view_strings(found))


def _view_strings(node) -> list[str]:
    """Every printed string of a booklet view (planbook.present.view), in order."""
    out: list[str] = []
    _collect(node, out)
    return out


def _collect(node, out: list[str]) -> None:
    kind = _kind(type(node))
    if kind == "str":
        out.append(node)
    elif kind == "list":
        for value in node:
            _collect(value, out)
    elif kind == "dict":
        for value in node.values():
            _collect(value, out)
    else:                       # a dataclass: its printed fields; () for a number
        for name in kind:
            _collect(getattr(node, name), out)


_KINDS: dict[type, str | tuple[str, ...]] = {}


def _kind(cls: type) -> str | tuple[str, ...]:
    """"str", "list", "dict", or the printed fields of a dataclass of the view."""
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = (
            "str" if issubclass(cls, str) else "list" if issubclass(cls, (tuple, list))
            else "dict" if issubclass(cls, dict)
            else tuple(f.name for f in fields(cls) if f.name not in _UNPRINTED)
            if is_dataclass(cls) else ())
    return kind
