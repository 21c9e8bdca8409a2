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
    assert (f.file, f.line, f.severity) == ("artwork.yaml", 10, "error")
    assert "vison-1.png" in f.message and "ありません" in f.message


def test_low_resolution_is_computed_from_the_slot_size(complete_copy, tmp_path):
    path = complete_copy / "artwork/vision-2.png"
    Image.open(path).resize((600, 420)).save(path)
    (f,) = findings(complete_copy, "artwork")
    size = slot_sizes()["vision"]
    # fitted inside the slot, 600 × 420 px print at this many mm per pixel:
    mm_per_px = min(float(size["width_mm"]) / 600, float(size["height_mm"]) / 420)
    assert "600×420" in f.message and f"{25.4 / mm_per_px:.0f} dpi" in f.message
    needed = math.ceil(600 * mm_per_px / 25.4 * 300)
    assert f"{needed}×" in f.message


def test_resolution_limit_from_style_yaml(complete_copy):
    (complete_copy / "style.yaml").write_text("checks:\n  artwork: {min_dpi: 2000}\n", encoding="utf-8")
    assert len(findings(complete_copy, "artwork")) == 4


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
