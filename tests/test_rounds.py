"""Proofreading rounds: the record in source/rounds/<N>/, and resolving OLD
(round:N, git:REV, a folder) — also from a fresh clone of the repository."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from planbook.diff import compare
from planbook.checking import load_plan
from planbook.proofs.rounds import (RoundError, describe, list_rounds, record_round, resolve_source,
                             round_name)
from test_diff_fixtures import make_variants

GIT = ["git", "-c", "user.name=テスト", "-c", "user.email=test@example.invalid",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def _replace_source(src: Path, dest: Path) -> None:
    """Put the files of `src` in `dest`, keeping dest/rounds/."""
    for p in dest.iterdir():
        if p.name != "rounds":
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    for p in src.iterdir():
        (shutil.copytree if p.is_dir() else shutil.copyfile)(p, dest / p.name)


def _four(cmp) -> list[tuple[str, str]]:
    return sorted((u.key, r.kind) for u, r in cmp.rows())


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A repository: commit the old plan, record round 1 and commit it, then
    commit the edited plan; and a fresh clone of it."""
    tmp = tmp_path_factory.mktemp("rounds")
    v = make_variants(tmp / "variants")
    repo = tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(v.old, repo / "source")
    (repo / "source" / "artwork").mkdir(exist_ok=True)
    (repo / "source" / "artwork" / "sample.png").write_bytes(b"\x89PNG sample")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "原稿")
    folder = record_round(repo / "source", 1, "2026-11-01", repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "初校を記録")
    recorded_at = git(repo, "rev-parse", "HEAD~1")
    _replace_source(v.new, repo / "source")
    (repo / "source" / "artwork").mkdir(exist_ok=True)
    (repo / "source" / "artwork" / "sample.png").write_bytes(b"\x89PNG sample")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "再校に向けた修正")
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    return v, repo, clone, folder, recorded_at


def test_round_names():
    assert [round_name(n) for n in (1, 2, 3, 4, 7)] == ["初校", "再校", "三校", "第4校", "第7校"]


def test_round_record_contents(history):
    v, repo, clone, folder, recorded_at = history
    assert folder == repo / "source" / "rounds" / "1"
    meta = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    assert meta["round"] == 1 and meta["name"] == "初校" and meta["date"] == "2026-11-01"
    assert meta["git_revision"] == recorded_at and meta["git_dirty"] is False
    assert "plan.yaml" in meta["files"] and "concept.yaml" in meta["files"]
    policies = sorted(p.name for p in (v.old / "policies").glob("*.yaml"))
    assert sorted(f.split("/")[1] for f in meta["files"] if f.startswith("policies/")) == policies
    for rel in meta["files"]:
        assert (folder / rel).read_bytes() == (v.old / rel).read_bytes()
    assert "artwork/sample.png" in meta["images"] and len(meta["images"]["artwork/sample.png"]) == 64
    assert not (folder / "artwork").exists()            # images are not copied


def test_loader_ignores_the_rounds_folder(history):
    v, repo, clone, folder, _ = history
    plan = load_plan(repo / "source")
    assert len(plan.policies) == len(load_plan(v.new).policies)
    assert all("rounds" not in p.loc.file for p in plan.policies)
    recorded = load_plan(folder)                         # a round is a source folder
    assert recorded.info.title == load_plan(v.old).info.title


def test_fresh_clone_compares_against_round_1(history):
    v, repo, clone, folder, _ = history
    expected = _four(compare(load_plan(v.old), load_plan(v.new)))
    assert len(expected) == 4
    new = load_plan(clone / "source")
    for ref in ("round:1", "1"):
        with resolve_source(ref, clone) as old:
            assert old == clone / "source" / "rounds" / "1"
            assert _four(compare(load_plan(old), new)) == expected
    assert [r.label for r in list_rounds(clone / "source")] == ["初校（2026-11-01）"]
    assert describe("round:1", clone) == "初校（2026-11-01）"


def test_fresh_clone_compares_against_a_git_revision(history):
    v, repo, clone, folder, _ = history
    expected = _four(compare(load_plan(v.old), load_plan(v.new)))
    with resolve_source("git:HEAD~1", clone) as old:
        extracted = old
        assert (old / "plan.yaml").exists()
        assert _four(compare(load_plan(old), load_plan(clone / "source"))) == expected
    assert not extracted.exists()                        # the temporary copy is gone
    with resolve_source("git:HEAD", clone) as same:
        assert _four(compare(load_plan(same), load_plan(clone / "source"))) == []
    assert describe("git:HEAD~1", clone).startswith("git HEAD~1（")


def test_folder_reference(history):
    v, *_ = history
    with resolve_source(str(v.old), Path("/nonexistent")) as old:
        assert old == v.old


def test_unknown_references_explain_themselves(history):
    v, repo, clone, *_ = history
    with pytest.raises(RoundError, match=r"再校（第2回）の記録がありません.*記録済みの回: 1（初校）"):
        with resolve_source("round:2", clone):
            pass
    with pytest.raises(RoundError, match="git のリビジョン「no-such-branch」"):
        with resolve_source("git:no-such-branch", clone):
            pass
    with pytest.raises(RoundError, match="比較元「.*missing」が見つかりません"):
        with resolve_source(str(v.old.parent / "missing"), clone):
            pass


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_recorded_round_is_never_overwritten(tmp_path, history):
    v, *_ = history
    src = tmp_path / "source"
    shutil.copytree(v.old, src)
    first = record_round(src, 2, "2026-12-01", tmp_path)         # not a git repository
    before = _tree(first)
    (src / "plan.yaml").write_text((src / "plan.yaml").read_text(encoding="utf-8")
                                   .replace("title:", "title: 改", 1), encoding="utf-8")
    with pytest.raises(RoundError, match=r"再校（2026-12-01）の記録がすでにあります.*rounds/2.*--force"):
        record_round(src, 2, "2026-12-02", tmp_path)
    assert _tree(first) == before                                  # byte for byte
    assert [p.name for p in (src / "rounds").iterdir()] == ["2"]   # no leftovers
    # --force records again and keeps the earlier record beside it
    folder = record_round(src, 2, "2026-12-02", tmp_path, force=True)
    meta = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    assert meta["date"] == "2026-12-02" and meta["name"] == "再校"
    assert meta["git_revision"] is None
    assert (folder / "plan.yaml").read_bytes() == (src / "plan.yaml").read_bytes()
    assert _tree(src / "rounds" / "2-replaced-1") == before
    assert [r.date for r in list_rounds(src)] == ["2026-12-02"]


@pytest.mark.parametrize("number", [0, -1])
def test_round_numbers_start_at_one(tmp_path, history, number):
    v, *_ = history
    with pytest.raises(RoundError, match="1 以上"):
        record_round(v.old, number, "2026-12-01", tmp_path)
    assert not (v.old / "rounds").exists()


@pytest.mark.parametrize("date", ["2026-02-30", "明日", "2026/11/01", "20261101"])
def test_dates_must_be_real(tmp_path, history, date):
    v, *_ = history
    with pytest.raises(RoundError, match="YYYY-MM-DD"):
        record_round(v.old, 1, date, tmp_path)
    assert not (v.old / "rounds").exists()
