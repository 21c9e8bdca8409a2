"""Staff mistakes (tests/mistakes.py), each made in the Kiyose source and in
the complete test plan: `planbook check` answers with the exit code of the
table, a message at the file and line where the mistake is, naming the
cause and the fix; `build` gives the same exit code (no PDF is rendered: a
build with errors writes only the check report); no internal error."""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import COMPLETE, ROOT, SOURCE
from mistakes import COMMON, HABITS, MISTAKES, PLANS, Mistake, fill
from planbook.cli import main
from planbook.checking import load_plan

BASES = {"kiyose": SOURCE, "complete": COMPLETE}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def make(case: Mistake, base: str, src: Path) -> dict:
    """The plan `base` copied to `src` with the mistake made; its tokens."""
    shutil.copytree(BASES[base], src)
    tokens = dict(PLANS[base], _file=fill(case.file, PLANS[base]))
    path = src / tokens["_file"]
    if callable(case.old):
        case.old(src, tokens)
    elif case.old is None:
        path.write_text(fill(case.new, tokens), encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        changed, n = re.subn(fill(case.old, tokens, escape=True), fill(case.new, tokens), text,
                             count=1, flags=re.M)
        assert n == 1, f"{case.id}: {case.old!r} not in {tokens['_file']}"
        path.write_text(changed, encoding="utf-8")
    return tokens


def expected_line(case: Mistake, src: Path, where: str, tokens: dict) -> int:
    if case.at is None:
        return 0
    needle, nth = (case.at, 0) if isinstance(case.at, str) else case.at
    needle = fill(needle, tokens)
    lines = [n for n, line in enumerate((src / where).read_text(encoding="utf-8").splitlines(), 1)
             if needle in line]
    assert lines, f"{case.id}: {needle!r} not in {where}"
    return lines[nth]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("case", MISTAKES, ids=lambda c: c.id)
def test_mistake(case: Mistake, base: str, tmp_path):
    src = tmp_path / "source"
    tokens = make(case, base, src)
    code, out, err = run("check", str(src), "--format", "json")
    assert code == case.code, err + out
    assert "Traceback" not in err and "内部エラー" not in err + out
    found = json.loads(out)["findings"]
    words = [fill(w, tokens) for w in case.words]
    if words:
        where = fill(case.where or case.file, tokens)
        line = expected_line(case, src, where, tokens)
        hits = [f for f in found if f["file"] == where and f["line"] == line
                and all(w in f["message"] for w in words)
                and f["code"] == (case.finding or f["code"])]
        assert hits, (f"{case.id}: no message at {where}:{line} with {words}:\n"
                      + "\n".join(f"{f['file']}:{f['line']}: {f['message']}" for f in found))
        if case.code == 2:
            # a file planbook cannot read is one message, not a cascade
            errors = [f for f in found if f["severity"] == "error"]
            assert errors == hits[:1], "\n".join(f"{f['file']}:{f['line']}: {f['message']}"
                                                  for f in errors)
    if case.holds is not None:
        assert case.holds(load_plan(src), tokens), case.id
    if case.code:
        # what check refuses, build refuses alike (and renders nothing)
        code, out, err = run("build", str(src), "-o", str(tmp_path / "out"))
        assert code == case.code, err
        assert not list((tmp_path / "out").glob("*.pdf"))


def test_table():
    ids = [c.id for c in MISTAKES]
    assert len(ids) == len(set(ids)) and len(ids) >= 40
    files = {c.file.split("/")[0].replace("{P}", "policies").replace("{Q}", "policies") for c in MISTAKES}
    assert {"plan.yaml", "concept.yaml", "policies", "artwork.yaml", "style.yaml"} <= files
    assert set(COMMON) <= set(ids) and len(COMMON) == 10


def _quoted(heading: str, ids: list[str]) -> None:
    """The list under `heading` of docs/mistakes.md is `ids`, in order, each
    item quoting the words its message must hold in the Kiyose source."""
    page = (ROOT / "docs" / "mistakes.md").read_text(encoding="utf-8")
    section = page.split(heading, 1)[1].split("\n## ", 1)[0]
    items = re.split(r"<!-- ([\w-]+) -->", section)[1:]
    assert items[::2] == ids
    for case_id, text in zip(items[::2], items[1::2]):
        case = next(c for c in MISTAKES if c.id == case_id)
        for word in case.words:
            assert fill(word, PLANS["kiyose"]) in text, (case_id, word)


def test_docs_troubleshooting_is_written_from_the_table():
    """Each of the ten common mistakes is in 「よくある間違い」 (docs/mistakes.md)."""
    _quoted("# よくある間違い\n", COMMON)


def test_docs_habits_are_written_from_the_table():
    """Its second list, the staff habits (HABITS)."""
    _quoted("\n## Word・Excel の癖", HABITS)
