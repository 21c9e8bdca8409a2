"""The booklet PDF: every paragraph printed, page references right, fonts
embedded, bookmarks and metadata, placeholders, Japanese line breaks, safety."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbook import paths
from planbook.builders import BuildContext
from planbook.builders.pdf import PdfBuilder
from planbook.load import load_plan
from planbook.render.fetch import allowed
from planbook.walk import paragraphs

from conftest import COMPLETE, SOURCE

NO_LINE_START = "、。，．・：；！？）」』】〕］｝〉》ぁぃぅぇぉっゃゅょァィゥェォッャュョー々"
NO_LINE_END = "（「『【〔［｛〈《"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def build(src: Path, out: Path):
    plan = load_plan(src)
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    (output,) = PdfBuilder(ctx).build(out)
    return plan, output


@pytest.fixture(scope="module", params=["kiyose", "complete"])
def booklet(request, tmp_path_factory):
    src = SOURCE if request.param == "kiyose" else COMPLETE
    plan, output = build(src, tmp_path_factory.mktemp(f"pdf-{request.param}"))
    reader = PdfReader(output.path)
    pages = [squash(p.extract_text()) for p in reader.pages]
    return request.param, plan, output, reader, pages


def test_page_count_matches(booklet):
    _, _, output, reader, _ = booklet
    assert output.pages == len(reader.pages)


def test_every_paragraph_is_printed(booklet):
    _, plan, _, _, pages = booklet
    text = "".join(pages)
    missing = []
    for _, p in paragraphs(plan):
        for piece in re.split(r"\{[^{}|]+\|[^{}|]+\}|\[\^[^\]]+\]", p.text):
            if squash(piece) and squash(piece) not in text:
                missing.append((p.id, piece[:20]))
    assert not missing


def test_system_table_page_numbers_point_at_policy_pages(booklet):
    _, plan, _, reader, pages = booklet
    raw = [p.extract_text() for p in reader.pages]
    system = next(i for i, t in enumerate(raw) if t.startswith("計画の体系"))
    table = raw[system] + "\n" + raw[system + 1]
    checked = 0
    for p in plan.policies:
        title = squash(p.title.text) if p.title else "未入力"
        pattern = re.escape(p.code) + r"\s+" + r"\s*".join(map(re.escape, title))
        m = re.search(pattern + r"\s+(\d+|未作成)(?=\s|$)", table)
        assert m, p.code
        if not p.has_page:
            assert m.group(1) == "未作成"
            continue
        page_no = int(m.group(1))
        heading = squash(plan.policy_label(p)) + title
        assert heading in pages[page_no - 1], (p.code, page_no)
        assert not any(heading in t for t in pages[system:page_no - 1])
        checked += 1
    assert checked == sum(p.has_page for p in plan.policies)


def test_fonts_embedded_and_only_ours(booklet):
    _, _, _, reader, _ = booklet
    seen = set()
    for page in reader.pages:
        for _, ref in (page["/Resources"].get("/Font") or {}).items():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
            assert "BIZ-UD" in name, name
            seen.add(name.split("+")[-1])
    assert {"BIZ-UDPMincho", "BIZ-UDPGothic-Bold"} <= seen


def test_bookmarks_and_metadata(booklet):
    _, plan, _, reader, _ = booklet
    meta = reader.metadata
    assert meta.title == plan.info.title and meta.author == plan.info.municipality
    assert reader.trailer["/Root"]["/Lang"] == "ja"

    def titles(items):
        for it in items:
            if isinstance(it, list):
                yield from titles(it)
            else:
                yield it.title
    marks = list(titles(reader.outline))
    for chapter in ("基本理念", "将来像", "基本目標", "計画の体系"):
        assert chapter in marks
    for p in plan.policies:
        if p.has_page:
            assert any(plan.policy_label(p) in t for t in marks), p.code


def test_placeholders(booklet):
    name, plan, _, _, pages = booklet
    text = "".join(pages)
    if name == "kiyose":
        assert "作品画像未着" in text and "未入力" in text and "未作成" in text
    else:
        for word in ("未入力", "未着", "未作成", "清瀬", "きよせ"):
            assert word not in text


def test_running_header_and_footer(booklet):
    _, plan, _, reader, _ = booklet
    for p in plan.policies:
        if not p.has_page:
            continue
        texts = [squash(pg.extract_text()) for pg in reader.pages]
        page = next(t for t in texts
                    if squash(plan.policy_label(p)) in t and not t.startswith("目次"))
        vision = plan.vision_of_goal(p.goal)
        header = page[-120:]          # pypdf puts the margin boxes last
        assert f"将来像{vision.number}" in header and squash(vision.title.text) in header
        assert f"基本目標{p.goal}" in header


def test_no_forbidden_line_starts(booklet, tmp_path):
    _, _, output, _, _ = booklet
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed: run `make test`")
    txt = tmp_path / "out.txt"
    subprocess.run(["pdftotext", "-layout", str(output.path), str(txt)], check=True)
    bad = []
    for line in txt.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s:
            continue
        if s[0] in NO_LINE_START:
            bad.append(s[:20])
        if s[-1] in NO_LINE_END:
            bad.append(s[-20:])
    assert not bad


def test_markup_cannot_be_injected(complete_copy, tmp_path):
    f = complete_copy / "policies/111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(
        "困り事を抱えた市民が", "<b>困り事</b>&amp;を抱えた市民が"), encoding="utf-8")
    _, output = build(complete_copy, tmp_path)
    text = "".join(p.extract_text() for p in PdfReader(output.path).pages)
    assert "<b>困り事</b>&amp;を" in squash(text)


def test_fetcher_allows_only_our_folders(tmp_path):
    roots = [tmp_path, paths.LAYOUTS, paths.FONTS]
    assert allowed((paths.FONTS / "BIZUDPMincho-Regular.ttf").as_uri(), roots)
    assert allowed((tmp_path / "artwork/a.png").as_uri(), roots)
    assert not allowed("file:///etc/passwd", roots)
    assert not allowed((tmp_path / "../outside.png").resolve().as_uri(), roots)
    assert not allowed("https://example.com/a.png", roots)


def test_image_outside_allowed_folders_is_not_read(complete_copy, tmp_path):
    outside = tmp_path / "secret.png"
    shutil.copy(complete_copy / "artwork/vision-1.png", outside)
    plan = load_plan(complete_copy)
    from planbook.render import render_document
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    doc = render_document(plan, ctx, extra_css=[f"body {{ background: url({outside.as_uri()}) }}"])
    pdf = tmp_path / "o.pdf"
    doc.write_pdf(pdf)
    images = {x.idnum for p in PdfReader(pdf).pages
              for x in (p["/Resources"].get("/XObject") or {}).values()
              if x.get_object().get("/Subtype") == "/Image"}
    assert len(images) == len(plan.artwork)
