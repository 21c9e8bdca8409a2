"""The booklet laid out in parts on several processes and joined
(planbook.render.chunks.assemble) is the booklet one WeasyPrint pass makes
(`--jobs 1 --no-cache`): the same pages, text per page (folios and running
heads included), bookmarks, links, metadata, each font embedded once and
about the same size. A rebuild from the parts kept in OUT/.cache lays out
only what changed and writes the very bytes of a build from scratch; a
damaged cache entry is laid out again, never used."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planbook.cli import main

from conftest import COMPLETE, ROOT, SOURCE, built_output
from pdf_compare import (font_programs, glyphs, links, metadata, outline, page_texts,
                         same_glyphs)


def build(src: Path, out: Path, *extra: str) -> Path:
    assert main(["build", str(src), "-o", str(out), "--format", "pdf", *extra]) == 0
    return built_output(out, "booklet").path


def entry(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return next(e for e in manifest["outputs"] if e["kind"] == "booklet")


@pytest.fixture(scope="module")
def one_pass(tmp_path_factory) -> dict:
    """Kiyose and the complete plan built in one WeasyPrint pass."""
    return {name: build(src, tmp_path_factory.mktemp(f"one-{name}"), "--jobs", "1", "--no-cache")
            for name, src in (("kiyose", SOURCE), ("complete", COMPLETE))}


def assert_same_booklet(reference: Path, joined: Path) -> None:
    texts, joined_texts = page_texts(reference), page_texts(joined)
    assert len(joined_texts) == len(texts)
    for n, (a, b) in enumerate(zip(texts, joined_texts), 1):
        assert b == a, f"page {n} differs"
    # on the pages of the 目次 and 体系, each character in the same face,
    # size and colour at the same place: their page numbers, drawn over
    # their slots by the folio layer, look as one pass prints them
    front = [n for n, words in enumerate(texts) if words[:1] in (["目次"], ["計画の体系"])]
    assert front
    same_glyphs(glyphs(reference, front), glyphs(joined, front))
    assert outline(joined) == outline(reference)
    assert links(joined) == links(reference)
    assert metadata(joined) == metadata(reference)
    fonts = font_programs(joined)
    assert fonts == font_programs(reference)
    assert set(fonts.values()) == {1}          # one program per face, not one per part
    size, ref = joined.stat().st_size, reference.stat().st_size
    assert abs(size - ref) <= 0.10 * ref, (size, ref)


@pytest.mark.parametrize("name", ["kiyose", "complete"])
def test_parts_make_the_one_pass_booklet(name, one_pass, cli_builds):
    code, out = cli_builds[name]
    assert code == 0
    e = entry(out)
    assert e["layout"] == "parts" and e["parts"] > 2
    assert_same_booklet(one_pass[name], out / e["path"])


def test_one_page_per_policy_parts_land_on_their_side(tmp_path):
    """With one page per 施策 a part does not open on a side of its own: it
    is laid out for the side it lands on."""
    src = tmp_path / "src"
    shutil.copytree(COMPLETE, src)
    plan = src / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "layout: {policy_pages: 1}\n",
                    encoding="utf-8")
    assert_same_booklet(build(src, tmp_path / "one", "--jobs", "1", "--no-cache"),
                        build(src, tmp_path / "parts", "--jobs", "2"))


def test_rebuild_after_an_edit_lays_out_one_part_and_equals_a_fresh_build(tmp_path, cli_builds):
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(SOURCE, src)
    shutil.copytree(cli_builds["kiyose"][1], out)                    # a build with its cache
    cache = out / ".cache" / "parts"
    assert cache.is_dir()
    policy = src / "policies" / "421.yaml"
    text = policy.read_text(encoding="utf-8")
    assert "。" in text
    policy.write_text(text.replace("。", "。ここに一文を加えます。", 1), encoding="utf-8")

    warm = build(src, out, "--jobs", "2")
    assert entry(out)["laid_out"] == 1
    fresh = build(src, tmp_path / "fresh", "--jobs", "2", "--no-cache").read_bytes()
    assert warm.read_bytes() == fresh
    assert "ここに一文を加えます" in "".join("".join(p) for p in page_texts(warm))

    # nothing changed: nothing laid out, the same bytes
    assert build(src, out, "--jobs", "2").read_bytes() == fresh
    assert entry(out)["laid_out"] == 0

    # a damaged entry is laid out again, never used (two entries of this build's parts:
    # keys.json names those the last build used)
    used = sorted(k for k in {v["key"] for v in json.loads((cache / "keys.json").read_text()).values()}
                  if (cache / f"{k}.pdf").exists())
    pdf, facts = cache / f"{used[0]}.pdf", cache / f"{used[-1]}.json"
    pdf.write_bytes(pdf.read_bytes()[:-200] + b"%damaged")                 # truncated PDF
    facts.write_text("{", encoding="utf-8")                                # broken facts
    assert build(src, out, "--jobs", "2").read_bytes() == fresh
    assert entry(out)["laid_out"] == 2

    # facts that still read as JSON but were edited (a page-number slot, a
    # page's anchors) are damaged too; places.json of the wrong form is a guess
    # left out (it was exit 3: a string for a count, a list for a part)
    entries = sorted(f for f in cache.glob("*.json") if f.stem in used)
    for f in entries[:2]:
        facts = json.loads(f.read_text(encoding="utf-8"))
        facts["pages"][0]["numbers"] = "x"
        facts["pages"][-1]["anchors"] = {"toc": "x"}
        f.write_text(json.dumps(facts), encoding="utf-8")
    places = json.loads((cache / "places.json").read_text(encoding="utf-8"))
    first, second, *_ = places
    places[first], places[second]["count"] = ["x"], "x"
    (cache / "places.json").write_text(json.dumps(places), encoding="utf-8")
    assert build(src, out, "--jobs", "2").read_bytes() == fresh
    assert entry(out)["laid_out"] == 2
    shutil.rmtree(out / ".cache")                                          # safe to delete
    assert build(src, out, "--jobs", "2").read_bytes() == fresh


@pytest.mark.parametrize("value", ["0", "abc", "-1", "257", "99999"])
def test_jobs_must_be_a_positive_number(value, capsys):
    with pytest.raises(SystemExit) as e:
        main(["build", str(SOURCE), "--jobs", value])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "--jobs" in err and "半角数字" in err


@pytest.mark.parametrize("src", [SOURCE, COMPLETE], ids=["kiyose", "complete"])
def test_a_worker_gets_only_what_its_part_draws(src):
    """Each part's HTML from the trimmed view a worker receives is the HTML
    of the whole view (the cache key is computed from the latter)."""
    from planbook import builders
    from planbook.checking import load_plan
    from planbook.render import render_html
    from planbook.render.chunks.chunk import split, trimmed
    plan = load_plan(src)
    ctx = builders.BuildContext(plan=plan, findings=[])
    view = ctx.booklet()
    parts = split(view)
    assert [p.front for p in parts][:3] == [("toc",), ("concept",), ("system",)]
    assert len(parts) > 4 and not any(p.front for p in parts[3:])
    for part in parts:
        placed = part.placed(-1 if part.first else 10)
        small, small_part = trimmed(view, placed)
        assert small.page_digits == view.page_digits        # (the slots' width: the whole booklet's)
        whole = render_html(view, ctx.layouts, ctx.fonts, source=plan.source_dir,
                            drawn=placed.drawn(view))
        assert render_html(small, ctx.layouts, ctx.fonts, source=plan.source_dir,
                           drawn=small_part.drawn(small)) == whole, part.name
        assert len(small.parts) <= 1


def test_a_cache_folder_that_leads_out_of_out_is_not_used(tmp_path):
    """OUT/.cache/parts as a link elsewhere: nothing is written or removed there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / ".cache" / "parts").symlink_to(elsewhere)
    build(SOURCE, out, "--jobs", "1")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.json"]


def test_the_key_index_is_only_a_short_cut(tmp_path, cli_builds):
    """OUT/.cache/parts/keys.json names each part's entry by what its HTML is
    drawn from, so that a rebuild need not render that HTML. A wrong index
    (here: every name pointing at another part's entry) is never believed,
    by a later run (a process of its own, as a user's next build is)."""
    out = tmp_path / "out"
    shutil.copytree(cli_builds["complete"][1], out)                  # a build with its cache
    fresh = built_output(out, "booklet").path.read_bytes()
    index = out / ".cache" / "parts" / "keys.json"
    known = json.loads(index.read_text(encoding="utf-8"))
    assert len(known) >= entry(out)["parts"]
    idents = sorted(known)
    index.write_text(json.dumps({a: known[b] for a, b in zip(idents, idents[1:] + idents[:1])}),
                     encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "planbook", "build", str(COMPLETE), "-o", str(out),
                          "--format", "pdf", "--jobs", "2"], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    assert run.returncode == 0, run.stderr
    assert built_output(out, "booklet").path.read_bytes() == fresh
    assert entry(out)["laid_out"] == 0


def test_an_image_changed_under_its_name_lays_its_part_out_again(tmp_path, cli_builds):
    """The key index names the files a part's HTML shows: one changed under
    the same name lays that part out again."""
    out = tmp_path / "out"
    shutil.copytree(cli_builds["complete"][1], out)                  # a build with its cache
    src = tmp_path / "src"
    shutil.copytree(COMPLETE, src)
    image = src / "artwork" / "vision-2.png"           # the same name, another picture
    image.write_bytes((src / "artwork" / "vision-1.png").read_bytes())
    fresh = build(src, tmp_path / "fresh2", "--jobs", "2", "--no-cache").read_bytes()
    assert build(src, out, "--jobs", "2").read_bytes() == fresh
    assert entry(out)["laid_out"] >= 1


@pytest.mark.parametrize("argv, jobs", [
    (["build"], 0), (["build", "src", "--jobs", "3"], 3), (["build", "--jobs=2"], 2),
    (["build", "--jobs", "1", "--no-cache"], None), (["build", "--format", "docx"], None),
    (["build", "--jobs", "x"], None), (["build", "--jobs", "99999"], None),
    (["build", "--jobs", "256"], 256), (["build", "-h"], None), (["check"], None), ([], None)])
def test_the_command_starts_the_workers_only_for_a_build_in_parts(argv, jobs):
    from planbook.launch import head_start
    assert head_start(argv) == jobs


def test_links_and_fifos_in_the_cache_are_never_opened(tmp_path, cli_builds):
    """keys.json a FIFO, places.json a link to /dev/zero, a part's PDF a FIFO:
    the build neither blocks nor reads them, and writes the fresh booklet."""
    import os
    import subprocess
    import sys
    out = tmp_path / "out"
    shutil.copytree(cli_builds["kiyose"][1], out, symlinks=True)     # a build with its cache
    fresh = built_output(cli_builds["kiyose"][1], "booklet").path.read_bytes()
    cache = out / ".cache" / "parts"
    used = sorted(v["key"] for v in json.loads((cache / "keys.json").read_text()).values()
                  if (cache / f"{v['key']}.pdf").exists())
    (cache / "keys.json").unlink()
    os.mkfifo(cache / "keys.json")
    (cache / "places.json").unlink()
    (cache / "places.json").symlink_to("/dev/zero")
    (cache / f"{used[0]}.pdf").unlink()
    os.mkfifo(cache / f"{used[0]}.pdf")
    r = subprocess.run([sys.executable, "-m", "planbook", "build", str(SOURCE), "-o", str(out),
                        "--format", "pdf", "--jobs", "2"], capture_output=True, text=True,
                       timeout=300, env=dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent)))
    assert r.returncode == 0, r.stderr
    assert built_output(out, "booklet").path.read_bytes() == fresh
    assert entry(out)["laid_out"] >= 1
