"""What a returned file says, before it is compared with the source.

- `FieldEdit`: one input cell of an Excel form (planbook.intake.excel): the
  field of a 施策 it stands for, the value the form was made with and the
  value that came back.
- `ParagraphEdit`: one paragraph of a Word packet, keyed by the paragraph id
  the proof printed (`411/directions/2/1`, planbook.proofs.ids).
- `Problem`: a value planbook refuses, named by file, sheet and cell (or
  paragraph), with its cause and fix.
- `Comment`: what a department wrote to the planning section (not applied).
"""
from __future__ import annotations

from dataclasses import dataclass

NOBASE = object()     # a paragraph edit that does not say what the text was before


@dataclass(frozen=True)
class Where:
    file: str
    sheet: str = ""
    cell: str = ""
    paragraph: str = ""

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.file} {self.sheet}!{self.cell}" if self.cell else f"{self.file} {self.sheet}"
        if self.paragraph:
            return f"{self.file} 段落 {self.paragraph}"
        return self.file


@dataclass(frozen=True)
class FieldEdit:
    code: str             # the 施策
    path: tuple           # ("directions", 0, "body")
    kind: str             # planbook.forms.fields kinds
    label: str
    new: object           # the returned value, checked (None: left empty)
    base: object          # the value the form was made with
    who: str              # the department
    where: Where


@dataclass(frozen=True)
class ParagraphEdit:
    paragraph_id: str     # as the proof printed it
    new_text: str
    who: str
    where: Where | str
    old_text: object = NOBASE    # the text the packet showed, when known


@dataclass(frozen=True)
class Problem:
    where: Where | str
    message: str          # cause and fix, Japanese

    def format(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Comment:
    code: str
    text: str
    who: str
    where: Where


class Unreadable(Exception):
    """A returned file planbook cannot read at all; the message is Japanese."""
