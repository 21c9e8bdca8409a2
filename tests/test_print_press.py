"""`planbook print` as a Japanese vendor's 入稿チェック sees it (issue 11):
K-only black, the Japan Color output condition, トンボ, binding rules, blank
pages and the preflight's refusals. The files are checked with tools other
than the ones that wrote them: pikepdf parses the content streams,
Ghostscript renders and separates the pages, pdfplumber finds the marks."""
import json
import re
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from planbook.printing import pagescan
from planbook.printing.preflight import inspect
from planbook.model import PrintSettings, Loc

from conftest import COMPLETE, print_source, run_print

PT = 72 / 25.4
BLEED = 3 * PT
GS = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER"]


def manifest(out: Path) -> dict:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["kind"]: out / e["path"] for e in data["outputs"]}


def preflight(out: Path) -> dict:
    return json.loads(manifest(out)["preflight-json"].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def x1a_named(tmp_path_factory):
    """PDF/X-1a naming Japan Color 2001 Coated by its registered name, no
    profile: the artwork comes already in CMYK (JPEG), so nothing needs one."""
    src = print_source(tmp_path_factory, "x1a-named",
                       '  pdf_x: "1a"\n  condition: japan-color-2001-coated\n', profile=False)
    for png in (src / "artwork").glob("*.png"):
        with Image.open(png) as im:
            im.convert("CMYK").save(png.with_suffix(".jpg"), quality=92)
        png.unlink()
    art = src / "artwork.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace(".png", ".jpg"), encoding="utf-8")
    return run_print(src, tmp_path_factory.mktemp("print-x1a-named") / "build")


@pytest.fixture(scope="module", params=["x4", "x1a", "x1a_named"])
def job(request):
    fixture = {"x4": "print_x4", "x1a": "print_x1a", "x1a_named": "x1a_named"}[request.param]
    code, out, log = request.getfixturevalue(fixture)
    assert code == 0, log
    return request.param, out


# -- content streams, read with pikepdf -----------------------------------------


def paints(pdf: pikepdf.Pdf):
    """(page, kind, colour space, values) of every text run, fill and stroke,
    following form XObjects, with q/Q and the colour operators."""
    ops_colour = {"g": ("fill", "DeviceGray"), "G": ("stroke", "DeviceGray"),
                  "rg": ("fill", "DeviceRGB"), "RG": ("stroke", "DeviceRGB"),
                  "k": ("fill", "DeviceCMYK"), "K": ("stroke", "DeviceCMYK")}

    def name(cs, spaces):
        cs = spaces.get(str(cs), cs) if spaces is not None else cs
        if isinstance(cs, pikepdf.Array):
            return " ".join(str(v) for v in list(cs)[:2] if isinstance(v, pikepdf.Name))
        return str(cs).lstrip("/")

    def walk(n, holder, resources, depth=0):
        spaces = resources.get("/ColorSpace") if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        state = {"fill": ("DeviceGray", (0,)), "stroke": ("DeviceGray", (0,))}
        stack = []
        for operands, op in pikepdf.parse_content_stream(holder):
            op = str(op)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q":
                state = stack.pop()
            elif op in ops_colour:
                which, space = ops_colour[op]
                state[which] = (space, tuple(float(v) for v in operands))
            elif op in ("cs", "CS"):
                state["fill" if op == "cs" else "stroke"] = (name(operands[0], spaces), ())
            elif op in ("sc", "scn", "SC", "SCN"):
                which = "fill" if op in ("sc", "scn") else "stroke"
                state[which] = (state[which][0], tuple(float(v) for v in operands
                                                       if not isinstance(v, pikepdf.Name)))
            elif op in ("Tj", "TJ", "'", '"'):
                yield (n, "text", *state["fill"])
            elif op in ("f", "F", "f*", "B", "B*", "b", "b*"):
                yield (n, "fill", *state["fill"])
            elif op in ("S", "s"):
                yield (n, "stroke", *state["stroke"])
            elif op == "Do" and xobjects is not None and str(operands[0]) in xobjects:
                xo = xobjects[str(operands[0])]
                if xo.get("/Subtype") == "/Form" and depth < 10:
                    yield from walk(n, xo, xo.get("/Resources", resources), depth + 1)

    for n, page in enumerate(pdf.pages, 1):
        yield from walk(n, page, page.get("/Resources"))


def test_every_neutral_text_and_rule_is_k_only(job):
    """Black and grey text, rules and table lines: DeviceCMYK with C = M = Y = 0,
    in PDF/X-4 and PDF/X-1a, inside form XObjects too."""
    name, out = job
    for kind in ("print-body", "print-cover"):
        with pikepdf.open(manifest(out)[kind]) as pdf:
            found = list(paints(pdf))
        assert found, kind
        texts = [f for f in found if f[1] == "text"]
        assert texts and {f[2] for f in texts} == {"DeviceCMYK"}, (name, kind, {f[2] for f in texts})
        for n, what, space, values in found:
            assert space in ("DeviceCMYK", "/Separation /All"), (name, kind, n, what, space, values)
            if space == "DeviceCMYK":
                c, m, y, k = values
                neutral = min(c, m, y) > 0 and max(c, m, y) - min(c, m, y) <= 0.12
                assert not neutral, (name, kind, n, what, values)
        if kind == "print-body":
            body = {round(v[3], 2) for _, what, space, v in texts if what == "text" and v[:3] == (0, 0, 0)}
            assert body == {0.0, 1.0}, (name, body)  # black text is solid K 100; white


def test_body_text_headers_and_folios_are_solid_black(print_x4):
    """pdfplumber's fill colour of every character: body (Mincho), running
    heads and folios (the top and bottom margins) are K 100 alone."""
    _, out, _ = print_x4
    with pdfplumber.open(manifest(out)["print-body"]) as doc:
        margins = body = 0
        for page in doc.pages[:25]:
            _, y0, _, y1 = (float(v) for v in page.page_obj.attrs["TrimBox"])
            trim_top, trim_bottom = page.height - y1 + 18 * PT, page.height - y0 - 18 * PT
            for c in page.chars:
                if not c["text"].strip():
                    continue
                colour = tuple(round(v, 3) for v in c["non_stroking_color"])
                if "Mincho" in c["fontname"]:
                    body += 1
                    assert colour == (0, 0, 0, 1), (page.page_number, c["text"], colour)
                if c["bottom"] < trim_top or c["top"] > trim_bottom:
                    margins += 1
                    assert colour == (0, 0, 0, 1), (page.page_number, c["text"], colour)
    assert body > 1000 and margins > 20, (body, margins)


def text_states(pdf: pikepdf.Pdf):
    """(page, fill values, overprint, OPM) of every text run of DeviceCMYK,
    with the ExtGState set by gs (q/Q and form XObjects followed)."""
    def walk(n, holder, resources, state, depth=0):
        extg = resources.get("/ExtGState", {}) if resources is not None else {}
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        state, stack = dict(state), []
        for operands, op in pikepdf.parse_content_stream(holder):
            op = str(op)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q":
                state = stack.pop()
            elif op == "gs" and str(operands[0]) in extg:
                g = extg[str(operands[0])]
                if "/OP" in g:
                    state["op"] = bool(g.OP)
                if "/op" in g:
                    state["op"] = bool(g.op)
                if "/OPM" in g:
                    state["opm"] = int(g.OPM)
            elif op in ("k", "scn", "sc") and len(operands) == 4:
                state["fill"] = tuple(round(float(v), 4) for v in operands)
            elif op in ("cs", "g", "rg"):
                state["fill"] = None
            elif op in ("Tj", "TJ", "'", '"') and state["fill"] is not None:
                yield n, state["fill"], state["op"], state["opm"]
            elif op == "Do" and str(operands[0]) in xobjects and depth < 10:
                xo = xobjects[str(operands[0])]
                if xo.get("/Subtype") == "/Form":
                    yield from walk(n, xo, xo.get("/Resources", resources), state, depth + 1)

    for n, page in enumerate(pdf.pages, 1):
        yield from walk(n, page, page.get("/Resources"), {"fill": None, "op": False, "opm": 0})


def test_black_text_overprints_and_nothing_else_does(job):
    """スミのせ: every K 100 text run is painted with /op true and /OPM 1, in
    PDF/X-4 and after Ghostscript's PDF/X-1a; every other text knocks out.
    The preflight counts no black text that knocks out."""
    name, out = job
    with pikepdf.open(manifest(out)["print-body"]) as pdf:
        runs = list(text_states(pdf))
    black = [r for r in runs if r[1] == (0, 0, 0, 1)]
    assert len(black) > 100, name
    assert all(op and opm == 1 for _, _, op, opm in black), (name, [r for r in black if not r[2]][:3])
    others = [r for r in runs if r[1] != (0, 0, 0, 1)]
    assert others and not any(op for _, _, op, _ in others), (name, [r for r in others if r[2]][:3])
    body = next(f for f in preflight(out)["files"] if f["kind"] == "print-body")
    assert body["black_text"]["runs"] > 100 and body["black_text"]["knockout"] == 0


def test_no_plate_is_under_the_least_dot(job):
    """No fill, stroke or text colour in any content stream (forms too) has a
    plate between 0 and 3 %: the cover ground and the tints print."""
    name, out = job
    for kind in ("print-body", "print-cover"):
        with pikepdf.open(manifest(out)[kind]) as pdf:
            found = [f for f in paints(pdf) if f[2] == "DeviceCMYK"]
        assert found
        thin = [f for f in found if any(0 < v < 0.03 for v in f[3])]
        assert not thin, (name, kind, thin[:5])


def test_goal_labels_are_knocked_out_of_a_single_plate(print_x4):
    """The 基本目標NN labels (white, under 10 pt bold) sit on a ground of one
    plate, and no white text under 10 pt bold / 12 pt sits on a ground of
    two or more plates (pdfplumber: the rects drawn under the characters)."""
    _, out, _ = print_x4
    labels = 0
    with pdfplumber.open(manifest(out)["print-body"]) as doc:
        for page in doc.pages:
            rects = [r for r in page.rects if r.get("fill") and r.get("non_stroking_color")
                     and len(r["non_stroking_color"]) == 4]
            for c in page.chars:
                if tuple(c["non_stroking_color"] or ()) != (0, 0, 0, 0) or not c["text"].strip():
                    continue
                x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                under = [r for r in rects if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
                assert under, (page.page_number, c["text"])
                plates = sum(v > 0 for v in under[-1]["non_stroking_color"])
                bold = "Bold" in c["fontname"]
                if c["text"] == "基":
                    labels += 1
                    assert plates == 1 or (bold and c["size"] >= 10), (page.page_number, under[-1])
                assert plates == 1 or c["size"] >= (10 if bold else 12) - 0.05, \
                    (page.page_number, c["text"], c["size"], under[-1]["non_stroking_color"])
    assert labels >= 10


def test_ghostscript_renders_every_page_without_warnings(job):
    name, out = job
    for kind in ("print-body", "print-cover"):
        r = subprocess.run([*GS, "-sDEVICE=nullpage", str(manifest(out)[kind])],
                           capture_output=True, text=True)
        assert r.returncode == 0 and not (r.stdout + r.stderr).strip(), (name, kind, r.stdout + r.stderr)


def _plates(pdf: Path, page: int, folder: Path) -> dict[str, Image.Image]:
    subprocess.run([*GS, "-sDEVICE=tiffsep", "-r36", f"-dFirstPage={page}", f"-dLastPage={page}",
                    f"-sOutputFile={folder / 'p.tif'}", str(pdf)], check=True)
    return {c: Image.open(folder / f"p({c}).tif").convert("L")
            for c in ("Cyan", "Magenta", "Yellow", "Black")}


def test_separations_show_body_text_on_the_black_plate_only(job, tmp_path):
    """Ghostscript's separations (tiffsep, 36 dpi) of a text page: under the
    body text, ink on the K plate and none on C, M, Y."""
    name, out = job
    body = manifest(out)["print-body"]
    with pdfplumber.open(body) as doc:
        page = doc.pages[1]                          # 基本理念: body text
        boxes = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars
                 if "Mincho" in c["fontname"] and c["text"].strip()]
    assert len(boxes) > 50
    plates = _plates(body, 2, tmp_path)
    s = 36 / 72
    ink = {c: 0 for c in plates}
    for x0, top, x1, bottom in boxes:
        for c, img in plates.items():
            region = img.crop((int(x0 * s), int(top * s), int(x1 * s) + 1, int(bottom * s) + 1))
            ink[c] += sum(255 - v for v in region.tobytes())
    assert ink["Black"] > 0, ink
    assert ink["Cyan"] == ink["Magenta"] == ink["Yellow"] == 0, (name, ink)
    # the トンボ are on every plate (registration colour)
    corner = (0, 0, int(12 * PT * s), int(12 * PT * s))
    for c, img in plates.items():
        assert img.crop(corner).getextrema()[0] < 200, (c, "no mark in the corner")


# -- トンボ and boxes -----------------------------------------------------------------


def _lines(page) -> list[tuple[float, float, float, float]]:
    """Line segments in PDF coordinates (y up)."""
    h = page.height
    out = []
    for ln in page.lines:
        out.append((ln["x0"], h - ln["bottom"], ln["x1"], h - ln["top"]))
    return out


def _has(lines, x0, y0, x1, y1, tol=0.3):
    want = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    return any(all(abs(a - b) <= tol for a, b in zip(ln, want)) for ln in lines)


@pytest.mark.parametrize("kind", ["print-body", "print-cover"])
def test_double_corner_marks_and_centre_marks_at_trim_and_bleed(print_x4, kind):
    code, out, _ = print_x4
    path = manifest(out)[kind]
    with pikepdf.open(path) as pdf:
        pages = [(list(map(float, p.MediaBox)), list(map(float, p.TrimBox)),
                  list(map(float, p.BleedBox))) for p in pdf.pages]
    with pdfplumber.open(path) as doc:
        for (media, trim, bleed), page in zip(pages[:3], doc.pages[:3]):
            assert media[:2] == [0, 0]
            assert all(m <= b <= t for m, b, t in zip(media[:2], bleed[:2], trim[:2]))
            assert all(t <= b <= m for m, b, t in zip(media[2:], bleed[2:], trim[2:]))
            assert bleed[0] == pytest.approx(trim[0] - BLEED, abs=0.1)
            lines = _lines(page)
            n = 8 * PT
            x0, y0, x1, y1 = trim
            bx0, by0, bx1, by1 = bleed
            for cx, bx, sx in ((x0, bx0, -1), (x1, bx1, 1)):
                for cy, by, sy in ((y0, by0, -1), (y1, by1, 1)):
                    for y in (cy, by):           # horizontals on the trim and the bleed line
                        assert _has(lines, bx, y, bx + sx * n, y), (kind, "corner", cx, cy, y)
                    for x in (cx, bx):           # verticals on the trim and the bleed line
                        assert _has(lines, x, by, x, by + sy * n), (kind, "corner", cx, cy, x)
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            for by, sy in ((by0, -1), (by1, 1)):
                assert _has(lines, mx, by, mx, by + sy * n), (kind, "centre", by)
            for bx, sx in ((bx0, -1), (bx1, 1)):
                assert _has(lines, bx, my, bx + sx * n, my), (kind, "centre", bx)
            # every mark lies outside the bleed, in the registration colour
            for ln in page.lines:
                a, b, c, d = ln["x0"], page.height - ln["bottom"], ln["x1"], page.height - ln["top"]
                inside = a > bx0 + 0.2 and c < bx1 - 0.2 and b > by0 + 0.2 and d < by1 - 0.2
                assert not inside, (kind, ln["x0"], ln["top"])
    with pikepdf.open(path) as pdf:
        spaces = [cs for cs in pdf.pages[0].Resources.ColorSpace.values()
                  if isinstance(cs, pikepdf.Array) and cs[0] == "/Separation"]
        assert spaces and all(cs[1] == "/All" for cs in spaces)


# -- output condition ----------------------------------------------------------------


def test_x4_without_a_profile_stops_and_says_what_to_ask_for(tmp_path):
    out = tmp_path / "build"
    code, _, log = run_print(COMPLETE, out)
    assert code == 1
    assert "Japan Color 2011 Coated" in log and "JapanColor2011Coated.icc" in log
    assert "icc_profile: print/JapanColor2011Coated.icc" in log and "SWOP" in log
    assert not any(out.rglob("*.pdf"))


def test_x1a_names_japan_color_2001_by_its_registered_name(x1a_named):
    code, out, log = x1a_named
    assert code == 0, log
    for kind in ("print-body", "print-cover"):
        with pikepdf.open(manifest(out)[kind]) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert str(intent.OutputConditionIdentifier) == "JC200103"
            assert str(intent.RegistryName) == "http://www.color.org"
            assert "/DestOutputProfile" not in intent
            assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
    report = preflight(out)
    assert "Japan Color 2001 Coated" in report["settings"]["output_condition"]
    readme = manifest(out)["print-readme"].read_text(encoding="utf-8")
    assert "Japan Color 2001 Coated（ICC 特性データ登録名 JC200103" in readme


def test_x1a_with_rgb_images_and_no_profile_stops(tmp_path_factory):
    src = print_source(tmp_path_factory, "x1a-rgb",
                       '  pdf_x: "1a"\n  condition: japan-color-2001-coated\n', profile=False)
    out = tmp_path_factory.mktemp("print-x1a-rgb") / "build"
    code, _, log = run_print(src, out)
    assert code == 1 and "JapanColor2001Coated.icc" in log and "RGB" in log
    assert not any(out.rglob("*.pdf"))


def test_images_are_cmyk_within_the_ink_limit(print_x4, print_x1a):
    for code, out, log in (print_x4, print_x1a):
        report = preflight(out)
        images = [i for f in report["files"] for i in f["images"]]
        assert images and all(i["colorspace"] == "DeviceCMYK" for i in images)
        assert all(0 < i["tac_percent"] <= 350 for i in images)
        assert report["tac_max_percent"] == max(i["tac_percent"] for i in images)
        assert f"総インキ量は最大 {report['tac_max_percent']} %" in \
            manifest(out)["print-readme"].read_text(encoding="utf-8")
        # independently: Pillow on the image pikepdf decodes
        with pikepdf.open(manifest(out)["print-body"]) as pdf:
            xo = next(v for p in pdf.pages for v in p.Resources.get("/XObject", {}).values()
                      if v.get("/Subtype") == "/Image")
            im = pikepdf.PdfImage(xo).as_pil_image()
            assert im.mode == "CMYK"
            data = im.resize((200, 140)).tobytes()
            assert max(sum(data[i:i + 4]) for i in range(0, len(data), 4)) <= 350 * 255 / 100 + 4


def test_x1a_has_the_pages_and_folios_of_x4(print_x4, print_x1a):
    texts = []
    for code, out, log in (print_x4, print_x1a):
        r = subprocess.run(["pdftotext", str(manifest(out)["print-body"]), "-"],
                           capture_output=True, text=True, check=True)
        texts.append([re.sub(r"\s+", "", p) for p in r.stdout.split("\f")])
    assert texts[0] == texts[1]


# -- blank pages and binding ---------------------------------------------------------


def test_every_blank_page_is_listed_with_its_reason(print_x4):
    code, out, log = print_x4
    report = preflight(out)
    body = manifest(out)["print-body"]
    empty = []
    with pdfplumber.open(body) as doc:
        for n, page in enumerate(doc.pages, 1):
            inside = page.crop((37, 37, page.width - 37, page.height - 37))
            if not (inside.chars or inside.images or inside.rects or inside.curves or inside.lines):
                empty.append(n)
    listed = {b["page"]: b["reason"] for b in report["blank_pages"]}
    assert sorted(listed) == empty and len(empty) > len(report["body"]["padded_pages"])
    for n in report["body"]["padded_pages"]:
        assert "倍数" in listed[n]
    parts = [n for n in empty if n not in report["body"]["padded_pages"] and "部の扉" in listed[n]]
    assert parts and all(n % 2 == 0 for n in parts)
    # the 体系 opens on a left-hand page: the right-hand page before it is blank, and says why
    system = [n for n in empty if "計画の体系" in listed[n]]
    assert len(system) <= 1 and all(n % 2 == 1 for n in system)
    assert all(n in report["body"]["padded_pages"] or "部の扉" in listed[n] or n in system
               for n in empty), listed
    readme = manifest(out)["print-readme"].read_text(encoding="utf-8")
    for n, reason in listed.items():
        assert f"{n} ページ目: {reason}" in readme


def test_saddle_stitch_over_its_limit_is_a_warning(print_x4):
    code, out, log = print_x4
    assert code == 0
    assert any("中綴じで綴じられる目安の 24 ページ" in w for w in preflight(out)["warnings"])


def test_thin_perfect_binding_stops(tmp_path_factory):
    src = print_source(tmp_path_factory, "thin", "  binding: perfect\n")
    out = tmp_path_factory.mktemp("print-thin") / "build"
    code, _, log = run_print(src, out)
    assert code == 1
    assert "背幅が 1.8 mm" in log and "最小 3 mm" in log and "中綴じ" in log
    assert not any(out.rglob("*.pdf"))


def test_spine_colour_runs_onto_both_covers(tmp_path_factory, tmp_path):
    """A spine trimmed 1 mm off either way shows no strip: the colour 1 mm
    inside the spine equals the colour 1 mm out on the cover, at every height."""
    src = print_source(tmp_path_factory, "spine", (
        "  binding: perfect\n  paper_thickness_mm: 0.5\n  spine_text_min_mm: 30\n"))
    code, out, log = run_print(src, tmp_path_factory.mktemp("print-spine") / "build")
    assert code == 0, log
    cover = manifest(out)["print-cover"]
    spine = preflight(out)["cover"]["spine_mm"]
    assert spine >= 3
    with pikepdf.open(cover) as pdf:
        trim = [float(v) for v in pdf.pages[0].TrimBox]
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(cover), str(tmp_path / "c")], check=True)
    img = Image.open(next(tmp_path.glob("c*.png"))).convert("RGB")
    for fold in (210, 210 + spine):
        x = trim[0] + fold * PT
        for y_mm in range(5, 297, 12):
            y = img.height - (trim[1] + y_mm * PT)
            left, right = img.getpixel((int(x - PT), int(y))), img.getpixel((int(x + PT), int(y)))
            assert max(abs(a - b) for a, b in zip(left, right)) <= 6, (fold, y_mm, left, right)


# -- the preflight's refusals, on small files ------------------------------------


def _settings(pdf_x="4") -> PrintSettings:
    return PrintSettings(loc=Loc("plan.yaml", 1), pdf_x=pdf_x)


def _pdf(path: Path, content: bytes, font=None, extra_resources=None) -> Path:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(100, 100))
    resources = pikepdf.Dictionary()
    if font is not None:
        resources.Font = pikepdf.Dictionary(F1=font)
    for k, v in (extra_resources or {}).items():
        resources[k] = v
    page.obj.Resources = resources
    page.obj.Contents = pdf.make_stream(content)
    pdf.save(path)
    return path


def test_preflight_refuses_a_system_font_rgb_grey_and_rich_black(tmp_path):
    helv = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name("/Helvetica"))
    path = _pdf(tmp_path / "a.pdf", b"BT /F1 12 Tf 0.3 0.3 0.3 rg 10 10 Td (a) Tj "
                b"0.7 0.67 0.66 0.78 k (b) Tj ET 0 0 0 1 k 0 0 10 10 re f", font=helv)
    rep = inspect("print-body", path, (35.28, 35.28), _settings())
    text = "\n".join(rep["problems"])
    assert "Helvetica" in text and "fonts/ のフォントではありません" in text
    assert "スミ（K のみ）ではありません（DeviceRGB 0.3 0.3 0.3）" in text
    assert "DeviceCMYK 0.7 0.67 0.66 0.78" in text
    assert "DeviceCMYK 0 0 0 1" not in text
    assert "TrimBox・BleedBox がありません" in text


def test_preflight_refuses_notdef_glyphs(tmp_path):
    """A character the fonts lack, rendered with planbook's fonts: WeasyPrint
    draws .notdef, which the preflight finds in the content stream."""
    from planbook import paths
    from planbook.render import typeset
    html = (Path(__file__).parent / "fixtures" / "probes" / "notdef.html").read_text(encoding="utf-8")
    path = tmp_path / "n.pdf"
    typeset.write(typeset.render(html, None, paths.FONTS), path)
    from pypdf import PdfReader
    scan = pagescan.Scanner(PdfReader(path)).page(PdfReader(path).pages[0])
    assert sum(scan.notdef.values()) >= 1
    rep = inspect("print-body", path, (210, 297), _settings())
    assert any(".notdef" in p for p in rep["problems"])


def test_preflight_refuses_rgb_and_transparency_in_x1a(tmp_path):
    gs = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5)
    path = _pdf(tmp_path / "t.pdf", b"/G1 gs 1 0 0 rg 0 0 10 10 re f",
                extra_resources={"/ExtGState": pikepdf.Dictionary(G1=gs)})
    rep = inspect("print-body", path, (35.28, 35.28), _settings("1a"))
    text = "\n".join(rep["problems"])
    assert "CMYK 以外の色空間があります: DeviceRGB" in text
    assert "透明効果が残っています" in text


def test_the_print_palette_follows_the_booklet_palette():
    """layouts/print/colours.css gives every colour of the CUD palette of
    booklet/palette.html, in its order, a CMYK value."""
    root = Path(__file__).resolve().parent.parent / "layouts"
    booklet = (root / "booklet" / "palette.html").read_text(encoding="utf-8")
    screen = re.findall(r'"name": "(\S+)",\s*"colour": "(#[0-9A-Fa-f]{6})"', booklet)
    css = (root / "print" / "colours.css").read_text(encoding="utf-8")
    printed = re.findall(r"\.accent-(\d+) \{ --accent: device-cmyk\([^)]*\);.*?/\* (\S+) (#[0-9A-F]{6}) \*/", css)
    assert screen and [(n, c.upper()) for n, c in screen] == [(name, c) for _, name, c in printed]
    assert [int(i) for i, _, _ in printed] == list(range(1, len(screen) + 1))


def test_every_print_setting_is_documented_in_the_docs():
    from planbook.load.specs import PRINT
    readme = (Path(__file__).resolve().parent.parent / "docs" / "print.md").read_text(encoding="utf-8")
    block = readme[readme.index("```yaml\nprint:"):]
    block = block[:block.index("```", 8)]
    for key in PRINT.fields:
        assert re.search(rf"^  {key}: ", block, re.M), key


# -- one cover: the press cover's 表1 is the booklet's page 1 (issue 21) ---------


def _png(pdf: Path, out: Path, *args: str) -> Image.Image:
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", *args, str(pdf), str(out)],
                   check=True)
    return Image.open(out.with_suffix(".png")).convert("RGB")


def _boxes(cover: Path) -> tuple[list[float], list[float]]:
    with pikepdf.open(cover) as pdf:
        return ([float(v) for v in pdf.pages[0].MediaBox],
                [float(v) for v in pdf.pages[0].TrimBox])


def _press_front(cover: Path, tmp_path: Path) -> Image.Image:
    """The 表1 of the press cover spread, its trim only, at 50 dpi."""
    media, trim = _boxes(cover)
    img, s = _png(cover, tmp_path / "cover").convert("L"), 50 / 72
    right, top = trim[2] - media[0], media[3] - trim[3]
    return img.crop((round((right - 210 * PT) * s), round(top * s), round(right * s),
                     round((top + 297 * PT) * s)))


def _blocks(img: Image.Image, n: int = 20) -> list[float]:
    w, h = img.size
    return [ImageStat.Stat(img.crop((j * w // n, i * h // n, (j + 1) * w // n,
                                     (i + 1) * h // n))).mean[0]
            for i in range(n) for j in range(n)]


def test_press_cover_front_is_the_booklet_page_1(print_x4, cli_builds, tmp_path):
    """The 表1 the vendor prints is the page 1 the city signed off: the press
    cover's 表1 (its trim, in print colours) and the booklet's page 1 (screen
    colours) have the same lightness everywhere, within what CMYK against
    sRGB changes, and the same edges. (The print body's page 1 is p.1, the
    page after 表2: the body leaves the cover to the cover file.)"""
    code, out, log = print_x4
    assert code == 0, log
    build_code, build = cli_builds["complete"]
    assert build_code == 0
    booklet = next(p for p in build.glob("*.pdf"))
    page1 = _png(booklet, tmp_path / "booklet", "-f", "1", "-l", "1").convert("L")
    front = _press_front(manifest(out)["print-cover"], tmp_path).resize(page1.size)
    assert ImageStat.Stat(ImageChops.difference(front, page1)).mean[0] < 8
    worst = max(abs(a - b) for a, b in zip(_blocks(front), _blocks(page1)))
    assert worst < 45, worst          # the former press design (navy band at the top): 209

    def edges(img):
        return img.filter(ImageFilter.FIND_EDGES).point(lambda v: 255 if v > 40 else 0)
    both = ImageStat.Stat(ImageChops.multiply(edges(front), edges(page1))).sum[0]
    assert both > 0.7 * ImageStat.Stat(edges(page1)).sum[0]


def test_press_cover_front_has_the_stripes_the_band_and_the_period_label(print_x4, tmp_path):
    """On the 表1 half: the boxed 計画期間 and the period, a stripe per 将来像
    at the top and the navy band at the bottom, both running into the bleed
    at the trim's edges; on 表4, the stripes in mirror order."""
    from planbook.checking import load_plan
    from planbook.present import period_label
    _, out, _ = print_x4
    cover = manifest(out)["print-cover"]
    plan = load_plan(COMPLETE)
    media, trim = _boxes(cover)
    fold = trim[0] - media[0] + 210 * PT              # from the MediaBox's left, in points
    with pdfplumber.open(cover) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        front = "".join(w["text"] for w in words if w["x0"] > fold)
        back = "".join(w["text"] for w in words if w["x1"] < fold)
        assert "計画期間" in front and "計画期間" not in back
        assert period_label(plan) in front
        assert plan.info.title in front
        label = next(w for w in words if w["text"].startswith("計画期間") and w["x0"] > fold)
        # the label's box: a rectangle round the word
        assert [r for r in page.rects
                if r["x0"] <= label["x0"] + 1 and r["x1"] >= label["x0"] + 20
                and r["top"] <= label["top"] + 1 and r["bottom"] >= label["bottom"] - 1
                and r["width"] < 40 * PT], label
    img, s = _png(cover, tmp_path / "look"), 50 / 72

    def at(x_mm, y_mm):
        """The colour at (x, y) mm from the trim's top left (negative: in the bleed)."""
        return img.getpixel((round((trim[0] - media[0] + x_mm * PT) * s),
                             round((media[3] - trim[3] + y_mm * PT) * s)))

    def same(a, b):
        return max(abs(u - v) for u, v in zip(a, b)) <= 8

    width = (trim[2] - trim[0]) / PT
    n = len(plan.concept.visions)
    centres = [width - 210 + 210 * (i + 0.5) / n for i in range(n)]
    stripes = [at(x, 7) for x in centres]
    assert all(min(c) < 235 for c in stripes), stripes                 # coloured, not paper
    assert all(not same(a, b) for a, b in zip(stripes, stripes[1:])), stripes
    assert all(same(at(x, -1.5), c) for x, c in zip(centres, stripes))     # into the top bleed
    assert same(at(width + 1.5, 7), stripes[-1])                        # and the fore-edge's
    assert all(same(at(width - x, 7), c) for x, c in zip(centres, stripes))  # 表4: mirrored
    band = at(width - 105, 297 - 5)
    assert sum(band) / 3 < 90, band                                    # navy
    assert same(at(width - 105, 297 + 1.5), band) and same(at(width + 1.5, 297 - 5), band)
    assert same(at(105, 297 - 5), band)                                # across 表4 too


def test_preflight_refuses_a_plate_under_the_least_dot(tmp_path):
    """A fill of C 1 % M 4 % and a 2 % K text: refused with page and colour;
    3 % and 0 pass; print.min_tint_percent moves the limit."""
    path = _pdf(tmp_path / "d.pdf", b"0.01 0.04 0 0 k 0 0 10 10 re f 0.03 0 0 0 k 0 0 5 5 re f "
                b"0 0 0 0.02 K 0 0 m 5 5 l S")
    rep = inspect("print-body", path, (35.28, 35.28), _settings())
    text = "\n".join(rep["problems"])
    assert "1 ページ: 塗りの色 C1 M4 に 3 % 未満の版（C 1 %）があります" in text
    assert "1 ページ: 線の色 K2 に 3 % 未満の版（K 2 %）があります" in text
    assert "C3 " not in text and "M4 %" not in text
    five = inspect("print-body", path, (35.28, 35.28),
                   PrintSettings(loc=Loc("plan.yaml", 1), min_tint_percent=5))
    assert any("C3 に 5 % 未満の版（C 3 %）" in p for p in five["problems"])


def _labelled(tmp_path, ground: bytes, size: int, bold: bool) -> dict:
    """White text of planbook's Gothic on a ground, written by WeasyPrint."""
    from planbook import paths
    from planbook.render import typeset
    html = (f'<html><body style="margin:0"><div style="background: device-cmyk({ground.decode()});'
            f'color: device-cmyk(0 0 0 0); font-family: \'BIZ UDPGothic\'; font-size: {size}pt;'
            f'font-weight: {"bold" if bold else "normal"}; padding: 4mm">基本目標01</div>'
            '<p style="font-family: \'BIZ UDMincho\'; color: device-cmyk(0 0 0 1)">本文</p>'
            '</body></html>')
    path = tmp_path / f"k{size}{bold}.pdf"
    typeset.write(typeset.render(html, None, paths.FONTS), path)
    return inspect("print-body", path, (210, 297), _settings())


def test_preflight_lists_small_white_text_on_several_plates(tmp_path):
    """White 9 pt bold on C90 M80 Y40 K40 is refused with page, text, size and
    ground; on K 100 alone, or at 10 pt bold, or 12 pt regular, it passes.
    Black text WeasyPrint wrote (not finished: no overprint) is a warning
    with its share."""
    rep = _labelled(tmp_path, b"0.9 0.8 0.4 0.4", 9, True)
    assert rep["knockouts"] == [{"page": 1, "text": "基本目標01", "size_pt": 9.0, "bold": True,
                                 "colour": "白（0）", "background": "C90 M80 Y40 K40"}]
    assert any("「基本目標01」（太字 9 pt、白（0））が C90 M80 Y40 K40 の地に抜き文字" in p
               for p in rep["problems"])
    assert any("スミのせ" in w and "100 %" in w for w in rep["warnings"]), rep["warnings"]
    for ground, size, bold in ((b"0 0 0 1", 9, True), (b"0.9 0.8 0.4 0.4", 10, True),
                               (b"0.9 0.8 0.4 0.4", 12, False)):
        assert _labelled(tmp_path, ground, size, bold)["knockouts"] == [], (ground, size, bold)
    assert _labelled(tmp_path, b"0.9 0.8 0.4 0.4", 11, False)["knockouts"]


def test_the_print_palette_has_no_plate_under_the_least_dot(tmp_path):
    """Every CMYK colour of layouts/print/colours.css and the cover's
    stylesheet has each plate 0 or at least 3 %; one that has not is named."""
    from planbook import paths
    from planbook.printing import ink
    named = dict(ink.palette(paths.LAYOUTS))
    assert "print/colours.css: --print-ink" in named and len(named) > 20
    assert named["print/colours.css: --print-ink"] == (0, 0, 0, 1)
    assert ink.palette_problems(paths.LAYOUTS, 3) == []
    import shutil
    layouts = tmp_path / "layouts"
    for rel in ink.PALETTE_FILES:
        (layouts / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(paths.LAYOUTS / rel, layouts / rel)
    css = layouts / "print" / "colours.css"
    css.write_text(css.read_text(encoding="utf-8").replace(
        "--print-navy: device-cmyk(0.9 0.8 0.4 0.4)", "--print-navy: device-cmyk(0.9 0.8 0.4 0.01)"),
        encoding="utf-8")
    assert ink.palette_problems(layouts, 3) == [
        "印刷の色 print/colours.css: --print-navy に 3 % 未満の版（K 1 %）があります。"
        "この網点は版に残りません。0 にするか、3 % 以上にしてください。"]


def test_palette_text_colours_are_named():
    """Text colours of the print palette are variables (--print-ink, a named
    grey, white, the navy): no anonymous grey text."""
    css = (Path(__file__).resolve().parent.parent / "layouts" / "print" / "colours.css").read_text(
        encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    anonymous = re.findall(r"(?<![-\w])color:\s*device-cmyk\(0 0 0 [^)]*\)", css)
    assert anonymous == []
