"""What the preview shows, rebuilt from the source after each save: load →
check → pages (through a renderer, planbook.serve.render), and the JSON the
page asks for. A rebuild never raises: a source that cannot be read, or an
internal error, keeps the last good pages and says what went wrong."""
from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..builders import BuildContext
from ..checking import load_plan, run_checks
from ..checks.runner import has_errors
from ..findings import ERROR, INFO, WARNING, Finding, LoadFailed
from ..report import SEVERITY_WORDS, check_title, check_titles, group_findings
from .render import Page, PageRenderer

STARTING, OK, LOAD_FAILED, FAILED = "starting", "ok", "load-failed", "failed"


@dataclass(frozen=True)
class Snapshot:
    """One completed rebuild (version 0: none yet)."""
    version: int = 0
    state: str = STARTING
    message: str = ""             # Japanese, when the pages are not of this version
    title: str = ""
    plan: object = None           # the Plan, None when it could not be read
    findings: tuple[Finding, ...] = ()
    pages: tuple[Page, ...] = ()  # this version's, or the last good ones (`stale`)
    stale: bool = False
    nav: tuple[dict, ...] = ()
    group_anchors: dict = field(default_factory=dict)   # report group key -> anchor
    seconds: float = 0.0          # how long the rebuild took
    timings: dict = field(default_factory=dict)         # seconds per step


_checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planbook-checks")


class Preview:
    """The current snapshot of one source folder; `rebuild()` makes the next."""

    def __init__(self, source: Path, renderer=None, log=None):
        self.source = Path(source)
        self.renderer = renderer or PageRenderer()
        self.log = log or sys.stderr
        self.snapshot = Snapshot()
        self.building = False
        self.closed = False               # the server has stopped
        self._images: dict[str, bytes] = {}
        self._lock = threading.Lock()     # one rebuild at a time

    def rebuild(self) -> Snapshot:
        with self._lock:
            self.building = True
            start = time.monotonic()
            last = self.snapshot
            try:
                snap = self._build(last)
            except Exception as e:  # noqa: BLE001 - the server outlives any rebuild
                snap = self._kept(last, FAILED, self._failure(e, last.findings), last.findings)
            snap = replace(snap, seconds=time.monotonic() - start)
            # the images of this and the previous snapshot: a page list fetched
            # just before the swap still finds its images
            self._images = {p.hash: p.png for p in (*last.pages, *snap.pages)}
            self.snapshot = snap
            self.building = False
            return snap

    def _build(self, last: Snapshot) -> Snapshot:
        start = time.monotonic()
        try:
            plan = load_plan(self.source)
        except LoadFailed as e:
            return self._kept(last, LOAD_FAILED, load_message(e.findings), e.findings)
        loaded = time.monotonic()
        # The checks run while the pages are laid out (in worker processes):
        # the layout does not need their findings.
        checking = _checks.submit(run_checks, plan, final=False)
        title = " ".join(x for x in (plan.info.municipality, plan.info.title) if x)
        try:
            rendering = self.renderer.render(plan, [])
        except Exception as e:  # noqa: BLE001
            findings = checking.result()
            return replace(self._kept(last, FAILED, self._failure(e, findings), findings, plan),
                           title=title)
        findings = checking.result()
        checked = time.monotonic()
        findings = findings + [f for f in rendering.findings if f not in findings]
        nav, anchors = navigation(plan, rendering.pages)
        timings = {"load": round(loaded - start, 3), "check+pages": round(checked - loaded, 3),
                   **rendering.timings}
        return Snapshot(last.version + 1, OK, "", title, plan, tuple(findings),
                        tuple(rendering.pages), False, tuple(nav), anchors, timings=timings)

    @staticmethod
    def _kept(last: Snapshot, state: str, message: str, findings, plan=None) -> Snapshot:
        """A rebuild without pages: the last good pages stay, marked stale."""
        return Snapshot(last.version + 1, state, message, last.title, plan, tuple(findings),
                        last.pages, bool(last.pages), last.nav, last.group_anchors)

    def _failure(self, e: Exception, findings) -> str:
        """What to say (Japanese, also on the terminal) when a rebuild failed.
        Nothing once the preview has stopped (the workers are gone)."""
        if self.closed:
            return ""
        if os.environ.get("PLANBOOK_DEBUG"):
            traceback.print_exc(file=self.log)
        if has_errors(findings):
            message = ("チェックのエラーがあるため、ページを組めませんでした（"
                       f"{type(e).__name__}: {e}）。一覧のエラーを直して保存すると、もう一度組みます。")
        else:
            message = (f"プレビューを作る途中で planbook の内部エラーが起きました（{type(e).__name__}: {e}）。"
                       "source を保存し直すと、もう一度組みます。続くときは PLANBOOK_DEBUG=1 を付けて"
                       "planbook serve を実行した結果を開発担当に伝えてください。")
        print(message, file=self.log, flush=True)
        return message

    def image(self, digest: str) -> bytes | None:
        return self._images.get(digest)

    # -- JSON --------------------------------------------------------------------

    def status(self) -> dict:
        s = self.snapshot
        c = counts(s.findings)
        return {"version": s.version, "state": s.state, "building": self.building,
                "errors": c[ERROR], "warnings": c[WARNING], "infos": c[INFO],
                "pages": len(s.pages), "stale": s.stale, "message": s.message,
                "title": s.title, "seconds": round(s.seconds, 2), "timings": s.timings}

    def pages(self) -> dict:
        s = self.snapshot
        on_page = policies_by_page(s.pages)
        pages = [{"number": p.number, "folio": p.folio, "side": side(p.number),
                  "width": p.width, "height": p.height, "hash": p.hash,
                  "image": f"/page/{p.hash}.png", "anchors": list(p.anchors),
                  "policies": on_page.get(p.number, [])} for p in s.pages]
        return {"version": s.version, "stale": s.stale, "pages": pages,
                "spreads": spreads(len(s.pages)), "nav": list(s.nav)}

    def findings(self) -> dict:
        s = self.snapshot
        titles = check_titles()
        groups = []
        for g in group_findings(s.plan, list(s.findings)):
            anchor = s.group_anchors.get(g.key)
            groups.append({
                "key": g.key, "heading": g.heading, "anchor": anchor,
                "page": _first_page(s.pages, anchor),
                "counts": {sev: g.count(sev) for sev in (ERROR, WARNING, INFO)},
                "findings": [finding_json(f, titles, SEVERITY_WORDS, check_title)
                             for f in g.findings]})
        return {"version": s.version, "state": s.state, "message": s.message,
                "counts": counts(s.findings), "groups": groups}


def load_message(findings) -> str:
    return (f"source を読み込めませんでした（{len(findings)} 件）。次の箇所を直して保存すると、"
            "自動で組み直します。")


def counts(findings) -> dict[str, int]:
    return {sev: sum(f.severity == sev for f in findings) for sev in (ERROR, WARNING, INFO)}


def finding_json(f: Finding, titles, words, check_title) -> dict:
    before, part, after = f.marked()
    return {"where": f.where(), "file": f.file, "line": f.line, "column": f.column,
            "severity": f.severity, "severity_word": words.get(f.severity, f.severity),
            "code": f.code, "check": check_title(titles, f.code), "message": f.message,
            "excerpt": [before, part, after] if f.excerpt else None}


def side(number: int) -> str:
    """Page 1 (the cover) is a right-hand page: odd pages right, even left."""
    return "right" if number % 2 else "left"


def spreads(count: int) -> list[list[int | None]]:
    """[left, right] page numbers of each spread: the cover alone on the
    right, then 2–3 (the cover's back facing folio 1), 4–5, …"""
    out: list[list[int | None]] = [[None, 1]] if count else []
    for left in range(2, count + 1, 2):
        out.append([left, left + 1 if left + 1 <= count else None])
    return out


def _first_page(pages, anchor: str | None) -> int | None:
    if anchor:
        for p in pages:
            if anchor in p.anchors:
                return p.number
    return None


def policies_by_page(pages) -> dict[int, list[str]]:
    """The 施策 (their anchors) laid out on each page: an anchor `policy-CODE`
    is on every page its article spans."""
    out: dict[int, list[str]] = {}
    for p in pages:
        out[p.number] = [a for a in p.anchors
                         if a.startswith("policy-") and not a.endswith(("-end", "-right"))]
    return out


def navigation(plan, pages) -> tuple[list[dict], dict[str, str]]:
    """The booklet's 目次 (chapters, 将来像, 基本目標, 施策) with the page each
    starts on; and the anchor of each group of the report (施策411 → its page)."""
    view = BuildContext(plan=plan, findings=[]).booklet()
    nav = [{"level": 1, "anchor": "toc", "label": view.toc_heading, "title": "",
            "page": _first_page(pages, "toc")}]
    for e in view.toc:
        nav.append({"level": e.level, "anchor": e.anchor, "label": e.label,
                    "title": e.title.plain if e.title is not None else "",
                    "page": _first_page(pages, e.anchor)})
    anchors = {"基本理念": view.philosophy.anchor, "将来像": view.visions.anchor}
    for part in view.parts:
        for g in part.goals:
            anchors[f"基本目標{g.heading.code}"] = g.heading.anchor
    for p in view.written_policies():
        anchors[f"施策{p.code}"] = p.heading.anchor
    return nav, anchors
