from conftest import COMPLETE, SOURCE
from helpers import edit, findings


def test_seed_doubled_phrase_is_found():
    (f,) = findings(SOURCE, "text-doubled")
    assert f.file == "policies/432.yaml" and "主導する主導する" in f.message
    assert f.severity == "warning"


def test_reduplication_is_not_reported(complete_copy):
    edit(complete_copy / "policies/111.yaml", "身近な場所で相談でき、",
         "身近な場所でますます相談でき、一人ひとりがそれぞれ、")
    assert findings(complete_copy, "text-doubled") == []


def test_complete_plan_passes():
    assert findings(COMPLETE, "text-doubled") == []
