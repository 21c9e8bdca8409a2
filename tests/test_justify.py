"""Japanese justification (planbook.render.typeset.patches.justify, JLREQ §3.8), measured on
the PDF: every line of a justified paragraph but the last ends at the
column's edge, last lines keep their natural spacing, 禁則 holds, a 四分アキ
between Japanese and Western letters, punctuation pairs stay compressed,
numbers stay with their units; and the WeasyPrint seam stays contained."""
import importlib.util
import re
import statistics
import sys

import pytest
from planbook import paths
from planbook.builders import BuildContext
from planbook.checking import load_plan
from planbook.render import render_document
from planbook.render import spacing as S
from planbook.render import typeset
from planbook.render.typeset.patches import justify
from planbook.render.typeset.patches.justify import line_break, wp_inline
from planbook.render.typeset.patches.libraries import weasyprint
from planbook.render.inline import NO_END, NO_START, WJ, glue

from conftest import COMPLETE, FIXTURES, ROOT, SOURCE
from justify_lines import justified_lines
from test_render_booklet import full_policy, write_plan

sys.path.insert(0, str(ROOT / "scripts"))
from gen_plan import write as write_generated  # noqa: E402

ZWSP = S.ZWSP
TOLERANCE = 0.5         # pt


def render(src, out):
    plan = load_plan(src)
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    doc = render_document(ctx.booklet(), ctx.layouts, ctx.fonts, roots=[plan.source_dir])
    path = out / "booklet.pdf"
    doc.write_pdf(path)
    return justified_lines(doc, path)


class Lines(list):
    """The justified lines of one booklet, and its name."""
    name = ""


@pytest.fixture(scope="session", params=["kiyose", "complete", "generated"])
def lines(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"justify-{request.param}")
    src = {"kiyose": SOURCE, "complete": COMPLETE}.get(request.param) \
        or write_generated(folder / "source", 60)
    out = Lines(render(src, folder))
    out.name = request.param
    return out


TOKENS = ["第3次", "10,000円", "120㎡", "30%", "令和7年度"]
TRICKY = ("{清瀬|きよせ}市と商工会が連携し、AIなどの技術で「確かな学力」「豊かな人間性」を"
          "育み、DX推進リーダー[^a]を育成し、{ruby|るび}を添えて（仮称）（案）を示します。") * 3


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A plan whose justified text has boundaries, bracket pairs, ※ markers,
    ruby, and numbers with units at every place of a line, in the wide body
    column and the narrow cells of the 協働 table."""
    root = tmp_path_factory.mktemp("justify-sample") / "source"
    numbers = "".join(f"{'あ' * (i % 7)}{TOKENS[i % len(TOKENS)]}の" for i in range(60))
    policy = full_policy(111, 11)
    policy["future"] = f"{TRICKY}\n\n{numbers}\n"
    policy["collaboration"] = {"summary": TRICKY, "citizens": numbers + "\n",
                               "government": TRICKY + "\n"}
    visions = [{"number": 1, "title": "将来像", "summary": TRICKY + "\n",
                "goals": [{"code": 11, "title": "目標", "body": numbers + "\n"}]}]
    write_plan(root, visions, [policy])
    return render(root, root.parent)


def full(lines):
    return [ln for ln in lines if not ln.last]


def pairs(line):
    """Neighbouring glyphs, both of the paragraph's own size (no ※ marker or
    ruby reading in or between them), with the gap between them (pt)."""
    own = [abs(c["size"] - line.size) < 0.05 for c in line.chars]
    return [(a, b, b["x0"] - a["x1"]) for (a, b), ok, next_ok
            in zip(zip(line.chars, line.chars[1:]), own, own[1:]) if ok and next_ok]


# -- on the booklets ---------------------------------------------------------------


def test_every_line_but_the_last_ends_at_the_column_edge(lines):
    assert len(full(lines)) > 10
    off = [(ln.page + 1, round(ln.right - ln.end, 2), ln.text[:20]) for ln in full(lines)
           if abs(ln.right - ln.end) > TOLERANCE]
    assert not off


def excess(line, a, b, gap):
    """A gap beyond its natural width (the 四分アキ at a boundary), pt."""
    return gap - (S.QUARTER * line.size if S.is_boundary(a["text"], b["text"]) else 0.0)


def test_justified_lines_spread_their_space_evenly(lines):
    # JLREQ §3.8: the space a line is stretched by goes to its gaps evenly,
    # not piled up after 、。・: no gap more than 0.2 em wider than the median
    checked, uneven = 0, []
    for ln in full(lines):
        gaps = [excess(ln, a, b, gap) for a, b, gap in pairs(ln) if " " not in (a["text"], b["text"])]
        if len(gaps) < 5:
            continue
        checked += 1
        median = statistics.median(gaps)
        if max(gaps) - median > 0.2 * ln.size:
            uneven.append((ln.page + 1, ln.text[:20], round((max(gaps) - median) / ln.size, 2)))
    assert checked > 10 and not uneven


def test_punctuation_keeps_its_half_em_and_no_more(lines):
    # 、。 of BIZ UDPMincho are 0.6 em wide, half an em of it space: a stretched
    # line sets them as wide as any other character, never near a full em
    widths = [(b["x0"] - a["x0"]) / ln.size for ln in full(lines) for a, b, _ in pairs(ln)
              if a["text"] in "、。" and b["text"] not in S.PUNCT]
    assert widths and max(widths) < 0.8


def test_last_lines_keep_their_natural_spacing(lines):
    last = [ln for ln in lines if ln.last]
    assert len(last) > 10
    stretched = []
    for ln in last:
        for a, b, gap in pairs(ln):
            if " " in (a["text"], b["text"]):
                continue
            natural = S.QUARTER * ln.size if S.is_boundary(a["text"], b["text"]) else 0.0
            if abs(gap - natural) > 0.05:
                stretched.append((ln.text[:20], a["text"] + b["text"], round(gap, 2)))
    assert not stretched


def test_no_forbidden_line_starts_or_ends(lines):
    assert not [ln.text for ln in lines if ln.text[0] in NO_START]
    assert not [ln.text for ln in lines if ln.text[-1] in NO_END]


def test_japanese_and_western_letters_are_a_quarter_em_apart(lines):
    found = []
    for ln in lines:
        for a, b, gap in pairs(ln):
            if S.is_boundary(a["text"], b["text"]):
                found.append((ln.last, gap / ln.size))
    assert found or lines.name != "kiyose"                    # 10年, AIなど, 第5次…
    assert all(S.QUARTER - 0.01 <= em <= S.BOUNDARY_MAX + 0.01 for _, em in found)
    assert all(abs(em - S.QUARTER) < 0.01 for last, em in found if last)


def test_punctuation_pairs_stay_compressed(lines):
    checked = 0
    for ln in lines:
        for a, b, gap in pairs(ln):
            if a["text"] in S.PUNCT and b["text"] in S.PUNCT:        # 」「 、「 。」 ）（
                checked += 1
                assert b["x1"] - a["x0"] <= S.PAIR * ln.size + 0.01, ln.text
    assert checked or lines.name != "kiyose"                  # 」、「 in Kiyose


# -- on a plan with tricky text ---------------------------------------------------------


def test_sample_lines_are_flush_in_wide_and_narrow_columns(sample):
    widths = {round(ln.right - ln.left) for ln in full(sample)}
    assert len(widths) >= 2                                  # the body and the 協働 cells
    assert not [ln.text for ln in full(sample) if abs(ln.right - ln.end) > TOLERANCE]
    assert not [ln.text for ln in sample if ln.text[0] in NO_START or ln.text[-1] in NO_END]


def test_numbers_stay_with_their_units(sample):
    flow = [ln.text for ln in sample]
    for a, b in zip(flow, flow[1:]):
        for token in TOKENS:
            for cut in range(1, len(token)):
                assert not (a.endswith(token[:cut]) and b.startswith(token[cut:])), (a, b)


def test_bracket_pairs_are_at_most_one_and_a_half_em(sample):
    seen = 0
    for ln in sample:
        for a, b, _ in pairs(ln):
            if a["text"] + b["text"] in ("」「", "）（", "、「"):
                seen += 1
                assert b["x1"] - a["x0"] <= 1.5 * ln.size + 0.01
    assert seen >= 3


def test_ruby_and_note_markers_sit_where_they_belong(sample):
    for ln in sample:
        body = [c for c in ln.chars if abs(c["size"] - ln.size) < 0.05]
        small = [c for c in ln.chars if c["size"] < ln.size * 0.7]
        for c in small:
            if c["text"] in "※":                           # right after its word
                before = max((b for b in body if b["x1"] <= c["x0"] + 0.1), key=lambda b: b["x1"])
                assert c["x0"] - before["x1"] < 0.1 * ln.size
        for reading, base in (("きよせ", "清瀬"), ("るび", "ruby")):
            if base in ln.text:
                under = [c for c in body if c["text"] in base]
                # the reading sits above the line box (it does not open the
                # line spacing), so it may be counted with the line above
                ceiling = min(c["top"] for c in under)
                top = [c for c in ln.above + ln.chars
                       if c["size"] < ln.size * 0.7 and c["text"] in reading
                       and ceiling - ln.size <= c["bottom"] <= ceiling + 1
                       and min(u["x0"] for u in under) - ln.size <= c["x0"]
                       <= max(u["x1"] for u in under) + ln.size]
                mid = lambda cs: (min(c["x0"] for c in cs) + max(c["x1"] for c in cs)) / 2
                assert abs(mid(top) - mid(under)) < 0.5      # centred, not spread
                assert max(c["bottom"] for c in top) <= min(c["top"] for c in under) + 1


# -- the pieces ---------------------------------------------------------------------------


def test_glue_marks_the_boundaries():
    assert glue("AIなどの") == f"AI{ZWSP}などの"
    assert glue("第3次") == f"第{WJ}3{WJ}次"               # the word joiners carry it
    assert glue("30%の") == f"30{WJ}%{ZWSP}の"
    assert glue("AI など") == "AI など"                     # a space in the source stays
    assert glue("Aー") == f"A{WJ}ー"                        # no break before ー
    assert S.boundary_carriers(glue("の3と")) == [1, 3]


def test_chain_gives_each_gap():
    gaps = [0.3, 0.3, 5.0, 0.0, 0.3, 2.0]
    for kwargs in ({}, {"pin_first": True}, {"pin_last": True}, {"first": 1.5}):
        ls = S.chain(gaps, **kwargs)
        assert [round((x + y) / 2, 9) for x, y in zip(ls, ls[1:])] == gaps
    assert S.chain(gaps, pin_first=True)[0] == 0 and abs(S.chain(gaps, pin_last=True)[-1]) < 1e-9
    skew = 0.024
    ls = S.chain(gaps, skew=skew)
    drawn = [(ls[0] + ls[1] * (1 + skew)) / 2] + [
        (x * (1 - skew) + y * (1 + skew)) / 2 for x, y in zip(ls[1:], ls[2:])]
    assert [round(d, 9) for d in drawn] == gaps


def test_punctuation_space_is_what_the_font_leaves_out():
    # BIZ UDPMincho: 」「 half an em, 、。 0.6 em; a full-width font: 1 em
    assert S.punctuation_space("」", "「", 0.5, 0.5) == 0.5          # 」「 1.5 em in all
    assert S.punctuation_space("、", "「", 0.6, 0.5) == pytest.approx(0.4)
    assert S.punctuation_space("、", "市", 0.6) == pytest.approx(0.4)
    assert S.punctuation_space("市", "「", 1.0, 0.5) == 0.5
    assert S.punctuation_space("・", "市", 0.5) == 0.25
    assert S.punctuation_space("」", "「", 1.0, 1.0) == 0                # nothing to give back
    assert S.classify("、", "市", width_a=1.0) == (S.LAST_RESORT, 0.0)


def test_justification_priorities():
    em = 10.0

    def gaps():
        return [S.Gap(priority=p, cap=c * em) for p, c in (
            S.classify("、", "市", width_a=0.6), S.classify("市", "A", boundary=True),
            S.classify("市", "町"), S.classify("」", "「"), S.classify("。", "」"),
            S.classify("A", "I"), S.classify("材", "※", attached=True),
            S.classify("0", "㎡", glued=True), S.classify("A", "B", spaced=True))]
    comma, boundary, inter, pair, stop_close, latin, marker, glued, word = few = gaps()
    assert comma.priority == pair.priority == boundary.priority == inter.priority == S.INTER
    assert (comma.cap, pair.cap, inter.cap) == (pytest.approx(4.0), 5.0, 0.0)
    assert (stop_close.priority, latin.priority) == (S.LAST_RESORT, S.LAST_RESORT)
    assert (marker.priority, glued.priority) == (S.NEVER, S.NEVER)
    S.distribute(few, 5.5)                  # the word space first, then evenly
    assert word.extra == pytest.approx(1.5)
    assert comma.extra == pair.extra == boundary.extra == inter.extra == 1.0
    comma, boundary, inter, pair, stop_close, latin, marker, glued, word = more = gaps()
    S.distribute(more, 25.5)                # a gap at its cap leaves the rest to the others
    assert (comma.extra, boundary.extra, pair.extra) == (pytest.approx(4.0), 2.5, 5.0)
    assert inter.extra == pytest.approx(12.5)
    assert stop_close.extra == latin.extra == marker.extra == glued.extra == 0
    only = [S.Gap(priority=S.LAST_RESORT), S.Gap(priority=S.NEVER)]
    S.distribute(only, 1.0)                 # nothing else: the last resort
    assert [g.extra for g in only] == [1.0, 0.0]


def test_a_shrunk_line_squeezes_punctuation_first():
    em = 10.0
    comma = S.Gap(priority=S.INTER, squeeze=S.punctuation_squeeze("、", "市", 0.6) * em)
    boundary = S.Gap(natural=S.QUARTER * em, priority=S.INTER, cap=2.5)
    inter = S.Gap(priority=S.INTER)
    S.distribute([comma, boundary, inter], -0.5)
    assert (comma.extra, boundary.extra, inter.extra) == (pytest.approx(-0.5), 0, 0)
    S.distribute([comma, boundary, inter], -1.5)      # then the 四分アキ, to 八分
    assert comma.extra == pytest.approx(-1.0) and boundary.extra == pytest.approx(-1.0)
    assert S.punctuation_squeeze("、", "市", 0.5) == 0       # a half-em mark keeps its size


# A one-paragraph page with justified text (the probe's CSS lives in the fixture).
HTML = (FIXTURES / "probes" / "justify.html").read_text(encoding="utf-8")


def _right_ends(doc):
    page = doc.pages[0]._page_box
    p = page.children[0].children[0].children[0]
    return [round(line.position_x + line.width, 2) for line in p.children]


def test_the_seam_is_active_only_inside_composing():
    base_layout, base_justify = line_break.Layout, wp_inline.justify_line
    html = HTML.replace("{{ fonts }}", paths.FONTS.as_uri())
    with justify.composing():
        assert line_break.Layout is justify.SpacedLayout
        with justify.composing():                             # nested: still on
            pass
        assert wp_inline.justify_line is justify.justify_line
        composed = _right_ends(typeset.render(html, None, paths.FONTS))
    assert (line_break.Layout, wp_inline.justify_line) == (base_layout, base_justify)
    plain = _right_ends(typeset.render(html, None, paths.FONTS))
    assert max(composed[:-1]) - min(composed[:-1]) < 0.1      # flush, ragged without
    assert max(plain[:-1]) - min(plain[:-1]) > 1
    with pytest.raises(RuntimeError), justify.composing():
        raise RuntimeError
    assert (line_break.Layout, wp_inline.justify_line) == (base_layout, base_justify)


def test_another_weasyprint_version_is_refused(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    spec = importlib.util.find_spec("planbook.render.typeset.patches.justify")
    with pytest.raises(ImportError, match=re.escape("WeasyPrint 71.0 is installed")):
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
