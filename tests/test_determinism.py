"""Same input, same layout, whatever the process did before: the complete
plan laid out in one pass in two processes with different PYTHONHASHSEED
values, one fresh, one after a justified paragraph of another size (what a
layout worker or a long-lived process may have set first), gives
byte-identical PDFs. A cache keyed on less than what it measures (the
advance of a punctuation mark, once per font but not per size) moved a few
glyphs of a justified line by up to 0.01 pt."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import COMPLETE, ROOT
from pdf_compare import glyphs

# Lays out the complete plan into each folder of argv[2:], after laying out
# a justified paragraph at argv[1] pt when that is not "-".
SCRIPT = textwrap.dedent("""
    import sys
    from planbook.cli import main
    size = sys.argv[1]
    if size != "-":
        from planbook import paths
        from planbook.render import typeset
        text = "あいう、「えお」。かきくけこ、「さしすせそ」。たちつてと（なにぬねの）・はひふ" * 3
        typeset.render(f'<p style="font: {size}pt \\'BIZ UDPMincho\\'; text-align: justify; '
                       f'width: 12em">{text}</p>', None, paths.FONTS, compose=True)
    for out in sys.argv[2:]:
        code = main(["build", sys.argv[0], "-o", out, "--format", "pdf", "--jobs", "1",
                     "--no-cache"])
        assert code == 0, code
""")


def lay_out(tmp_path: Path, seed: int, primer: str, runs: int) -> subprocess.Popen:
    outs = [str(tmp_path / f"seed{seed}-{n}") for n in range(runs)]
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    return subprocess.Popen([sys.executable, "-c", SCRIPT.replace("sys.argv[0]", repr(str(COMPLETE))),
                             primer, *outs], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def test_same_plan_same_layout_across_processes_and_histories(tmp_path):
    jobs = [lay_out(tmp_path, 1, "-", 1),        # a fresh process
            lay_out(tmp_path, 2, "8.5", 1)]      # after an 8.5 pt paragraph (a note's size)
    for job in jobs:
        _, err = job.communicate(timeout=300)
        assert job.returncode == 0, err
    pdfs = sorted(tmp_path.glob("seed*/*.pdf"))
    assert len(pdfs) == 2
    reference = pdfs[0].read_bytes()
    for pdf in pdfs[1:]:
        if pdf.read_bytes() != reference:
            # where they differ, to the thousandth of a point
            for n, (a, b) in enumerate(zip(glyphs(pdfs[0]), glyphs(pdf)), 1):
                moved = [(x[0], round(y[4] - x[4], 4), round(y[5] - x[5], 4))
                         for x, y in zip(a, b)
                         if x[:4] != y[:4] or abs(x[4] - y[4]) > 1e-3 or abs(x[5] - y[5]) > 1e-3]
                assert len(a) == len(b) and not moved, (pdf.parent.name, f"page {n}", moved[:6])
            raise AssertionError(f"{pdf.parent.name}: the same glyphs, other bytes")
