"""Prints the README's list of checks from the check modules' docstrings.

    .venv/bin/python scripts/gen_checks_doc.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planbook.checks import all_checks  # noqa: E402


def main() -> None:
    print("| id | 内容 | 重さ（既定） | 設定できる値（style.yaml） |")
    print("| --- | --- | --- | --- |")
    for mod in all_checks():
        sev = mod.SEVERITY + ("（--final では error）" if getattr(mod, "FINAL", False) else "")
        opts = ", ".join(f"`{k}`" for k in getattr(mod, "DEFAULTS", {})) or "—"
        print(f"| `{mod.ID}` | {mod.TITLE} | {sev} | {opts} |")


if __name__ == "__main__":
    main()
