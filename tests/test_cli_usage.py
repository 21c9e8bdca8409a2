"""The command line in one language (issue 15): help, usage errors and
argument errors in Japanese, exit code 2 for every usage error, the plan
folder given the same way to every command, and draft/final severities as
the user meets them."""
import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import COMPLETE, ROOT
from planbook import argparse_ja, pipeline
from planbook.cli import COMMANDS, main, make_parser

# argparse's own English, which must never reach the user
ENGLISH = re.compile(r"usage|options|positional|arguments?\b|invalid|required|error:|expected|"
                     r"choose from|unrecognized|ambiguous|show this help|not allowed", re.I)


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as e:             # argparse: --help, usage errors
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_japanese_with_examples(command, capsys):
    code, out, err = run(capsys, *([command] if command else []), "--help")
    assert code == 0 and err == ""
    assert out.startswith(f"使い方: planbook{' ' + command if command else ''} ")
    assert "オプション:" in out and "この説明を表示して終わる" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)
    examples = out.split("\n例:\n", 1)[1]
    assert re.search(rf"^  planbook {command or ''}", examples, re.M)
    usage = out.split("\n\n")[0]
    if command == "preflight":           # checks one PDF file, not a plan folder
        assert usage.rstrip().endswith(" FILE") and "検査する PDF ファイル" in out
    elif command:                        # every command takes the folder first, as SOURCE
        assert "[SOURCE]" in usage and "計画のフォルダ（既定: source）" in out


def test_help_lines_fit_the_terminal(capsys, monkeypatch):
    """Japanese help wrapped by display width (a kanji takes two columns)."""
    monkeypatch.setenv("COLUMNS", "80")
    for command in COMMANDS:
        _, out, _ = run(capsys, command, "--help")
        body = out.split("\n例:\n")[0].split("\n\n", 1)[1]      # below the usage
        for line in body.splitlines():
            assert argparse_ja.width(line) <= 80, line


USAGE_ERRORS = [
    (["proof", "--round", "初校x"], ["--round", "校正の回「初校x」", "1 以上の数", "「初校」「再校」「三校」"]),
    (["proof"], ["次の引数が必要です", "--round"]),
    (["proof", "--round", "1", "--date", "来週"], ["日付「来週」", "YYYY-MM-DD"]),
    (["biuld"], ["「biuld」は選べません", "「build」のことですか？"]),
    (["build", "--finall"], ["知らない引数があります: --finall", "「--final」のことですか？"]),
    (["build", "source", "extra"], ["知らない引数があります: extra"]),
    (["build", "--f"], ["「--f」だけでは、どのオプションか決められません", "--final", "--format"]),
    (["build", "-o"], ["-o/--out: 値を一つ書いてください"]),
    (["build", "--format", "xls"], ["形式「xls」は作れません", "pdf, docx"]),
    (["build", "--final=yes"], ["このオプションは値をとりません"]),
    (["check", "--format", "xml"], ["「xml」は選べません", "text, json, html"]),
    (["print", "--binding", "sadle"], ["「sadle」は選べません", "「saddle」のことですか？"]),
    (["diff"], ["比べる旧版を --old で指定してください", "round:1"]),
    (["diff", "計画"], ["--old", "「計画」は計画のフォルダとして読みました"]),
    (["diff", "a", "--old", "round:1", "--source", "b"], ["計画のフォルダが二つあります"]),
    (["diff", "round:1", "round:2", "round:3"], ["比べる版が多すぎます"]),
]


@pytest.mark.parametrize("args,words", USAGE_ERRORS, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_usage_errors_are_japanese_and_exit_2(args, words, capsys, tmp_path):
    code, out, err = run(capsys, *args, *(["-o", tmp_path / "out"] if args[0] in COMMANDS else []))
    assert code == 2, err
    lines = err.splitlines()
    assert lines[0].startswith("使い方: planbook")
    reason = next(ln for ln in lines if "使い方に誤りがあります: " in ln)
    for word in words:
        assert word in reason, reason
    assert "何も書き出していません" in err and "--help」を見てください" in err
    assert not ENGLISH.search(err), ENGLISH.search(err)
    assert "Traceback" not in err and out == ""
    assert not (tmp_path / "out").exists()


def test_no_command_shows_the_help_and_exits_2(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert err.startswith("使い方: planbook") and "build" in err and not ENGLISH.search(err)


def test_the_command_line_process_exits_2_without_a_traceback():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "planbook", "proof", "--round", "初校x"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 2
    assert "校正の回「初校x」は 1 以上の数で書いてください" in r.stderr
    assert "Traceback" not in r.stderr and not ENGLISH.search(r.stderr)


@pytest.mark.parametrize("written,number", [("1", 1), ("初校", 1), ("再校", 2), ("三校", 3),
                                            ("第4校", 4), ("２", 2), (" 12 ", 12)])
def test_round_by_number_or_name(written, number):
    args = make_parser().parse_args(["proof", "--round", written])
    assert args.round == number


def test_catalog_translates_every_message_of_this_pythons_argparse():
    """Every string argparse passes to gettext has a Japanese translation:
    a new Python's new message fails here, not in front of the user."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    missing = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if node.func.id == "_" and texts and texts[0] not in argparse_ja.CATALOG:
            missing.append(texts[0])
        if node.func.id == "ngettext" and tuple(texts[:2]) not in argparse_ja.PLURALS:
            missing.append(texts[:2])
    assert not missing
    for english, japanese in argparse_ja.CATALOG.items():
        # only %-fields argparse fills (it may fill more: the type's name is left out)
        assert set(re.findall(r"%\((\w+)\)", japanese)) <= set(re.findall(r"%\((\w+)\)", english)), english
        assert english.count("%s") + english.count("%r") == japanese.count("%s") + japanese.count("%r"), english
        if argparse_ja._INTERNAL not in japanese:       # what a user can meet: no English
            assert not ENGLISH.search(japanese), japanese


def test_the_catalog_is_planbooks_only(capsys):
    """Other argparse parsers in the same process keep argparse's English."""
    run(capsys, "build", "--help")
    plain = argparse.ArgumentParser(prog="other")
    assert "usage: other" in plain.format_usage()
    assert "show this help message and exit" in plain.format_help()


def test_wrap_keeps_ascii_runs_and_japanese_line_rules():
    lines = argparse_ja.wrap("担当課ごとの冊子の表紙に書く返却期限（既定: plan.yaml の proof.return_days）", 30)
    assert "".join(lines).replace(" ", "") == "担当課ごとの冊子の表紙に書く返却期限（既定:plan.yamlのproof.return_days）"
    assert all(argparse_ja.width(ln) <= 30 for ln in lines if " " in ln or len(ln) > 1)
    assert not any(ln[0] in "、。）」" for ln in lines)
    assert not any(ln[-1] in "（「" for ln in lines)
    assert any("proof.return_days）" in ln for ln in lines)        # never split inside a name


# -- diff takes the plan folder like every other command ---------------------

@pytest.fixture
def diff_calls(monkeypatch):
    calls = []

    def record(old, new, source, outdir, order, unchanged, out=None):
        calls.append({"old": old, "new": new, "source": str(source)})
        return 0
    monkeypatch.setattr(pipeline, "diff", record)
    return calls


@pytest.mark.parametrize("args,expected,note", [
    (["計画", "--old", "round:1"], {"old": "round:1", "new": "計画", "source": "計画"}, False),
    (["--old", "git:HEAD~1"], {"old": "git:HEAD~1", "new": "source", "source": "source"}, False),
    (["計画", "--old", "round:1", "--new", "round:2"], {"old": "round:1", "new": "round:2", "source": "計画"}, False),
    # the older forms still work, with a note of the new one
    (["round:1", "--source", "計画"], {"old": "round:1", "new": "計画", "source": "計画"}, True),
    (["round:1", "round:2"], {"old": "round:1", "new": "round:2", "source": "source"}, True),
    (["旧版", "--source", "計画"], {"old": "旧版", "new": "計画", "source": "計画"}, True),
    (["--old", "round:1", "--source", "計画"], {"old": "round:1", "new": "計画", "source": "計画"}, True),
])
def test_diff_versions(args, expected, note, diff_calls, capsys):
    code, _, err = run(capsys, "diff", *args)
    assert code == 0 and diff_calls == [expected]
    assert ("古い" in err) == note
    if note:
        assert f"planbook diff {expected['source']} --old {expected['old']}" in err


def test_diff_of_two_folders(tmp_path, capsys):
    new = tmp_path / "new"
    import shutil
    shutil.copytree(COMPLETE, new)
    policy = new / "policies/111.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("相談支援体制の充実", "相談支援体制の強化", 1),
                      encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "diff", new, "--old", COMPLETE, "-o", out)
    assert code == 0, err
    assert (out / "diff.pdf").exists() and (out / "diff.docx").exists()
    assert "新旧対照表を書き出しました" in err and "古い" not in err


# -- draft and final severities, as `check` and `print` give them ------------

def _small_picture(source: Path) -> None:
    path = source / "artwork/vision-2.png"
    Image.open(path).resize((600, 420)).save(path)


def test_low_resolution_warns_in_a_draft_and_stops_final_and_print(complete_copy, tmp_path, capsys):
    _small_picture(complete_copy)
    code, out, err = run(capsys, "check", complete_copy)
    assert code == 0, out
    assert "artwork.yaml:19: warning[artwork-resolution]" in out
    assert "1688×1182 ピクセル以上の画像が必要です" in out and "エラー 0 件、警告 1 件" in err
    code, out, err = run(capsys, "check", complete_copy, "--final")
    assert code == 1 and "artwork.yaml:19: error[artwork-resolution]" in out
    code, out, err = run(capsys, "print", complete_copy, "-o", tmp_path / "press")
    assert code == 1 and "error[artwork-resolution]" in err
    assert not (tmp_path / "press" / "print").exists()


def test_a_draft_with_a_small_picture_is_built(complete_copy, tmp_path, capsys):
    _small_picture(complete_copy)
    code, _, err = run(capsys, "build", complete_copy, "-o", tmp_path / "out", "--format", "docx")
    assert code == 0, err
    assert "warning[artwork-resolution]" in err
    assert list((tmp_path / "out").glob("*.docx"))


def test_missing_consent_and_values_warn_in_a_draft_and_stop_final(complete_copy, capsys):
    art = complete_copy / "artwork.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("  consent: true", "  consent: null", 1),
                   encoding="utf-8")
    policy = complete_copy / "policies/111.yaml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(re.sub(r"(?m)^  summary: .*$", "  summary:", text, count=1), encoding="utf-8")
    code, out, _ = run(capsys, "check", complete_copy)
    assert code == 0
    assert re.search(r"warning\[completeness\]: 作品「[^」]+」の掲載同意", out)
    assert "warning[completeness]: 施策111の協働方針の要約" in out
    code, out, _ = run(capsys, "check", complete_copy, "--final")
    assert code == 1
    assert re.search(r"error\[completeness\]: 作品「[^」]+」の掲載同意", out)
    assert "error[completeness]: 施策111の協働方針の要約" in out
