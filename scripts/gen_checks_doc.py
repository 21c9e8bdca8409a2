"""Prints the README's list of checks, generated from the check modules:
a table (id, title, default severity, settings with their defaults) and
each check's 合格例 / 不合格例 from its docstring.

    .venv/bin/python scripts/gen_checks_doc.py
"""
from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planbook.checks import all_checks  # noqa: E402

SEVERITY = {"error": "error", "warning": "warning", "info": "info"}


def examples(doc: str) -> list[tuple[str, str]]:
    """(heading, code) for each `合格例 … ::` / `不合格例 … ::` block of a docstring."""
    out = []
    lines = inspect.cleandoc(doc or "").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(合格例|不合格例)\b.*::\s*$", line)
        if not m:
            continue
        block = []
        for nxt in lines[i + 1:]:
            if nxt.strip() and not nxt.startswith(" "):
                break
            block.append(nxt[4:] if nxt.startswith("    ") else nxt.strip())
        out.append((m.group(1), "\n".join(block).strip("\n")))
    return out


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    return str(v)


def main() -> None:
    mods = all_checks()
    print("| id | 内容 | 重さ（既定） | 設定できる値（style.yaml、既定値） |")
    print("| --- | --- | --- | --- |")
    for mod in mods:
        sev = SEVERITY.get(mod.SEVERITY, mod.SEVERITY)
        if getattr(mod, "FINAL", False):
            sev += "（--final では error）"
        opts = "<br>".join(f"`{k}: {_value(v)}`" for k, v in getattr(mod, "DEFAULTS", {}).items())
        print(f"| `{mod.ID}` | {mod.TITLE} | {sev} | {opts or '—'} |")
    print()
    print("各チェックの例（合格例は指摘されない書き方、不合格例は指摘される書き方）:")
    for mod in mods:
        print()
        print(f"#### `{mod.ID}` {mod.TITLE}")
        for heading, code in examples(mod.__doc__):
            print()
            print(f"{heading}:")
            print()
            print("```")
            print(code)
            print("```")


if __name__ == "__main__":
    main()
