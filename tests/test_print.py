"""`planbook print`: press-ready files for the print vendor. Each print job
runs once per module (module-scoped fixtures); the tests read the written
files back with pypdf, poppler (pdffonts, pdftotext, pdftoppm) and Ghostscript."""
import hashlib
import json
import math
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from planbook.findings import LoadFailed
from planbook.checking import load_plan
from planbook.printing import PrintOptions
from planbook.printing.preflight import check_boxes
from planbook.printing.spine import padding, spine_mm

from conftest import COMPLETE, SOURCE, print_source, run_print
from pdf_fonts import PdfFonts, ours

PT = 72 / 25.4
A4 = (210 * PT, 297 * PT)
BLEED = 3 * PT
TOL = 0.5


def print_job(source: Path, out: Path, options: PrintOptions | None = None):
    options = options or PrintOptions()
    return run_print(source, out, options.pdf_x, options.binding)


def manifest(out: Path) -> dict:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["kind"]: e for e in data["outputs"]}


def box(page, name):
    return [float(v) for v in page[name]]


def size(b):
    return b[2] - b[0], b[3] - b[1]


def near(a, b, tol=TOL):
    return abs(a - b) <= tol


def pdftotext(path: Path, *args: str) -> str:
    r = subprocess.run(["pdftotext", "-layout", *args, str(path), "-"],
                       capture_output=True, text=True, check=True)
    return r.stdout


@pytest.fixture(scope="module")
def x4(print_x4):
    """The complete test plan: 中綴じ, PDF/X-4 with the vendor's profile."""
    return print_x4


@pytest.fixture(scope="module")
def perfect(tmp_path_factory):
    """無線綴じ, pages to a multiple of 8, a spine wide enough for the title."""
    src = print_source(tmp_path_factory, "perfect", (
        "  binding: perfect\n  page_multiple: 8\n  paper_thickness_mm: 0.4\n"
        "  cover_thickness_mm: 0.3\n  glue_mm: 0.5\n  vendor: テスト印刷株式会社\n"))
    return print_job(src, tmp_path_factory.mktemp("print-perfect") / "build")


@pytest.fixture(scope="module")
def x1a(print_x1a):
    """PDF/X-1a with a CMYK profile placed in source/ (Ghostscript's own)."""
    return print_x1a


# -- the complete plan, PDF/X-4 ---------------------------------------------------


def test_complete_plan_prints_every_file_into_the_manifest(x4):
    code, out, log = x4
    assert code == 0, log
    kinds = manifest(out)
    assert {"print-body", "print-cover", "preflight", "preflight-json", "print-readme"} <= set(kinds)
    for e in kinds.values():
        path = out / e["path"]
        assert path.is_file()
        assert e["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert kinds["print-body"]["pages"] == len(PdfReader(out / kinds["print-body"]["path"]).pages)
    assert not [p for p in out.iterdir() if p.name.startswith(".planbook-")]


def test_body_boxes_are_trim_bleed_and_marks(x4):
    _, out, _ = x4
    reader = PdfReader(out / manifest(out)["print-body"]["path"])
    for page in reader.pages:
        trim, bleed, media = box(page, "/TrimBox"), box(page, "/BleedBox"), box(page, "/MediaBox")
        assert near(size(trim)[0], A4[0]) and near(size(trim)[1], A4[1])
        assert all(near(b, t - BLEED) for b, t in zip(bleed[:2], trim[:2]))
        assert all(near(b, t + BLEED) for b, t in zip(bleed[2:], trim[2:]))
        # the trim marks need room outside the bleed
        assert all(m < b - 5 * PT for m, b in zip(media[:2], bleed[:2]))
        assert all(m > b + 5 * PT for m, b in zip(media[2:], bleed[2:]))


def test_body_page_count_is_a_multiple_of_4(x4):
    _, out, log = x4
    body = manifest(out)["print-body"]
    assert body["pages"] % 4 == 0
    assert body["padded_pages"] == list(range(body["pages"] - len(body["padded_pages"]) + 1,
                                               body["pages"] + 1))


def test_fonts_are_embedded(x4):
    _, out, _ = x4
    for kind in ("print-body", "print-cover"):
        r = subprocess.run(["pdffonts", str(out / manifest(out)[kind]["path"])],
                           capture_output=True, text=True, check=True)
        rows = r.stdout.splitlines()[2:]
        assert rows, kind
        for row in rows:
            emb = re.split(r"\s+", row.strip())[-5]      # name, type… emb sub uni object ID
            assert emb == "yes", row
        names = PdfFonts(out / manifest(out)[kind]["path"]).postscript_names()
        assert names and set(names.values()) <= set(ours()), (kind, names)


def test_xmp_says_pdfx4_with_a_cmyk_output_intent(x4):
    _, out, _ = x4
    for kind in ("print-body", "print-cover"):
        reader = PdfReader(out / manifest(out)[kind]["path"])
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfxid:GTS_PDFXVersion(>|=\")PDF/X-4", xmp), xmp[:500]
        intent = root["/OutputIntents"][0].get_object()
        assert intent["/S"] == "/GTS_PDFX"
        assert intent["/DestOutputProfile"].get_object()["/N"] == 4


def test_ghostscript_renders_the_print_files(x4):
    _, out, _ = x4
    for kind in ("print-body", "print-cover"):
        r = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage",
                            str(out / manifest(out)[kind]["path"])], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert "Error" not in r.stdout + r.stderr


def _dark(img, x0, y0, x1, y1) -> int:
    return sum(1 for x in range(int(x0), int(x1)) for y in range(int(y0), int(y1))
               if img.getpixel((x, y)) < 128)


def test_trim_marks_are_outside_the_bleed(x4, tmp_path):
    _, out, _ = x4
    body = out / manifest(out)["print-body"]["path"]
    page = PdfReader(body).pages[1]            # a page with nothing near its corners
    media, trim = box(page, "/MediaBox"), box(page, "/TrimBox")
    subprocess.run(["pdftoppm", "-r", "144", "-f", "2", "-l", "2", "-gray", "-png", str(body),
                    str(tmp_path / "p")], check=True)
    img = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    s = 2.0                                     # pixels per point at 144 dpi
    left, top = (trim[0] - media[0]) * s, (media[3] - trim[3]) * s   # trim corner, top left
    b = BLEED * s
    # the horizontal crop mark on the trim line runs in the margin outside the bleed
    assert _dark(img, 2, top - 2, left - b - 2, top + 2) > 10
    # and nothing is drawn inside the bleed at the corner
    assert _dark(img, left - b + 1, top - b + 1, left - 1, top - 1) == 0


def test_parts_start_on_right_hand_pages(x4):
    _, out, _ = x4
    reader = PdfReader(out / manifest(out)["print-body"]["path"])
    parts = [o for o in reader.outline if not isinstance(o, list) and o.title.startswith("将来像")]
    assert len(parts) >= 3
    for o in parts:
        assert reader.get_destination_page_number(o) % 2 == 0, o.title   # 0-based: odd page


def test_print_body_folios_are_the_booklets(x4, cli_builds):
    """p.N of the print body is p.N of the booklet: the body starts after 表1/表2."""
    _, out, _ = x4
    body = PdfReader(out / manifest(out)["print-body"]["path"])
    code, folder = cli_builds["complete"]
    booklet = PdfReader(next(folder.glob("*.pdf")))
    for n, page in enumerate(body.pages[:12], 1):
        text = page.extract_text()
        if not text.strip():
            continue
        assert text.rstrip().splitlines()[-1].strip() == str(n)
        # (the same characters: in the booklet laid out in parts, the page
        # numbers of the 目次 and 体系 are drawn last, over their places)
        assert (sorted(re.sub(r"\s+", "", text))
                == sorted(re.sub(r"\s+", "", booklet.pages[n + 1].extract_text())))


def test_preflight_and_readme_state_the_files(x4):
    _, out, _ = x4
    kinds = manifest(out)
    report = json.loads((out / kinds["preflight-json"]["path"]).read_text(encoding="utf-8"))
    body_file = out / kinds["print-body"]["path"]
    files = {f["kind"]: f for f in report["files"]}
    assert files["print-body"]["sha256"] == hashlib.sha256(body_file.read_bytes()).hexdigest()
    assert files["print-body"]["pdfx"] == "PDF/X-4"
    assert files["print-body"]["boxes"]["TrimBox"]["width_mm"] == 210.0
    assert all(f["embedded"] and f["subset"] for f in files["print-body"]["fonts"])
    for img in files["print-body"]["images"]:
        inches = img["printed_mm"][0] / 25.4
        assert abs(img["effective_dpi"] - img["pixels"][0] / inches) <= 2
    html = (out / kinds["preflight"]["path"]).read_text(encoding="utf-8")
    assert "PDF/X-4" in html and files["print-body"]["sha256"] in html
    readme = (out / kinds["print-readme"]["path"]).read_text(encoding="utf-8")
    assert "210 × 297 mm" in readme
    assert f"本文ページ数: {kinds['print-body']['pages']} ページ" in readme
    assert "中綴じ" in readme and "塗り足し" in readme
    for kind in ("print-body", "print-cover"):
        assert kinds[kind]["sha256"] in readme


def test_saddle_cover_is_two_pages_wide_without_spine(x4):
    _, out, _ = x4
    page = PdfReader(out / manifest(out)["print-cover"]["path"]).pages[0]
    assert near(size(box(page, "/TrimBox"))[0], 2 * A4[0])
    assert near(size(box(page, "/BleedBox"))[0], 2 * A4[0] + 2 * BLEED)


# -- perfect binding, padding, spine, low-resolution image ----------------------


def test_cover_width_follows_the_spine_formula(perfect):
    code, out, log = perfect
    assert code == 0, log
    kinds = manifest(out)
    pages = kinds["print-body"]["pages"]
    spine = math.ceil(pages / 2) * 0.4 + 2 * 0.3 + 0.5
    assert kinds["print-cover"]["spine_mm"] == pytest.approx(spine, abs=0.01)
    page = PdfReader(out / kinds["print-cover"]["path"]).pages[0]
    trim, bleed = box(page, "/TrimBox"), box(page, "/BleedBox")
    assert near(size(trim)[0], (2 * 210 + spine) * PT)
    assert near(size(trim)[1], A4[1])
    assert near(size(bleed)[0], (2 * 210 + spine) * PT + 2 * BLEED)


def test_spine_carries_the_title_one_character_per_line(perfect):
    _, out, _ = perfect
    kinds = manifest(out)
    cover = out / kinds["print-cover"]["path"]
    page = PdfReader(cover).pages[0]
    media, trim = box(page, "/MediaBox"), box(page, "/TrimBox")
    x = (trim[0] - media[0]) + 210 * PT                  # the spine's left edge, in points
    w = kinds["print-cover"]["spine_mm"] * PT
    text = pdftotext(cover, "-r", "72", "-x", str(int(x)), "-y", "0", "-W", str(int(w)),
                     "-H", str(int(media[3] - media[1])))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = load_plan(COMPLETE).info.title
    assert all(len(ln) == 1 for ln in lines)
    assert "".join(lines).startswith(title)


def test_padding_pages_are_blank_and_reported(perfect):
    _, out, log = perfect
    kinds = manifest(out)
    body = kinds["print-body"]
    assert body["pages"] % 8 == 0
    padded = body["padded_pages"]
    assert padded and padded == list(range(padded[0], body["pages"] + 1))
    path = out / body["path"]
    for n in padded:
        assert f"{n} ページ目" in log
        assert pdftotext(path, "-f", str(n), "-l", str(n)).strip() == ""
    assert pdftotext(path, "-f", str(padded[0] - 1), "-l", str(padded[0] - 1)).strip()
    readme = (out / kinds["print-readme"]["path"]).read_text(encoding="utf-8")
    assert f"白ページ {len(padded)} ページ" in readme
    assert "無線綴じ" in readme and "テスト印刷株式会社" in readme


def test_low_resolution_image_is_refused(tmp_path_factory):
    """An artwork scaled down far below 300 dpi: the house style lets the
    artwork check accept it, the preflight refuses it as a vendor would."""
    src = print_source(tmp_path_factory, "low-dpi", "")
    (src / "style.yaml").write_text("checks:\n  artwork-resolution:\n    min_dpi: 50\n", encoding="utf-8")
    art = src / "artwork" / "vision-2.png"
    with Image.open(art) as im:
        im.convert("RGB").resize((400, 280)).save(art)
    out = tmp_path_factory.mktemp("print-low-dpi") / "build"
    code, _, log = print_job(src, out)
    assert code == 1, log
    m = re.search(r"(\d+) ページの画像（400 × 280 ピクセル、([\d.]+) × [\d.]+ mm）の実効解像度が (\d+) dpi", log)
    assert m, log
    assert int(m.group(3)) == pytest.approx(400 / (float(m.group(2)) / 25.4), abs=2)
    assert int(m.group(3)) < 300 and "300 dpi 以上が必要" in log
    assert not any(out.rglob("*.pdf"))


# -- PDF/X-1a ---------------------------------------------------------------------


def _operators(reader):
    """Every content-stream operator of every page and form XObject."""
    seen = set()

    def walk(content, resources):
        yield from (op for _, op in ContentStream(content, reader).operations)
        for ref in ((resources or {}).get("/XObject") or {}).values():
            xo = ref.get_object()
            if xo.get("/Subtype") == "/Form" and id(xo) not in seen:
                seen.add(id(xo))
                yield from walk(xo, xo.get("/Resources"))

    for page in reader.pages:
        yield from walk(page.get_contents(), page.get("/Resources"))


def test_x1a_is_cmyk_with_fonts_and_boxes(x1a):
    code, out, log = x1a
    assert code == 0, log
    kinds = manifest(out)
    assert kinds["print-body"]["pdf_x"] == "PDF/X-1a:2003"
    for kind in ("print-body", "print-cover"):
        path = out / kinds[kind]["path"]
        reader = PdfReader(path)
        assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
        assert reader.trailer["/Root"]["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFX"
        ops = set(_operators(reader))
        assert not ops & {b"rg", b"RG"}, kind
        assert b"Tj" in ops or b"TJ" in ops          # text stayed text
        for page in reader.pages:
            for ref in (page["/Resources"].get("/XObject") or {}).values():
                xo = ref.get_object()
                if xo.get("/Subtype") == "/Image":
                    assert xo["/ColorSpace"] in ("/DeviceCMYK", "/DeviceGray")
                    assert "/SMask" not in xo
            trim, bleed = box(page, "/TrimBox"), box(page, "/BleedBox")
            assert near(size(bleed)[0], size(trim)[0] + 2 * BLEED) and near(size(trim)[1], A4[1])
        r = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        assert all(re.split(r"\s+", row.strip())[-5] == "yes" for row in r.stdout.splitlines()[2:])
        g = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage",
                            str(path)], capture_output=True, text=True)
        assert g.returncode == 0 and "Error" not in g.stdout + g.stderr
    assert "目次" in pdftotext(out / kinds["print-body"]["path"], "-f", "1", "-l", "1")


def test_x1a_without_a_profile_is_refused(tmp_path):
    out = tmp_path / "build"
    code, _, log = print_job(COMPLETE, out, PrintOptions(pdf_x="1a"))
    assert code == 1
    assert "icc_profile" in log and "ICC" in log
    assert not out.exists() or not any(out.rglob("*.pdf"))


def test_missing_profile_file_is_named(complete_copy, tmp_path):
    with open(complete_copy / "plan.yaml", "a", encoding="utf-8") as f:
        f.write('\nprint:\n  pdf_x: "1a"\n  icc_profile: print/none.icc\n')
    code, _, log = print_job(complete_copy, tmp_path / "build")
    assert code == 1 and "print/none.icc" in log


# -- settings and refusals --------------------------------------------------------


def test_unknown_print_key_suggests_the_right_one(complete_copy):
    with open(complete_copy / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("\nprint:\n  binding: perfect\n  paper_thikness_mm: 0.1\n")
    with pytest.raises(LoadFailed) as e:
        load_plan(complete_copy)
    [finding] = e.value.findings
    assert finding.file == "plan.yaml"
    assert "paper_thikness_mm" in finding.message and "「paper_thickness_mm」のことですか" in finding.message
    lines = (complete_copy / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert "paper_thikness_mm" in lines[finding.line - 1]


def test_print_settings_have_defaults(complete_copy):
    with open(complete_copy / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("\nprint:\n  binding: perfect\n")
    s = load_plan(complete_copy).info.print
    assert (s.binding, s.page_multiple, s.bleed_mm, s.pdf_x) == ("perfect", 4, 3.0, "4")
    assert spine_mm(100, s) == pytest.approx(50 * s.paper_thickness_mm + 2 * s.cover_thickness_mm)


def test_kiyose_source_is_refused_with_reasons(tmp_path):
    out = tmp_path / "build"
    code, _, log = print_job(SOURCE, out)
    assert code == 1
    assert re.search(r"^\S+\.yaml:\d+: error\[", log, re.M), log
    assert "何も書き出していません" in log
    # nothing but the check report (always written) and the manifest listing it
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and ".cache" not in p.parts) == ["check-report.html", "manifest.json"]


def test_geometry_rules():
    assert [padding(n, 4) for n in (20, 21, 22, 23)] == [0, 3, 2, 1]
    trim = {"width_mm": 210.0, "height_mm": 297.0}
    good = {"TrimBox": trim, "BleedBox": {"width_mm": 216.0, "height_mm": 303.0},
            "MediaBox": {"width_mm": 236.0, "height_mm": 323.0}}
    assert check_boxes(good, (210.0, 297.0), 3.0) == []
    no_bleed = dict(good, BleedBox=trim)
    assert any("塗り足し" in m for m in check_boxes(no_bleed, (210.0, 297.0), 3.0))
    marks_inside = dict(good, MediaBox={"width_mm": 216.0, "height_mm": 303.0})
    assert any("トンボ" in m for m in check_boxes(marks_inside, (210.0, 297.0), 3.0))
