"""The DOCX for staff: Word structure, every paragraph of the source, East
Asian fonts, merged cells, fields, images, and it opens in a real word
processor (LibreOffice) with the cross-references resolved."""
import re
import shutil
import subprocess

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from planbook import paths

from planbook.builders import BuildContext
from planbook.builders.docx import DocxBuilder
from planbook.checking import load_plan
from planbook.markup import Ruby, plain_text, tokens
from planbook.walk import paragraphs

from conftest import COMPLETE, SOURCE, built_output

W_T, W_RT, W_P = qn("w:t"), qn("w:rt"), qn("w:p")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def visible_text(element) -> str:
    """Text as printed: every w:t except ruby readings (w:rt), which
    python-docx's .text would drop together with the ruby base."""
    out = []
    for t in element.iter(W_T):
        if not any(a.tag == W_RT for a in t.iterancestors()):
            out.append(t.text or "")
    return "".join(out)


@pytest.fixture(scope="module", params=["kiyose", "complete"])
def built(request, cli_builds):
    """The DOCX of the session's `planbook build` of each plan (conftest)."""
    src = SOURCE if request.param == "kiyose" else COMPLETE
    plan = load_plan(src)
    code, folder = cli_builds[request.param]
    assert code == 0
    path = built_output(folder, "docx").path
    assert path == folder / f"{plan.info.output_name}.docx"
    return request.param, plan, path, Document(path)


@pytest.fixture(scope="module")
def converted(built, tmp_path_factory):
    """The DOCX converted to PDF by LibreOffice: (pdf path or None, why not)."""
    _, _, path, _ = built
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None, "LibreOffice (soffice) is missing: run `make test`, which installs it"
    tmp = tmp_path_factory.mktemp("lo")
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", str(tmp), str(path)],
                       capture_output=True, text=True, timeout=300)
    pdf = tmp / (path.stem + ".pdf")
    if r.returncode != 0 or not pdf.exists():
        return None, f"soffice failed ({r.returncode}): {r.stdout} {r.stderr}"
    return pdf, ""


def pdf_pages(converted) -> list[str]:
    pdf, why = converted
    assert pdf is not None, why
    return [squash(p.extract_text()) for p in PdfReader(pdf).pages]


def test_every_paragraph_of_the_source(built):
    _, plan, _, doc = built
    text = squash(visible_text(doc.element.body))
    missing = []
    for _, p in paragraphs(plan):
        # a ※ marker stands where [^key] is: compare the text between markers
        for part in re.split(r"\[\^[^\]\s]+\]", p.text):
            piece = squash(plain_text(part))
            if piece not in text:
                missing.append((p.id, piece[:30]))
    assert not missing


def test_policy_headings_use_word_heading_styles(built):
    _, plan, _, doc = built
    headings = {p.style.name: set() for p in doc.paragraphs}
    for p in doc.paragraphs:
        headings[p.style.name].add(squash(visible_text(p._p)))
    written = [p for p in plan.policies if p.has_page]
    assert written
    for p in written:
        title = squash(plan.policy_label(p) + plain_text(p.title.text))
        assert title in headings.get("Heading 3", set()), p.code
    for p in plan.policies:
        if not p.has_page:
            assert not any(h.startswith(squash(plan.policy_label(p)))
                           for h in headings.get("Heading 3", set())), p.code
    for v in plan.concept.visions:
        assert any(h.startswith(f"将来像{v.number}") for h in headings["Heading 1"])
    assert {"基本理念", "将来像", "基本目標", "計画の体系"} <= headings["Heading 1"]
    # Word's built-in headings (見出し 1–3): their outline levels drive the
    # navigation pane and the TOC
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        assert style.element.xpath("./w:pPr/w:outlineLvl/@w:val") == [str(level - 1)]


def test_system_table_has_merged_cells(built):
    _, plan, _, doc = built
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "将来像")
    rows = table.rows[1:]
    restarts = table._tbl.xpath(".//w:vMerge[@w:val='restart']")
    assert restarts, "将来像 and 基本目標 cells are merged vertically (w:vMerge)"
    # python-docx resolves the vertical merge: one cell per 将来像 and per 基本目標
    first_col = {row.cells[0]._tc for row in rows}
    second_col = {row.cells[1]._tc for row in rows}
    assert len(first_col) == len(plan.concept.visions)
    no_goals = sum(not v.goals for v in plan.concept.visions)
    assert len(second_col) == len(plan.goals()) + no_goals
    assert len(rows) == no_goals + sum(max(1, len(plan.policies_of(g.code)))
                                       for g in plan.goals())
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[3] < widths[0] < widths[2], "ページ narrow, 施策 widest"


def test_east_asian_fonts_and_language(built):
    _, _, _, doc = built
    expected = {"Normal": "BIZ UDPMincho", "計画 本文": "BIZ UDPMincho",
                "計画 注記": "BIZ UDPMincho", "計画 表": "BIZ UDPMincho",
                "Heading 1": "BIZ UDPGothic", "Heading 2": "BIZ UDPGothic",
                "Heading 3": "BIZ UDPGothic", "計画 表見出し": "BIZ UDPGothic"}
    for name, font in expected.items():
        rpr = doc.styles[name].element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == font, name
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP", name
    defaults = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr")[0]
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP"
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "BIZ UDPMincho"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_fields_toc_pageref_and_page(built):
    _, plan, _, doc = built
    body = doc.element.body
    instr = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert sum(i.startswith("TOC ") for i in instr) == 1
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    refs = [i.split()[1] for i in instr if i.startswith("PAGEREF ")]
    assert len(refs) == sum(p.has_page for p in plan.policies)
    assert set(refs) <= bookmarks
    # the TOC's cached result lists every 施策 page, linked to its heading
    links = {h.get(qn("w:anchor")): squash(visible_text(h))
             for h in body.iter(qn("w:hyperlink"))}
    for p in plan.policies:
        if p.has_page:
            assert squash(plan.policy_label(p) + plain_text(p.title.text)) in links.values()
    assert set(links) <= bookmarks
    footer = doc.sections[0].footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE"]
    assert doc.sections[0].different_first_page_header_footer   # no number on the cover
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_placeholders_and_images(built):
    name, plan, path, doc = built
    text = squash(visible_text(doc.element.body))
    images = doc.inline_shapes
    if name == "kiyose":
        assert "作品画像未着" in text
        assert "未作成" in text
        assert "未入力" in text
        assert len(images) == 0
    else:
        for word in ("未入力", "未着", "未作成"):
            assert word not in text
        assert len(images) == len(plan.artwork)
        media = [p for p in doc.part.package.parts if p.partname.startswith("/word/media/")]
        assert len(media) == len(plan.artwork)
    # the image or the grey box at the printed size of the PDF's slot
    slots = yaml.safe_load((paths.LAYOUTS / "booklet" / "slots.yaml").read_text(encoding="utf-8"))
    sizes = {(round(Mm(v["width_mm"]).twips), round(Mm(v["height_mm"]).twips))
             for v in slots.values()}
    boxes = [t for t in doc.tables if squash(t.cell(0, 0).text) == "作品画像未着"]
    assert len(boxes) == (len(plan.concept.visions) + 1 if name == "kiyose" else 0)
    for box in boxes:
        width = int(box._tbl.tblGrid.find(qn("w:gridCol")).get(qn("w:w")))
        assert (width, box.rows[0].height.twips) in sizes
    for image in images:
        assert any(abs(image.width.twips - w) <= 1 and image.height.twips <= h + 1
                   or abs(image.height.twips - h) <= 1 and image.width.twips <= w + 1
                   for w, h in sizes), (image.width.mm, image.height.mm)
    # credits: reading as real ruby over each part of the name (姓 / 名)
    readings = {squash("".join(t.text for t in rt.iter(W_T)))
                for rt in doc.element.body.iter(W_RT)}
    for art in plan.artwork:
        if art.reading:
            parts = art.reading.split() if len(art.reading.split()) == len(art.name.split()) \
                else [art.reading]
            assert all(squash(r) in readings for r in parts), art.id
    # and {漢字|かんじ} markup in any text
    for _, para in paragraphs(plan):
        for t in tokens(para.text):
            if isinstance(t, Ruby):
                assert squash(t.reading) in readings, para.id


DRAFT = {
    "plan.yaml": "municipality: テスト町\ntitle:\nsubtitle:\nperiod:\nbaseline_year:\n"
                 "vision_suffix:\n",
    "concept.yaml": "philosophy:\nvisions_intro:\nvisions:\n"
                    "  - {number: 1, title: null, summary: null, artwork: missing,\n"
                    "     goals: [{code: 11, title: null, body: null}]}\n"
                    "  - {number: 2, title: '{未来|みらい}へ', summary: null, artwork: null,"
                    " goals: []}\n",
    "policies/111.yaml": "code: 111\ngoal: 11\ntitle:\nfuture: x\n"
                         "indicators: [{name: null, unit: null, baseline: null, target: null,"
                         " direction: null}]\ncollaboration: {summary: null, citizens: y}\n",
}


def test_a_bare_draft_builds_with_placeholders(tmp_path):
    src = tmp_path / "source"
    for name, text in DRAFT.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    plan = load_plan(src)
    (output,) = DocxBuilder(BuildContext(plan=plan, findings=[])).build(tmp_path)
    doc = Document(output.path)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "将来像")
    rows = [[squash(visible_text(c._tc)) for c in r.cells] for r in table.rows[1:]]
    assert rows == [["将来像1「未入力」", "11未入力", "111未入力", ""],
                    ["将来像2「未来へ」", "基本目標未入力", "", ""]]   # the PDF's label
    text = squash(visible_text(doc.element.body))
    assert text.count("作品画像未着") == 2          # no image, no slot: boxes, no credit
    assert "（未入力）" in text and "目標指標" in text and "未入力（未入力）" in text


def test_opens_in_libreoffice_with_bizud_fonts(built, converted):
    _, plan, _, _ = built
    pages = pdf_pages(converted)
    assert len(pages) > 5
    assert squash(plan.info.title) in pages[0]
    fonts = set()
    for page in PdfReader(converted[0]).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("BIZUD" in f for f in fonts), fonts


def test_system_table_page_numbers_match_libreoffice_layout(built, converted):
    """PAGEREF in the 体系 table resolves to the page of each 施策's heading."""
    _, plan, _, _ = built
    pages = pdf_pages(converted)
    pdf, _ = converted
    lines = [re.sub(r"[ \t\u3000]+", "", p.extract_text()) for p in PdfReader(pdf).pages]
    # the header row repeats on every page of the table
    table = "\n".join(p for p in lines if "将来像基本目標施策ページ" in squash(p))
    assert table, "the 体系 table is in the converted PDF"
    checked = 0
    for p in plan.policies:
        if not p.has_page:
            continue
        title = squash(plain_text(p.title.text))
        # the 施策 cell may wrap; the page number is the row's last cell
        row = "\n?".join(map(re.escape, p.code + title)) + r"\n?(\d+)(?=\n|$)"
        m = re.search(row, table)
        assert m, p.code
        heading = squash(plan.policy_label(p)) + title
        page = max(i for i, text in enumerate(pages, 1) if heading in text)
        assert int(m.group(1)) == page, p.code
        checked += 1
    assert checked == sum(p.has_page for p in plan.policies) > 0
