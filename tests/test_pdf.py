"""The booklet PDF of the Kiyose source and of the complete test plan: every
paragraph printed, page references right, fonts embedded, bookmarks and
metadata, placeholders, running headers, Japanese line breaks, ruby, slots.
Each booklet is rendered once per test session."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbook import paths
from planbook.builders import BuildContext
from planbook.builders.pdf import PdfBuilder
from planbook.checking import load_plan
from planbook.markup import plain_text
from planbook.slots import slot_sizes
from planbook.render.inline import NO_END, NO_START
from planbook.walk import paragraphs

from conftest import COMPLETE, SOURCE, built_output
from pdf_compare import row_ends
from pdf_fonts import PdfFonts, ours

MM = 25.4 / 72          # mm per PDF point


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def build(src: Path, out: Path):
    plan = load_plan(src)
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    (output,) = PdfBuilder(ctx).build(out)
    return plan, output


def pdftotext(path: Path, *args: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed: run `make test`")
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


# The cover and the inside of the cover (表1, 表2) carry no folio: the page
# after them is p.1, in the booklet, the proofs and the print body alike.
FRONT = 2


class Booklet:
    def __init__(self, name, plan, output):
        self.name, self.plan, self.output = name, plan, output
        self.reader = PdfReader(output.path)
        self.raw = [p.extract_text() for p in self.reader.pages]
        # By place on the page, a line per row (poppler): laid out in parts,
        # the page numbers of the 目次 and the 体系 are drawn last, over their
        # places, like the folios.
        self.rows = pdftotext(output.path, "-layout").split("\f")[:len(self.raw)]
        self.pages = [squash(t) for t in self.raw]

    def page_of(self, text: str, start: int = 0) -> int:
        """1-based number of the first page from `start` holding `text`."""
        return next(i + 1 for i in range(start, len(self.pages)) if squash(text) in self.pages[i])

    def folio_page(self, folio: int) -> str:
        """The (squashed) text of the page printed with `folio`."""
        return self.pages[folio + FRONT - 1]


@pytest.fixture(scope="session", params=["kiyose", "complete"])
def booklet(request, cli_builds):
    """The booklet of the session's `planbook build` of each plan (conftest)."""
    src = SOURCE if request.param == "kiyose" else COMPLETE
    code, folder = cli_builds[request.param]
    assert code == 0
    return Booklet(request.param, load_plan(src), built_output(folder, "booklet"))


def test_written_where_asked_with_its_page_count(booklet):
    assert booklet.output.path.name == f"{booklet.plan.info.output_name}.pdf"
    assert booklet.output.kind == "booklet"
    assert booklet.output.pages == len(booklet.reader.pages) > 10


def test_every_paragraph_is_printed(booklet):
    text = "".join(booklet.pages)
    missing = []
    for _, p in paragraphs(booklet.plan):
        # the text between ※ markers (printed as ※1, ※2 where they stand)
        for piece in re.split(r"\[\^[^\]]+\]", p.text):
            if squash(plain_text(piece)) not in text:
                missing.append((p.id, piece[:20]))
    assert not missing


def test_cover_has_title_period_and_municipality_but_no_page_number(booklet):
    info = booklet.plan.info
    cover = booklet.pages[0]
    for text in (info.title, info.subtitle, info.municipality, "令和", f"{info.period.start}年度"):
        assert squash(text) in cover
    assert not re.search(r"(^|\D)1$", cover)


def _system_text(b: Booklet) -> tuple[int, int, str]:
    """(first page index, end, text) of the 計画の体系 table pages."""
    first = next(i for i, t in enumerate(b.raw) if t.lstrip().startswith("計画の体系"))
    vision = b.plan.concept.visions[0]
    end = next(i for i in range(first + 1, len(b.pages))
               if f"将来像{vision.number}" in b.pages[i] and "計画の体系" not in b.pages[i])
    return first, end, "\n".join(b.raw[first:end])


def test_system_table_page_numbers_point_at_policy_pages(booklet):
    plan = booklet.plan
    first, end, table = _system_text(booklet)
    ends = row_ends(booklet.output.path, first, end)
    checked = 0
    for p in plan.policies:
        title = squash(plain_text(p.title.text)) if p.title else "未入力"
        pattern = re.escape(p.code) + r"\s+" + r"\s*".join(map(re.escape, title))
        assert re.search(pattern, table), p.code
        if not p.has_page:
            assert ends[p.code] == "未作成", p.code
            continue
        page_no = int(ends[p.code])
        heading = squash(plan.policy_label(p)) + title
        assert heading in booklet.folio_page(page_no), (p.code, page_no)
        assert booklet.page_of(heading, first + 1) == page_no + FRONT
        checked += 1
    assert checked == sum(p.has_page for p in plan.policies) > 0


def test_toc_page_numbers_point_at_chapters_and_policies(booklet):
    plan = booklet.plan
    first = next(i for i, t in enumerate(booklet.raw) if t.lstrip().startswith("目次"))
    end = next(i for i, t in enumerate(booklet.raw) if t.lstrip().startswith("基本理念"))
    toc = "\n".join(booklet.rows[first:end])
    for chapter in ("基本理念", "将来像", "基本目標", "計画の体系"):
        m = re.search(chapter + r"[\s.]*?(\d+)\s*$", toc, re.M)
        assert m, chapter
        assert booklet.raw[int(m.group(1)) + FRONT - 1].lstrip().startswith(chapter)
    for p in plan.policies:
        if p.has_page:
            # a space, or a 四分アキ (施策 111), may be extracted as a space
            label = r"\s*".join(map(re.escape, squash(plan.policy_label(p))))
            m = re.search(label + r".*?(\d+)\s*$", toc, re.M)
            assert m, p.code
            assert squash(plan.policy_label(p)) in booklet.folio_page(int(m.group(1)))


def test_parts_open_on_right_hand_pages_and_front_matter_runs_on(booklet):
    def top(items):
        return [o for o in items if not isinstance(o, list)]
    for o in top(booklet.reader.outline):
        n = booklet.reader.get_destination_page_number(o)     # 0-based
        if o.title.startswith("将来像"):
            assert n % 2 == 0, o.title          # a part opens on a right-hand page
        elif o.title == "計画の体系":
            assert n % 2 == 1                   # a facing spread: on a left-hand page
        elif n > FRONT:                         # front matter runs on: no blank before it
            assert booklet.raw[n - 1].strip(), o.title


def test_fonts_embedded_and_only_ours(booklet):
    """Every font program in the PDF is one of fonts/ (by its own name table;
    the render's font configuration holds nothing else, tests/test_glyphs.py)."""
    fonts = PdfFonts(booklet.output.path)
    names = fonts.postscript_names()
    assert set(names.values()) <= set(ours()), names
    assert {"BIZUDPMincho-Regular", "BIZUDPGothic-Regular", "BIZUDPGothic-Bold"} <= set(names.values())
    for base in names:
        assert "BIZ-UD" in base, base


def test_bookmarks_and_metadata(booklet):
    plan, reader = booklet.plan, booklet.reader
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
    for chapter in ("目次", "基本理念", "将来像", "基本目標", "計画の体系"):
        assert chapter in marks
    for v in plan.concept.visions:
        assert any(t.startswith(f"将来像{v.number}「") for t in marks)
    for p in plan.policies:
        if p.has_page:
            assert any(t.startswith(plan.policy_label(p)) for t in marks), p.code
    # sections of a 施策 page are not bookmarked
    assert "10年後の姿" not in marks and "目標指標" not in marks


def test_placeholders(booklet):
    plan, text = booklet.plan, "".join(booklet.pages)
    if booklet.name == "kiyose":
        assert "作品画像未着" in text and "未入力" in text and "未作成" in text
        assert "目標指標未入力" in text
    else:
        for word in ("未入力", "未着", "未作成", "清瀬", "きよせ"):
            assert word not in text
    unwritten = [p for p in plan.policies if not p.has_page]
    assert text.count("未作成") >= len(unwritten)


def test_running_header_on_policy_pages(booklet):
    plan = booklet.plan
    first, _, _ = _system_text(booklet)
    for p in plan.policies:
        if not p.has_page:
            continue
        n = booklet.page_of(plan.policy_label(p) + plain_text(p.title.text), first + 1)
        header = squash(booklet.raw[n - 1].rstrip().splitlines()[-2])   # margin boxes come last
        vision = plan.vision_of_goal(p.goal)
        assert header.startswith(f"将来像{vision.number}「{squash(plain_text(vision.title.text))}」")
        assert f"基本目標{p.goal}{squash(plain_text(plan.goal(p.goal).title.text))}" in header


def test_page_numbers_on_every_page_but_the_cover_and_blanks(booklet):
    numbered = 0
    assert not booklet.raw[1].strip()                # 表2, the inside of the cover
    for n, text in enumerate(booklet.raw[FRONT:], FRONT + 1):
        if text.strip():
            assert text.rstrip().splitlines()[-1] == str(n - FRONT)
            numbered += 1
        elif n % 2 == 0:                # a left page left blank before a part
            assert booklet.raw[n].lstrip().startswith("将来像")
        else:                           # a right page left blank before the 体系
            assert booklet.raw[n].lstrip().startswith("計画の体系")
    assert numbered > len(booklet.raw) / 2


def test_no_forbidden_line_starts_or_ends(booklet):
    bad = []
    for line in pdftotext(booklet.output.path, "-layout").splitlines():
        for s in re.split(r"\s{2,}", line.strip()):      # table cells side by side
            if s and (s[0] in NO_START or s[-1] in NO_END):
                bad.append(s[:24])
    assert not bad


def test_credit_reading_sits_over_the_name(booklet):
    """The ruby of an artwork credit: the reading above the name, centred."""
    xml = pdftotext(booklet.output.path, "-bbox")
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', xml)]
    checked = 0
    for art in booklet.plan.artwork:
        if not (art.name and art.reading):
            continue
        name, reading = art.name.split()[0], art.reading.split()[0]
        bases = [w for w in words if w[4] == name]
        tops = [w for w in words if w[4] == reading]
        assert bases and tops, art.id
        base = bases[0]
        top = min(tops, key=lambda w: abs(w[0] - base[0]) + abs(w[3] - base[1]))
        assert top[3] <= base[1] + 1.5                    # above
        assert base[1] - top[3] < 4                        # and close to it
        assert abs((top[0] + top[2]) / 2 - (base[0] + base[2]) / 2) < 8   # centred over it
        assert top[3] - top[1] < (base[3] - base[1]) * 0.75   # and small
        checked += 1
    assert checked


def _image_sizes_mm(reader: PdfReader):
    """Printed size (mm) of each image drawn in the PDF: the scale of the
    transformation at the moment each image XObject is drawn."""
    sizes = []
    for page in reader.pages:
        xobjects = {k: v.get_object() for k, v in (page["/Resources"].get("/XObject") or {}).items()}

        def visit(op, args, cm, tm):
            if op == b"Do" and xobjects.get(args[0], {}).get("/Subtype") == "/Image":
                a, b, c, d = cm[:4]
                sizes.append(((a * a + b * b) ** 0.5 * MM, (c * c + d * d) ** 0.5 * MM))
        page.extract_text(visitor_operand_before=visit)
    return sizes


def test_images_fill_their_slot_at_the_printed_size(booklet):
    plan = booklet.plan
    used = [plan.concept.philosophy.artwork] + [v.artwork for v in plan.concept.visions]
    delivered = [a for a in plan.artwork if a.id in used and a.image_path and a.image_path.is_file()]
    sizes = _image_sizes_mm(booklet.reader)
    assert len(sizes) == len(delivered)
    boxes = list(slot_sizes(paths.LAYOUTS).values())
    for w, h in sizes:
        # fitted in one of the slots: one side equals it, the other is inside
        assert any((abs(w - sw) < 0.5 and h <= sh + 0.5) or (abs(h - sh) < 0.5 and w <= sw + 0.5)
                   for sw, sh in boxes), (w, h)


def test_no_running_head_on_chapter_openers_and_part_titles(booklet):
    def top(items):
        return [o for o in items if not isinstance(o, list)]
    checked = 0
    for o in top(booklet.reader.outline):
        n = booklet.reader.get_destination_page_number(o)
        lines = booklet.raw[n].rstrip().splitlines()
        head = lines[-2] if len(lines) >= 2 else ""
        assert not head.startswith(o.title + "\u3000"), (o.title, head)
        checked += 1
    assert checked >= 5


def test_folios_sit_on_the_outer_edge(booklet):
    xml = pdftotext(booklet.output.path, "-bbox")
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', xml, re.S)
    checked = 0
    for n, (width, body) in enumerate(pages, 1):
        words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">(\d+)</word>',
                           body)
        if n <= FRONT or not words:
            continue
        x0, x1, _, folio = max(words, key=lambda w: float(w[2]))        # the lowest number
        assert int(folio) == n - FRONT
        if int(folio) % 2:                       # odd folio: a right-hand page
            assert float(x0) > float(width) * 0.75, (n, folio)
        else:
            assert float(x1) < float(width) * 0.25, (n, folio)
        checked += 1
    assert checked >= 10


def test_notes_are_on_the_spread_of_their_policy(booklet):
    plan = booklet.plan
    first, _, _ = _system_text(booklet)
    checked = 0
    for p in plan.policies:
        if not p.has_page or not p.notes:
            continue
        start = booklet.page_of(plan.policy_label(p) + plain_text(p.title.text), first + 1)
        for note in p.notes:
            if note.text is None:
                continue
            page = booklet.page_of(plain_text(note.text.text)[:20], start - 1)
            assert page in (start, start + 1), (p.code, note.key, start, page)
            checked += 1
    if booklet.name == "complete":
        assert checked >= 1


def test_artwork_alt_in_the_booklet_html(complete_copy):
    """The <img> of a work carries its alt:, alt="" when it is decorative;
    the credit stays as it was."""
    from planbook.render import render_html
    art = complete_copy / "artwork.yaml"
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace("  alt: 川の流れる緑の野原に家と木が並び、三人の子どもが立つ絵\n",
                                "  decorative: true\n"), encoding="utf-8")
    plan = load_plan(complete_copy)
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    view = ctx.booklet()
    html = render_html(view, ctx.layouts, ctx.fonts)
    imgs = re.findall(r'<img src="[^"]*/artwork/([\w-]+)\.png" alt="([^"]*)"', html)
    assert ("concept", "青空と太陽の下、色とりどりの家が並ぶ町で三人の子どもが遊ぶ絵") in imgs
    assert ("vision-3", "") in imgs and "作品" not in dict(imgs).values()
    assert "海野" in html and "さん" in html
