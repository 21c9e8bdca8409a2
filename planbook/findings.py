"""A finding: one thing a check or the loader has to say about one place."""
from __future__ import annotations

from dataclasses import dataclass

from .terminal import neutral

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    file: str = ""
    line: int = 0
    severity: str = ERROR
    unit: str = ""        # the 施策 / 基本目標 it concerns, for grouping reports
    column: int = 0       # 1-based, in characters, when the place is inside a text
    excerpt: str = ""     # the text around the place, as printed
    span: tuple[int, int] | None = None   # the offending part of `excerpt`

    def where(self) -> str:
        if not self.file:
            return "(全体)"
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def marked(self) -> tuple[str, str, str]:
        """The excerpt split around the offending part (before, part, after)."""
        a, b = self.span or (len(self.excerpt), len(self.excerpt))
        return self.excerpt[:a], self.excerpt[a:b], self.excerpt[b:]

    def format(self) -> str:
        """One line, whatever the file name or message holds (planbook.terminal)."""
        return neutral(f"{self.where()}: {self.severity}[{self.code}]: {self.message}", one_line=True)

    def as_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "file": self.file,
                "line": self.line, "column": self.column, "message": self.message,
                "excerpt": self.excerpt, "span": list(self.span) if self.span else None}


class LoadFailed(Exception):
    """The source could not be read; carries every problem found."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} problem(s)")
        self.findings = findings
