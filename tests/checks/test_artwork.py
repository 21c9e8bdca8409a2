from PIL import Image

from conftest import COMPLETE
from helpers import edit, findings


def test_complete_plan_passes():
    assert findings(COMPLETE, "artwork") == []


def test_missing_file(complete_copy):
    edit(complete_copy / "artwork.yaml", "artwork/vision-1.png", "artwork/vison-1.png")
    (f,) = findings(complete_copy, "artwork")
    assert f.file == "artwork.yaml" and f.line == 10 and "ありません" in f.message


def test_low_resolution(complete_copy):
    path = complete_copy / "artwork/vision-2.png"
    Image.open(path).resize((600, 420)).save(path)
    (f,) = findings(complete_copy, "artwork")
    assert "dpi" in f.message and "600×420" in f.message


def test_undecodable(complete_copy):
    (complete_copy / "artwork/vision-3.png").write_bytes(b"not a picture")
    (f,) = findings(complete_copy, "artwork")
    assert "読めません" in f.message


def test_unknown_and_unused_slots(complete_copy):
    edit(complete_copy / "concept.yaml", "artwork: vision-1", "artwork: vision-9")
    messages = [f.message for f in findings(complete_copy, "artwork")]
    assert any("vision-9" in m and "ありません" in m for m in messages)
    assert any("vision-1" in m and "使われていません" in m for m in messages)
