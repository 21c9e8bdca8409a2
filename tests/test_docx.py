"""The DOCX for staff: Word structure, every paragraph of the source, East
Asian fonts, merged cells, images, and it opens in a real word processor."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from planbook.builders import BuildContext
from planbook.builders.docx import DocxBuilder
from planbook.load import load_plan
from planbook.markup import plain_text
from planbook.walk import paragraphs

from conftest import COMPLETE, SOURCE


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=["kiyose", "complete"])
def built(request, tmp_path_factory):
    src = SOURCE if request.param == "kiyose" else COMPLETE
    plan = load_plan(src)
    out = tmp_path_factory.mktemp(f"docx-{request.param}")
    (output,) = DocxBuilder(BuildContext(plan=plan, findings=[])).build(out)
    return request.param, plan, output.path


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    # ruby: base text lives in w:rubyBase runs, which python-docx's text skips
    body = doc.element.body
    parts += ["".join(t.text or "" for t in rb.iter(qn("w:t")))
              for rb in body.iter(qn("w:rubyBase"))]
    return squash("".join(parts))


def test_every_paragraph_of_the_source(built):
    _, plan, path = built
    text = all_text(Document(path))
    missing = []
    for _, p in paragraphs(plan):
        for piece in re.split(r"\{[^{}|]+\|[^{}|]+\}|\[\^[^\]]+\]", p.text):
            if squash(piece) and squash(piece) not in text:
                missing.append((p.id, piece[:30]))
    assert not missing


def test_policy_headings_use_word_heading_styles(built):
    _, plan, path = built
    doc = Document(path)
    headings = {p.text for p in doc.paragraphs if p.style.name.startswith("Heading")}
    for p in plan.policies:
        if p.has_page:
            assert any(plan.policy_label(p) in h and plain_text(p.title.text) in h
                       for h in headings), p.code
    levels = {p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= levels


def test_system_table_has_merged_cells(built):
    _, plan, path = built
    doc = Document(path)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "将来像")
    merges = table._tbl.xpath(".//w:vMerge")
    assert merges, "将来像 and 基本目標 cells are merged vertically"
    first_col = [row.cells[0]._tc for row in table.rows[1:]]
    assert len(set(map(id, first_col))) == len(plan.concept.visions)


def test_east_asian_fonts_and_language(built):
    _, _, path = built
    doc = Document(path)
    for name, font in (("Normal", "BIZ UDPMincho"), ("Heading 1", "BIZ UDPGothic")):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:ascii")) == font
    langs = doc.styles.element.xpath(".//w:docDefaults//w:lang")
    assert langs and langs[0].get(qn("w:eastAsia")) == "ja-JP"


def test_fields_toc_and_page(built):
    _, _, path = built
    doc = Document(path)
    instr = " ".join(t.text for t in doc.element.body.iter(qn("w:instrText")))
    assert "TOC" in instr and "PAGEREF" in instr
    footer = doc.sections[0].footer._element
    assert any("PAGE" in (t.text or "") for t in footer.iter(qn("w:instrText")))


def test_placeholders_and_images(built):
    name, plan, path = built
    doc = Document(path)
    text = all_text(doc)
    images = doc.inline_shapes
    if name == "kiyose":
        for word in ("未入力", "作品画像未着", "未作成"):
            assert word in text
        assert len(images) == 0
    else:
        for word in ("未入力", "未着", "未作成"):
            assert word not in text
        assert len(images) == len(plan.artwork)
        assert any("ruby" in el.tag for el in doc.element.body.iter())


def test_opens_in_libreoffice(built, tmp_path):
    _, plan, path = built
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed for this test: run `make test` (it installs it)"
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       capture_output=True, text=True, timeout=240)
    pdf = tmp_path / (Path(path).stem + ".pdf")
    assert r.returncode == 0 and pdf.exists(), r.stderr
    reader = PdfReader(pdf)
    assert len(reader.pages) > 5
    text = squash("".join(p.extract_text() for p in reader.pages))
    assert squash(plan.info.title) in text
