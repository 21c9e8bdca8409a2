"""Output builders, one small class per output format (in the spirit of Sphinx).

The pipeline names no format: it asks this registry for the builders the user
chose by name (`--format pdf,docx`) and hands each the model.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..model import Plan

# format name -> "module:Class"; imported only when used.
REGISTRY: dict[str, str] = {
    "pdf": "planbook.builders.pdf:PdfBuilder",
    "docx": "planbook.builders.docx:DocxBuilder",
}
DEFAULT_FORMATS = ("pdf", "docx")


@dataclass
class Output:
    """A file a builder wrote into the staging folder."""
    kind: str                   # manifest kind: booklet, docx, check-report, …
    path: Path                  # inside the staging folder
    pages: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class BuildContext:
    """What every builder may use besides the model."""
    plan: Plan
    findings: list[Finding]
    final: bool = False
    layouts: Path = Path()
    fonts: Path = Path()
    marks: dict = field(default_factory=dict)   # proofs: paragraph id -> changed ranges


class Builder:
    name = ""                   # the format name users type
    kind = ""                   # the manifest kind of its main output

    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self.plan = ctx.plan

    def build(self, outdir: Path) -> list[Output]:
        raise NotImplementedError


def available() -> list[str]:
    return [name for name in REGISTRY if _importable(name)]


def _importable(name: str) -> bool:
    module = REGISTRY[name].split(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def get(name: str) -> type[Builder]:
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)
