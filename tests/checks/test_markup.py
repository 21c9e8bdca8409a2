"""Broken ruby and note markers are errors at their own line and column,
with the way to write them; well-formed markup passes."""
import pytest

from conftest import COMPLETE, SOURCE
from helpers import findings, run_check


def test_good_plans_pass():
    assert findings(COMPLETE, "markup") == []
    assert findings(SOURCE, "markup") == []


@pytest.mark.parametrize("written, words", [
    ("子どもの{確か|たしか な学力", ("閉じられていません", "{確か|たしか}")),
    ("子どもの{確か}な学力", ("読みがありません", "{確か|よみ}")),
    ("子どもの{確か｜たしか}な学力", ("全角", "{確か|たしか}")),
    ("子どもの｛確か｜たしか｝な学力", ("全角", "{確か|たしか}")),
    ("子どもの{|たしか}な学力", ("漢字が空",)),
    ("子どもの確か}な学力", ("「}」に対応する「{」がありません",)),
])
def test_broken_ruby(written, words):
    (f,) = run_check("markup", {"policies/111.yaml": f"future: |\n  {written}を育みます。\n"})
    first = next(i for i, ch in enumerate(written) if ch in "{｛}")
    assert (f.file, f.line, f.column) == ("policies/111.yaml", 2, 3 + first)
    assert f.severity == "error" and "そのまま印刷されます" in f.message
    for w in words:
        assert w in f.message, f.message


NOTES = "notes:\n  kosha: 子育て世帯が気軽に集える場所\n"


@pytest.mark.parametrize("marker, words", [
    ("[ ^kosha]", ("空白が入っています", "[^kosha]")),
    ("[^ kosha]", ("空白が入っています",)),
    ("[^kosha", ("「]」で閉じられていません",)),
    ("［^kosha］", ("全角",)),
    ("[＾kosha]", ("全角",)),
    ("[kosha]", ("「^」がありません", "[^kosha]")),
    ("[ ^kosya]", ("「kosha」のことですか",)),
])
def test_broken_note_marker(marker, words):
    text = f"future: |\n  拠点{marker}を充実させます。\n{NOTES}"
    found = run_check("markup", {"policies/111.yaml": text})
    assert [(f.file, f.line, f.column) for f in found] == [("policies/111.yaml", 2, 5)]
    for w in words:
        assert w in found[0].message, found[0].message


def test_the_second_line_of_a_paragraph():
    text = "future: |\n  一行目です。\n  二行目の{確か|たしか な学力\n"
    (f,) = run_check("markup", {"policies/111.yaml": text})
    assert (f.line, f.column) == (3, 7)
