"""Times each step of a build on a source folder and compares with the goals.

    .venv/bin/python scripts/benchmark.py [SOURCE] [--repeat N]

Goals (from the issues): the whole Kiyose build well under 15 s, the checks
under 2 s once the tools are loaded. Speed goals live here, not in tests.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planbook import builders, paths  # noqa: E402
from planbook.checks.runner import run_checks  # noqa: E402
from planbook.load import load_plan  # noqa: E402

GOALS = {"load": None, "check": 2.0, "pdf": None, "docx": None, "total": 15.0}


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", nargs="?", default="source")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    runs: dict[str, list[float]] = {k: [] for k in GOALS}
    run_checks(load_plan(args.source))          # warm caches (fonts' cmaps, regexes)
    for _ in range(args.repeat):
        plan, t = timed(lambda: load_plan(args.source))
        runs["load"].append(t)
        findings, t = timed(lambda: run_checks(plan))
        runs["check"].append(t)
        ctx = builders.BuildContext(plan=plan, findings=findings,
                                    layouts=paths.LAYOUTS, fonts=paths.FONTS)
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("pdf", "docx"):
                _, t = timed(lambda: builders.get(name)(ctx).build(Path(tmp)))
                runs[name].append(t)
        runs["total"].append(sum(runs[k][-1] for k in ("load", "check", "pdf", "docx")))
    ok = True
    for step, times in runs.items():
        med = statistics.median(times)
        goal = GOALS[step]
        verdict = "" if goal is None else ("  ok" if med <= goal else f"  OVER goal {goal:.1f}s")
        ok &= goal is None or med <= goal
        print(f"{step:6s} median {med:6.2f}s  (min {min(times):.2f}s){verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
