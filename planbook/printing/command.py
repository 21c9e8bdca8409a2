"""`planbook print [SOURCE] [-o OUT] [--pdf-x 4|1a] [--binding saddle|perfect]`:
final checks, then the print files written atomically with the manifest.
Nothing is written when a check fails or a print setting cannot be met."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .. import builders, paths, pipeline
from ..checks.runner import has_errors, run_checks
from ..package import MANIFEST, Staging
from ..progress import step
from . import PrintError, PrintOptions, problems, run_print


def run(source: Path, outdir: Path, options: PrintOptions | None = None,
        out: TextIO = sys.stderr) -> int:
    plan = pipeline.load(source, out)
    if plan is None:
        return pipeline.EXIT_UNREADABLE
    with step("最終版の基準でチェックしています", out):
        findings = run_checks(plan, final=True)
    for f in findings:
        print(f.format(), file=out)
    print(f"チェック結果: {pipeline.summary(findings)}", file=out)
    if has_errors(findings):
        print("入稿データは最終版（--final）の基準でエラーがないときだけ作れます。"
              "上のエラー（未入力の項目を含む）を直してください。何も書き出していません。", file=out)
        return pipeline.EXIT_ERRORS
    reasons = problems(plan, options)
    if reasons:
        for r in reasons:
            print(r, file=out)
        print("入稿データは書き出していません。", file=out)
        return pipeline.EXIT_ERRORS
    ctx = builders.BuildContext(plan=plan, findings=findings, final=True,
                                layouts=paths.LAYOUTS, fonts=paths.FONTS)
    try:
        with Staging(outdir) as stage:
            with step("入稿データを作成しています", out):
                outputs = run_print(plan, ctx, stage.dir, options)
            entries = stage.commit(outputs)
    except PrintError as e:
        print(f"{e}\n入稿データは書き出していません。", file=out)
        return pipeline.EXIT_ERRORS
    print("入稿データを書き出しました:", file=out)
    for e in entries:
        pages = f"（{e['pages']} ページ）" if "pages" in e else ""
        print(f"  {outdir / e['path']}{pages}", file=out)
        for n in e.get("padded_pages", []):
            print(f"    白ページを加えました: {n} ページ目", file=out)
    print(f"  {outdir / MANIFEST}", file=out)
    return pipeline.EXIT_OK
