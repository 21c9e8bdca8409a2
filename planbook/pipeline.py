"""load → check → render → package. Knows no output format by name."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from . import builders, paths
from .checks.runner import has_errors, run_checks
from .findings import ERROR, WARNING, Finding, LoadFailed
from .load import load_plan
from .model import Plan
from .package import MANIFEST, Staging
from .progress import step

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
REPORT = "check-report.html"
REFUSED_KINDS = ("booklet", "docx")   # what `build` does not rewrite when the checks find errors


def summary(findings: list[Finding]) -> str:
    e = sum(f.severity == ERROR for f in findings)
    w = sum(f.severity == WARNING for f in findings)
    return f"エラー {e} 件、警告 {w} 件"


def report_output(plan: Plan, findings: list[Finding], folder: Path) -> builders.Output:
    """check-report.html written into `folder`, with its counts for the manifest."""
    from .report import counts, write_report
    path = folder / REPORT
    write_report(plan, findings, path)
    return builders.Output(kind="check-report", path=path, extra=counts(findings))


def load(source: Path, out: TextIO) -> Plan | None:
    try:
        with step("source を読み込んでいます", out):
            return load_plan(source)
    except LoadFailed as e:
        print(f"{source} を読み込めませんでした（{len(e.findings)} 件）。"
              "次の箇所を直してから、もう一度実行してください。", file=out)
        for f in e.findings:
            print(f.format(), file=out)
        return None


def check(source: Path, final: bool, out: TextIO) -> tuple[Plan | None, list[Finding], int]:
    """Load and check; the load errors are findings too (exit 2)."""
    try:
        plan = load_plan(source)
    except LoadFailed as e:
        return None, e.findings, EXIT_UNREADABLE
    with step("チェックしています", out):
        findings = run_checks(plan, final=final)
    return plan, findings, EXIT_ERRORS if has_errors(findings) else EXIT_OK


def build(source: Path, outdir: Path, formats: list[str], final: bool,
          out: TextIO | None = None) -> int:
    out = out or sys.stderr
    plan = load(source, out)
    if plan is None:
        return EXIT_UNREADABLE
    with step("チェックしています", out):
        findings = run_checks(plan, final=final)
    mode = "最終版" if final else "校正用の下書き"
    for f in findings:
        print(f.format(), file=out)
    print(f"チェック結果: {summary(findings)}", file=out)
    if has_errors(findings):
        with Staging(outdir) as stage:
            stage.commit([report_output(plan, findings, stage.dir)], outdated=REFUSED_KINDS)
        print("エラーがあるため、冊子は書き出していません。上のエラーを直してください。"
              + ("（--final では未入力の項目もエラーになります）" if final else ""), file=out)
        print(f"チェック結果を書き出しました: {outdir / REPORT}", file=out)
        return EXIT_ERRORS
    ctx = builders.BuildContext(plan=plan, findings=findings, final=final,
                                layouts=paths.LAYOUTS, fonts=paths.FONTS)
    with Staging(outdir) as stage:
        outputs = []
        for name in formats:
            builder = builders.get(name)(ctx)
            with step(f"{name.upper()} を作成しています", out):
                outputs += builder.build(stage.dir)
        outputs.append(report_output(plan, findings, stage.dir))
        entries = stage.commit(outputs)
    print(f"{mode}を書き出しました:", file=out)
    for e in entries:
        pages = f"（{e['pages']} ページ）" if "pages" in e else ""
        print(f"  {outdir / e['path']}{pages}", file=out)
    print(f"  {outdir / MANIFEST}", file=out)
    return EXIT_OK


def repo_root(source: Path) -> Path:
    """The git work tree holding `source` (for git:REV), else its parent."""
    import subprocess
    try:
        r = subprocess.run(["git", "-C", str(source), "rev-parse", "--show-toplevel"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            return Path(r.stdout.strip())
    except OSError:
        pass
    return source.resolve().parent


def diff(old: str, new: str, source: Path, outdir: Path, order: str | None,
         unchanged: str | None, out: TextIO | None = None) -> int:
    """The 新旧対照表 of OLD and NEW (rounds, git revisions or folders)."""
    out = out or sys.stderr
    from . import diff as diffing
    from . import rounds
    root = repo_root(source)
    try:
        with rounds.resolve_source(old, root, source) as old_dir, \
                rounds.resolve_source(new, root, source) as new_dir:
            labels = (rounds.describe(old, root, source),
                      "現在の source" if Path(new).resolve() == source.resolve()
                      else rounds.describe(new, root, source))
            with Staging(outdir) as stage:
                with step("新旧対照表を作成しています", out):
                    outputs = diffing.run_diff(old_dir, new_dir, stage.dir, order=order,
                                               unchanged=unchanged, old_label=labels[0],
                                               new_label=labels[1])
                entries = stage.commit(outputs)
    except LoadFailed as e:
        print(f"比較する計画を読み込めませんでした（{len(e.findings)} 件）。", file=out)
        for f in e.findings:
            print(f.format(), file=out)
        return EXIT_UNREADABLE
    except (rounds.RoundError, diffing.SettingError) as e:
        print(str(e), file=out)
        return EXIT_UNREADABLE
    print(f"新旧対照表を書き出しました（旧: {labels[0]} → 新: {labels[1]}）:", file=out)
    for e in entries:
        pages = f"（{e['pages']} ページ）" if "pages" in e else ""
        print(f"  {outdir / e['path']}{pages}", file=out)
    return EXIT_OK


def proof(source: Path, outdir: Path, number: int, date: str | None, against: str | None,
          by_department: bool, record: bool = True, out: TextIO | None = None) -> int:
    """The proof of round `number`, marked against OLD; the round is recorded."""
    from . import diff as diffing
    from . import proof as proofing
    from . import rounds
    out = out or sys.stderr
    plan = load(source, out)
    if plan is None:
        return EXIT_UNREADABLE
    date = date or proofing.today()
    root = repo_root(source)
    marks: dict = {}
    try:
        if against:
            with rounds.resolve_source(against, root, source) as old_dir:
                changes = diffing.changes(load_plan(old_dir), plan)
            marks = {pid: tuple(changes.ranges.get(pid, ())) for pid in changes.ids}
        findings = run_checks(plan)
        ctx = builders.BuildContext(plan=plan, findings=findings, layouts=paths.LAYOUTS,
                                    fonts=paths.FONTS, marks=marks)
        with Staging(outdir) as stage:
            path = stage.dir / f"{plan.info.output_name}-proof-{number}.pdf"
            with step("校正刷りを作成しています", out):
                doc = proofing.render_proof(plan, ctx, number, date, path)
            outputs = [builders.Output(kind="proof", path=path, pages=len(doc.pages),
                                       extra={"round": number, "date": date,
                                              "changed": len(marks)})]
            if by_department:
                outputs += proofing.write_packets(plan, doc, path, stage.dir, number, date)
            entries = stage.commit(outputs)
        recorded = rounds.record_round(source, number, date, root) if record else None
    except LoadFailed as e:
        print(f"比較元の計画を読み込めませんでした（{len(e.findings)} 件）。", file=out)
        for f in e.findings:
            print(f.format(), file=out)
        return EXIT_UNREADABLE
    except rounds.RoundError as e:
        print(str(e), file=out)
        return EXIT_UNREADABLE
    print(f"{rounds.round_name(number)}（{date}）の校正刷りを書き出しました"
          + (f"（変更のある段落 {len(marks)}）" if against else "") + ":", file=out)
    for e in entries:
        pages = f"（{e['pages']} ページ）" if "pages" in e else ""
        print(f"  {outdir / e['path']}{pages}", file=out)
    if recorded:
        print(f"この回の内容を {recorded} に記録しました。次の回で --against round:{number} と"
              "して比べられます（リポジトリに commit してください）。", file=out)
    return EXIT_OK
