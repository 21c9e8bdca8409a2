r"""Control characters in any text or setting of the plan: an escape
sequence (ESC, U+001B, written `\e` or `\x1b` inside double quotes) can
recolour or clear the terminal that shows a message, and such characters
print as nothing or as a box. YAML refuses them typed directly into a file;
this check finds those written as escapes. Messages show them as
〔U+001B〕 whatever this check's severity (planbook.terminal).

合格例 (pass)::

    # policies/111.yaml
    title: "相談支援体制の充実"

不合格例 (fail)::

    # policies/111.yaml
    title: "相談支援体制の\e[31m充実"    # \e（ESC）: 端末の色を変える制御文字
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from functools import lru_cache

from ..model import Node, Paragraph
from ..terminal import CONTROL, shown
from . import Hit
from ._text import excerpt

ID = "control-characters"
TITLE = "制御文字（端末や画面の表示を乱す見えない文字）"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

_CONTROL = re.compile(f"[{CONTROL}]")


def _strings(value):
    """(text, where) of every string of the model, in order: `where(offset)`
    is the source place of a character of `text`."""
    stack = [(value, None, "")]
    while stack:
        value, owner, name = stack.pop()
        if isinstance(value, Paragraph):
            yield value.text, value.place
        elif isinstance(value, str):
            if isinstance(owner, Node):
                yield value, lambda i, o=owner, n=name: o.place_of(n, i)
        elif isinstance(value, Node):
            stack.extend((getattr(value, n), value, n) for n in reversed(_fields(type(value))))
        elif isinstance(value, (tuple, list)):
            stack.extend((item, owner, name) for item in reversed(value))
        elif isinstance(value, Mapping):
            stack.extend((item, owner, name) for item in reversed(list(value.values())))


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("loc", "locs"))


def check(plan, options):
    parts = (plan.info, plan.concept, plan.policies, plan.artwork, plan.style)
    for text, where in _strings(parts):
        for m in _CONTROL.finditer(text):
            code = shown(m.group(0))
            yield Hit(f"制御文字{code}があります。端末や画面の表示を乱すため使えません。消してください"
                      "（引用符の中の \\e、\\x1b、\\u001b などの書き方も制御文字になります）。",
                      where(m.start()), key=code.strip("〔〕"),
                      **excerpt(text, m.start(), m.end(), show=code))
