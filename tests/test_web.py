"""The HTML edition (issue 22, item 1): `build --format html` writes static,
accessible pages in OUT/html/ from the booklet's view. The pages are parsed
(html.parser) and held to facts: language, skip link, one <h1> and no
skipped heading level, tables with caption and scoped headers, a page per
施策 linked from the 体系, footnotes with back links, alt text, links that
resolve, every paragraph of a 施策 on its page, escaped titles."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import COMPLETE, html_edition
from planbook.cli import main
from planbook.checking import load_plan
from planbook.present import labels as L
from planbook.present.inline import para
from planbook.walk import units

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Page(HTMLParser):
    """What the tests look at in one page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.links: list[dict] = []
        self.images: list[dict] = []
        self.tags: list[tuple[str, dict]] = []
        self.scripts = 0
        self.text: list[str] = []
        self._skip = 0              # inside <rt>/<rp>/<script>/<style>/<title>, a ※ marker (<sup>)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "html":
            self.html_lang = a.get("lang")
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a" and "href" in a:
            self.links.append(a)
        if tag == "img":
            self.images.append(a)
        if tag == "script":
            self.scripts += 1
        if tag in ("rt", "rp", "script", "style", "title", "sup"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("rt", "rp", "script", "style", "title", "sup"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)


def build(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / "out"
    code = main(["build", str(source), "-o", str(out), "--format", "html"])
    assert code == 0
    return out


@pytest.fixture(scope="module", params=["kiyose", "complete"])
def edition(request, tmp_path_factory):
    copy, out = html_edition(tmp_path_factory.mktemp(f"web-{request.param}"), request.param)
    pages = {p.relative_to(out / "html").as_posix(): Page(p.read_text(encoding="utf-8"))
             for p in sorted((out / "html").rglob("*.html"))}
    return load_plan(copy), out, pages


def test_manifest(edition):
    plan, out, pages = edition
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    main_entries = [e for e in manifest["outputs"] if e["kind"] == "html"]
    assert [e["path"] for e in main_entries] == ["html/index.html"]
    listed = {e["path"] for e in manifest["outputs"] if e["path"].startswith("html/")}
    assert listed == {p.relative_to(out).as_posix() for p in (out / "html").rglob("*") if p.is_file()}


def test_every_page_is_accessible(edition):
    _, out, pages = edition
    assert "index.html" in pages and "goals.html" in pages
    for name, page in pages.items():
        assert page.html_lang == "ja", name
        skip = page.links[0]
        assert skip["href"] == "#main" and "main" in page.ids, name
        assert page.headings.count(1) == 1 and page.headings[0] == 1, name
        for a, b in zip(page.headings, page.headings[1:]):
            assert b <= a + 1, f"{name}: h{a} then h{b}"
        tags = {t for t, _ in page.tags}
        assert {"header", "main", "footer", "nav"} <= tags, name
        assert page.scripts == 0, name
        for img in page.images:
            assert img.get("alt"), f"{name}: <img> without alt"
        if name != "index.html":
            assert any(t == "nav" and a.get("aria-label") == "パンくずリスト" for t, a in page.tags)


def test_links_and_images_resolve(edition):
    _, out, pages = edition
    root = out / "html"
    for name, page in pages.items():
        here = (root / name).parent
        targets = [a["href"] for a in page.links] + [i["src"] for i in page.images] + \
            [a["href"] for t, a in page.tags if t == "link"]
        for href in targets:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, f"{name}: {href} is not relative"
            path = (here / unquote(parts.path)).resolve() if parts.path else root / name
            assert path.is_file() and path.is_relative_to(root.resolve()), f"{name}: {href}"
            if parts.fragment:
                other = path.relative_to(root.resolve()).as_posix()
                assert parts.fragment in pages[other].ids, f"{name}: {href}"


def test_system_table_links_every_policy(edition):
    plan, _, pages = edition
    index = pages["index.html"]
    tags = [t for t, _ in index.tags]
    assert "table" in tags and "caption" in tags
    ths = [a for t, a in index.tags if t == "th"]
    assert ths and all(a.get("scope") in ("col", "row", "rowgroup") for a in ths)
    assert {"col", "row"} <= {a.get("scope") for a in ths}
    hrefs = {a["href"] for a in index.links}
    for p in plan.policies:
        assert f"policies/{p.code}.html" in pages, p.code
        assert f"policies/{p.code}.html" in hrefs, p.code


def test_policy_pages_hold_their_text_and_footnotes(edition):
    plan, _, pages = edition
    written = 0
    for unit in units(plan):
        if f"policies/{unit.key}.html" not in pages:
            continue
        page = pages[f"policies/{unit.key}.html"]
        text = re.sub(r"\s+", "", page.plain)
        for p in unit.paragraphs:
            plain = re.sub(r"\s+", "", para(p).plain)
            assert plain in text, f"{unit.key}: {plain[:30]}"
        written += 1
        policy = next(q for q in plan.policies if q.code == unit.key)
        if not policy.has_page:                 # the booklet's word for a page not written yet
            assert L.NO_PAGE in text
        for ind in policy.indicators or ():
            if ind.baseline is None or ind.baseline.value is None:
                assert L.PLACEHOLDER in text
        refs = [a for a in page.links if a["href"].startswith("#fn-")]
        backs = [a for a in page.links if a["href"].startswith("#ref-")]
        for a in refs:
            assert a["href"][1:] in page.ids and a.get("id", "").startswith("ref-")
        for a in backs:
            assert a["href"][1:] in page.ids
        assert {a["href"][1:] for a in refs} == {f"fn-{b['href'][5:].split('-')[0]}" for b in backs}
        if any(t == "caption" for t, _ in page.tags):
            assert all(a.get("scope") in ("col", "row") for t, a in page.tags if t == "th")
        pager = [a for t, a in page.tags if t == "nav" and a.get("aria-label") == "施策のページ送り"]
        assert pager or len(plan.policies) == 1
    assert written == len(plan.policies)


def test_footnotes_and_ruby_in_complete_plan(edition):
    plan, _, pages = edition
    if not any("[^" in p.text for _, p in _all(plan)):
        pytest.skip("no notes in this plan")
    assert any(a["href"].startswith("#ref-") for pg in pages.values() for a in pg.links)


def _all(plan):
    for u in units(plan):
        for p in u.paragraphs:
            yield u, p


def test_artwork_is_copied_with_alt_and_caption(edition):
    _, out, pages = edition
    imgs = [(n, i) for n, pg in pages.items() for i in pg.images]
    for name, img in imgs:
        assert img["src"].startswith(("images/", "../images/"))
    for name, page in pages.items():
        for t, a in page.tags:
            if t == "img":
                assert "figure" in [x for x, _ in page.tags]


def test_same_bytes_twice(tmp_path):
    copy = tmp_path / "source"
    shutil.copytree(COMPLETE, copy)
    digests = []
    for n in range(2):
        out = build(tmp_path / str(n), copy)
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted((out / "html").rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]


def test_title_markup_stays_text(tmp_path):
    copy = tmp_path / "source"
    shutil.copytree(COMPLETE, copy)
    plan = load_plan(copy)
    code = plan.policies[0].code
    f = copy / "policies" / f"{code}.yaml"
    text = f.read_text(encoding="utf-8")
    title = plan.policies[0].title.text
    f.write_text(text.replace(title, "<script>alert(1)</script>&" + title, 1), encoding="utf-8")
    out = tmp_path / "out"
    main(["build", str(copy), "-o", str(out), "--format", "html"])
    for p in [out / "html" / "index.html", out / "html" / "policies" / f"{code}.html"]:
        raw = p.read_text(encoding="utf-8")
        assert "<script>" not in raw
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in raw
        assert "<script>alert(1)</script>&" in Page(raw).plain


def test_policy_outside_any_goal_has_its_page(tmp_path):
    """A 施策 whose 基本目標 does not exist (a build refuses it; the builder
    itself must not drop it): its page, linked from the 体系, no broken link."""
    from planbook.builders import BuildContext
    from planbook.builders.web import HtmlBuilder
    copy = tmp_path / "source"
    shutil.copytree(COMPLETE, copy)
    f = copy / "policies" / "111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("goal: 11\n", "goal: 99\n"), encoding="utf-8")
    plan = load_plan(copy)
    out = tmp_path / "out"
    HtmlBuilder(BuildContext(plan=plan, findings=[])).build(out)
    pages = {p.relative_to(out / "html").as_posix(): Page(p.read_text(encoding="utf-8"))
             for p in sorted((out / "html").rglob("*.html"))}
    assert "policies/111.html" in pages
    assert "policies/111.html" in {a["href"] for a in pages["index.html"].links}
    test_links_and_images_resolve((plan, out, pages))


def test_an_earlier_editions_files_go_and_a_refused_build_marks_them_outdated(tmp_path):
    copy = tmp_path / "source"
    shutil.copytree(COMPLETE, copy)
    out = build(tmp_path, copy)
    # a page of an earlier edition (a 施策 since removed), recorded in the manifest
    old = out / "html" / "policies" / "999.html"
    old.write_text("<!doctype html><title>旧</title>", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["outputs"].append({"kind": "html-file", "path": "html/policies/999.html",
                                "sha256": hashlib.sha256(old.read_bytes()).hexdigest(),
                                "part_of": "html"})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    build(tmp_path, copy)
    assert not old.exists()
    paths_ = [e["path"] for e in json.loads((out / "manifest.json").read_text("utf-8"))["outputs"]]
    assert "html/policies/999.html" not in paths_ and "html/index.html" in paths_
    # a build refused by the checks leaves the edition, every file of it marked outdated
    plan = load_plan(copy)
    f = copy / "policies" / f"{plan.policies[0].code}.yaml"
    title = plan.policies[0].title.text
    f.write_text(f.read_text(encoding="utf-8").replace(title, title + "[^nowhere]", 1),
                 encoding="utf-8")          # a note that does not exist: an error of `notes`
    assert main(["build", str(copy), "-o", str(out), "--format", "html"]) == 1
    entries = json.loads((out / "manifest.json").read_text("utf-8"))["outputs"]
    html = [e for e in entries if e["kind"] in ("html", "html-file")]
    assert html and all(e.get("outdated") for e in html)
