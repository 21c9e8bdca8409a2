"""Changes → new texts of the policy files, checked by planbook's own loader
and checks on a copy of the source before anything is written; then
written all together, or not at all.

This is an explicit source-editing step: it reads and writes source files."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import files
from ..checking import load_plan, run_checks
from ..findings import ERROR, LoadFailed
from ..forms.fields import TEXT
from ..model import Plan
from ..proofs.rounds import ROUNDS
from . import yamledit
from .cells import as_loaded
from .changes import CHANGE, Change
from .edits import Problem


@dataclass
class Edited:
    rel: str                  # policies/411.yaml
    old: str | None           # None: a new file (progress/2028.yaml)
    new: str


def _field_value(doc, c: Change, merged: dict):
    """The value to write: the returned value, or for a paragraph, the text
    with that paragraph (and the others changed in the same field) replaced."""
    if c.paragraph is None or c.kind != TEXT:
        return c.new
    key = (c.code, c.path)
    if key not in merged:
        current = yamledit.get_value(doc, c.path)
        merged[key] = (as_loaded(str(current)) if current else "").split("\n\n")
    paras = merged[key]
    while len(paras) <= c.paragraph:
        paras.append("")
    paras[c.paragraph] = c.new or ""
    return "\n\n".join(p for p in paras if p) or None


def load_doc(plan: Plan, rel: str, problems: list[Problem], new_file: str | None = None):
    """(its text, the document, the YAML that writes it back) of a source
    file to edit; None, with a problem, when it cannot be edited safely.
    `new_file`: the text to start from for a file not there yet (its text is None)."""
    try:
        old = None if new_file is not None else \
            files.read_bytes(plan.source_dir, rel, files.YAML_LIMIT).decode("utf-8")
        doc, y = yamledit.load(old if old is not None else new_file, rel)
    except (files.FileProblem, UnicodeDecodeError) as e:
        problems.append(Problem(rel, f"読めません（{getattr(e, 'message', 'UTF-8 ではありません')}）。"))
        return None
    except yamledit.EditError as e:
        problems.append(Problem(rel, str(e)))
        return None
    return old, doc, y


def edit_texts(plan: Plan, changes: list[Change]) -> tuple[list[Edited], list[Problem], dict]:
    """The new text of every policy file a change touches; problems for the
    files that cannot be edited; where each change's key is in the new text."""
    by_code = {p.code: p for p in plan.policies}
    todo: dict[str, list[Change]] = {}
    for c in changes:
        if c.status == CHANGE:
            todo.setdefault(c.code, []).append(c)
    out, problems, lines = [], [], {}
    for code, group in todo.items():
        rel = by_code[code].loc.file
        opened = load_doc(plan, rel, problems)
        if opened is None:
            continue
        old, doc, y = opened
        merged: dict = {}
        for c in group:
            yamledit.set_value(doc, c.path, c.kind, _field_value(doc, c, merged))
        new = yamledit.dump(y, doc, old)
        again, _ = yamledit.load(new, rel) if new != old else (doc, y)
        for c in group:
            lines[id(c)] = (rel, yamledit.key_line(again, c.path))
        if new != old:
            out.append(Edited(rel, old, new))
    return out, problems, lines


def _link_or_copy(src, dst) -> None:
    """A hard link where the disk allows it (images can be large), else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _copy(source: Path, into: Path) -> Path:
    dest = into / "source"
    shutil.copytree(source, dest, ignore=lambda d, names: [n for n in names if
                                                           Path(d) == source and n in (ROUNDS, ".git")],
                    symlinks=True, copy_function=_link_or_copy)
    return dest


def _blame(f, changes: list[Change], lines: dict) -> str:
    """The cells (or paragraphs) a finding at file:line most likely comes from."""
    best = None
    for c in changes:
        rel, line = lines.get(id(c), (None, None))
        if rel == f.file and line is not None and line <= max(f.line, 1):
            if best is None or line > lines[id(best)][1]:
                best = c
    if best is None:
        best = next((c for c in changes if lines.get(id(c), (None,))[0] == f.file), None)
    return "、".join(str(w) for w in best.where) if best else f.file


def verify(plan: Plan, edited: list[Edited], changes: list[Change], lines: dict) -> list[Problem]:
    """Load and check a copy of the source with the new texts: every load
    error, and every check error the source did not have before, named by
    the cell it most likely comes from."""
    if not edited:
        return []
    with tempfile.TemporaryDirectory(prefix="planbook-intake-") as tmp:
        copy = _copy(Path(plan.source_dir), Path(tmp))
        for e in edited:
            (copy / e.rel).unlink(missing_ok=True)    # a hard link to the source's file: never write through it
            (copy / e.rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / e.rel).write_text(e.new, encoding="utf-8")
        try:
            new_plan = load_plan(copy)
        except LoadFailed as err:
            return [Problem(_blame(f, changes, lines), f"{f.message}（{f.where()} に書いた場合）")
                    for f in err.findings]
        before = {(f.code, f.file, f.message) for f in run_checks(plan) if f.severity == ERROR}
        return [Problem(_blame(f, changes, lines), f"{f.message}（チェック {f.code}）")
                for f in run_checks(new_plan)
                if f.severity == ERROR and (f.code, f.file, f.message) not in before]


def write(source: Path, edited: list[Edited]) -> None:
    """Every new text in place, or none: each written beside its file and
    renamed over it; a failure puts back the ones already replaced."""
    done: list[Edited] = []
    try:
        for e in edited:
            target = Path(source) / e.rel
            target.parent.mkdir(exist_ok=True)
            tmp = target.with_name(f".{target.name}.planbook-intake")
            tmp.write_text(e.new, encoding="utf-8")
            try:
                if e.old is not None:
                    shutil.copymode(target, tmp)
            except OSError:
                pass
            os.replace(tmp, target)
            done.append(e)
    except BaseException:
        for e in done:
            if e.old is None:
                (Path(source) / e.rel).unlink(missing_ok=True)
            else:
                (Path(source) / e.rel).write_text(e.old, encoding="utf-8")
        raise
