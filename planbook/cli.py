"""The `planbook` command. Messages are Japanese; no traceback reaches the user."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import signal
import sys
import traceback
import unicodedata
from pathlib import Path

from . import builders, pipeline, reproducible
from .argparse_ja import USAGE_ERROR, Parser
from .load.fields import western
from .proofs import rounds
from .render.chunks import MAX_JOBS, prestart
from .report import all_departments, departments_of, render_report
from .suggest import hint
from .terminal import SafeStream

EXIT_INTERNAL = 3


def _folder(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("フォルダの名前が空です")
    return value


def _file(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("ファイルの名前が空です")
    return value


_ROUND = re.compile(r"第?(\d+)校?")


def _round(value: str) -> int:
    """1, 2, 3 … or 初校, 再校, 三校, 第4校 (full-width digits too)."""
    text = unicodedata.normalize("NFKC", value).strip()
    names = {rounds.round_name(n): n for n in (1, 2, 3)}
    m = _ROUND.fullmatch(text)
    number = names.get(text) or (int(m.group(1)) if m else 0)
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"校正の回「{value}」は 1 以上の数で書いてください（1 初校、2 再校、3 三校、4 以降は 4、5…）。"
            "「初校」「再校」「三校」と書くこともできます")
    return number


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"日付「{value}」は実在する日付を YYYY-MM-DD の形で書いてください"
                                         "（例: 2026-11-23）") from None


def _year(value: str) -> int:
    """A fiscal year in 西暦 (2027; full-width digits too), or 令和9年度 converted."""
    text = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    year = western(text)
    hint = f"（{value} なら {year}）" if year else ""
    raise argparse.ArgumentTypeError(f"年度「{value}」は西暦 4 桁で書いてください{hint}。例: --year 2027")


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in builders.BOOKLET_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"形式「{','.join(unknown) or value}」は作れません（選べるのは {', '.join(builders.BOOKLET_FORMATS)}）")
    return names


def _examples(*pairs: tuple[str, str]) -> str:
    """A command's `--help` epilog: each example and what it does."""
    return "例:\n" + "\n".join(f"  {cmd}\n      {what}" for cmd, what in pairs)


def _source(p: argparse.ArgumentParser, default: str | None = "source") -> None:
    """The plan folder: the first argument of every command."""
    p.add_argument("source", nargs="?", default=default, type=_folder, metavar="SOURCE",
                   help="計画のフォルダ（既定: source）")


def _out(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", default="build", type=_folder, metavar="OUT",
                   help="書き出し先のフォルダ（既定: build）")


def _jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=_count, default=0, metavar="N",
                   help="冊子を組むのに使うプロセスの数（既定: CPU の数）")


def _count(value: str) -> int:
    text = value.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text.isdigit() or not 1 <= int(text) <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"「{value}」は 1 から {MAX_JOBS} までの半角数字で書いてください"
                                         "（例: --jobs 2）")
    return int(text)


VERSIONS = "round:1（記録した校正の回）、git:HEAD~1（git のリビジョン）、またはフォルダ"


def make_parser() -> argparse.ArgumentParser:
    p = Parser(prog="planbook", description="総合計画の冊子を source/ から作ります。",
               epilog=_examples(("planbook check", "source/ をチェックして、見つかった点を一覧にします。"),
                                ("planbook build", "source/ から下書きの冊子（PDF・DOCX）を build/ に作ります。"),
                                ("planbook build --help", "build の使い方を表示します（ほかのコマンドも同じ）。")))
    sub = p.add_subparsers(dest="command", metavar="コマンド")

    b = sub.add_parser("build", help="冊子（PDF・DOCX）とチェック結果を作る",
                       description="source を読み込み、チェックしてから冊子を書き出します。",
                       epilog=_examples(
                           ("planbook build", "source/ から下書きの冊子を build/ に作ります。"),
                           ("planbook build 計画 -o 冊子 --format pdf", "フォルダ「計画」から PDF だけを「冊子」に作ります。"),
                           ("planbook build --final", "最終版。未入力の項目・掲載同意の未確認・解像度の足りない画像も"
                                                      "エラーにします。")))
    _source(b)
    _out(b)
    b.add_argument("--final", action="store_true",
                   help="最終版: 未入力の項目・掲載同意の未確認・解像度の足りない画像をエラーにする")
    b.add_argument("--format", type=_formats, default=list(builders.DEFAULT_FORMATS), metavar="pdf,docx",
                   help="作る形式をカンマ区切りで（既定: pdf,docx。html で HTML版、pdf-ua でタグ付き PDF も）")
    _jobs(b)
    b.add_argument("--no-cache", action="store_true",
                   help="前回組んだ部分（OUT/.cache/）を使わず、すべて組み直す（--jobs 1 と合わせると一度に組む）")

    c = sub.add_parser("check", help="source をチェックだけする",
                       description="source を読み込んでチェックし、見つかった点を一覧にします。",
                       epilog=_examples(
                           ("planbook check", "source/ を下書きの基準でチェックします。"),
                           ("planbook check 計画 --final", "フォルダ「計画」を最終版の基準でチェックします。"),
                           ("planbook check --format html > 結果.html", "チェック結果をブラウザで見られる形で保存します。"),
                           ("planbook check --department 福祉課", "担当課「福祉課」の施策の指摘だけを示します。")))
    _source(c)
    c.add_argument("--final", action="store_true", help="最終版（と入稿データ）の基準でチェックする")
    c.add_argument("--format", choices=["text", "json", "html"], default="text",
                   help="出力の形式（html は build が書き出す check-report.html と同じもの）")
    c.add_argument("--department", metavar="NAME",
                   help="この担当課の施策（departments に書いた課）の指摘だけを示す")

    d = sub.add_parser("diff", help="新旧対照表を作る",
                       usage="%(prog)s [SOURCE] --old OLD [--new NEW] [-o OUT]\n"
                             "                     [--order {old-new,new-old}] [--unchanged {omit,ryaku}]",
                       description="二つの版を比べ、新旧対照表（PDF・DOCX）を書き出します。"
                       f"版は {VERSIONS}で指定します。",
                       epilog=_examples(
                           ("planbook diff --old round:1", "記録した初校と、いまの source/ を比べます。"),
                           ("planbook diff 計画 --old round:1 --new round:2", "フォルダ「計画」の初校と再校を比べます。"),
                           ("planbook diff --old git:HEAD~1 -o 対照表", "一つ前の commit と比べ、「対照表」に書き出します。")))
    _source(d, default=None)
    d.add_argument("legacy", nargs="*", help=argparse.SUPPRESS)      # diff OLD [NEW]: the old form
    d.add_argument("--old", metavar="OLD", help=f"旧（比較元。必須）: {VERSIONS}")
    d.add_argument("--new", metavar="NEW", help="新（既定: SOURCE そのもの）")
    d.add_argument("--source", dest="legacy_source", type=_folder, help=argparse.SUPPRESS)
    _out(d)
    d.add_argument("--order", choices=["old-new", "new-old"], default=None,
                   help="列の順（既定: style.yaml の diff.order、なければ old-new＝旧｜新）")
    d.add_argument("--unchanged", choices=["omit", "ryaku"], default=None,
                   help="変更のない部分（既定: omit＝載せない。ryaku＝「（略）」と書く）")
    d.set_defaults(finish=_diff_versions)

    r = sub.add_parser("proof", help="校正刷り（初校・再校…）を作る",
                       description="各ページに回と日付の印、段落ごとに番号を入れた校正刷りを書き出し、"
                       "その回の内容を source/rounds/N/ に記録します。",
                       epilog=_examples(
                           ("planbook proof --round 1", "初校を作り、source/rounds/1/ に記録します。"),
                           ("planbook proof --round 再校 --against round:1 --by-department",
                            "再校。初校からの変更に印を付け、担当課ごとの冊子も作ります。"),
                           ("planbook proof 計画 --round 3 --date 2026-12-01", "フォルダ「計画」の三校を、日付を決めて作ります。")))
    _source(r)
    _out(r)
    r.add_argument("--round", type=_round, required=True, metavar="N",
                   help="校正の回: 1（初校）、2（再校）、3（三校）、4 以降は数。「初校」「再校」「三校」とも書ける")
    r.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="校正刷りの日付（既定: 今日、SOURCE_DATE_EPOCH があればその日。例: 2026-11-23）")
    r.add_argument("--against", default=None, metavar="OLD",
                   help="この版からの変更に印を付ける（round:1、git:HEAD~1、フォルダ）")
    r.add_argument("--by-department", action="store_true",
                   help="担当課ごとに、その施策のページだけを綴じた PDF と、"
                        "Word で直して返してもらう DOCX も作る")
    r.add_argument("--no-record", action="store_true", help="この回の内容を記録しない")
    r.add_argument("--force", action="store_true",
                   help="記録済みの回を作り直す（以前の記録は N-replaced-1 のように残す）")
    r.add_argument("--return-by", default=None, metavar="YYYY-MM-DD",
                   help="担当課ごとの冊子の表紙に書く返却期限（既定: plan.yaml の proof.return_days）")

    pr = sub.add_parser("print", help="印刷会社に渡す入稿データを作る",
                        description="最終版のチェックを通したうえで、本文（PDF/X）、表紙（背付き）、"
                        "プリフライト結果、入稿仕様書（README.txt）を OUT/print/ に書き出します。",
                        epilog=_examples(
                            ("planbook print", "source/ の入稿データを build/print/ に作ります。"),
                            ("planbook print 計画 -o 入稿 --binding perfect", "無線綴じの入稿データを「入稿/print/」に作ります。")))
    _source(pr)
    _out(pr)
    pr.add_argument("--pdf-x", choices=["4", "1a"], default=None,
                    help="PDF/X の版（既定: plan.yaml の print.pdf_x、なければ 4）")
    pr.add_argument("--binding", choices=["saddle", "perfect"], default=None,
                    help="製本（saddle＝中綴じ、perfect＝無線綴じ。既定: plan.yaml の print.binding）")

    pf = sub.add_parser("preflight", help="PDF を入稿前の検査（プリフライト）にかける",
                        description="planbook print のプリフライトと同じ規則で、PDF ファイル一つを検査します"
                        "（印刷会社から戻った校了データや、手で直した PDF など）。計画なしで検査するので、"
                        "仕上がりサイズと塗り足しは 1 ページ目の TrimBox・BleedBox を全ページの基準にし、"
                        "フォントは埋め込まれているかだけを見ます。ページ数の倍数・部の扉・背幅は検査しません。"
                        "結果を OUT に preflight.html と preflight.json で書き出します。終了コードは、"
                        "問題がなければ 0、印刷会社に戻される問題があれば 1、PDF として読めなければ 2 です。",
                        epilog=_examples(
                            ("planbook preflight 校了.pdf", "「校了.pdf」を検査し、結果を build/preflight/ に書き出します。"),
                            ("planbook preflight build/print/plan-body.pdf --pdf-x 1a -o 検査",
                             "PDF/X-1a の規則で検査し、結果を「検査」に書き出します。")))
    pf.add_argument("file", type=_file, metavar="FILE", help="検査する PDF ファイル")
    pf.add_argument("--pdf-x", choices=["4", "1a"], default=None,
                    help="検査する PDF/X の版（既定: ファイルが宣言している版、宣言がなければ 4）")
    pf.add_argument("-o", "--out", default=str(Path("build") / "preflight"), type=_folder, metavar="OUT",
                    help="検査結果の書き出し先のフォルダ（既定: build/preflight）")

    fm = sub.add_parser("forms", help="担当課に送る記入様式（Excel）を作る",
                        description="担当課ごとに一つ、記入様式の Excel ファイル（課名.xlsx）を書き出します。"
                        "施策ごとのシートに、いまの source の内容（施策名、10年後の姿、方向性、目標指標、"
                        "協働方針、注記）が入っています。見出しは書き換えられず、黄色のセルだけに書き込めます。"
                        "様式には作った時点の内容と校正の回を記録しておき、planbook intake で読み戻すときに比べます。"
                        "--progress 年度 を付けると、その年度の目標指標の実績値を書いてもらう様式を作ります。",
                        epilog=_examples(
                            ("planbook forms", "source/ の施策の様式を、担当課ごとに build/forms/ に作ります。"),
                            ("planbook forms 計画 -o 様式 --department 防災課", "フォルダ「計画」の防災課の様式だけを「様式」に作ります。"),
                            ("planbook forms --progress 2027", "2027 年度の目標指標の実績値を書いてもらう様式を、"
                             "担当課ごとに build/progress-forms/ に作ります。")))
    _source(fm)
    fm.add_argument("-o", "--out", default=None, type=_folder, metavar="OUT",
                    help="書き出し先のフォルダ（既定: build/forms、--progress のときは build/progress-forms）")
    fm.add_argument("--department", default=None, type=_file, metavar="課名",
                    help="この担当課の様式だけを作る（既定: すべての担当課）")
    fm.add_argument("--progress", type=_year, default=None, metavar="YYYY",
                    help="この年度（西暦 4 桁、計画期間の中）の目標指標の実績値・説明・コメントを書いてもらう"
                    "様式を作る。前の年度までの実績値も載せます（読み戻しは planbook intake）")

    it = sub.add_parser("intake", help="担当課から戻った様式を読み、source との違いを確かめる（--apply で反映）",
                        usage="%(prog)s [SOURCE] FILE... [-o OUT] [--apply]",
                        description="担当課から戻った記入様式（Excel）と Word の校正刷り（proof --by-department の"
                        ".docx）、実績値の記入様式（forms --progress）を読み、施策ごとに source と違う項目を"
                        "（前の値・新しい値・担当課・ファイルとセル、または段落の番号）一覧にします。値はすべて planbook の読み込みと"
                        "チェックでもう一度確かめ、誤りはファイル・シート・セル（例: 防災課.xlsx 施策211!D14）と"
                        "直し方を示します。--apply を付けたときだけ source を書き換えます（誤りが一つでもあれば"
                        "何も書き換えません）。様式を作った後に source でも変わった項目は「競合」として三つの値を示し、"
                        "反映しません。結果を OUT に intake-report.html で書き出します。終了コードは、問題がなければ 0、"
                        "誤りか競合があれば 1、ファイルが読めなければ 2 です。",
                        epilog=_examples(
                            ("planbook intake source 戻り/防災課.xlsx", "防災課の様式と source の違いを一覧にします（書き換えません）。"),
                            ("planbook intake source 戻り/*.xlsx 戻り/*.docx --apply",
                             "すべての様式と Word の校正刷りの変更を source に反映します。"),
                            ("planbook intake source 実績/*.xlsx --apply",
                             "実績値の様式の値を progress/<年度>.yaml に書き込みます（なければ作ります）。")))
    _source(it)
    it.add_argument("files", nargs="*", type=_file, metavar="FILE",
                    help="戻った記入様式（.xlsx）と Word の校正刷り（.docx）")
    it.add_argument("-o", "--out", default=str(Path("build") / "intake"), type=_folder, metavar="OUT",
                    help="結果の書き出し先のフォルダ（既定: build/intake）")
    it.add_argument("--apply", action="store_true", help="変更を source に書き込む（既定: 確かめるだけ）")
    it.set_defaults(finish=_intake_files)

    pg = sub.add_parser("progress", help="目標指標の進捗報告書（PDF・Excel・CSV）を作る",
                        description="progress/<年度>.yaml の実績値から、その年度の進捗報告書（PDF）、"
                        "指標の推移の Excel ブック、オープンデータ用の CSV を OUT に書き出します。"
                        "達成率と評語は plan.yaml の progress: の決まりで付けます。",
                        epilog=_examples(
                            ("planbook progress --year 2027", "source/progress/2027.yaml から令和9年度の"
                             "進捗報告書を build/progress/ に作ります。"),
                            ("planbook progress 計画 --year 2028 -o 報告", "フォルダ「計画」の 2028 年度の"
                             "報告書を「報告」に作ります。")))
    _source(pg)
    pg.add_argument("-o", "--out", default=str(Path("build") / "progress"), type=_folder, metavar="OUT",
                    help="書き出し先のフォルダ（既定: build/progress）")
    pg.add_argument("--year", type=_year, required=True, metavar="YYYY",
                    help="報告する年度（西暦 4 桁。例: 2027）")

    sv = sub.add_parser("serve", help="冊子のプレビューをブラウザで見る（保存すると自動で更新）",
                        description="冊子を見開きで表示するプレビューを、このパソコンだけから見られる"
                        "アドレス（http://127.0.0.1:8000/）で始めます。source のファイルを保存するたびに"
                        "変わった部分だけを組み直して表示を更新します。止めるには Ctrl-C を押します。",
                        epilog=_examples(
                            ("planbook serve", "source/ のプレビューを http://127.0.0.1:8000/ で始めます。"),
                            ("planbook serve 計画 --port 8001", "フォルダ「計画」のプレビューをポート 8001 で始めます。")))
    _source(sv)
    sv.add_argument("--port", type=_port, default=8000, metavar="N",
                    help="ポート番号（既定: 8000。0 なら空いている番号を選ぶ）")
    _jobs(sv)
    return p


def _looks_like_version(text: str) -> bool:
    return bool(re.fullmatch(r"(round:)?\d+", text.strip())) or text.startswith("git:")


def _diff_versions(args, error) -> None:
    """`diff [SOURCE] --old OLD [--new NEW]`; the older form `diff OLD [NEW]
    [--source SOURCE]` still works, with a note."""
    given = [a for a in (args.source, *args.legacy) if a is not None]
    if args.old is None and given and (args.legacy_source or _looks_like_version(given[0])):
        if len(given) > 2:
            error(f"比べる版が多すぎます（{' '.join(given)}）。旧と新の二つまでです")
        folder = args.legacy_source or "source"
        args.old, args.new = given[0], args.new or (given[1] if len(given) > 1 else None)
        args.source = folder
        _old_form(args)
        return
    if args.old is None:
        hint = "" if not given else f"（「{given[0]}」は計画のフォルダとして読みました）"
        error("比べる旧版を --old で指定してください" + hint + f"。{VERSIONS}が使えます"
              "（例: planbook diff --old round:1）")
    if args.legacy:
        error(f"計画のフォルダは一つだけ書けます（{' '.join(given)}）。比べる版は --old と --new で指定します")
    if args.legacy_source and args.source is not None:
        error("計画のフォルダが二つあります（SOURCE と --source）。SOURCE だけにしてください")
    args.source = args.source or args.legacy_source or "source"
    if args.legacy_source:
        _old_form(args)


def _old_form(args) -> None:
    new = f" --new {args.new}" if args.new else ""
    print(f"planbook diff: 注意: 古い書き方です（今回はこのまま比べます）。これからは計画のフォルダを"
          f"最初に書き、「planbook diff {args.source} --old {args.old}{new}」と書いてください。",
          file=sys.stderr)


def _intake_files(args, error) -> None:
    """`intake a.xlsx b.xlsx`: the first file is not the plan folder."""
    if args.source and Path(args.source).suffix.lower() in (".xlsx", ".xlsm", ".xls", ".docx", ".doc") \
            and not Path(args.source).is_dir():
        args.files.insert(0, args.source)
        args.source = "source"
    if not args.files:
        error("読み込む様式のファイル（FILE）を一つ以上書いてください"
              "（例: planbook intake source 戻り/防災課.xlsx）")


def _port(value: str) -> int:
    if not value.strip().isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"ポート「{value}」は 0〜65535 の半角数字で書いてください（例: 8001）")
    return int(value)


def cmd_serve(args) -> int:
    from .serve import serve  # lazy: uvicorn and starlette for `serve` only
    return serve(Path(args.source), args.port, jobs=args.jobs)


def cmd_forms(args) -> int:
    out = args.out or str(Path("build") / ("forms" if args.progress is None else "progress-forms"))
    return pipeline.forms(Path(args.source), Path(out), args.department, progress=args.progress)


def cmd_intake(args) -> int:
    from .intake.command import intake  # lazy: openpyxl and ruamel.yaml for `intake` only
    return intake(Path(args.source), [Path(f) for f in args.files], Path(args.out), args.apply)


def cmd_print(args) -> int:
    return pipeline.print_files(Path(args.source), Path(args.out), args.pdf_x, args.binding)


def cmd_preflight(args) -> int:
    from .printing import standalone  # lazy: pypdf and the report template for `preflight` only
    return standalone.run(Path(args.file), Path(args.out), args.pdf_x)


def cmd_proof(args) -> int:
    return pipeline.proof(Path(args.source), Path(args.out), args.round, args.date,
                          args.against, args.by_department, record=not args.no_record,
                          force=args.force, return_by=args.return_by)


def cmd_progress(args) -> int:
    return pipeline.progress(Path(args.source), Path(args.out), args.year)


def cmd_diff(args) -> int:
    source = Path(args.source)
    return pipeline.diff(args.old, args.new or str(source), source, Path(args.out),
                         args.order, args.unchanged)


def cmd_build(args) -> int:
    if "pdf" in args.format and not (args.jobs == 1 and args.no_cache):
        prestart(args.jobs)          # the layout workers load while the plan is checked
    return pipeline.build(Path(args.source), Path(args.out), args.format, args.final,
                          jobs=args.jobs, cache=not args.no_cache)


def cmd_check(args) -> int:
    plan, findings, code = pipeline.check(Path(args.source), args.final, sys.stderr)
    owners = departments_of(plan, findings)
    if args.department is not None and plan is not None:
        wanted = unicodedata.normalize("NFC", args.department.strip())
        known = all_departments(plan)
        if wanted not in known:
            print(f"担当課「{args.department}」はこの計画にありません。{hint(wanted, known)}"
                  f"（あるもの: {'、'.join(known) or 'なし。施策の departments に担当課を書きます'}）", file=sys.stderr)
            return USAGE_ERROR
        kept = [(f, o) for f, o in zip(findings, owners) if wanted in o]
        findings, owners = [f for f, _ in kept], [o for _, o in kept]
    if args.format == "json":
        _write_out(json.dumps({"findings": [{**f.as_json(), "departments": list(o)}
                                            for f, o in zip(findings, owners)]},
                              ensure_ascii=False, indent=2) + "\n")
        return code
    if args.format == "html":
        _write_out(render_report(plan, findings))
        return code
    _write_out("".join(f.format() + "\n" for f in findings))
    if code == pipeline.EXIT_UNREADABLE:
        print(f"{args.source} を読み込めませんでした（{len(findings)} 件）。", file=sys.stderr)
    else:
        which = f"（担当課「{args.department.strip()}」の施策の分）" if args.department and plan is not None else ""
        print(f"チェック結果{which}: {pipeline.summary(findings)}", file=sys.stderr)
    return code


def _write_out(text: str) -> None:
    """Standard output, written whole; a reader that went away (`| head`)
    ends the writing quietly: the exit code stays the command's."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


COMMANDS = {"build": cmd_build, "check": cmd_check, "diff": cmd_diff, "proof": cmd_proof, "print": cmd_print,
            "preflight": cmd_preflight, "serve": cmd_serve, "forms": cmd_forms, "intake": cmd_intake,
            "progress": cmd_progress}


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
        parser.print_help(sys.stderr)
        return USAGE_ERROR
    finish = getattr(args, "finish", None)        # a command's own checks of its arguments
    if finish:
        finish(args, parser.chosen(args).error)
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
