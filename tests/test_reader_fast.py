"""The loader parses with libyaml (C) and falls back to PyYAML's own parser
on any error. A document the C parser reads must give the very nodes PyYAML's
parser gives (values, styles, places), and it must never read a document
PyYAML refuses: staff would not get the error they should."""

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planbook.load import reader

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = json.loads((ROOT / "tests" / "fixtures" / "yaml_pieces.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(not reader.LIBYAML, reason="PyYAML without libyaml")


def tree(node):
    m = (node.start_mark.line, node.start_mark.column, node.start_mark.index,
         node.end_mark.line, node.end_mark.column, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, m)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, bool(node.flow_style), m, [tree(n) for n in node.value])
    return ("map", node.tag, bool(node.flow_style), m, [(tree(k), tree(v)) for k, v in node.value])


def same_or_refused(text: str) -> bool:
    """What libyaml reads, PyYAML reads the same; what it refuses, and the
    texts the loader keeps from it, go to PyYAML."""
    try:
        fast = reader.compose(text, "t.yaml", parser="libyaml")
    except Exception:  # noqa: BLE001 - the loader asks PyYAML then
        return False
    slow = reader.compose(text, "t.yaml", parser="pyyaml")
    assert (fast is None) == (slow is None)
    if fast is not None:
        assert tree(fast) == tree(slow)
        assert fast.start_mark.buffer[:len(text)] == text
    return True


def test_every_yaml_file_of_the_project_gives_the_same_nodes():
    files = [*ROOT.joinpath("source").rglob("*.yaml"), *ROOT.joinpath("tests").rglob("*.yaml")]
    assert len(files) > 30
    read = [same_or_refused(f.read_text(encoding="utf-8-sig", errors="replace")) for f in files]
    assert sum(read) > len(files) / 2          # most of them by libyaml


def test_marks_carry_the_text_and_plain_style_is_none():
    node = reader.compose("title: 施策\nbody: |\n  本文\n", "t.yaml", parser="libyaml")
    key, value = node.value[0]
    assert value.style is None and node.value[1][1].style == "|"
    assert value.start_mark.buffer[value.start_mark.index:value.end_mark.index] == "施策"


def test_errors_are_pyyaml_s_own():
    text = "title: 施策\n  body: [1, 2\n"
    with pytest.raises(yaml.YAMLError) as slow:
        reader.compose(text, "t.yaml", parser="pyyaml")
    with pytest.raises(yaml.YAMLError) as via_loader:
        reader.compose(text, "t.yaml")
    assert str(via_loader.value) == str(slow.value)


PIECES = SAMPLES["pieces"]


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_libyaml_never_reads_what_pyyaml_reads_otherwise(pieces):
    same_or_refused("".join(pieces))


VALUES = SAMPLES["values"]
LINE = st.tuples(st.sampled_from([0, 0, 1, 2, 2, 3, 4, 6]),
                 st.sampled_from(["title: ", "body: ", "- title: ", "- ", "", "# ", "key: "]),
                 st.sampled_from(VALUES))


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINE, max_size=12), st.sampled_from(["", "\n", "\n\n"]))
def test_libyaml_reads_plan_like_files_as_pyyaml_does(lines, end):
    same_or_refused("\n".join(" " * n + head + value for n, head, value in lines) + end)


@pytest.mark.parametrize("text", ["[a: ]", "{a: }", "[a: , b]", "target: {value: , year: 2035}\n"])
def test_an_empty_value_in_a_flow_is_placed_as_pyyaml_places_it(text):
    """(libyaml puts its empty scalar after the blanks, PyYAML before them:
    such a text goes to PyYAML; found by the test above.)"""
    same_or_refused(text)
