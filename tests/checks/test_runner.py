"""The runner: severities and limits from style.yaml, silencing with a reason,
settings mistakes stopping the load at their line in style.yaml, and a
crashing check reported."""
import types

from conftest import COMPLETE, SOURCE
from helpers import SENTENCE, SENTENCE_FILE, findings, load_errors, style, write_sentence
from planbook import checks
from planbook.checking import load_plan, run_checks
from planbook.checks.runner import has_errors

COMMA = SENTENCE.replace("、", "，", 1)


def test_good_plan_has_no_findings():
    assert run_checks(load_plan(COMPLETE), final=True) == []


def test_kiyose_draft_has_no_errors_and_final_has():
    plan = load_plan(SOURCE)
    assert not has_errors(run_checks(plan))
    assert has_errors(run_checks(plan, final=True))


def test_severity_from_style_yaml(complete_copy):
    write_sentence(complete_copy, COMMA)
    style(complete_copy, "checks:\n  text-punctuation: {severity: error}\n")
    (f,) = findings(complete_copy, "text-punctuation")
    assert f.severity == "error"
    style(complete_copy, "checks:\n  text-punctuation: {severity: 'off'}\n")
    assert findings(complete_copy, "text-punctuation") == []


def test_silenced_with_a_reason_only(complete_copy):
    write_sentence(complete_copy, COMMA)
    style(complete_copy, f"ignore:\n  - {{check: text-punctuation, file: {SENTENCE_FILE}, "
                         "text: '，', reason: 原文どおり}\n")
    assert run_checks(load_plan(complete_copy)) == []
    style(complete_copy, f"ignore:\n  - {{check: text-punctuation, file: {SENTENCE_FILE}}}\n")
    (f,) = load_errors(complete_copy)                   # no reason, no silence: a load error
    assert (f.file, f.line) == ("style.yaml", 2) and "reason" in f.message


def test_silencing_by_line_and_text_is_precise(complete_copy):
    write_sentence(complete_copy, COMMA)
    style(complete_copy, "ignore:\n  - {check: text-punctuation, line: 8, reason: 別の行}\n"
                         "  - {check: text-punctuation, text: '．', reason: 別の文字}\n")
    assert len(findings(complete_copy, "text-punctuation")) == 1
    stale = findings(complete_copy, "style-config")
    assert [f.line for f in stale] == [2, 3] and all("もうありません" in f.message for f in stale)


def test_settings_mistakes_are_reported_where_they_are(complete_copy):
    style(complete_copy, "checks:\n"
                         "  text-sentense: {max_length: 80}\n"
                         "  text-sentence: {max_lenght: 80, max_commas: 多い}\n"
                         "  fonts: {severity: fatal}\n")
    found = load_errors(complete_copy)
    by_line = {}
    for f in found:
        assert f.file == "style.yaml" and f.code.startswith("load-")
        by_line[f.line] = by_line.get(f.line, "") + f.message
    assert "「text-sentence」のことですか" in by_line[2]
    assert "「max_length」のことですか" in by_line[3]
    assert "「max_commas」には整数を書いてください" in by_line[3]
    assert "fatal" in by_line[4]


def test_a_crashing_check_gives_a_finding_not_a_traceback(monkeypatch):
    def boom(plan, options):
        raise KeyError("oops")
    broken = types.SimpleNamespace(ID="broken", TITLE="壊れたチェック", SEVERITY="error",
                                   FINAL=False, DEFAULTS={}, check=boom)
    real = checks.all_checks()
    monkeypatch.setattr("planbook.checks.runner.all_checks", lambda: real + [broken])
    plan = load_plan(COMPLETE)
    (f,) = run_checks(plan)
    assert f.code == "internal-error" and "broken" in f.message and "KeyError" in f.message
    assert f.severity == "warning"
    assert run_checks(plan, final=True)[0].severity == "error"


def test_every_check_module_follows_the_contract():
    ids = [m.ID for m in checks.all_checks()]
    assert len(ids) == len(set(ids))
    for m in checks.all_checks():
        assert m.SEVERITY in ("error", "warning", "info"), m.ID
        assert "合格例" in m.__doc__ and "不合格例" in m.__doc__, m.ID
        assert isinstance(m.DEFAULTS, dict) and m.TITLE, m.ID
        assert set(m.OPTIONS) == set(m.DEFAULTS), m.ID
        for value in m.DEFAULTS.values():
            assert not isinstance(value, (list, dict, set)), f"{m.ID}: defaults are immutable"
