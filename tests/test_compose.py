"""Japanese composition beyond the body's justification (issue 24), measured
on the PDFs of the Kiyose source, the complete test plan and a generated plan
of 60 施策: figures of the 目標指標 aligned on their decimal points with narrow
separators."""
import pdfplumber
import pytest

from planbook.present.values import figure

VALUE_SIZE = 10.5       # pt: the figures of the indicator tables (policy.css)


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
        with pdfplumber.open(pdf) as doc:
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
        with pdfplumber.open(pdf) as doc:
            for n, page in enumerate(doc.pages):
                for w in figures(page):
                    for a, b in zip(w, w[1:]):
                        if a["text"] == ",":
                            commas += 1
                            assert b["x0"] - a["x0"] < 0.4 * VALUE_SIZE, (name, n + 1)
    assert commas > 20


def test_figures_are_padded_to_their_column():
    def drawn(places, text):
        return ["~" + p.text if p.hidden else p.text for p in figure(text, places)]
    assert drawn(2, "1,250.5") == ["1", ",", "250", ".", "5", "~0"]
    assert drawn(2, "12") == ["12", "~.", "~00"]
    assert drawn(0, "12") == ["12"]
    assert drawn(2, "0.25") == ["0", ".", "25"]
    assert figure(None, 2) == ()
