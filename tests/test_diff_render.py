"""The 新旧対照表 as written: PDF (WeasyPrint) and DOCX (python-docx)."""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from planbook import paths, pipeline
from planbook.diff import compare
from planbook.diff.render_docx import GOTHIC, MINCHO
from planbook.diff.render_pdf import render_html
from planbook.diff.view import document
from planbook.checking import load_plan
from planbook.markup import plain_text
from test_diff_fixtures import (INSERTED, NEW_BODY, NEW_TITLE, edit_every_direction,
                                make_variants)

OLD_LABEL, NEW_LABEL = "初校（2026-11-01）", "現在の source"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    return make_variants(tmp_path_factory.mktemp("render"))


def _diff(old: Path, new: Path, out: Path, order=None, unchanged=None) -> dict:
    """`planbook diff OLD NEW` with NEW the source: kind → its output (path, pages)."""
    said = io.StringIO()
    assert pipeline.diff(str(old), str(new), new, out, order, unchanged, said) == 0, said.getvalue()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["kind"]: SimpleNamespace(path=out / e["path"], pages=e.get("pages"))
            for e in manifest["outputs"]}


def _run(variants, out, **kw):
    return _diff(variants.old, variants.new, out, **kw)


@pytest.fixture(scope="module")
def default(variants, tmp_path_factory):
    return _run(variants, tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def swapped(variants, tmp_path_factory):
    return _run(variants, tmp_path_factory.mktemp("swapped"), order="new-old")


@pytest.fixture(scope="module")
def pdf_pages(default):
    return [p.extract_text() for p in PdfReader(default["diff"].path).pages]


@pytest.fixture(scope="module")
def plans(variants):
    return load_plan(variants.old), load_plan(variants.new)


def _main_policy(plans, variants, which=0):
    return next(p for p in plans[which].policies if p.code == variants.policy)


# -- PDF -------------------------------------------------------------------------

def test_outputs_and_page_count(default):
    assert set(default) == {"diff", "diff-docx"}
    pdf = default["diff"]
    assert pdf.path.name == "diff.pdf" and pdf.path.exists()
    assert pdf.pages == len(PdfReader(pdf.path).pages) >= 2
    assert default["diff-docx"].path.suffix == ".docx"


def test_summary_page(pdf_pages, plans, variants):
    first = _flat(pdf_pages[0])
    assert _flat(f"{plans[1].info.title} 新旧対照表") in first
    # the old folder is named by its path, the source being worked on as such
    assert _flat(str(variants.old)) in first and _flat(NEW_LABEL) in first
    assert "合計2114" in first          # 変更 2, 新設 1, 削る 1, 計 4


def test_pdf_lists_exactly_the_four_changes(pdf_pages, plans, variants):
    body = "\n".join(pdf_pages[1:])
    flat = _flat(body)
    assert body.count("（削る）") == 1 and body.count("（新設）") == 1
    assert _flat(variants.removed_title) in flat
    assert _flat(NEW_TITLE) in flat and _flat(NEW_BODY) in flat
    assert INSERTED in flat
    assert f"{variants.old_target:,}" in flat and f"{variants.new_target:,}" in flat
    # four captions, one per change
    assert len(re.findall("＞", body)) == 4
    # directions that only moved up are not listed
    for d in _main_policy(plans, variants, 1).directions[:-1]:
        assert _flat(plain_text(d.title.text)) not in flat


@pytest.fixture(scope="module")
def many(variants, tmp_path_factory):
    """Many changed directions, unchanged parts shown as 略: several pages."""
    tmp = tmp_path_factory.mktemp("many")
    new = tmp / "new"
    shutil.copytree(variants.new, new)
    edited = edit_every_direction(new)
    out = _diff(variants.old, new, tmp / "out", unchanged="ryaku")
    pages = [p.extract_text() for p in PdfReader(out["diff"].path).pages]
    return edited, pages


def test_header_row_and_page_number_on_every_page(many):
    edited, pages = many
    assert len(pages) >= 3
    n = len(pages)
    for i, text in enumerate(pages, 1):
        assert f"{i} / {n}" in text
    for text in pages[1:]:
        assert re.search(r"旧\s*新", text)
        assert "新旧対照表" in text                    # running head
    body = "\n".join(pages[1:])
    assert "（略）" in body
    assert _flat(body).count(INSERTED) >= edited


def test_fonts_embedded_from_the_project_fonts(default):
    reader = PdfReader(default["diff"].path)
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor") or \
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            desc = desc.get_object()
            assert "/FontFile2" in desc               # embedded TrueType
            ttf = TTFont(io.BytesIO(desc["/FontFile2"].get_object().get_data()))
            names.add(ttf["name"].getDebugName(4))
    assert names == {"BIZ UDPMincho", "BIZ UDPGothic", "BIZ UDPGothic Bold"}


def test_html_underlines_changed_text(plans):
    doc = document(compare(*plans), "計画", OLD_LABEL, NEW_LABEL)
    html = render_html(doc)
    assert f'<span class="changed">{INSERTED}</span>' in html
    # the gap on the other side holds no characters, only its width
    blank = re.search(r'<span class="blank" style="([^"]*)"></span>', html)
    assert blank and blank.group(1).endswith(f"{len(INSERTED):.1f}em")
    assert not re.search(r'<span class="blank"[^>]*>[^<]', html)
    assert f'<span class="changed">{NEW_TITLE}</span>' in html
    assert html.count('<span class="mark">（削る）</span>') == 1


def test_columns_swap_in_pdf(swapped, pdf_pages):
    pages = [p.extract_text() for p in PdfReader(swapped["diff"].path).pages]
    assert re.search(r"旧\s*新", pdf_pages[1]) and not re.search(r"旧\s*新", pages[1])
    assert re.search(r"新\s*旧", pages[1])


def test_url_fetcher_refuses_outside_layouts_and_fonts():
    from planbook.render import typeset

    def allowed(url):       # the 新旧対照表's folders (render_pdf.write_pdf)
        return typeset.allowed(url, [paths.FONTS, paths.LAYOUTS])
    assert allowed((paths.FONTS / "BIZUDPMincho-Regular.ttf").as_uri())
    assert allowed((paths.LAYOUTS / "diff" / "diff.css").as_uri())
    assert not allowed("file:///etc/passwd")
    assert not allowed((paths.LAYOUTS / ".." / "pyproject.toml").as_uri())
    assert not allowed("https://example.com/font.ttf")


# -- DOCX ------------------------------------------------------------------------

def _compare_table(path):
    d = docx.Document(str(path))
    return d, d.tables[-1]


def _underlined(table, column: int) -> list[str]:
    out = []
    for row in table.rows[1:]:
        cells = row.cells
        if cells[0]._tc is cells[1]._tc:       # merged heading / caption row
            continue
        out += [r.text for p in cells[column].paragraphs for r in p.runs if r.font.underline]
    return out


def test_docx_lists_the_four_changes(default, variants):
    d, table = _compare_table(default["diff-docx"].path)
    head = [c.text for c in table.rows[0].cells]
    assert head == ["旧", "新"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    captions = [r.cells[0].text for r in table.rows[1:]
                if r.cells[0]._tc is r.cells[1]._tc and "＞" in r.cells[0].text]
    assert len(captions) == 4
    new = _underlined(table, 1)
    assert INSERTED in new and NEW_TITLE in new and NEW_BODY in new
    assert f"{variants.new_target:,}" in new
    old = _underlined(table, 0)
    assert variants.removed_title in old and f"{variants.old_target:,}" in old
    # the gap on the old side is a drawn line as wide as the words: no characters
    gaps = [r for row in table.rows[1:] for c in row.cells for p in c.paragraphs for r in p.runs
            if r._r.find(qn("w:drawing")) is not None]
    assert gaps and all(r.text == "" for r in gaps)
    assert not [t for t in old if not t.strip("\u3000 ")]
    texts = [[c.text for c in r.cells] for r in table.rows]
    assert [t[1] for t in texts].count("（削る）") == 1
    assert [t[0] for t in texts].count("（新設）") == 1


def test_docx_summary_and_fonts(default):
    d = docx.Document(str(default["diff-docx"].path))
    summary = d.tables[1]
    assert [c.text for c in summary.rows[-1].cells] == ["合計", "2", "1", "1", "4"]
    runs = [r for row in d.tables[-1].rows for c in row.cells for p in c.paragraphs
            for r in p.runs]
    text = next(r for r in runs if r.text == INSERTED)
    mark = next(r for r in runs if r.text == "（削る）")
    assert text._r.rPr.rFonts.get(qn("w:eastAsia")) == MINCHO
    assert mark._r.rPr.rFonts.get(qn("w:eastAsia")) == GOTHIC
    sec = d.sections[0]
    assert sec.page_width > sec.page_height       # landscape


def test_docx_columns_swap(swapped, variants):
    _, table = _compare_table(swapped["diff-docx"].path)
    assert [c.text for c in table.rows[0].cells] == ["新", "旧"]
    texts = [[c.text for c in r.cells] for r in table.rows]
    assert [t[0] for t in texts].count("（削る）") == 1
    assert [t[1] for t in texts].count("（新設）") == 1
    assert INSERTED in _underlined(table, 0)


def test_docx_ryaku(variants, tmp_path):
    out = _run(variants, tmp_path, unchanged="ryaku")
    _, table = _compare_table(out["diff-docx"].path)
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert ["（略）", "（略）"] in cells
