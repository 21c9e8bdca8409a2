"""Prints the list of checks (docs/checks.md), generated from the check modules:
a table (id, title, severity in a draft and with --final / in `print`
(planbook.checks.runner.severity_of), settings with their defaults and
types, from each module's OPTIONS and DEFAULTS) and each check's 合格例 /
不合格例 from its docstring. With --write it writes the list into docs/checks.md
between the `checks:begin` / `checks:end` markers (a test keeps them equal).

    .venv/bin/python scripts/gen_checks_doc.py [--write]
"""
from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planbook.checks import all_checks  # noqa: E402
from planbook.checks.runner import severity_of  # noqa: E402
from planbook.load.schema import Bool, Enum, Int, ListOf  # noqa: E402

DOC = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
BEGIN, END = "<!-- checks:begin (scripts/gen_checks_doc.py --write) -->", "<!-- checks:end -->"

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
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(map(str, v)) + "]"
    return str(v)


def _type(t) -> str:
    """The type of an option, in Japanese."""
    if isinstance(t, Int):
        return f"整数 {t.lo}〜{t.hi}" if t.lo is not None and t.hi is not None else "整数"
    if isinstance(t, Bool):
        return "true か false"
    if isinstance(t, Enum):
        return " か ".join(t.values)
    if isinstance(t, ListOf):
        return "文字列のリスト"
    return t.label


def _options(mod) -> str:
    defaults = getattr(mod, "DEFAULTS", {})
    return "<br>".join(f"`{k}: {_value(defaults.get(k))}`（{_type(t)}）"
                       for k, t in getattr(mod, "OPTIONS", {}).items())


def document() -> str:
    mods = all_checks()
    out = ["| id | 内容 | 重さ（下書き） | 重さ（`--final`・`print`） | 設定できる値（style.yaml、既定値と型） |",
           "| --- | --- | --- | --- | --- |"]
    for mod in mods:
        draft, final = severity_of(mod, False), severity_of(mod, True)
        if final != draft:
            final = f"**{final}**"
        out.append(f"| `{mod.ID}` | {mod.TITLE} | {draft} | {final} | {_options(mod) or '—'} |")
    out += ["", "各チェックの例（合格例は指摘されない書き方、不合格例は指摘される書き方。"
            "`# policies/111.yaml` の行はファイル名、それ以外は施策の文章の例）:"]
    for mod in mods:
        out += ["", f"### `{mod.ID}` {mod.TITLE}"]
        for heading, code in examples(mod.__doc__):
            out += ["", f"{heading}:", "", "```", code, "```"]
    return "\n".join(out) + "\n"


def generated_block(text: str) -> str | None:
    """The generated part of docs/checks.md, between the markers."""
    if BEGIN not in text or END not in text:
        return None
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def write_doc() -> None:
    text = DOC.read_text(encoding="utf-8")
    if generated_block(text) is None:
        sys.exit(f"docs/checks.md に {BEGIN} と {END} の行がありません。")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(f"{head}{BEGIN}\n{document()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_doc()
    else:
        print(document(), end="")
