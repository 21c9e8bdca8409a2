"""Small templates of plan.yaml (`policy_label: "施策 {vision}-{code}"`).

Only the documented `{field}`s are replaced; `{{` and `}}` print a brace.
Nothing else is interpreted: no attribute access, indexing, conversion or
format spec (str.format would print `{code.__class__}` as a Python type).
The loader refuses a template with anything else in braces (`problem`), so
`fill` only ever sees valid ones; given another, it leaves it as written."""
from __future__ import annotations

import re

POLICY_LABEL_FIELDS = ("vision", "goal", "code")

_PART = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def problem(template: str, fields: tuple[str, ...]) -> str | None:
    """What is wrong with `template` (Japanese), or None."""
    names = "・".join("{" + f + "}" for f in fields)
    for m in _PART.finditer(template):
        part = m.group(0)
        if part in ("{{", "}}"):
            continue
        if part in ("{", "}"):
            return (f"「{part}」が対になっていません。使えるのは {names} です"
                    f"（「{part}」そのものを印刷するには「{part * 2}」と書きます）。")
        if m.group(1) not in fields:
            return f"「{part}」は使えません。使えるのは {names} だけです。"
    return None


def fill(template: str, values: dict[str, object]) -> str:
    """`template` with each `{field}` replaced by str(values[field])."""
    def one(m: re.Match) -> str:
        part = m.group(0)
        if part in ("{{", "}}"):
            return part[0]
        name = m.group(1)
        return str(values[name]) if name in values else part
    return _PART.sub(one, template)
