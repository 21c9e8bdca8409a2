"""Japanese composition beyond the body's justification (issue 24), measured
on the PDFs of the Kiyose source, the complete test plan and a generated plan
of 60 施策: figures of the 目標指標 aligned on their decimal points with narrow
separators; the 四分アキ between Japanese and Western letters everywhere; the
計画の体系 on a facing spread, running heads naming the range they cover, the
目次's leaders ending at one line; body lines on one grid; mono-ruby reaching
over the kana beside it."""
import contextlib
import re

import pdfplumber
import pytest

from planbook import paths
from planbook.builders import BuildContext
from planbook.checking import load_plan
from planbook.present import labels as L
from planbook.present.values import figure
from planbook.render import render_document
from planbook.render import spacing as S

from test_render_booklet import full_policy, write_plan

VALUE_SIZE = 10.5       # pt: the figures of the indicator tables (policy.css)
_DOCS: dict = {}


@contextlib.contextmanager
def opened(pdf):
    """A booklet parsed once for the module: pdfplumber keeps each page's
    characters, so the tests do not read the 145 pages of the generated plan
    again and again."""
    if str(pdf) not in _DOCS:
        _DOCS[str(pdf)] = pdfplumber.open(pdf)
    yield _DOCS[str(pdf)]


@pytest.fixture(scope="module")
def booklets(cli_builds, generated60):
    return {"kiyose": cli_builds["kiyose"][1] / "kiyose-plan.pdf",
            "complete": next(cli_builds["complete"][1].glob("*.pdf")),
            "generated": generated60[1]}


def figures(page) -> list[list[dict]]:
    """The indicator values of a page: runs of glyphs at the figures' size in
    BIZ UDGothic (digits) or BIZ UDPGothic (separators) on one baseline."""
    chars = sorted((c for c in page.chars if abs(c["size"] - VALUE_SIZE) < 0.05 and (
                        (c["text"].isdigit() and "BIZ-UDGothic" in c["fontname"])
                        or (c["text"] in ",." and "BIZ-UDPGothic" in c["fontname"]))),
                   key=lambda c: (round(c["bottom"]), c["x0"]))
    words: list[list[dict]] = []
    for c in chars:
        last = words[-1][-1] if words else None
        if last and round(last["bottom"]) == round(c["bottom"]) and c["x0"] - last["x1"] < 1:
            words[-1].append(c)
        else:
            words.append([c])
    return [w for w in words if any(c["text"].isdigit() for c in w)
            and w[0]["text"].isdigit()]


def anchor(word) -> float:
    """Where the decimal point is, or where it would be."""
    point = next((c for c in word if c["text"] == "."), None)
    return point["x0"] if point else word[-1]["x1"]


def columns(words) -> list[list[float]]:
    """Anchors grouped into columns (a column is much wider than the
    distance between two misaligned figures)."""
    out: list[list[float]] = []
    for x in sorted(anchor(w) for w in words):
        if out and x - out[-1][-1] < 20:
            out[-1].append(x)
        else:
            out.append([x])
    return out


def test_figures_align_on_their_decimal_points(booklets):
    seen = fractions = 0
    for name, pdf in booklets.items():
        with opened(pdf) as doc:
            for n, page in enumerate(doc.pages):
                words = figures(page)
                seen += len(words)
                fractions += sum(any(c["text"] == "." for c in w) for w in words)
                for col in columns(words):
                    assert col[-1] - col[0] < 0.3, (name, n + 1, col)
    assert seen > 50 and fractions >= 2


def test_thousands_separators_are_narrow(booklets):
    commas = 0
    for name, pdf in booklets.items():
        with opened(pdf) as doc:
            for n, page in enumerate(doc.pages):
                for w in figures(page):
                    for a, b in zip(w, w[1:]):
                        if a["text"] == ",":
                            commas += 1
                            assert b["x0"] - a["x0"] < 0.4 * VALUE_SIZE, (name, n + 1)
    assert commas > 20


def test_a_range_of_goals_is_named_by_its_ends():
    assert L.goal_range(["31", "32", "33"]) == "基本目標31〜33"
    assert L.goal_range(["44"]) == "基本目標44"


def test_figures_are_padded_to_their_column():
    def drawn(places, text):
        return ["~" + p.text if p.hidden else p.text for p in figure(text, places)]
    assert drawn(2, "1,250.5") == ["1", ",", "250", ".", "5", "~0"]
    assert drawn(2, "12") == ["12", "~.", "~00"]
    assert drawn(0, "12") == ["12"]
    assert drawn(2, "0.25") == ["0", ".", "25"]
    assert figure(None, 2) == ()


def boundaries(page):
    """(gap in em, the two characters, their size) of every pair of
    neighbouring glyphs on one line, one a Japanese letter and the other a
    Western letter or digit, in the same size."""
    chars = sorted(page.chars, key=lambda c: (round(c["bottom"]), c["x0"]))
    for a, b in zip(chars, chars[1:]):
        if abs(a["bottom"] - b["bottom"]) > 0.5 or abs(a["size"] - b["size"]) > 0.05:
            continue
        gap = b["x0"] - a["x1"]
        if -0.5 < gap < a["size"] and S.is_boundary(a["text"], b["text"]):
            yield gap / a["size"], a["text"] + b["text"], round(a["size"], 1)


def test_a_quarter_em_between_japanese_and_western_letters_everywhere(booklets):
    # headings, running heads (7.5 pt), the 目次, the 体系, tables, credits:
    # the same 四分アキ as the body
    sizes, tight = set(), []
    for name, pdf in booklets.items():
        with opened(pdf) as doc:
            for n, page in enumerate(doc.pages):
                for em, pair, size in boundaries(page):
                    sizes.add(size)
                    if em < S.QUARTER - 0.03:
                        tight.append((name, n + 1, pair, round(em, 2)))
    assert not tight
    assert {7.5, 9.5, 10.5, 11.0} <= sizes


def texts(pdf) -> list[str]:
    with opened(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def test_the_system_opens_on_a_left_hand_page(booklets):
    # PDF page 1 (index 0) is the cover, a right-hand page: left pages have odd indexes
    for name, pdf in booklets.items():
        pages = texts(pdf)
        system = [n for n, t in enumerate(pages) if t.startswith("計画の体系")]
        assert system and system[0] % 2 == 1, (name, system)
        assert system == list(range(system[0], system[0] + len(system)))
    assert any(len([t for t in texts(pdf) if t.startswith("計画の体系")]) > 1
               for pdf in booklets.values())                 # a 体系 of several pages


def test_a_running_head_names_the_range_it_covers(booklets):
    seen = 0
    for name, pdf in booklets.items():
        with opened(pdf) as doc:
            for n, page in enumerate(doc.pages):
                text = page.extract_text() or ""
                if "ページを準備中の施策" not in text:
                    continue
                head = "".join(c["text"] for c in page.chars
                               if c["size"] < 8 and c["top"] < 25 * 72 / 25.4)
                body = "".join(c["text"] for c in page.chars
                               if c["size"] > 8 and c["top"] > 25 * 72 / 25.4)
                codes = sorted(set(re.findall(r"基本目標(\d+)", body)))
                if len(codes) > 1:
                    seen += 1
                    assert f"基本目標{codes[0]}〜{codes[-1]}" in head, (name, n + 1, head)
                elif codes:
                    assert f"基本目標{codes[0]}" in head
    assert seen >= 3


def test_the_leaders_of_the_contents_end_at_one_line(booklets):
    lines = 0
    for name, pdf in booklets.items():
        with opened(pdf) as doc:
            for n, page in enumerate(doc.pages):
                ends: dict[int, list[float]] = {}
                for c in page.chars:
                    if c["text"] == ".":
                        ends.setdefault(round(c["bottom"]), []).append(c["x1"])
                leaders = [max(xs) for xs in ends.values() if len(xs) >= 10]
                lines += len(leaders)
                if leaders:
                    assert max(leaders) - min(leaders) < 0.3, (name, n + 1, sorted(leaders))
    assert lines > 40


PITCH = 10.5 * 1.75      # pt: the body's line pitch (booklet.css, policy.css)


def test_body_lines_of_a_policy_page_sit_on_one_grid(booklets):
    # 行取り: headings and the space between paragraphs take whole lines, so
    # every body baseline is a whole number of pitches from the first; the
    # blocks above the body too, so the grid is the same on every page
    # (measured from the top margin): facing pages line up
    pages, phases = 0, []
    for name, pdf in booklets.items():
        with opened(pdf) as doc:
            for n, page in enumerate(doc.pages):
                if not re.search(r"10\s?年後の姿", page.extract_text() or ""):
                    continue
                lines: list[float] = []
                for b in sorted(c["bottom"] for c in page.chars
                                if abs(c["size"] - 10.5) < 0.05 and "Mincho" in c["fontname"]):
                    if not lines or b - lines[-1] > 1:
                        lines.append(b)
                assert len(lines) >= 2
                pages += 1
                off = [((b - lines[0]) / PITCH - round((b - lines[0]) / PITCH)) * PITCH
                       for b in lines]
                assert max(map(abs, off)) < 0.3, (name, n + 1, [round(x, 1) for x in off])
                phases.append(((lines[0] - 25 * 72 / 25.4) % PITCH, name, n + 1))
    assert pages > 50
    assert max(phases)[0] - min(phases)[0] < 0.3, (min(phases), max(phases))


# -- ruby (JLREQ §3.3.8) -----------------------------------------------------------

RUBY_TEXT = ("まちの{礎|いしずえ}となる{絆|きずな}をはぐくみ、{清瀬|きよせ}市の{礎|いしずえ}を"
             "きずきます。みどりの{杜|もり}と{畦|あぜ}みちをまもり、ひとの{和|わ}をひろげます。") * 4


@pytest.fixture(scope="module")
def ruby_page(tmp_path_factory):
    """A plan whose body has mono-ruby between kana, between kanji, and
    readings of one to four kana: the laid-out page's characters."""
    root = tmp_path_factory.mktemp("ruby") / "source"
    policy = full_policy(111, 11)
    policy["future"] = RUBY_TEXT + "\n"
    write_plan(root, [{"number": 1, "title": "将来像", "summary": "概要です。\n",
                       "goals": [{"code": 11, "title": "目標", "body": "本文です。\n"}]}], [policy])
    plan = load_plan(root)
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    doc = render_document(ctx.booklet(), ctx.layouts, ctx.fonts, roots=[plan.source_dir])
    pdf = root.parent / "ruby.pdf"
    doc.write_pdf(pdf)
    with pdfplumber.open(pdf) as d:
        return next(list(p.chars) for p in d.pages if "いしずえ" in (p.extract_text() or ""))


def test_mono_ruby_between_kana_leaves_no_hole(ruby_page):
    size = 10.5
    body = sorted((c for c in ruby_page if abs(c["size"] - size) < 0.05),
                  key=lambda c: (round(c["bottom"]), c["x0"]))
    small = [c for c in ruby_page if c["size"] < size * 0.7]
    checked = 0
    for a, base, b in zip(body, body[1:], body[2:]):
        if base["text"] not in "礎絆杜畦和" or round(a["bottom"]) != round(b["bottom"]):
            continue
        above = sorted((c for c in small if c["bottom"] <= base["top"] + 1
                        and base["top"] - size < c["bottom"]), key=lambda c: c["x0"])
        runs: list[list[dict]] = []
        for c in above:                 # the readings over this line, each a run
            if runs and c["x0"] - runs[-1][-1]["x1"] < 0.3 * size:
                runs[-1].append(c)
            else:
                runs.append([c])
        centre = (base["x0"] + base["x1"]) / 2
        reading = min(runs, key=lambda r: abs((r[0]["x0"] + r[-1]["x1"]) / 2 - centre))
        left, right = base["x0"] - a["x1"], b["x0"] - base["x1"]
        if S.is_cjk(a["text"]) and "\u3041" <= a["text"] <= "\u30ff" and "\u3041" <= b["text"] <= "\u30ff":
            checked += 1
            # no gap wider than a quarter em beside the base (a line's
            # justification adds its share to every gap: 0.05 em at most here)
            assert max(left, right) <= 0.3 * size, (base["text"], round(left, 2), round(right, 2))
            # the reading reaches over each neighbour by one ruby character at most
            ruby_char = max(c["x1"] - c["x0"] for c in reading)
            assert min(c["x0"] for c in reading) >= a["x1"] - ruby_char - 0.1
            assert max(c["x1"] for c in reading) <= b["x0"] + ruby_char + 0.1, (
                base["text"], a["text"], b["text"], "".join(c["text"] for c in reading),
                [round(c["x0"], 1) for c in reading], round(a["x1"], 1), round(base["x0"], 1),
                round(base["x1"], 1), round(b["x0"], 1))
            # and stays centred over its base
            mid = (min(c["x0"] for c in reading) + max(c["x1"] for c in reading)) / 2
            assert abs(mid - (base["x0"] + base["x1"]) / 2) < 0.5
    assert checked >= 10
