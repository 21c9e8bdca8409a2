"""Speed of planbook against its goals (issues 14 and 20), measured side by side.

    .venv/bin/python scripts/benchmark.py [--repeat N] [--quick] [--only NAMES]

Generates the 100- and 500-施策 plans (scripts/gen_plan.py) in a temporary
folder and measures, each several times (medians):

- one-pass: one WeasyPrint render of the booklet (layout and PDF, in a fresh
  process, load and checks not counted): the reference of every ratio;
  and `planbook build --jobs 1 --no-cache --format pdf` (a one-pass build);
- cold: `planbook build --format pdf` without a cache (all cores);
- warm: the same after a one-paragraph edit of one 施策, with the cache;
- build: the default build (PDF, DOCX, check report) after the same edit;
- preview: `planbook serve`, a one-paragraph edit saved, until /api/status
  shows the next version;
- refused: `planbook build` of the 100-施策 plan with one duplicated 施策
  title (the checks refuse it) against `planbook check` of the same: a
  refused build lays nothing out (goal: at most 1.3× check + 0.3 s);
- check on 500 施策 once loaded, loading, DOCX and the HTML edition of 100
  施策 (goal: under 2 s each), the presentation;
- pdf-ua: `planbook build --format pdf-ua` (the tagged PDF: one pass with
  tagging, then planbook.tagged), against one-pass-build;
- peak memory (Pss of all processes of the build) of the 500-施策 plan
  (~1000 pages).

Prints medians, ratios against the one-pass render measured in the same
run, and whether each goal is met (exit 1 if one is not). Speed goals live
here, never in tests.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PLANBOOK = [PY, "-m", "planbook"]

GOALS = {                      # name: (limit, "ratio" against one-pass | "s" | "MB")
    "cold-100": (0.6, "ratio"),
    "warm-100": (0.15, "ratio"),
    "preview-100": (1.0, "s"),
    "check-500": (1.0, "s"),
    "docx-100": (2.0, "s"),
    "html-100": (2.0, "s"),
    "memory-500": (600, "MB"),
    "refused-100": (None, "refused"),        # ≤ 1.3 × check-cmd-100 + 0.3 s
}

ONE_PASS = """
import sys, time
from pathlib import Path
from planbook import builders
from planbook.checking import load_plan
plan = load_plan(sys.argv[1])
ctx = builders.BuildContext(plan=plan, findings=[])
view = ctx.booklet()
import planbook.render.typeset.patches  # WeasyPrint imported before the clock starts, as in a warm build
start = time.perf_counter()
doc, _ = ctx.lay_out(view)
doc.write_pdf(sys.argv[2])
print(time.perf_counter() - start)
"""

STEPS = """
import sys, time, tempfile, statistics
from pathlib import Path
from planbook import builders
from planbook.checking import load_plan, run_checks
from planbook.present import booklet
def t(fn, n=3):
    out = []
    for _ in range(n):
        s = time.perf_counter(); v = fn(); out.append(time.perf_counter() - s)
    return v, statistics.median(out)
s = time.perf_counter(); plan = load_plan(sys.argv[1]); load = time.perf_counter() - s
# (the first load of the process: a later one of the same files is remembered)
run_checks(plan)
findings, check = t(lambda: run_checks(plan))
ctx = builders.BuildContext(plan=plan, findings=findings)
_, present = t(lambda: builders.BuildContext(plan=plan, findings=findings).booklet())
with tempfile.TemporaryDirectory() as tmp:
    _, docx = t(lambda: builders.get("docx")(ctx).build(Path(tmp)))
    # the HTML edition with its own view, as a build makes it
    _, html = t(lambda: builders.get("html")(
        builders.BuildContext(plan=plan, findings=findings)).build(Path(tmp)))
print(load, check, present, docx, html)
"""


def run(cmd, **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   cwd=ROOT, **kw)
    return time.perf_counter() - start


def duplicated_title(src: Path, dst: Path) -> Path:
    """A copy of the plan whose second 施策 has the first one's title."""
    shutil.copytree(src, dst)
    first, second = sorted((dst / "policies").glob("*.yaml"))[:2]
    title = next(ln for ln in first.read_text(encoding="utf-8").splitlines()
                 if ln.startswith("title:"))
    lines = [title if ln.startswith("title:") else ln
             for ln in second.read_text(encoding="utf-8").splitlines()]
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dst


def run_refused(cmd) -> float:
    """Seconds until a command that exits 1 has answered and closed its output
    (a process it left holding the pipe would count)."""
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    assert r.returncode == 1, r.stderr.decode()[-500:]
    return time.perf_counter() - start


def edit(src: Path, n: int) -> None:
    """A one-paragraph edit of one 施策 (the middle one)."""
    files = sorted((src / "policies").glob("*.yaml"))
    f = files[len(files) // 2]
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("。", f"。追記{n}。", 1), encoding="utf-8")


def one_pass(src: Path, tmp: Path) -> float:
    out = subprocess.run([PY, "-c", ONE_PASS, str(src), str(tmp / "one.pdf")], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return float(out.split()[-1])


def tree_memory_mb(pid: int) -> float:
    """Memory of a process and its descendants (Linux /proc): the sum of
    their proportional set sizes (Pss: a page shared by n processes, as the
    forked layout workers share the fonts, counts 1/n in each), else Rss."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(d.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += _pss_kb(p)
        todo += children.get(p, [])
    return total / 1024


def _pss_kb(pid: int) -> float:
    try:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
        return float((fields.get("Pss") or fields["Rss"]).split()[0])
    except (OSError, KeyError, ValueError):
        return 0.0


def peak_memory(cmd) -> tuple[float, float]:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, start = 0.0, time.perf_counter()
    while proc.poll() is None:
        peak = max(peak, tree_memory_mb(proc.pid))
        time.sleep(0.05)
    return peak, time.perf_counter() - start


def _burn(n: int = 3_000_000) -> float:
    start, total = time.perf_counter(), 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def parallel_capacity() -> tuple[float, float]:
    """What two processes at once get from this machine, against one."""
    import multiprocessing
    one = statistics.median(_burn() for _ in range(3))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        two = statistics.median(pool.map(_burn, [3_000_000] * 4))
    return one, two


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=5) as r:
        return json.loads(r.read())


def preview_latency(src: Path, repeat: int) -> list[float]:
    port = free_port()
    proc = subprocess.Popen([*PLANBOOK, "serve", str(src), "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                if status(port)["version"] >= 1 and not status(port).get("building"):
                    break
            except OSError:
                pass
            time.sleep(0.2)
        out = []
        for n in range(repeat):
            version = status(port)["version"]
            time.sleep(0.5)
            start = time.perf_counter()
            edit(src, 100 + n)
            while status(port)["version"] == version:
                time.sleep(0.01)
            out.append(time.perf_counter() - start)
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="100 施策 only, no memory run")
    args = ap.parse_args()
    r = args.repeat
    res: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as tmpdir:
        tmp = Path(tmpdir)
        sizes = (100,) if args.quick else (100, 500)
        for n in sizes:
            subprocess.run([PY, "scripts/gen_plan.py", str(tmp / f"plan{n}"), "--policies", str(n)],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        src = tmp / "plan100"
        one, two = parallel_capacity()
        print(f"cores: {len(os.sched_getaffinity(0))}; the same Python loop takes {one:.2f}s alone "
              f"and {two:.2f}s each when two run at once: two processes do "
              f"{2 * one / two:.2f}× the work of one", flush=True)
        for i in range(r):
            res.setdefault("one-pass-100", []).append(one_pass(src, tmp))
            res.setdefault("one-pass-build-100", []).append(run(
                [*PLANBOOK, "build", str(src), "-o", str(tmp / "o1"), "--format", "pdf",
                 "--jobs", "1", "--no-cache"]))
            shutil.rmtree(tmp / "cold", ignore_errors=True)
            res.setdefault("cold-100", []).append(run(
                [*PLANBOOK, "build", str(src), "-o", str(tmp / "cold"), "--format", "pdf"]))
            print(f"  round {i + 1}: one-pass {res['one-pass-100'][-1]:.1f}s, "
                  f"cold {res['cold-100'][-1]:.1f}s", flush=True)
        for i in range(r + 2):
            edit(src, i)
            res.setdefault("warm-100", []).append(run(
                [*PLANBOOK, "build", str(src), "-o", str(tmp / "cold"), "--format", "pdf"]))
            edit(src, 50 + i)
            res.setdefault("build-100", []).append(run(
                [*PLANBOOK, "build", str(src), "-o", str(tmp / "cold")]))
        res["preview-100"] = preview_latency(src, r + 2)
        bad = duplicated_title(src, tmp / "bad100")
        for _ in range(r + 2):
            res.setdefault("check-cmd-100", []).append(run_refused([*PLANBOOK, "check", str(bad)]))
            res.setdefault("refused-100", []).append(run_refused(
                [*PLANBOOK, "build", str(bad), "-o", str(tmp / "refused")]))
        steps = subprocess.run([PY, "-c", STEPS, str(src)], check=True, capture_output=True,
                               text=True, cwd=ROOT).stdout.split()
        res["load-100"], res["check-100"], res["present-100"], res["docx-100"], \
            res["html-100"] = ([float(x)] for x in steps)
        for _ in range(r):
            res.setdefault("pdf-ua-build-100", []).append(run(
                [*PLANBOOK, "build", str(src), "-o", str(tmp / "ua"), "--format", "pdf-ua"]))
        if not args.quick:
            big = tmp / "plan500"
            steps = subprocess.run([PY, "-c", STEPS, str(big)], check=True, capture_output=True,
                                   text=True, cwd=ROOT).stdout.split()
            res["load-500"], res["check-500"], res["present-500"], res["docx-500"], \
                res["html-500"] = ([float(x)] for x in steps)
            peak, seconds = peak_memory([*PLANBOOK, "build", str(big), "-o", str(tmp / "big"),
                                         "--format", "pdf"])
            res["memory-500"], res["cold-500"] = [peak], [seconds]
            import pikepdf
            with pikepdf.open(next((tmp / "big").glob("*.pdf"))) as pdf:
                res["pages-500"] = [float(len(pdf.pages))]
    return report(res)


def report(res: dict[str, list[float]]) -> int:
    ref = statistics.median(res["one-pass-100"])
    ok = True
    print(f"\n{'measure':22s} {'median':>9s} {'ratio':>7s}  goal")
    for name, values in res.items():
        med = statistics.median(values)
        unit = "MB" if name.startswith("memory") else ("" if name.startswith("pages") else "s")
        ratio = med / ref if unit == "s" and name.endswith("-100") else None
        goal = GOALS.get(name)
        verdict = ""
        if goal and goal[1] == "refused":
            limit = 1.3 * statistics.median(res["check-cmd-100"]) + 0.3
            met = med <= limit
            ok &= met
            verdict = f"{'ok ' if met else 'OVER'} ≤ {limit:.2f} s (1.3 × check + 0.3 s)"
        elif goal:
            limit, kind = goal
            value = ratio if kind == "ratio" else med
            met = value is not None and value <= limit
            ok &= met
            verdict = f"{'ok ' if met else 'OVER'} ≤ {limit}{'×' if kind == 'ratio' else ' ' + kind}"
        ratio_text = f"{ratio:6.2f}×" if ratio is not None else " " * 7
        print(f"{name:22s} {med:8.2f}{unit:2s} {ratio_text}  {verdict}"
              f"   (n={len(values)}, min {min(values):.2f})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
