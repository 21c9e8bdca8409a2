"""The tagged PDF edition (issue 22, item 2): `build --format pdf-ua` writes a
PDF/UA-1 file that the `page-validation` package's PDF/UA-1 rules accept,
where every text and image drawn is in the structure tree or an artifact,
each table is one Table with scoped headers, links sit in Link elements,
figures carry the artwork's alt and decorative images are artifacts."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import page
import pikepdf
import pytest

from conftest import COMPLETE, SOURCE
from planbook import paths, tagged
from planbook.checking import load_plan
from planbook.cli import main
from planbook.render import typeset
from planbook.tagged.tree import Tree, is_element, kids

PLANS = {"kiyose": SOURCE, "complete": COMPLETE}


@pytest.fixture(scope="module", params=sorted(PLANS))
def edition(request, tmp_path_factory, cli_builds):
    """(plan name, OUT, manifest entries by kind): the tagged PDF built, and
    the booklet of the same plan from the shared build."""
    out = tmp_path_factory.mktemp(f"ua-{request.param}")
    assert main(["build", str(PLANS[request.param]), "-o", str(out), "--format", "pdf-ua"]) == 0
    entries = {}
    for folder in (cli_builds[request.param][1], out):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        entries.update({e["kind"]: dict(e, path=str(folder / e["path"]))
                        for e in manifest["outputs"]})
    return request.param, out, entries


def _ua(edition) -> Path:
    return Path(edition[2]["accessible-pdf"]["path"])


def test_the_validators_pdf_ua1_rules_pass(edition):
    report = page.validate_pdf(str(_ua(edition)), profile="ua1")
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


def test_every_text_and_image_is_in_the_tree_or_an_artifact(edition):
    assert tagged.audit(_ua(edition)) == []
    with pikepdf.open(_ua(edition)) as pdf:
        assert len(Tree(pdf).marked()) > 100          # the text is in the tree, not all artifacts


def test_same_pages_as_the_booklet_with_title_language_and_bookmarks(edition):
    name, out, entries = edition
    assert entries["accessible-pdf"]["pages"] == entries["booklet"]["pages"]
    plan = load_plan(PLANS[name])
    with pikepdf.open(_ua(edition)) as pdf:
        assert str(pdf.Root.Lang) == "ja"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.Title) == plan.info.title
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        with pdf.open_outline() as outline:
            assert len(outline.root) >= 3
        booklet = pikepdf.open(entries["booklet"]["path"])
        assert [p.mediabox for p in pdf.pages] == [p.mediabox for p in booklet.pages]


def _elements(pdf):
    return [e for e, _ in Tree(pdf).walk()]


def test_tables_have_scoped_headers_and_every_cell_its_headers(edition):
    with pikepdf.open(_ua(edition)) as pdf:
        tables = [e for e in _elements(pdf) if e.get("/S") == "/Table"]
        assert tables
        for table in tables:
            sub = [e for e, _ in Tree(pdf).walk(table)]
            heads = [e for e in sub if e.get("/S") == "/TH"]
            assert heads
            ids = {str(h.ID) for h in heads}
            assert len(ids) == len(heads)
            for h in heads:
                assert str(h.A.Scope) in ("/Column", "/Row")
            assert sum(1 for k in kids(table) if is_element(k) and k.get("/S") == "/THead") <= 1
            for cell in (e for e in sub if e.get("/S") == "/TD"):
                headers = [str(x) for x in cell.A.get("/Headers", [])]
                assert headers and set(headers) <= ids


def test_links_are_in_link_elements(edition):
    with pikepdf.open(_ua(edition)) as pdf:
        tree = Tree(pdf)
        links = 0
        for page_ in pdf.pages:
            for annot in page_.obj.get("/Annots", []):
                if annot.get("/Subtype") == "/Link":
                    links += 1
                    assert tree.parents[int(annot.StructParent)].get("/S") == "/Link"
        assert links > 0


def test_figures_carry_the_artworks_alt(edition):
    name, _, _ = edition
    plan = load_plan(PLANS[name])
    drawn = {a.alt.text for a in plan.artwork if a.image_path is not None and a.alt}
    with pikepdf.open(_ua(edition)) as pdf:
        figures = [str(e.Alt) for e in _elements(pdf) if e.get("/S") == "/Figure"]
    assert sorted(figures) == sorted(drawn)
    if name == "complete":
        assert len(figures) == 4


SAMPLE = """<!doctype html><html lang="ja"><head><title>見本</title><style>
@page { size: A5; margin: 20mm 15mm; @top-center { content: "柱の見出し" }
        @bottom-center { content: counter(page) } }
body { font-family: "BIZ UDMincho"; font-size: 11pt; }
p.long { margin: 0 } td, th { border: 1px solid black; padding: 2pt }
</style></head><body>
<h1>表と段落</h1>
<p class="long">{long}</p>
<p>見本の<a href="#t"><span>リンク</span>の<b>文字</b></a>と<span lang="en">English</span>。</p>
<img src="{img}" alt="" style="width: 20mm">
<img src="{img}" alt="赤い四角" style="width: 20mm">
<table id="t"><caption>長い表</caption>
<thead><tr><th scope="col">番号</th><th scope="col">名前</th></tr></thead>
<tbody>{rows}</tbody></table>
</body></html>"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A small document that runs a paragraph and a table over pages, with a
    running head, a folio, a link of several boxes, a span in English, a
    decorative and an informative image: as WeasyPrint writes it, and finished."""
    from PIL import Image
    tmp = tmp_path_factory.mktemp("ua-sample")
    img = tmp / "red.png"
    Image.new("RGB", (40, 40), (200, 0, 0)).save(img)
    html = (SAMPLE.replace("{long}", "長い段落の文です。" * 160)
            .replace("{img}", img.as_uri())
            .replace("{rows}", "".join(f"<tr><td>{i}</td><td>行{i}</td></tr>" for i in range(90))))
    doc = typeset.render(html, tmp.as_uri() + "/", paths.FONTS, [tmp], pdf_variant="pdf/ua-1")
    raw = tmp / "raw.pdf"
    typeset.write(doc, raw, pdf_variant="pdf/ua-1")
    done = tmp / "done.pdf"
    shutil.copy(raw, done)
    tagged.finish(done)
    return raw, done, len(doc.pages)


def test_weasyprints_file_has_strays_the_audit_finds(sample):
    raw, _, pages = sample
    strays = tagged.audit(raw)
    assert pages >= 3
    # the running head and folio of every page, neither in the tree nor artifacts
    assert {s.page for s in strays if s.what == "text"} == set(range(1, pages + 1))


def test_a_table_over_pages_is_one_table_with_one_header(sample):
    _, done, pages = sample
    assert tagged.audit(done) == []
    with pikepdf.open(done) as pdf:
        els = _elements(pdf)
        tables = [e for e in els if e.get("/S") == "/Table"]
        assert len(tables) == 1
        tree = Tree(pdf)
        sub = [e for e, _ in tree.walk(tables[0])]
        assert sum(1 for e in sub if e.get("/S") == "/THead") == 1
        assert sum(1 for e in sub if e.get("/S") == "/TR") == 91
        assert len({tree.page_of(e) for e in sub if e.get("/S") == "/TR"}) >= 2
        paragraphs = [e for e in els if e.get("/S") == "/P"]
        assert len(paragraphs) == 2           # the long one is one P over its pages
    assert page.validate_pdf(str(done), profile="ua1").is_compliant


def test_lang_decorative_image_and_informative_image(sample):
    _, done, _ = sample
    with pikepdf.open(done) as pdf:
        els = _elements(pdf)
        assert [str(e.Lang) for e in els if "/Lang" in e] == ["en"]
        assert [str(e.Alt) for e in els if e.get("/S") == "/Figure"] == ["赤い四角"]
        images = 0
        for page_ in pdf.pages:
            data = page_.obj.Contents.read_bytes()
            images += len(re.findall(rb"/Artifact\s+BMC\s+q[^Q]*?Do", data))
        assert images == 1                       # the decorative one is an artifact


def test_a_drawn_image_without_alt_refuses_the_accessible_editions(tmp_path, capsys):
    src = tmp_path / "source"
    shutil.copytree(COMPLETE, src)
    text = (src / "artwork.yaml").read_text(encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip().startswith("alt:"))
    (src / "artwork.yaml").write_text(
        "\n".join(s for i, s in enumerate(text.splitlines(), 1) if i != line) + "\n",
        encoding="utf-8")
    for fmt in ("pdf-ua", "html"):
        assert main(["build", str(src), "-o", str(tmp_path / fmt), "--format", fmt]) == 1
        err = capsys.readouterr().err
        assert "alt:" in err and re.search(r"artwork\.yaml:\d+", err), err
        assert not (tmp_path / fmt / "manifest.json").exists() or "accessible-pdf" not in \
            (tmp_path / fmt / "manifest.json").read_text(encoding="utf-8")
    assert main(["check", str(src)]) == 0
    assert "artwork-alt" in capsys.readouterr().out


def test_press_files_stay_untagged(print_x4):
    _, out, _ = print_x4
    pdfs = sorted(Path(out).rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            assert "/StructTreeRoot" not in pdf.Root, path.name
