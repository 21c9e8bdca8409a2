"""Issue 12: a proofreading round as staff run it, on the complete test plan
kept in git (in a subfolder with a Japanese name, and at the repository's
root). Every change is shown once, in its place, with its label and count;
deleted text and old values are there and struck through; the 新旧対照表
has no filler characters; ids of untouched paragraphs do not change; a
recorded round is never lost."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

import round_edits as E
from conftest import COMPLETE
from planbook.cli import main
from planbook.proofs.ids import recorded
from planbook.checking import load_plan
from planbook.markup import plain_text
from planbook.walk import paragraphs

GIT = ["git", "-c", "user.name=テスト", "-c", "user.email=test@example.invalid",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
ORDER = ["産業観光課", "環境課", "福祉課"]          # plan.yaml: the city's order (in part)
CONTACT = "企画課 企画係（内線 1234）"


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as e:             # a usage error found by the command line parser
        code = e.code
    return code, capsys.readouterr().err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _plan_copy(dest: Path) -> None:
    shutil.copytree(COMPLETE, dest)
    plan = dest / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8")
                    + f"departments: [{', '.join(ORDER)}]\n"
                    + f"proof: {{contact: \"{CONTACT}\", return_days: 10}}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A repository whose plan is in 計画/原稿/ (with a symlink elsewhere in
    the repository): round 1 proofed, recorded and committed; the round's
    edits committed; round 2 proofed against round 1, by department."""
    root = tmp_path_factory.mktemp("repo")
    git(root, "init", "-q")
    src = root / "計画" / "原稿"
    _plan_copy(src)
    (root / "docs").mkdir()
    (root / "docs" / "link").symlink_to("/etc/hostname")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "原稿")
    out = root / "build"
    assert main(["proof", str(src), "-o", str(out), "--round", "1", "--date", "2026-11-01"]) == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "初校を記録")
    E.edit(src)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "再校に向けた修正")
    assert main(["proof", str(src), "-o", str(out), "--round", "2", "--date", "2026-11-15",
                 "--against", "round:1", "--by-department"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    proof = next(e for e in manifest["outputs"] if e["kind"] == "proof" and e["round"] == 2)
    diff_out = root / "diff"
    assert main(["diff", str(src), "--old", "round:1", "-o", str(diff_out)]) == 0
    return root, src, out, manifest, out / proof["path"], diff_out


@pytest.fixture(scope="module")
def pages(repo):
    """The proof's text page by page (pypdf: margin labels stay whole)."""
    *_, pdf, _ = repo
    return [p.extract_text() for p in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def ordered(repo):
    """The proof's text page by page, from the top of the page down."""
    *_, pdf, _ = repo
    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() for p in doc.pages]


def _page(pages, *words: str) -> int:
    """The one page (0-based) of the proof's booklet pages holding all words."""
    found = [n for n, t in enumerate(pages) if n and all(squash(w) in squash(t) for w in words)]
    assert len(found) == 1, (words, found)
    return found[0]


# -- the proof ------------------------------------------------------------------------

def test_summary_counts_and_lists_every_change_with_its_page(pages):
    first = pages[0]
    assert "【再校　2026-11-15】" in first and "初校（2026-11-01） からの変更" in first
    flat = squash(first)
    counts = "".join(f"{k}" for k in E.COUNTS) + "計" + \
        "".join(str(n) for n in E.COUNTS.values()) + str(sum(E.COUNTS.values()))
    assert counts in flat
    rows = re.findall(r"(変更|新設|削除|移動|分割|統合)(施策\d+＞.+?)(\d+/[a-z/0-9]+?)p\.(\d+)", flat)
    assert sorted(r[0] for r in rows) == sorted(k for k, n in E.COUNTS.items() for _ in range(n))
    for kind, where, key, folio in rows:
        page = pages[int(folio) + 2]           # the summary page, 表1, 表2, then p.1
        last = re.sub(r"【[^】]*】", "", page.rstrip().splitlines()[-1])   # the stamp shares the foot
        assert last.strip() == folio, (key, folio)
        assert key in squash(page) or key in flat, key
        assert where.startswith(f"施策{key.split('/')[0]}＞")
    moved = [r[1] for r in rows if r[0] == "移動"]
    assert sorted(re.search(r"（(.)から移動）", m).group(1) for m in moved) == ["①", "②"]


def test_edited_sentence_shows_old_and_new(pages):
    n = _page(pages, "相談窓口を一つにまとめます", "担当する部署へ")
    # the replaced words struck through right before the new ones
    assert "部署へ確実速やかにつなぎます" in squash(pages[n])


def test_changed_target_keeps_the_old_value_beside_the_new(repo, pages):
    n = _page(pages, "総合相談窓口の相談件数", "目標値")
    assert re.search(rf"{E.TARGET[0]}\s*{E.TARGET[1]}", pages[n])
    _struck(repo[4], n, E.TARGET[0])


def test_removed_direction_at_its_old_place(repo, pages, ordered):
    n = _page(pages, E.REMOVED_TITLE)
    text = squash(ordered[n])
    assert text.index("介護予防の取組を広げます") < text.index(E.REMOVED_TITLE) \
        < text.index("認知症の人と家族を支えます")
    assert squash(f"（削除）②{E.REMOVED_TITLE}") in text and squash(E.REMOVED_BODY) in text
    _struck(repo[4], n, E.REMOVED_BODY[:8])
    assert sum(squash(p).count(squash(E.REMOVED_TITLE)) for p in pages[1:]) == 1


def test_added_direction_is_new_with_a_new_id(pages):
    n = _page(pages, E.ADDED_TITLE)
    assert "新設" in pages[n] and "112/directions/4/1" in squash(pages[n])


def test_swapped_directions_are_moves(pages, ordered):
    n = _page(pages, *E.SWAPPED)
    text = squash(pages[n])
    top_down = squash(ordered[n])
    assert top_down.index(squash(E.SWAPPED[1])) < top_down.index(squash(E.SWAPPED[0]))
    assert text.count("②から移動") == 1 and text.count("①から移動") == 1
    assert E.SWAP_EDIT in text
    assert "削除" not in text and "新設" not in text


def test_split_paragraph_keeps_its_id_on_the_first_part(pages):
    n = _page(pages, "地元の水産物が広く知られ", E.SPLIT[1])
    text = squash(pages[n])
    assert "311/future/1分割" in text and "311/future/2分割" in text


def test_deleted_word_is_struck_through_in_its_place(repo, pages):
    n = _page(pages, "動画や交流サイトを活用し")
    assert squash(f"港の魅力を{E.DELETED_WORD}発信します") in squash(pages[n])
    _struck(repo[4], n, E.DELETED_WORD)


def _struck(pdf: Path, page: int, word: str) -> None:
    """A line crosses the middle of the characters of `word` on that page."""
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page]
        chars = p.chars
        text = "".join(c["text"] for c in chars)
        k = text.find(word)
        assert k >= 0, word
        cs = chars[k:k + len(word)]
        mid = (cs[0]["top"] + cs[0]["bottom"]) / 2
        x0, x1 = cs[0]["x0"], cs[-1]["x1"]
        lines = [r for r in p.rects + p.lines
                 if r["top"] - 1 <= mid <= r["bottom"] + 1 and r["height"] < 2
                 and r["x0"] <= x0 + 1 and r["x1"] >= x1 - 1]
        assert lines, (word, page)


def test_ids_of_untouched_paragraphs_are_unchanged(repo):
    _, src, *_ = repo
    first = recorded(load_plan(src / "rounds" / "1", with_style=False))
    second = recorded(load_plan(src / "rounds" / "2", with_style=False))
    before = {plain_text(p.text): p.id for _, p in paragraphs(first)}
    after = {plain_text(p.text): p.id for _, p in paragraphs(second)}
    same = set(before) & set(after)
    assert len(same) > 40
    assert {t: after[t] for t in same} == {t: before[t] for t in same}
    # the direction after the removed one keeps its id though it is ② now
    assert after["認知症の人と家族を支えます"] == "112/directions/3/title"
    # a new paragraph never takes an id used before, a removed one's included
    old_ids = set(before.values())
    assert after[E.ADDED_TITLE] not in old_ids and after[E.SPLIT[1]] not in old_ids
    meta = json.loads((src / "rounds" / "2" / "round.json").read_text(encoding="utf-8"))
    assert "112/directions/2/title" in meta["retired_ids"]


def test_packets_carry_the_round_and_follow_the_citys_order(repo):
    _, src, out, manifest, *_ = repo
    packets = [e for e in manifest["outputs"] if e["kind"] == "packet" and e["round"] == 2]
    names = [Path(e["path"]).name for e in packets]
    assert all(n.startswith("minatono-plan-proof-2-") for n in names)
    depts = [e["department"] for e in packets]
    assert depts[:3] == ORDER
    assert depts[3:] == ["健康推進課", "子育て支援課", "清掃事業課"]   # first appearance
    cover = PdfReader(out / packets[2]["path"]).pages[0].extract_text()
    assert "2026-11-25（水）" in cover and squash(CONTACT) in squash(cover)   # 11-15 + 10 days
    assert "111/directions/1/1" in cover and "p.8" in cover


# -- the 新旧対照表 -----------------------------------------------------------------------

def test_diff_pdf_shows_each_change_once_without_filler(repo):
    *_, diff_out = repo
    pages = [p.extract_text() for p in PdfReader(diff_out / "diff.pdf").pages]
    body = "\n".join(pages[1:])
    assert len(re.findall("＞", body)) == sum(E.COUNTS.values())
    assert body.count("（②から移動）") == 1 and body.count("（①から移動）") == 1
    assert body.count("（段落を分割）") == 1
    assert body.count("（削る）") == 1 and body.count("（新設）") == 1
    assert "合計" in pages[0] and re.search(r"合計\s*3\s*1\s*1\s*2\s*1\s*8", pages[0])
    for page in pages:
        for line in page.splitlines():
            assert "\u3000" not in line or "旧：" in line, line     # only the running head
    assert E.DELETED_WORD in squash(body)


def test_diff_docx_underlines_only_real_text(repo):
    *_, diff_out = repo
    d = docx.Document(str(diff_out / "diff.docx"))
    runs = [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs
            for r in p.runs]
    underlined = [r.text for r in runs if r.font.underline]
    assert E.DELETED_WORD in underlined and "速やか" in "".join(underlined)
    assert all(t.strip(" \u3000\u200b") for t in underlined), underlined
    gaps = [r for r in runs if r._r.find(qn("w:drawing")) is not None]
    assert gaps and all(not r.text for r in gaps)
    table = d.tables[-1]
    for row in table.rows[1:]:
        if row.cells[0]._tc is row.cells[1]._tc:        # a heading or caption
            continue
        for r in (r for c in row.cells for p in c.paragraphs for r in p.runs):
            if "\u3000" in r.text:     # only after a label (②, 目標値), in its own run
                assert r.text.endswith("\u3000") and len(r.text.strip("\u3000")) <= 6, r.text
    xml = "".join(t.text or "" for t in d.element.body.iter(qn("w:t")))
    assert "\u3000\u3000" not in xml


# -- rounds ------------------------------------------------------------------------------

def test_a_second_round_1_refuses_and_keeps_the_record(repo, capsys, tmp_path):
    _, src, *_ = repo
    before = tree(src / "rounds" / "1")
    code, err = run(capsys, "proof", src, "-o", tmp_path / "out", "--round", "1")
    assert code == 2 and "初校（2026-11-01）の記録がすでにあります" in err and "--force" in err
    assert tree(src / "rounds" / "1") == before
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args,words", [(["--round", "0"], "1 以上"),
                                        (["--round", "3", "--date", "2026-11-31"], "YYYY-MM-DD"),
                                        (["--round", "3", "--date", "来週"], "YYYY-MM-DD")])
def test_round_and_date_are_checked_before_anything_is_written(repo, capsys, tmp_path, args,
                                                                words):
    _, src, *_ = repo
    before = tree(src / "rounds")
    code, err = run(capsys, "proof", src, "-o", tmp_path / "out", *args)
    assert code == 2 and words in err and "何も書き出していません" in err
    assert not (tmp_path / "out").exists() and tree(src / "rounds") == before


def test_force_keeps_the_earlier_record_and_uncommitted_edits_are_warned(repo, capsys, tmp_path):
    root, src, *_ = repo
    work = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(root), str(work)], check=True)
    plan = work / "計画" / "原稿"
    before = tree(plan / "rounds" / "2")
    f = plan / "policies" / "221.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("太陽光", "太陽光等", 1), encoding="utf-8")
    code, err = run(capsys, "proof", plan, "-o", tmp_path / "out", "--round", "2", "--force",
                    "--date", "2026-11-16")
    assert code == 0
    assert "commit していない変更があります（policies/221.yaml）" in err
    assert tree(plan / "rounds" / "2-replaced-1") == before
    meta = json.loads((plan / "rounds" / "2" / "round.json").read_text(encoding="utf-8"))
    assert meta["git_dirty"] is True and meta["uncommitted"] == ["policies/221.yaml"]
    assert git(work, "status", "--porcelain", "--", "計画/原稿/rounds") != ""


def test_git_revision_of_a_plan_in_a_japanese_folder(repo, capsys, tmp_path):
    root, src, *_ = repo
    code, err = run(capsys, "diff", src, "--old", "git:HEAD~1", "-o", tmp_path / "out")
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "out" / "diff.pdf").pages)
    assert re.search(r"合計\s*3\s*1\s*1\s*2\s*1\s*8", text)


def test_plan_at_the_repository_root(tmp_path, capsys):
    root = tmp_path / "plan"
    _plan_copy(root)
    (root / "README.md").write_text("計画の原稿\n", encoding="utf-8")
    (root / "abs").symlink_to("/etc/hostname")
    (root / "up").symlink_to("../../elsewhere")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "原稿")
    E.edit(root)
    git(root, "commit", "-qam", "修正")
    code, err = run(capsys, "diff", root, "--old", "git:HEAD~1", "-o", tmp_path / "out")
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "out" / "diff.pdf").pages)
    assert re.search(r"合計\s*3\s*1\s*1\s*2\s*1\s*8", text)
    code, err = run(capsys, "proof", root, "-o", tmp_path / "proof", "--round", "1",
                    "--against", "git:HEAD~1", "--date", "2026-12-01")
    assert code == 0, err
    assert "commit していない変更" not in err
    assert "変更 3、新設 1、削除 1、移動 2、分割 1" in err


def test_a_proof_of_a_source_with_errors_says_what_is_wrong(tmp_path, capsys):
    src = tmp_path / "source"
    shutil.copytree(COMPLETE, src)
    f = src / "policies" / "111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("身近な場所で", "身近な場所[^nokey]で"),
                 encoding="utf-8")
    code, err = run(capsys, "proof", src, "-o", tmp_path / "out", "--round", "1",
                    "--date", "2026-11-01", "--no-record")
    assert code == 1
    assert "error[notes]" in err and "エラー 1 件" in err and "1 ページ目" in err
    pdf = tmp_path / "out" / "minatono-plan-proof-1.pdf"
    first = PdfReader(pdf).pages[0].extract_text()
    assert "チェックのエラー 1 件" in first and "[^nokey]" in first
    assert not (src / "rounds").exists()


def test_a_removed_policy_is_one_item_struck_in_the_system_table(tmp_path):
    from planbook import paths
    from planbook.proofs import sheet as proofsheet
    from planbook.builders import BuildContext
    from planbook.diff import compare
    from planbook.render import render_html
    old = load_plan(COMPLETE)
    new_src = tmp_path / "source"
    shutil.copytree(COMPLETE, new_src)
    (new_src / "policies" / "112.yaml").unlink()
    new = load_plan(new_src)
    cmp = compare(old, new)
    (entry,) = proofsheet.entries(cmp)
    assert (entry.word, entry.key, entry.where) == ("削除", "112", "施策112 高齢者の暮らしの支援")
    ctx = BuildContext(plan=new, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    html = render_html(ctx.booklet(cmp.changes), ctx.layouts, ctx.fonts)
    row = re.search(r'<tr id="sys-row-\d+" class="[^"]*removed">(.*?)</tr>', html, re.S).group(1)
    assert 'id="m:del:policy/112"' in row and "（削除）" in row and "高齢者の暮らしの支援" in row


def test_nothing_is_written_when_a_later_step_fails(tmp_path, capsys, monkeypatch):
    from planbook import package
    src = tmp_path / "source"
    shutil.copytree(COMPLETE, src)

    def fail(self, *a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(package.Staging, "commit", fail)
    code, err = run(capsys, "proof", src, "-o", tmp_path / "out", "--round", "1")
    assert code == 2 and "書き出せません" in err      # a write error is the user's (issue 13)
    assert not (src / "rounds").exists()
    assert not list((tmp_path / "out").glob("*.pdf"))
