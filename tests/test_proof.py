"""Proofs: the stamp on every page, the changed paragraphs marked (and only
those), the round recorded, one packet per department with only its pages."""
import json
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from planbook.cli import main
from planbook.checking import load_plan

from conftest import COMPLETE
from pdf_fonts import PdfFonts, ours


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """A git repository whose plan goes through two rounds with one edit."""
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(COMPLETE, repo / "source")
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "start"], check=True)
    out = repo / "build"
    assert main(["proof", str(repo / "source"), "-o", str(out), "--round", "1",
                 "--date", "2026-11-01"]) == 0
    f = repo / "source/policies/111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("担当する部署へ確実に", "担当する部署へ速やかに"),
                 encoding="utf-8")
    assert main(["proof", str(repo / "source"), "-o", str(out), "--round", "2",
                 "--date", "2026-11-15", "--against", "round:1", "--by-department"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return repo, out, manifest


def test_round_is_recorded(rounds):
    repo, _, _ = rounds
    data = json.loads((repo / "source/rounds/1/round.json").read_text(encoding="utf-8"))
    assert data["round"] == 1 and data["name"] == "初校" and data["date"] == "2026-11-01"
    assert load_plan(repo / "source/rounds/1").info.title == load_plan(COMPLETE).info.title


def test_every_page_carries_the_stamp(rounds):
    _, out, manifest = rounds
    proofs = [e for e in manifest["outputs"] if e["kind"] == "proof"]
    assert {e["round"] for e in proofs} == {1, 2}
    second = next(e for e in proofs if e["round"] == 2)
    reader = PdfReader(out / second["path"])
    for page in reader.pages:
        assert "【再校2026-11-15】" in squash(page.extract_text())


def test_paragraph_ids_in_the_margin(rounds):
    _, out, manifest = rounds
    second = next(e for e in manifest["outputs"] if e["kind"] == "proof" and e["round"] == 2)
    text = squash("".join(p.extract_text() for p in PdfReader(out / second["path"]).pages))
    for pid in ("111/future/1", "111/directions/1/1", "goals/11/body/1", "philosophy/lead/1"):
        assert pid in text


def test_only_the_changed_paragraph_is_marked(rounds):
    _, _, manifest = rounds
    second = next(e for e in manifest["outputs"] if e["kind"] == "proof" and e["round"] == 2)
    assert second["changed"] == 1


def test_changed_marks_in_html(rounds, tmp_path):
    from planbook import diff, paths
    from planbook.builders import BuildContext
    from planbook.render import render_html
    repo, _, _ = rounds
    old, new = load_plan(repo / "source/rounds/1"), load_plan(repo / "source")
    changes = diff.changes(old, new)
    marks = {pid: tuple(changes.ranges.get(pid, ())) for pid in changes.ids}
    ctx = BuildContext(plan=new, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    html = render_html(ctx.booklet(marks), ctx.layouts, ctx.fonts)
    marked = set(re.findall(r'class="[^"]*changed[^"]*" data-pid="([^"]+)"', html))
    assert marked == {"111/directions/1/1"}
    assert re.search(r'<span class="chg">[^<]*速やか', html)


def test_packets_hold_exactly_their_departments_pages(rounds):
    _, out, manifest = rounds
    plan = load_plan(COMPLETE)
    packets = [e for e in manifest["outputs"] if e["kind"] == "packet"]
    departments = {d for p in plan.policies for d in p.departments}
    assert {e["department"] for e in packets} == departments
    for e in packets:
        reader = PdfReader(out / e["path"])
        cover = squash(reader.pages[0].extract_text())
        assert e["department"] in cover and "再校" in cover
        assert set(PdfFonts(out / e["path"]).postscript_names().values()) <= set(ours())
        body = squash("".join(p.extract_text() for p in reader.pages[1:]))
        for p in plan.policies:
            heading = squash(plan.policy_label(p) + p.title.text)
            if e["department"] in p.departments:
                assert heading in body, (e["department"], p.code)
            else:
                assert heading not in body, (e["department"], p.code)


def test_proof_folios_are_the_booklets(rounds, cli_builds):
    """A page reference written on a proof (p.N) is p.N of the booklet."""
    _, out, manifest = rounds
    first = next(e for e in manifest["outputs"] if e["kind"] == "proof" and e["round"] == 1)
    proof = PdfReader(out / first["path"])
    booklet = PdfReader(next(cli_builds["complete"][1].glob("*.pdf")))
    assert len(proof.pages) == len(booklet.pages)
    plan = load_plan(COMPLETE)
    for n, (a, b) in enumerate(zip(proof.pages, booklet.pages)):
        pa, pb = a.extract_text().rstrip(), b.extract_text().rstrip()
        if n >= 2 and pb:
            foot = re.sub(r"【[^】]*】", "", pa.splitlines()[-1])    # the stamp shares the foot
            assert foot.strip() == pb.splitlines()[-1].strip() == str(n - 1)
        for p in plan.policies:
            heading = squash(plan.policy_label(p) + (p.title.text if p.title else ""))
            assert (heading in squash(pa)) == (heading in squash(pb)), (n, p.code)
