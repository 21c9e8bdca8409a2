from conftest import COMPLETE, SOURCE
from helpers import edit, findings, run_check

WORK = """\
vision-1:
  image: artwork/vision-1.png
  alt: {alt}
  school: みなと野第二小学校
  grade: 3
  name: 森 大和
  reading: もり やまと
  consent: true
"""


def test_complete_plan_passes_even_final():
    assert findings(COMPLETE, "artwork-alt", final=True) == []


def test_missing_alt_warns_in_a_draft_and_is_an_error_final(complete_copy):
    edit(complete_copy / "artwork.yaml", "  alt: 夕焼け色の空の下、川沿いに並ぶ家と木の前に三人の子どもが立つ絵\n", "")
    (f,) = findings(complete_copy, "artwork-alt")
    assert (f.file, f.line, f.severity) == ("artwork.yaml", 11, "warning")
    assert "「vision-1」" in f.message and "alt: 海辺で遊ぶ子どもたちと灯台の絵" in f.message
    assert "decorative: true" in f.message
    (f,) = findings(complete_copy, "artwork-alt", final=True)
    assert (f.file, f.line, f.severity) == ("artwork.yaml", 11, "error")


def test_decorative_needs_no_alt(complete_copy):
    edit(complete_copy / "artwork.yaml", "  alt: 夕焼け色の空の下、川沿いに並ぶ家と木の前に三人の子どもが立つ絵\n",
         "  decorative: true\n")
    assert findings(complete_copy, "artwork-alt", final=True) == []


def test_slot_without_image_still_needs_alt():
    found = run_check("artwork-alt", {"artwork.yaml": "vision-1:\n  image: null\n  consent: null\n"})
    assert [(f.file, f.line) for f in found] == [("artwork.yaml", 2)]


def test_kiyose_draft_warns_for_every_work():
    found = findings(SOURCE, "artwork-alt")
    assert found and all(f.severity == "warning" and f.file == "artwork.yaml" for f in found)


def test_alt_that_says_nothing():
    for alt in ("絵", "画像。", "作品", "vision-1.png", "artwork/vision-1.png", "Vision-1"):
        (f,) = run_check("artwork-alt", {"artwork.yaml": WORK.format(alt=alt)})
        assert (f.file, f.line) == ("artwork.yaml", 3) and "伝わりません" in f.message, alt
    assert run_check("artwork-alt", {"artwork.yaml": WORK.format(alt="海辺の絵")}) == []
