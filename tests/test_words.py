"""Words decided once (issue 20, item 5): every word a reader sees that more
than one output or renderer prints — the change kinds, the 新旧対照表's legend,
which pages carry no folio — is defined in planbook/present/ and taken from
there. These tests fail when a renderer spells one of them again."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from planbook import paths
from planbook.diff.result import KINDS, REMOVED
from planbook.present import labels as L

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "planbook"
PRESENT = PACKAGE / "present"

KIND_WORDS = set(L.PROOF_KIND_WORDS.values()) | set(L.DIFF_KIND_WORDS.values())
# The marks built from the kind words, and pieces of the 新旧対照表's legend.
MARKS = (L.PROOF_REMOVED, L.DIFF_ADDED, L.DIFF_REMOVED, L.DIFF_RYAKU, L.moved_from(""),
         *L.DIFF_PARAGRAPH_NOTES.values())
LEGEND = tuple(re.split(r"[、。]", L.diff_legend(False)[1])[:3]) + ("は変更した箇所",)


# The command line's help may name a mark (「（略）」) in a sentence of its own.
COMMAND_LINE = {PACKAGE / "cli.py"}


def _renderer_modules() -> list[Path]:
    """Every module but present/'s: the renderers and what feeds them."""
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if not p.is_relative_to(PRESENT) and p not in COMMAND_LINE]


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def _templates() -> list[tuple[Path, str]]:
    out = []
    for p in sorted(paths.LAYOUTS.rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", p.read_text(encoding="utf-8"), flags=re.S)
        out.append((p, re.sub(r"<!--.*?-->", "", text, flags=re.S)))
    return out


def test_one_word_per_kind_and_use():
    assert set(L.PROOF_KIND_WORDS) == set(KINDS) == set(L.DIFF_KIND_WORDS)
    # the 新旧対照表 says 削る where a proof says 削除; every other word is the same
    differ = {k for k in KINDS if L.PROOF_KIND_WORDS[k] != L.DIFF_KIND_WORDS[k]}
    assert differ == {REMOVED}
    assert (L.PROOF_KIND_WORDS[REMOVED], L.DIFF_KIND_WORDS[REMOVED]) == ("削除", "削る")


def test_no_renderer_module_spells_a_change_kind_or_the_legend():
    found = []
    for path in _renderer_modules():
        for line, s in _strings(path):
            if s in KIND_WORDS or any(m in s for m in MARKS + LEGEND):
                found.append(f"{path.relative_to(ROOT)}:{line}: {s!r}")
    assert not found, "words to take from planbook.present.labels:\n" + "\n".join(found)


def test_no_template_spells_a_change_mark_or_the_legend():
    found = [f"{p.relative_to(ROOT)}: {m!r}" for p, text in _templates()
             for m in MARKS + LEGEND if m in text]
    assert not found, "words to take from planbook.present.labels:\n" + "\n".join(found)


def test_the_renderers_print_the_words_of_present():
    from planbook.diff.view import Document, Summary
    from planbook.proofs import sheet
    doc = Document("t", (), ("旧", "新"), (), Summary("合計", 0, 0, 0), 0, unchanged="ryaku")
    assert doc.legend == L.diff_legend(True)
    assert doc.kind_labels == tuple(L.DIFF_KIND_WORDS[k] for k in doc.kinds)
    assert sheet.KIND_WORDS == {k: L.PROOF_KIND_WORDS[k] for k in KINDS}
    assert list(sheet.KIND_WORDS) == list(KINDS)


def test_which_pages_carry_no_folio_is_decided_once():
    from planbook.proofs import sheet
    from planbook.serve import render
    n = len(L.UNNUMBERED_PAGES)
    assert L.FIRST_NUMBERED_PAGE == n + 1
    for page in range(1, 12):
        number = L.folio_number(page)
        assert render.folio(page) == (None if number is None else str(number))
        assert sheet.folio(page) == (L.UNNUMBERED_PAGES[page - 1] if number is None
                                     else f"p.{number}")
    # No renderer names the unnumbered pages or counts them itself.
    for path in _renderer_modules():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(FIRST_FOLIO|UNNUMBERED)\w*\s*=", text, re.M), path
        assert all(s != L.UNNUMBERED_PAGES[1] for _, s in _strings(path)), path
    # booklet.css counts the pages so that the page after them is 1 (the
    # counter's value on the first page is the reset value).
    css = (paths.LAYOUTS / "booklet" / "booklet.css").read_text(encoding="utf-8")
    resets = re.findall(r"@page :first \{ counter-reset: page (-?\d+); \}", css)
    assert resets == [str(1 - n)]
