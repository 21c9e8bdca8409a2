"""A finding: one thing a check or the loader has to say about one place."""
from __future__ import annotations

from dataclasses import dataclass

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

    def where(self) -> str:
        if not self.file:
            return "(全体)"
        return f"{self.file}:{self.line}" if self.line else self.file

    def format(self) -> str:
        return f"{self.where()}: {self.severity}[{self.code}]: {self.message}"

    def as_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "file": self.file,
                "line": self.line, "message": self.message}


class LoadFailed(Exception):
    """The source could not be read; carries every problem found."""

    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} problem(s)")
        self.findings = findings
