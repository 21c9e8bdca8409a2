import math

from PIL import Image

from conftest import COMPLETE
from helpers import edit, findings
import pytest

from conftest import ROOT
from planbook.checks.artwork import slot_sizes
from planbook.slots import SlotError


def test_complete_plan_passes():
    assert findings(COMPLETE, "artwork") == []


def test_missing_file(complete_copy):
    edit(complete_copy / "artwork.yaml", "artwork/vision-1.png", "artwork/vison-1.png")
    (f,) = findings(complete_copy, "artwork")
    assert (f.file, f.line, f.severity) == ("artwork.yaml", 11, "error")
    assert "vison-1.png" in f.message and "ありません" in f.message


def _low_resolution(source):
    path = source / "artwork/vision-2.png"
    Image.open(path).resize((600, 420)).save(path)


def test_low_resolution_is_computed_from_the_slot_size(complete_copy, tmp_path):
    _low_resolution(complete_copy)
    assert findings(complete_copy, "artwork") == []          # the image itself is fine
    (f,) = findings(complete_copy, "artwork-resolution")
    assert (f.file, f.line) == ("artwork.yaml", 19)
    size = slot_sizes()["vision"]
    # fitted inside the slot, 600 × 420 px print at this many mm per pixel:
    mm_per_px = min(float(size["width_mm"]) / 600, float(size["height_mm"]) / 420)
    assert "600×420" in f.message and f"{25.4 / mm_per_px:.0f} dpi" in f.message
    # the pixels the printed size needs at 300 dpi, both sides
    needed = (math.ceil(600 * mm_per_px / 25.4 * 300), math.ceil(420 * mm_per_px / 25.4 * 300))
    assert f"{needed[0]}×{needed[1]} ピクセル以上" in f.message


def test_low_resolution_is_a_warning_in_a_draft_and_an_error_in_final(complete_copy):
    _low_resolution(complete_copy)
    (draft,) = findings(complete_copy, "artwork-resolution")
    (final,) = findings(complete_copy, "artwork-resolution", final=True)
    assert (draft.severity, final.severity) == ("warning", "error")
    assert draft.message == final.message


def test_style_yaml_changes_the_draft_only(complete_copy):
    """A FINAL check stays an error with --final whatever style.yaml says;
    `ignore:` with a reason silences one image in every mode."""
    _low_resolution(complete_copy)
    (complete_copy / "style.yaml").write_text(
        "checks:\n  artwork-resolution: {severity: 'off'}\n", encoding="utf-8")
    assert findings(complete_copy, "artwork-resolution") == []
    assert [f.severity for f in findings(complete_copy, "artwork-resolution", final=True)] == ["error"]
    (complete_copy / "style.yaml").write_text(
        "checks:\n  artwork-resolution: {severity: error}\n", encoding="utf-8")
    assert [f.severity for f in findings(complete_copy, "artwork-resolution")] == ["error"]
    (complete_copy / "style.yaml").write_text(
        "ignore:\n  - {check: artwork-resolution, text: vision-2.png, reason: 原画が小さい}\n",
        encoding="utf-8")
    assert findings(complete_copy, "artwork-resolution", final=True) == []


def test_resolution_limit_from_style_yaml(complete_copy):
    (complete_copy / "style.yaml").write_text("checks:\n  artwork-resolution: {min_dpi: 2000}\n",
                                              encoding="utf-8")
    assert len(findings(complete_copy, "artwork-resolution")) == 4
    assert findings(complete_copy, "artwork") == []


def test_an_unreadable_image_is_not_also_a_resolution_finding(complete_copy):
    (complete_copy / "artwork/vision-3.png").write_bytes(b"not a picture")
    assert len(findings(complete_copy, "artwork")) == 1
    assert findings(complete_copy, "artwork-resolution") == []


def test_undecodable(complete_copy):
    (complete_copy / "artwork/vision-3.png").write_bytes(b"not a picture")
    (f,) = findings(complete_copy, "artwork")
    assert "読めません" in f.message


def test_truncated_image(complete_copy):
    path = complete_copy / "artwork/vision-3.png"
    path.write_bytes(path.read_bytes()[:2000])
    (f,) = findings(complete_copy, "artwork")
    assert "読めません" in f.message


def test_unknown_and_unused_slots(complete_copy):
    edit(complete_copy / "concept.yaml", "artwork: vision-1", "artwork: vision-9")
    messages = [f.message for f in findings(complete_copy, "artwork")]
    assert any("vision-9" in m and "ありません" in m for m in messages)
    assert any("vision-1" in m and "使われていません" in m for m in messages)


def test_slot_sizes_come_from_the_layout_only(tmp_path):
    """One source of the sizes: the layout's slots.yaml; none is guessed."""
    import yaml
    data = yaml.safe_load((ROOT / "layouts/booklet/slots.yaml").read_text(encoding="utf-8"))
    assert slot_sizes()["vision"] == data["vision"]
    with pytest.raises(SlotError, match="slots.yaml"):
        slot_sizes(tmp_path)
