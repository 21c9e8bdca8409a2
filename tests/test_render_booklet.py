"""The booklet layouts on plans written here: more 将来像 than colours, a
体系 table longer than a page, more than 20 directions, empty values, a 施策
without 基本目標, text that looks like markup, tricky line breaks, and the
url_fetcher's folder limits."""
import re
import shutil

import pytest
import yaml
from pypdf import PdfReader

from planbook import paths
from planbook.builders import BuildContext
from planbook.builders.pdf import PdfBuilder
from planbook.checking import load_plan
from planbook.render import Stylesheet, render_document, render_html
from planbook.render.typeset import allowed, url_fetcher
from planbook.render.inline import NO_START

from conftest import COMPLETE
from pdf_compare import row_ends
from test_pdf import FRONT, pdftotext, squash

PNG = COMPLETE / "artwork" / "vision-1.png"


def dump(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_plan(root, visions, policies, artwork=None, title="第1次試験町総合計画",
               philosophy_body="理念の本文です。\n"):
    dump(root / "plan.yaml", {
        "municipality": "試験町", "title": title, "subtitle": "基本構想・基本計画",
        "period": {"start": 2027, "end": 2036}, "baseline_year": 2025,
        "vision_suffix": "しけん", "policy_label": "施策{code}", "output_name": "test-plan"})
    dump(root / "concept.yaml", {
        "philosophy": {"lead": "理念の前文です。\n", "motto": "みんなの町", "body": philosophy_body,
                       "artwork": None},
        "visions_intro": "将来像の序文です。\n", "visions": visions})
    dump(root / "artwork.yaml", artwork or {})
    for p in policies:
        dump(root / "policies" / f"{p['code']}.yaml", p)
    return root


def full_policy(code, goal, directions=2):
    return {
        "code": code, "goal": goal, "title": f"施策{code}の題名", "departments": ["企画課"],
        "future": "十年後[^a]の姿です。\n",
        "directions": [{"title": f"方向{i}の題", "body": f"方向{i}の本文です。\n"}
                       for i in range(1, directions + 1)],
        "indicators": [
            {"name": "参加者数", "unit": "人", "baseline": {"value": 1200},
             "target": {"value": None}, "direction": "up", "note": "延べ人数です"},
            {"name": "満足度", "unit": "%", "baseline": {"value": 62.5},
             "target": {"value": 70}, "direction": "keep", "note": "市民意識調査による"}],
        "collaboration": {"summary": "協働の方針です。", "citizens": "市民の役割です。\n"},
        "notes": {"a": "十年後の注です"}}


def build(src, out):
    plan = load_plan(src)
    ctx = BuildContext(plan=plan, findings=[], layouts=paths.LAYOUTS, fonts=paths.FONTS)
    (output,) = PdfBuilder(ctx).build(out)
    return plan, ctx, output


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """8 将来像 (more than the 7 colours), one with 40 施策 (a long 体系
    table), a page with 22 directions, a 施策 without title, one without
    基本目標, an image not delivered, a slot missing from artwork.yaml."""
    root = tmp_path_factory.mktemp("many") / "source"
    visions, policies = [], []
    for v in range(1, 9):
        g = v * 10 + 1
        visions.append({"number": v, "title": f"将来像{v}の題名", "summary": "要約です。\n",
                        "artwork": {1: "vision-1", 2: "no-such-slot"}.get(v),
                        "goals": [{"code": g, "title": f"目標{g}の題名", "body": "目標の本文です。\n"}]})
        count = 40 if v == 1 else 1
        policies += [{"code": g * 100 + i, "goal": g, "title": f"施策{g * 100 + i}の題名"}
                     for i in range(1, count + 1)]
    policies[0] = full_policy(1101, 11, directions=22)
    policies[1] = {"code": 1102, "goal": 11, "title": None}
    policies.append({"code": 9901, "goal": 99, "title": "迷子の施策"})
    artwork = {"vision-1": {"image": "artwork/vision-1.png", "school": "試験小学校", "grade": 3,
                            "name": "山田 花子", "reading": "やまだ はなこ", "consent": True}}
    write_plan(root, visions, policies, artwork)
    plan, ctx, output = build(root, root.parent / "out")
    reader = PdfReader(output.path)
    raw = [p.extract_text() for p in reader.pages]
    return plan, ctx, output, raw, [squash(t) for t in raw]


def test_colours_cycle_when_there_are_more_visions_than_colours(many):
    plan, ctx, *_ = many
    html = render_html(ctx.booklet(), ctx.layouts, ctx.fonts)
    palette = re.findall(r"\.accent-(\d+) \{ --accent: (#[0-9A-Fa-f]{6})", html)
    assert len(palette) == 7
    classes = {int(v): int(a)
               for a, v in re.findall(r'vision-part accent-(\d+)" id="vision-(\d+)"', html)}
    assert classes == {v: (v - 1) % 7 + 1 for v in range(1, 9)}


def _luminance(colour):
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_text_on_a_coloured_band_has_enough_contrast(many):
    plan, ctx, *_ = many
    html = render_html(ctx.booklet(), ctx.layouts, ctx.fonts)
    pairs = re.findall(r"--accent: (#[0-9A-Fa-f]{6}); --on-accent: (#[0-9A-Fa-f]{6})", html)
    assert len(pairs) == 7
    for band, ink in pairs:
        hi, lo = sorted((_luminance(band), _luminance(ink)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (band, ink)


def test_long_system_table_keeps_labels_and_page_numbers(many):
    plan, _, output, raw, pages = many
    first = next(i for i, t in enumerate(raw) if t.lstrip().startswith("計画の体系"))
    end = next(i for i in range(first + 1, len(raw))
               if not raw[i].strip() or raw[i].rstrip().splitlines()[-2].strip() != "計画の体系")
    assert end - first >= 2                                   # the table breaks
    for i in range(first, end):
        assert "将来像基本目標施策ページ" in pages[i]            # header row repeated
    assert "将来像1（続き）" in "".join(pages[first + 1:end])  # merged cell restarted
    assert "11目標11の題名（続き）" in "".join(pages[first + 1:end])
    table = "\n".join(raw[first:end])
    assert re.search(r"1101\s+施策\s?1101\s?の題名", table)      # 四分アキ: maybe a space
    page = row_ends(output.path, first, end)["1101"]
    assert "施策1101施策1101の題名" in pages[int(page) + FRONT - 1]
    assert re.search(r"1102\s+未入力\s+未作成", table)
    assert re.search(r"9901\s+迷子の施策\s+未作成", table)


def test_more_than_twenty_directions_are_numbered(many):
    _, _, _, _, pages = many
    text = "".join(pages)
    for label in ("①方向1の題", "⑳方向20の題", "(21)方向21の題", "(22)方向22の題"):
        assert label in text


def test_policy_page_parts_and_placeholders(many):
    _, _, _, _, pages = many
    n = next(i for i, p in enumerate(pages) if p.startswith("基本目標11目標11の題名施策1101"))
    end = next(i for i in range(n + 1, len(pages)) if pages[i].startswith("将来像2"))
    page = "".join(pages[n:end])
    for text in ("10年後の姿", "目指すべき姿の実現に向けた施策推進の方向性", "目標指標",
                 "指標名単位現状値令和7年度目標値令和18年度方向",   # years all rows share
                 "1,200", "未入力", "↑増加", "→維持", "方向：↑増加↓減少→維持",
                 "※参加者数：延べ人数です", "※満足度：市民意識調査による",
                 "市民と行政の協働方針", "市民行政市民の役割です。（未入力）", "※十年後の注です",
                 "担当課：企画課", "十年後※の姿です。"):
        assert squash(text) in page, text


def test_artwork_placeholders(many):
    _, _, _, raw, pages = many
    v1 = next(p for p in pages if p.startswith("将来像1「"))
    assert "作品画像未着" in v1 and "試験小学校3年" in v1
    # each part of the name has its own reading: 山田/やまだ, 花子/はなこ
    assert "山田花子さん" in v1.replace("やまだ", "").replace("はなこ", "")
    assert re.search("やまだ山田|山田やまだ", v1) and re.search("はなこ花子|花子はなこ", v1)
    v2 = next(p for p in pages if p.startswith("将来像2「"))
    assert "作品画像未着" in v2 and "さん" not in v2
    philosophy = next(p for p in pages if p.startswith("基本理念"))
    assert "作品画像未着" in philosophy


def test_policy_without_goal_is_printed_apart(many):
    _, _, _, _, pages = many
    assert any(p.startswith("基本目標が見つからない施策") and "施策9901迷子の施策未作成" in p
               for p in pages)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A small plan whose text looks like markup and whose lines must break
    around numbers, small kana and ※ markers."""
    root = tmp_path_factory.mktemp("tiny") / "source"
    tricky = "".join(f"{'あ' * (i % 9)}令和{i}年度から{i * 37}人が、キャッシュレスの"
                     f"サービス[^a]、{i}か所で{i * 3}㎡の「ハウス」（ー）を使う。" for i in range(1, 40))
    visions = [{"number": 1, "title": "<b>将来像</b>&amp;", "summary": tricky + "\n",
                "goals": [{"code": 11, "title": "目標の<i>題名</i>", "body": "本文<script>x</script>\n"}]}]
    policy = full_policy(111, 11)
    policy["future"] = "十年後[^a]の<b>姿</b>&amp;です。\n\n" + tricky + "\n"
    spaced = "ともに未来をひらき 笑顔とみどりがあふれるまち 清瀬をつくるため、AI などの技術を使います。" * 12
    write_plan(root, visions, [policy], title="<b>計画</b>&amp;",
               philosophy_body=tricky + "\n\n" + spaced + "\n")
    shutil.copy(PNG, root / "artwork.png")
    plan, ctx, output = build(root, root.parent / "out")
    return plan, ctx, output


def test_text_that_looks_like_markup_is_printed_as_written(tiny):
    _, _, output = tiny
    reader = PdfReader(output.path)
    text = squash("".join(p.extract_text() for p in reader.pages))
    for written in ("<b>計画</b>&amp;", "「<b>将来像</b>&amp;」", "目標の<i>題名</i>",
                    "本文<script>x</script>", "の<b>姿</b>&amp;です。"):
        assert written in text
    assert reader.metadata.title == "<b>計画</b>&amp;"


def test_tricky_lines_break_the_japanese_way(tiny):
    _, _, output = tiny
    lines = [s for line in pdftotext(output.path, "-layout").splitlines()
             for s in re.split(r"\s{2,}", line.strip()) if s]
    assert len(lines) > 100
    assert not [s for s in lines if s[0] in NO_START]
    # a number is never cut from its unit or its era name
    flow = [line.strip() for line in pdftotext(output.path).splitlines() if line.strip()]
    cut = [(a, b) for a, b in zip(flow, flow[1:])
           if re.search(r"[0-9]$", a) and re.match(r"[年人か㎡]", b) or a.endswith("令和")]
    assert not cut
    assert sum(bool(re.search(r"[0-9]$", a)) for a in flow) < 40      # page numbers only


def test_a_space_in_a_line_stays_a_space(tiny):
    """No justification by widened spaces alone: a space between words stays
    under half an em."""
    _, _, output = tiny
    xml = pdftotext(output.path, "-bbox-layout")
    gaps = []
    for line in re.findall(r"<line.*?</line>", xml, re.S):
        if not re.search(r">(AI|ひらき|笑顔と|清瀬を)", line):
            continue                  # only the spaced paragraph
        xs = [(float(a), float(b)) for a, b in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', line)]
        gaps += [b0 - a1 for (_, a1), (b0, _) in zip(xs, xs[1:])]
    assert len(gaps) > 20
    # points: a space of the body face (BIZ UDP明朝) at 10.5 pt is about 3.7;
    # a justified line widens it first, but never past half an em (JLREQ)
    assert max(gaps) < 0.5 * 10.5 + 0.1


def test_fetcher_reads_only_the_allowed_folders(tmp_path):
    inside = tmp_path / "source"
    inside.mkdir()
    shutil.copy(PNG, inside / "a.png")
    shutil.copy(PNG, tmp_path / "outside.png")
    fetch = url_fetcher([inside, paths.FONTS])
    assert fetch((inside / "a.png").as_uri()).read()[:4] == b"\x89PNG"
    for url in ((tmp_path / "outside.png").as_uri(), (inside / "../outside.png").as_uri(),
                "file:///etc/passwd", "https://example.com/a.png", "http://127.0.0.1/x.png"):
        with pytest.raises(ValueError):
            fetch(url)
    link = inside / "link.png"
    link.symlink_to(tmp_path / "outside.png")
    with pytest.raises(ValueError):
        fetch(link.as_uri())
    assert allowed("data:image/png;base64,AAAA", [inside])


def test_layout_cannot_pull_in_an_outside_image(tiny, tmp_path):
    plan, ctx, _ = tiny
    outside = tmp_path / "secret.png"
    shutil.copy(PNG, outside)
    inside = (plan.source_dir / "artwork.png").as_uri()
    css = (f".cover {{ background: url({outside.as_uri()}) }}"
           f".motto {{ background: url({inside}) }}")
    layouts = tmp_path / "layouts"
    shutil.copytree(paths.LAYOUTS, layouts)
    (layouts / "extra.css").write_text(css, encoding="utf-8")
    pdf = tmp_path / "o.pdf"
    render_document(ctx.booklet(), layouts, ctx.fonts, roots=[plan.source_dir],
                    stylesheets=[Stylesheet("extra.css")]).write_pdf(pdf, uncompressed_pdf=True)
    data = pdf.read_bytes()
    # the one inside source/ is drawn, the secret is not
    assert len(re.findall(rb"/Subtype\s*/Image", data)) == 1


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _hex(colour: str) -> str:
    colour = {"white": "#ffffff", "black": "#000000"}.get(colour.strip().lower(), colour.strip())
    if len(colour) == 4:                                  # #abc
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def test_every_text_colour_of_the_layout_reads_at_aa():
    """Each CSS rule of the booklet that sets a text colour: at least 4.5:1
    against its own background, or white paper when it sets none (WCAG AA)."""
    checked = 0
    for css in (paths.LAYOUTS / "booklet").glob("*.css"):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6}|white|black)\b", body)
            if not fg:
                continue
            bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6}|white|black)\b", body)
            ratio = _contrast(_hex(fg.group(1)), _hex(bg.group(1) if bg else "#ffffff"))
            assert ratio >= 4.5, (css.name, selector.strip(), ratio)
            checked += 1
    assert checked >= 10


def test_ruby_in_body_text_keeps_the_line_spacing(complete_copy, tmp_path):
    path = complete_copy / "policies/111.yaml"
    sentence = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"
    ruby = "困り事を抱えた市民が、身近な場所で{相談|そうだん}でき、必要な支援に早くつながっています。"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(sentence, sentence * 2 + ruby + sentence * 2, 1), encoding="utf-8")
    plan = load_plan(complete_copy)
    ctx = BuildContext(plan=plan, findings=[])
    (output,) = PdfBuilder(ctx).build(tmp_path)
    xml = pdftotext(output.path, "-bbox-layout")
    page = next(p for p in re.findall(r"<page.*?</page>", xml, re.S) if "そうだん" in p)
    base = []
    for line in re.findall(r"<line.*?</line>", page, re.S):
        words = "".join(re.findall(r">([^<]+)</word>", line))
        if words != "そうだん" and re.search("困り事|身近な|支援に|つながって|市民が", words):
            base.append(float(re.search(r'yMax="([\d.]+)"', line).group(1)))
    assert len(base) >= 4
    steps = [b - a for a, b in zip(base, base[1:])]
    assert max(steps) - min(steps) < 0.5, steps          # the line with the ruby is no taller
