"""One path for every command: load → check (draft, final or print mode) →
builders → staging → manifest → summary. Knows no output format by name:
each command only lists the builders it wants (planbook.builders)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import builders, diff as diffing, paths, scratch
from .builders import DRAFT, FINAL, PRINT, BuildError
from .checking import load_plan, run_checks
from .checks.runner import has_errors
from .findings import ERROR, WARNING, Finding, LoadFailed
from .model import Plan
from .package import MANIFEST, OutputError, Staging, check_outdir, write_error
from .progress import step
from .proofs import ids, rounds
from .proofs.sheet import count_line

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
REPORT = "check-report"


@dataclass
class Job:
    """What one command asks of the pipeline."""
    source: Path
    outdir: Path
    mode: str | None                          # draft | final | print; None: no checks
    builders: list[tuple[str, dict]] = field(default_factory=list)   # (name, options)
    written: str = "書き出しました"             # said before the list of files
    refused: str = "エラーがあるため、チェック結果のほかは何も書き出していません。上のエラーを直してください。"
    inside: tuple = ()                        # more folders OUT must not be inside (besides source)
    block: bool = True                        # check errors stop the outputs (not a proof's)
    with_errors: str = ""                     # said after the files when errors did not stop them


def summary(findings: list[Finding]) -> str:
    e = sum(f.severity == ERROR for f in findings)
    w = sum(f.severity == WARNING for f in findings)
    return f"エラー {e} 件、警告 {w} 件"


def print_load_errors(source, e: LoadFailed, out: TextIO, what: str = "") -> None:
    print(f"{what or source} を読み込めませんでした（{len(e.findings)} 件）。"
          "次の箇所を直してから、もう一度実行してください。", file=out)
    for f in e.findings:
        print(f.format(), file=out)


def load(source: Path, out: TextIO) -> Plan | None:
    try:
        with step("source を読み込んでいます", out):
            return load_plan(source)
    except LoadFailed as e:
        print_load_errors(source, e, out)
        return None


def check(source: Path, final: bool, out: TextIO) -> tuple[Plan | None, list[Finding], int]:
    """Load and check; the load errors are findings too (exit 2)."""
    try:
        plan = load_plan(source)
    except LoadFailed as e:
        return None, e.findings, EXIT_UNREADABLE
    with step("チェックしています", out):
        findings = run_checks(plan, final=final)
    if final:
        # a 施策 longer than its spread is an error of a final build: lay out to know
        with step("組版を確かめています", out):
            ctx = builders.BuildContext(plan=plan, findings=findings, mode=FINAL)
            with scratch.temporary("check-") as tmp:
                findings = findings + ctx.write_booklet(ctx.booklet(), Path(tmp) / "check.pdf")[1]
    return plan, findings, EXIT_ERRORS if has_errors(findings) else EXIT_OK


def _list(entries: list[dict], outdir: Path, out: TextIO) -> None:
    for e in entries:
        if e.get("part_of"):            # a file of an output listed already (the HTML edition)
            continue
        pages = f"（{e['pages']} ページ）" if "pages" in e else ""
        print(f"  {outdir / e['path']}{pages}", file=out)
        for n in e.get("padded_pages", []):
            print(f"    白ページを加えました: {n} ページ目", file=out)
    print(f"  {outdir / MANIFEST}", file=out)


def _refused_kinds(job: Job) -> tuple[str, ...]:
    """The manifest kinds a refused job did not rewrite: their earlier entries
    stay, marked outdated, so the manifest does not pass them off as current."""
    return tuple(k for name, _ in job.builders
                 for k in (builders.get(name).kind, *builders.get(name).kinds))


class LayoutErrors(BuildError):
    """The laid-out booklet has errors (a 施策 longer than its spread in a final build)."""


def _layout_findings(builder, findings: list[Finding], out: TextIO) -> None:
    """What only the laid-out output shows (a 施策 longer than its spread):
    reported like the checks' findings, and in the check report that is built
    last; an error stops the outputs."""
    new = [f for f in builder.findings if f not in findings]
    for f in new:
        print(f.format(), file=out)
    findings.extend(new)
    if any(f.severity == ERROR for f in new):
        raise LayoutErrors("組版の結果にエラーがあるため、チェック結果のほかは書き出していません"
                           "（上の layout-… の項目）。")


def _stage(job: Job, chosen, findings: list[Finding], blocked: bool, out: TextIO) -> list[dict]:
    with Staging(job.outdir) as stage:
        outputs: list = []
        for b in chosen:
            with step(f"{b.label or b.name} を作成しています", out):
                outputs += b.build(stage.dir, outputs)
            _layout_findings(b, findings, out)
        return stage.commit(outputs, outdated=_refused_kinds(job) if blocked else (),
                            publish=[b.publish for b in chosen])


NOTHING = "何も書き出していません（以前のファイルはそのままです）。"


def _where(e: OSError, outdir: Path) -> Path:
    """The path to name for an OSError: OUT for anything inside it (the
    staging folder is planbook's business), else the file itself."""
    name = Path(e.filename) if isinstance(e.filename, str) and e.filename else None
    if name is None or name.resolve().is_relative_to(Path(outdir).resolve()):
        return Path(outdir)
    return scratch.where(name)


def run(job: Job, out: TextIO | None = None, plan: Plan | None = None) -> int:
    out = out or sys.stderr
    try:
        check_outdir(job.outdir, (job.source, *job.inside))
    except OutputError as e:
        print(f"{e}\n{NOTHING}", file=out)
        return EXIT_UNREADABLE
    plan = plan or load(job.source, out)
    if plan is None:
        return EXIT_UNREADABLE
    findings: list[Finding] = []         # the checks' (filled in below: ctx holds the list)
    ctx = builders.BuildContext(plan=plan, findings=findings, mode=job.mode or DRAFT,
                                layouts=paths.LAYOUTS, fonts=paths.FONTS)
    chosen = [builders.get(name)(ctx, **options) for name, options in job.builders]
    if job.mode:
        with step("チェックしています", out):
            findings += run_checks(plan, final=job.mode in (FINAL, PRINT))
        for f in findings:
            print(f.format(), file=out)
        print(f"チェック結果: {summary(findings)}", file=out)
    blocked = bool(job.mode) and has_errors(findings) and job.block
    if blocked:
        chosen = []
    if job.mode:
        chosen.append(builders.get(REPORT)(ctx))
    try:
        for b in chosen:
            b.prepare()
        try:
            entries = _stage(job, chosen, findings, blocked, out)
        except LayoutErrors as e:
            # the layout refuses the outputs: write the check report alone
            print(str(e), file=out)
            blocked, chosen = True, [c for c in chosen if c.name == REPORT]
            entries = _stage(job, chosen, findings, blocked, out)
    except BuildError as e:
        print(f"{e}\n{NOTHING}", file=out)
        return EXIT_ERRORS
    except OutputError as e:
        print(f"{e}\n{NOTHING}", file=out)
        return EXIT_UNREADABLE
    except OSError as e:                # a full disk, a folder made read-only meanwhile
        print(f"{write_error(_where(e, job.outdir), e)}\n{NOTHING}", file=out)
        return EXIT_UNREADABLE
    except LoadFailed as e:
        print_load_errors(job.source, e, out, "比べる計画")
        return EXIT_UNREADABLE
    if blocked:
        print(job.refused, file=out)
        _list(entries, job.outdir, out)
        return EXIT_ERRORS
    print(job.written + ":", file=out)
    _list(entries, job.outdir, out)
    for b in chosen:
        for line in b.finish(entries):
            print(line, file=out)
    if has_errors(findings):
        print(job.with_errors or job.refused, file=out)
        return EXIT_ERRORS
    return EXIT_OK


CACHE = Path(".cache") / "parts"        # inside OUT: the booklet's parts kept between runs


def build(source: Path, outdir: Path, formats: list[str], final: bool,
          out: TextIO | None = None, jobs: int = 0, cache: bool = True) -> int:
    """`jobs`: processes laying out the booklet (0: all cores); `cache`: keep
    what is laid out in OUT/.cache/parts (planbook.render.chunks)."""
    mode = FINAL if final else DRAFT
    refused = Job.refused + ("（--final では未入力の項目もエラーになります）" if final else "")
    options = {"pdf": {"jobs": jobs, "cache": Path(outdir) / CACHE if cache else None}}
    return run(Job(source, outdir, mode, [(f, options.get(f, {})) for f in formats],
                   written=f"{'最終版' if final else '校正用の下書き'}を書き出しました",
                   refused=refused), out)


def print_files(source: Path, outdir: Path, pdf_x: str | None = None, binding: str | None = None,
                out: TextIO | None = None) -> int:
    """`planbook print`: the press files, only when the final checks pass."""
    opts = {"pdf_x": pdf_x, "binding": binding}
    return run(Job(source, outdir, PRINT,
                   [("print-body", opts), ("print-cover", opts), ("preflight", opts)],
                   written="入稿データを書き出しました",
                   refused="入稿データは最終版（--final）の基準でエラーがないときだけ作れます。"
                           "上のエラー（未入力の項目を含む）を直してください。"
                           "チェック結果のほかは何も書き出していません。"), out)


def _old_plan(old_dir: Path) -> Plan:
    """An older version to compare with: not checked (its style.yaml may name
    checks of an older planbook), with the paragraph ids its proof printed."""
    return ids.for_source(load_plan(old_dir, with_style=False))


def diff(old: str, new: str, source: Path, outdir: Path, order: str | None,
         unchanged: str | None, out: TextIO | None = None) -> int:
    """The 新旧対照表 of OLD and NEW (rounds, git revisions or folders)."""
    out = out or sys.stderr
    try:
        with rounds.resolve_source(old, None, source) as old_dir, \
                rounds.resolve_source(new, None, source) as new_dir:
            labels = (rounds.describe(old, None, source),
                      "現在の source" if Path(new).resolve() == source.resolve()
                      else rounds.describe(new, None, source))
            try:
                plan = load_plan(new_dir)
            except LoadFailed as e:
                print_load_errors(new, e, out, "比べる計画")
                return EXIT_UNREADABLE
            opts = {"old_dir": old_dir, "new_dir": new_dir, "order": order,
                    "unchanged": unchanged, "old_label": labels[0], "new_label": labels[1]}
            return run(Job(new_dir, outdir, None, [("diff-pdf", opts), ("diff-docx", opts)],
                           written=f"新旧対照表を書き出しました（旧: {labels[0]} → 新: {labels[1]}）",
                           inside=(source,)), out, plan)
    except rounds.RoundError as e:
        print(str(e), file=out)
        return EXIT_UNREADABLE


def proof(source: Path, outdir: Path, number: int, date: str | None, against: str | None,
          by_department: bool, record: bool = True, out: TextIO | None = None,
          force: bool = False, return_by: str | None = None) -> int:
    """The proof of round `number`, marked against OLD; the round is recorded.
    Round and dates are checked, and an existing record refused (unless
    `force`), before anything is read or written."""
    out = out or sys.stderr
    try:
        number = rounds.check_number(number)
        date = rounds.check_date(date)
        return_by = rounds.check_date(return_by) if return_by else None
        existing = rounds.round_folder(source, number)
        if record and not force and existing.exists():
            raise rounds.RoundError(rounds.existing_message(existing, number))
    except rounds.RoundError as e:
        print(f"{e}\n何も書き出していません。", file=out)
        return EXIT_UNREADABLE
    plan = load(source, out)
    if plan is None:
        return EXIT_UNREADABLE
    plan, id_record, warning = ids.stable(plan, number)
    if warning:
        print(warning, file=out)
    comparison, label = None, ""
    try:
        if against:
            with rounds.resolve_source(against, None, source) as old_dir:
                comparison = diffing.compare(_old_plan(old_dir), plan)
            label = rounds.describe(against, None, source)
    except LoadFailed as e:
        print_load_errors(against, e, out, "比較元の計画")
        return EXIT_UNREADABLE
    except rounds.RoundError as e:
        print(str(e), file=out)
        return EXIT_UNREADABLE
    name = rounds.round_name(number)
    opts = {"number": number, "date": date, "comparison": comparison, "against": label,
            "by_department": by_department, "record": record, "force": force,
            "ids": id_record, "return_by": return_by}
    written = f"{name}（{date}）の校正刷りを書き出しました" + \
        (f"（{label} からの変更: {count_line(comparison)}）" if comparison else "")
    return run(Job(source, outdir, DRAFT, [("proof", opts)], written=written, block=False,
                   with_errors="チェックでエラーが見つかりました（上の一覧）。校正刷りは作りましたが、"
                               "その 1 ページ目にもエラーの一覧を載せています。直してから次の回に進んでください。"),
               out, plan)


PROGRESS = ("progress-report", "progress-workbook", "progress-csv")


def progress(source: Path, outdir: Path, year: int, out: TextIO | None = None) -> int:
    """`planbook progress --year Y`: the 進捗報告書, the workbook and the CSV of
    fiscal year Y, only when the plan and its progress files pass the checks."""
    opts = {"year": year}
    return run(Job(source, outdir, DRAFT, [(name, opts) for name in PROGRESS],
                   written=f"{year} 年度の進捗報告書を書き出しました",
                   refused="エラーがあるため、進捗報告書はチェック結果のほかは何も書き出していません。"
                           "上のエラー（progress/ の実績値のファイルを含む）を直してください。"), out)


def forms(source: Path, outdir: Path, department: str | None, out: TextIO | None = None,
          progress: int | None = None) -> int:
    """`planbook forms`: one Excel form per 担当課 (all, or `department`'s;
    a department no 施策 names is a usage error, exit 2). With `progress`
    (a fiscal year inside the plan period), the forms of that year's actual
    values instead."""
    out = out or sys.stderr
    plan = load(source, out)
    if plan is None:
        return EXIT_UNREADABLE
    if department is not None:
        from .builders.forms import unknown_department  # lazy: openpyxl for `forms` only
        problem = unknown_department(plan, department)
        if problem:
            print(f"{problem}\n{NOTHING}", file=out)
            return EXIT_UNREADABLE
    if progress is not None:
        from .builders.progress_forms import year_problem  # lazy: openpyxl for `forms` only
        problem = year_problem(plan, progress)
        if problem:
            print(f"{problem}\n{NOTHING}", file=out)
            return EXIT_UNREADABLE
        return run(Job(source, outdir, None, [("progress-forms", {"department": department, "year": progress})],
                       written=f"担当課に送る {progress} 年度の実績値の記入様式を書き出しました"), out, plan)
    return run(Job(source, outdir, None, [("forms", {"department": department})],
                   written="担当課に送る記入様式を書き出しました"), out, plan)
