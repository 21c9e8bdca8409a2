"""The `planbook` command. Messages are Japanese; no traceback reaches the user."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import traceback
from pathlib import Path

from . import builders, pipeline, reproducible
from .terminal import SafeStream

EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"planbook: 使い方に誤りがあります: {_ja(message)}\n"
              f"何も書き出していません。詳しくは「{self.prog} --help」を見てください。", file=sys.stderr)
        sys.exit(pipeline.EXIT_UNREADABLE)


def _ja(message: str) -> str:
    table = {
        "unrecognized arguments": "知らない引数があります",
        "the following arguments are required": "次の引数が必要です",
        "invalid choice": "選べない値です",
        "expected one argument": "値が必要です",
        "(choose from": "（選べるのは",
        "argument ": "",
    }
    for en, ja in table.items():
        message = message.replace(en, ja)
    return message


def _folder(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("フォルダの名前が空です")
    return value


def _round(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"校正の回「{value}」は 1 以上の半角数字で書いてください（1 初校、2 再校…）")
    return int(value)


def _date(value: str) -> str:
    import datetime as dt
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"日付「{value}」は実在する日付を YYYY-MM-DD の形で書いてください"
                                         "（例: 2026-11-23）") from None


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in builders.BOOKLET_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"形式「{','.join(unknown) or value}」は作れません（選べるのは {', '.join(builders.BOOKLET_FORMATS)}）")
    return names


def make_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="planbook", description="総合計画の冊子を source/ から作ります。")
    sub = p.add_subparsers(dest="command", metavar="コマンド", parser_class=_Parser)

    b = sub.add_parser("build", help="冊子（PDF・DOCX）とチェック結果を作る",
                       description="source を読み込み、チェックしてから冊子を書き出します。")
    b.add_argument("source", nargs="?", default="source", type=_folder, help="計画のフォルダ（既定: source）")
    b.add_argument("-o", "--out", default="build", type=_folder, help="書き出し先のフォルダ（既定: build）")
    b.add_argument("--final", action="store_true", help="最終版: 未入力の項目をエラーにする")
    b.add_argument("--format", type=_formats, default=list(builders.DEFAULT_FORMATS),
                   help="作る形式をカンマ区切りで（既定: pdf,docx）")

    c = sub.add_parser("check", help="source をチェックだけする",
                       description="source を読み込んでチェックし、見つかった点を一覧にします。")
    c.add_argument("source", nargs="?", default="source", type=_folder, help="計画のフォルダ（既定: source）")
    c.add_argument("--final", action="store_true", help="最終版の基準でチェックする")
    c.add_argument("--format", choices=["text", "json", "html"], default="text",
                   help="出力の形式（html は build が書き出す check-report.html と同じもの）")
    d = sub.add_parser("diff", help="新旧対照表を作る",
                       description="二つの版を比べ、新旧対照表（PDF・DOCX）を書き出します。"
                       "版は round:1（記録した校正の回）、git:HEAD~1（git のリビジョン）、"
                       "またはフォルダで指定します。")
    d.add_argument("old", help="旧（比較元）")
    d.add_argument("new", nargs="?", default=None, help="新（既定: SOURCE そのもの）")
    d.add_argument("--source", default="source", type=_folder, help="計画のフォルダ（既定: source）")
    d.add_argument("-o", "--out", default="build", type=_folder, help="書き出し先のフォルダ（既定: build）")
    d.add_argument("--order", choices=["old-new", "new-old"], default=None,
                   help="列の順（既定: style.yaml の diff.order、なければ old-new＝旧｜新）")
    d.add_argument("--unchanged", choices=["omit", "ryaku"], default=None,
                   help="変更のない部分（既定: omit＝載せない。ryaku＝「（略）」と書く）")
    r = sub.add_parser("proof", help="校正刷り（初校・再校…）を作る",
                       description="各ページに回と日付の印、段落ごとに番号を入れた校正刷りを書き出し、"
                       "その回の内容を source/rounds/N/ に記録します。")
    r.add_argument("source", nargs="?", default="source", type=_folder, help="計画のフォルダ（既定: source）")
    r.add_argument("-o", "--out", default="build", type=_folder, help="書き出し先のフォルダ（既定: build）")
    r.add_argument("--round", type=_round, required=True, help="校正の回（1 以上: 1 初校、2 再校、3 三校…）")
    r.add_argument("--date", type=_date, default=None,
                   help="校正刷りの日付（既定: 今日、SOURCE_DATE_EPOCH があればその日。例: 2026-11-23）")
    r.add_argument("--against", default=None,
                   help="この版からの変更に印を付ける（round:1、git:HEAD~1、フォルダ）")
    r.add_argument("--by-department", action="store_true",
                   help="担当課ごとに、その施策のページだけを綴じた PDF も作る")
    r.add_argument("--no-record", action="store_true", help="この回の内容を記録しない")
    r.add_argument("--force", action="store_true",
                   help="記録済みの回を作り直す（以前の記録は N-replaced-1 のように残す）")
    r.add_argument("--return-by", default=None, metavar="YYYY-MM-DD",
                   help="担当課ごとの冊子の表紙に書く返却期限（既定: plan.yaml の proof.return_days）")
    pr = sub.add_parser("print", help="印刷会社に渡す入稿データを作る",
                        description="最終版のチェックを通したうえで、本文（PDF/X）、表紙（背付き）、"
                        "プリフライト結果、入稿仕様書（README.txt）を OUT/print/ に書き出します。")
    pr.add_argument("source", nargs="?", default="source", type=_folder, help="計画のフォルダ（既定: source）")
    pr.add_argument("-o", "--out", default="build", type=_folder, help="書き出し先のフォルダ（既定: build）")
    pr.add_argument("--pdf-x", choices=["4", "1a"], default=None,
                    help="PDF/X の版（既定: plan.yaml の print.pdf_x、なければ 4）")
    pr.add_argument("--binding", choices=["saddle", "perfect"], default=None,
                    help="製本（saddle＝中綴じ、perfect＝無線綴じ。既定: plan.yaml の print.binding）")
    sv = sub.add_parser("serve", help="冊子のプレビューをブラウザで見る（保存すると自動で更新）",
                        description="冊子を見開きで表示するプレビューを、このパソコンだけから見られる"
                        "アドレス（http://127.0.0.1:8000/）で始めます。source のファイルを保存するたびに"
                        "組み直して表示を更新します。止めるには Ctrl-C を押します。",
                        epilog="例:\n  planbook serve\n  planbook serve source --port 8001",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sv.add_argument("source", nargs="?", default="source", type=_folder, help="計画のフォルダ（既定: source）")
    sv.add_argument("--port", type=_port, default=8000,
                    help="ポート番号（既定: 8000。0 なら空いている番号を選ぶ）")
    return p


def _port(value: str) -> int:
    if not value.strip().isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"ポート「{value}」は 0〜65535 の半角数字で書いてください（例: 8001）")
    return int(value)


def cmd_serve(args) -> int:
    from .serve import serve
    return serve(Path(args.source), args.port)


def cmd_print(args) -> int:
    return pipeline.print_files(Path(args.source), Path(args.out), args.pdf_x, args.binding)


def cmd_proof(args) -> int:
    return pipeline.proof(Path(args.source), Path(args.out), args.round, args.date,
                          args.against, args.by_department, record=not args.no_record,
                          force=args.force, return_by=args.return_by)


def cmd_diff(args) -> int:
    source = Path(args.source)
    return pipeline.diff(args.old, args.new or str(source), source, Path(args.out),
                         args.order, args.unchanged)


def cmd_build(args) -> int:
    return pipeline.build(Path(args.source), Path(args.out), args.format, args.final)


def cmd_check(args) -> int:
    plan, findings, code = pipeline.check(Path(args.source), args.final, sys.stderr)
    if args.format == "json":
        json.dump({"findings": [f.as_json() for f in findings]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return code
    if args.format == "html":
        from .report import render_report
        sys.stdout.write(render_report(plan, findings))
        return code
    for f in findings:
        print(f.format())
    if code == pipeline.EXIT_UNREADABLE:
        print(f"{args.source} を読み込めませんでした（{len(findings)} 件）。", file=sys.stderr)
    else:
        print(f"チェック結果: {pipeline.summary(findings)}", file=sys.stderr)
    return code


COMMANDS = {"build": cmd_build, "check": cmd_check, "diff": cmd_diff, "proof": cmd_proof, "print": cmd_print,
            "serve": cmd_serve}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every `with` and `finally` cleans up."""


def _terminate(signum, frame):
    raise Terminated()


@contextlib.contextmanager
def _guarded():
    """Safe terminal output (planbook.terminal) and SIGTERM as an interrupt,
    for the time of one command."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        old = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:                  # not the main thread
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)
        sys.stdout, sys.stderr = streams


def main(argv: list[str] | None = None) -> int:
    with _guarded():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        return 130
    if not args.command:
        parser.print_help()
        return pipeline.EXIT_UNREADABLE
    problem = reproducible.check_setting()
    if problem:
        print(problem, file=sys.stderr)
        return pipeline.EXIT_UNREADABLE
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt as e:
        if os.environ.get("PLANBOOK_DEBUG"):
            traceback.print_exc()
        print("中断しました。書き出し先の以前のファイルはそのままです。", file=sys.stderr)
        return 143 if isinstance(e, Terminated) else 130
    except Exception as e:  # noqa: BLE001 - the user must never see a traceback
        if os.environ.get("PLANBOOK_DEBUG"):
            traceback.print_exc()
        print(f"planbook の内部エラーです（{type(e).__name__}: {e}）。"
              "書き出し先の以前のファイルはそのままです。"
              "PLANBOOK_DEBUG=1 を付けて実行した結果を開発担当に伝えてください。", file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> int:
    """The `planbook` command: `main`, with a signal that arrives after the
    command has answered still giving its exit code, not a traceback."""
    try:
        return main()
    except KeyboardInterrupt as e:
        return 143 if isinstance(e, Terminated) else 130


if __name__ == "__main__":
    sys.exit(entry())
