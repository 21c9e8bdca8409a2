"""style.yaml is a source file like the others: validated at load against the
check modules' declared options, every mistake a load error (exit 2) with
its line in style.yaml; the plan holds a typed, immutable Style."""
import dataclasses
import time

import pytest

from conftest import COMPLETE
from planbook.checking import load_plan, run_checks
from planbook.cli import main
from planbook.findings import LoadFailed

SENTENCE = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"


def _style(source, text: str) -> None:
    (source / "style.yaml").write_text(text, encoding="utf-8")


def _sentence(source, new: str) -> None:
    path = source / "policies/111.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(SENTENCE, new, 1), encoding="utf-8")


def _load_errors(source):
    with pytest.raises(LoadFailed) as e:
        load_plan(source)
    return e.value.findings


MISTAKES = [
    # (style.yaml, line, code, words of the message)
    ("checks:\n  text-sentense: {max_length: 80}\n", 2, "load-unknown-check",
     ["text-sentense", "「text-sentence」のことですか？"]),
    ("checks:\n  text-sentence:\n    max_length: 80\n    max_comas: 3\n", 4, "load-unknown-key",
     ["max_comas", "「max_commas」のことですか？"]),
    ("checks: {}\ndictionay:\n  - {expected: 子ども, patterns: 子供}\n", 2, "load-unknown-key",
     ["dictionay", "「dictionary」のことですか？"]),
    ("ignore:\n  - check: text-doubled\n    file: policies/111.yaml\n", 2, "load-ignore",
     ["reason"]),
    ("ignore:\n  - {check: fonts, reason: 旧字のまま, file: policies/999.yaml}\n", 2, "load-ignore",
     ["policies/999.yaml", "ありません"]),
    ("ignore:\n  - {check: fonts, reason: 旧字のまま, file: ../plan.yaml}\n", 2, "load-path-outside",
     ["../plan.yaml", "source"]),
    ("ignore:\n  - {check: text-dubled, reason: 原文どおり}\n", 2, "load-unknown-check",
     ["「text-doubled」のことですか？"]),
    ("checks:\n  fonts: {severity: fatal}\n", 2, "load-type",
     ["severity", "fatal", "「error」「warning」「info」「off」のどれか"]),
    ('checks:\n  artwork-resolution:\n    min_dpi: "高"\n', 3, "load-type", ["「min_dpi」には整数", "高"]),
    ("checks:\n  text-sentence: {max_length: abc}\n", 2, "load-type", ["「max_length」には整数", "abc"]),
    ("checks:\n  text-sentence: {max_length: 0}\n", 2, "load-range", ["max_length", "範囲外"]),
    ("checks:\n  text-dictionary: {builtin: はい}\n", 2, "load-type", ["builtin", "true か false"]),
    ("checks: [1, 2]\n", 1, "load-type", ["「checks」には項目の組", "リスト"]),
    ("- checks\n", 1, "load-type", ["style.yaml", "項目の組"]),
    ("dictionary:\n  - expected: 取組\n    patterns: [取り組み, '取り組み(']\n", 3, "load-regex",
     ["取り組み(", "正規表現として読めません", "「)」で閉じられていません"]),
    ("dictionary:\n  - expected: 子ども\n    patterns: 子供\n    specs:\n"
     "      - {from: 子供会, to: 子供会}\n", 5, "load-dictionary-spec",
     ["specs が合いません", "子ども会"]),
    ("dictionary:\n  - expected: 子ども\n", 2, "load-missing-key", ["patterns"]),
    ("diff:\n  order: left-right\n", 2, "load-type", ["order", "old-new"]),
]


@pytest.mark.parametrize("text,line,code,words", MISTAKES, ids=[m[2] + ":" + m[3][0] for m in MISTAKES])
def test_style_mistakes_are_load_errors_at_their_line(complete_copy, text, line, code, words):
    _style(complete_copy, text)
    (f,) = _load_errors(complete_copy)
    assert (f.file, f.line, f.code) == ("style.yaml", line, code), f.format()
    for w in words:
        assert w in f.message, f.message


@pytest.mark.parametrize("text,line", [(m[0], m[1]) for m in MISTAKES[:11]])
def test_cli_check_stops_with_exit_2(complete_copy, capsys, text, line):
    _style(complete_copy, text)
    assert main(["check", str(complete_copy)]) == 2
    out, err = capsys.readouterr()
    assert f"style.yaml:{line}: error[load-" in out
    assert "読み込めませんでした" in err and "Traceback" not in out + err


def test_all_mistakes_are_reported_at_once(complete_copy):
    _style(complete_copy, "checks:\n  text-sentense: {}\n  fonts: {severity: fatal}\n"
                          "ignore:\n  - {check: fonts}\n")
    assert [f.line for f in _load_errors(complete_copy)] == [2, 3, 5]


def test_the_plan_holds_a_typed_immutable_style(complete_copy):
    _style(complete_copy, "checks:\n  text-sentence: {max_length: 100}\n"
                          "  text-punctuation: {severity: off}\n"
                          "  text-doubled: {allow: ますます}\n"
                          "dictionary:\n  - {expected: 子ども, patterns: 子供, note: 市の表記}\n"
                          "ignore:\n  - {check: fonts, file: policies/111.yaml, line: 7, reason: 旧字}\n"
                          "diff: {order: new-old}\n")
    style = load_plan(complete_copy).style
    conf = style.checks["text-sentence"]
    assert conf.options == {"max_length": 100, "max_commas": 5} and conf.loc.line == 2
    assert style.checks["text-punctuation"].severity == "off"        # YAML's off, not False
    assert style.checks["text-doubled"].options["allow"] == ("ますます",)
    assert style.checks["fonts"].severity == "error"                  # the check's default
    (rule,) = style.dictionary
    assert (rule.expected, rule.note, rule.loc.line) == ("子ども", "市の表記", 6)
    assert [p.source for p in rule.patterns] == ["子供"]
    (ig,) = style.ignore
    assert (ig.check, ig.file, ig.line, ig.loc.line) == ("fonts", "policies/111.yaml", 7, 8)
    assert (style.diff.order, style.diff.unchanged) == ("new-old", "omit")
    with pytest.raises(dataclasses.FrozenInstanceError):
        conf.severity = "error"
    with pytest.raises(TypeError):
        conf.options["max_length"] = 1


def test_no_style_yaml_means_every_check_with_its_defaults():
    style = load_plan(COMPLETE).style
    assert style.checks["text-sentence"].options == {"max_length": 120, "max_commas": 5}
    assert style.dictionary == () and style.ignore == ()
    assert (style.diff.order, style.diff.unchanged) == ("old-new", "omit")


def test_prh_style_patterns_and_backreferences(complete_copy):
    _style(complete_copy, "dictionary:\n"
                          "  - {expected: ウェブ, patterns: '/ウエブ/i'}\n"
                          "  - expected: $1ども\n    patterns: '(子|小)供'\n"
                          "    specs: [{from: 子供会, to: 子ども会}]\n")
    _sentence(complete_copy, "ウエブで子供の相談を受けます。")
    messages = [f.message for f in run_checks(load_plan(complete_copy)) if f.code == "text-dictionary"]
    assert any("「ウエブ」は「ウェブ」" in m for m in messages)
    assert any("「子供」は「子ども」" in m for m in messages)


def test_a_catastrophic_pattern_cannot_hang_the_check(complete_copy):
    _style(complete_copy, "dictionary:\n"
                          "  - {expected: b, patterns: ['(a+)+$']}\n"
                          "  - {expected: b, patterns: ['(a|aa)+$']}\n")
    _sentence(complete_copy, "a" * 60 + "b")
    plan = load_plan(complete_copy)
    start = time.monotonic()
    found = [f for f in run_checks(plan) if f.code == "text-dictionary"]
    assert time.monotonic() - start < 5
    # (a+)+$ finishes (no match in that line); (a|aa)+$ runs out of time there
    assert not [f for f in found if f.file == "policies/111.yaml"]
    (f,) = [f for f in found if f.file == "style.yaml"]
    assert (f.file, f.line) == ("style.yaml", 3)
    assert "(a|aa)+$" in f.message and "照合が時間内に終わりませんでした" in f.message


def test_a_stale_ignore_entry_is_reported_at_its_line(complete_copy):
    _style(complete_copy, "# 表記の例外\nignore:\n\n  - check: text-punctuation\n    reason: 直したはず\n")
    (f,) = [f for f in run_checks(load_plan(complete_copy)) if f.code == "style-config"]
    assert (f.file, f.line, f.severity) == ("style.yaml", 4, "warning")
    assert "もうありません" in f.message


def test_an_older_version_in_a_comparison_is_loaded_without_its_style(complete_copy):
    _style(complete_copy, "checks:\n  a-check-since-renamed: {severity: 'off'}\n")
    _load_errors(complete_copy)
    plan = load_plan(complete_copy, with_style=False)
    assert plan.style.checks["text-sentence"].options["max_length"] == 120
