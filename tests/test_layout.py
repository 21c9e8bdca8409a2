"""The booklet's page design, measured on the PDFs of the Kiyose source, the
complete test plan and a generated plan of 100 施策 (scripts/gen_plan.py):
each 施策 a spread opened on a left-hand page, no page left nearly empty but
by design, short tables kept whole, one-page 施策 as a plan.yaml choice, the
run-over of a 施策 too long for its spread reported."""
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import ROOT
from planbook.cli import main

sys.path.insert(0, str(ROOT / "scripts"))
from gen_plan import write as write_plan  # noqa: E402

MM = 72 / 25.4
FRONT = 2          # 表1 and 表2 carry no folio


def outline_pages(reader) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page) of every bookmark."""
    out = []

    def walk(items, level):
        for o in items:
            if isinstance(o, list):
                walk(o, level + 1)
            else:
                out.append((level, o.title, reader.get_destination_page_number(o)))
    walk(reader.outline, 1)
    return out


def fills(pdf) -> list[float]:
    """Per page, how far down the body area (inside the margins) the text
    reaches (pdftotext -bbox: every word's box; placeholders are text too)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    out = []
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        height = float(page[1])
        top, bottom = 25 * MM, height - 22 * MM
        ys = [float(y1) for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
                                                  page[2])
              if top - 1 <= float(y0) and float(y1) <= bottom + 1]
        out.append((min(bottom, max(ys)) - top) / (bottom - top) if ys else 0.0)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated plan of 100 施策, built once (about 20 s)."""
    root = tmp_path_factory.mktemp("gen")
    src = write_plan(root / "source", 100)
    out = root / "out"
    assert main(["build", str(src), "-o", str(out), "--format", "pdf"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pdf = out / next(e["path"] for e in manifest["outputs"] if e["kind"] == "booklet")
    return src, out, pdf


def booklets(cli_builds, generated):
    yield "kiyose", cli_builds["kiyose"][1] / "kiyose-plan.pdf"
    yield "complete", next(cli_builds["complete"][1].glob("*.pdf"))
    yield "generated", generated[2]


def policy_starts(reader) -> dict[str, int]:
    return {title: page for level, title, page in outline_pages(reader)
            if level == 3 and title.startswith("施策")}


@pytest.mark.slow
def test_each_policy_opens_on_a_left_hand_page(cli_builds, generated):
    for name, pdf in booklets(cli_builds, generated):
        starts = policy_starts(PdfReader(pdf))
        assert starts, name
        for title, page in starts.items():
            assert page % 2 == 1, (name, title, page + 1)      # 0-based odd: an even page


@pytest.mark.slow
def test_no_page_is_nearly_empty_but_by_design(cli_builds, generated):
    """Under a quarter full only: 表2, the blank page before a part's title
    page or before the 計画の体系 (a spread), a part title page, the right
    half of a spread (designed white space) and the pages of a 施策 reported
    as too long (a draft)."""
    for name, pdf in booklets(cli_builds, generated):
        reader = PdfReader(pdf)
        marks = outline_pages(reader)
        parts = {p for level, t, p in marks
                 if level == 1 and (t.startswith("将来像") or t == "計画の体系")}
        starts = sorted(p for level, t, p in marks if level == 3 and t.startswith("施策"))
        for n, full in enumerate(fills(pdf)):
            if n < FRONT or n in parts or n + 1 in parts or full >= 0.25:
                continue
            if n - 1 in starts:                          # a spread's right half
                continue
            before = [s for s in starts if s < n]
            if before and n - before[-1] >= 2 and name == "generated":
                continue                                 # a 施策 run over its spread (draft)
            pytest.fail(f"{name}: page {n + 1} is {full:.0%} full: "
                        f"{reader.pages[n].extract_text()[:60]!r}")


@pytest.mark.slow
def test_short_indicator_tables_stay_on_one_page(generated):
    src, _, pdf = generated
    import yaml
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    texts = [re.sub(r"\s+", "", t) for t in text.split("\f")]
    checked = 0
    for f in sorted((src / "policies").glob("*.yaml")):
        p = yaml.safe_load(f.read_text(encoding="utf-8"))
        names = [i["name"] for i in p.get("indicators") or []]
        if 2 <= len(names) <= 3:
            pages = {n for n, t in enumerate(texts) for name in names if name in t}
            assert len(pages) == 1, (p["code"], pages)
            checked += 1
    assert checked >= 5


@pytest.mark.slow
def test_too_long_policy_is_reported_in_the_draft(generated):
    """A draft prints a run-over 施策 on a further spread and says so: the
    finding is in the check report with the 施策 and by how much."""
    _, out, _ = generated
    report = (out / "check-report.html").read_text(encoding="utf-8")
    found = re.findall(r"(施策 [\d-]+) は見開き（2 ページ）に収まりません。.+?約 (\d+) mm", report)
    assert len(found) >= 2 and all(int(mm) > 0 for _, mm in found)


def test_too_long_policy_is_an_error_of_check_and_build_final(complete_copy, tmp_path, capsys):
    path = complete_copy / "policies/111.yaml"
    line = "  困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。\n"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(line, (line + "\n") * 40, 1), encoding="utf-8")
    assert main(["check", str(complete_copy), "--final"]) == 1
    assert re.search(r"policies/111\.yaml:\d+: error\[layout-overflow\]: 施策.*約 \d+ mm",
                     capsys.readouterr().out)
    out = tmp_path / "out"
    assert main(["build", str(complete_copy), "-o", str(out), "--final", "--format", "pdf"]) == 1
    # the report and the manifest; the parts laid out are kept for the next run
    assert sorted(p.name for p in out.iterdir()) == [".cache", "check-report.html",
                                                     "manifest.json"]
    assert main(["build", str(complete_copy), "-o", str(out), "--format", "pdf"]) == 0  # draft


def test_one_page_per_policy_is_a_plan_choice(complete_copy, tmp_path):
    plan = complete_copy / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "layout: {policy_pages: 1}\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(complete_copy), "-o", str(out), "--format", "pdf"]) == 0
    reader = PdfReader(next(out.glob("*.pdf")))
    starts = sorted(policy_starts(reader).values())
    assert starts
    texts = [re.sub(r"\s+", "", p.extract_text()) for p in reader.pages]
    for page in starts:
        # the whole 施策 on its page: the 協働方針 is on the page of the title
        assert "市民と行政の協働方針" in texts[page]
    assert any(p % 2 == 0 for p in starts)       # not forced onto left-hand pages


@pytest.mark.slow
def test_figures_line_up_on_the_right(generated):
    """Indicator values are right-aligned in fixed-width digits: on each page
    every value of a column ends at the same x (the generated values are
    integers; decimals: tests/test_compose.py)."""
    _, _, pdf = generated
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    checked = 0
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.S):
        bottom = float(height) - 22 * MM
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                           r'([\d,.]+)</word>', body)
        # the values (10.5 pt), not the years' digits set apart by a 四分アキ (7.5 pt)
        values = [(float(x0), float(x1)) for x0, y0, x1, y1, w in words
                  if float(y0) < bottom and float(y1) - float(y0) > 9
                  and re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", w)]
        if len(values) < 4 or ">指標名<" not in body:
            continue
        ends = sorted(x1 for _, x1 in values)
        columns = [[ends[0]]]
        for x in ends[1:]:
            if x - columns[-1][-1] > 5:
                columns.append([])
            columns[-1].append(x)
        assert len(columns) == 2, ends          # the 現状値 column and the 目標値 column
        assert all(c[-1] - c[0] < 0.5 for c in columns), ends
        checked += 1
    assert checked >= 5
