"""Names read from the source are NFC and visible (planbook.names): the
same department typed in NFC and NFD is one department, an invisible
formatting character never reaches a file name, a file named in NFD on
disk is found under its NFC name."""
from __future__ import annotations

import unicodedata

import pytest

from planbook import files, names
from planbook.checking import load_plan, run_checks
from planbook.findings import LoadFailed

NFD = unicodedata.normalize("NFD", "子ども家庭課")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_department_in_nfc_and_nfd(complete_copy):
    _edit(complete_copy / "policies/111.yaml", "departments: [福祉課]", "departments: [子ども家庭課]")
    _edit(complete_copy / "policies/112.yaml", "departments: [福祉課, 健康推進課]", f"departments: [{NFD}]")
    plan = load_plan(complete_copy)
    depts = {d for p in plan.policies for d in p.departments}
    assert NFD != "子ども家庭課" and "子ども家庭課" in depts and NFD not in depts


@pytest.mark.parametrize("ch", ["\u202e", "\u200b", "\u2066", "\ufeff", "\u00ad"])
def test_invisible_characters_are_refused_in_departments(complete_copy, ch):
    _edit(complete_copy / "policies/111.yaml", "departments: [福祉課]", f"departments: [福祉{ch}課]")
    with pytest.raises(LoadFailed) as e:
        load_plan(complete_copy)
    (f,) = e.value.findings
    assert (f.file, f.line, f.code) == ("policies/111.yaml", 5, "load-invisible-character")
    assert f"福祉〔U+{ord(ch):04X}〕課" in f.message and ch not in f.message


def test_a_file_name_never_holds_an_invisible_character():
    name = files.safe_name(f"福祉\u202e課{NFD}")
    assert name == "福祉_課子ども家庭課" and not any(names.invisible(c) for c in name)


def test_a_file_named_in_nfd_on_disk_is_found(tmp_path):
    (tmp_path / unicodedata.normalize("NFD", "がっこう")).mkdir()
    (tmp_path / unicodedata.normalize("NFD", "がっこう") / unicodedata.normalize("NFD", "ぶどう.png")).write_bytes(b"")
    found = files.nfc_match(tmp_path, "がっこう/ぶどう.png")
    assert found == unicodedata.normalize("NFD", "がっこう/ぶどう.png")
    assert (tmp_path / found).is_file()
    assert files.nfc_match(tmp_path, "がっこう/ぶとう.png") is None


def test_an_image_near_miss_gets_a_did_you_mean(complete_copy):
    (complete_copy / "artwork/concept.png").rename(complete_copy / "artwork" / unicodedata.normalize("NFD", "ぶどう.png"))
    _edit(complete_copy / "artwork.yaml", "artwork/concept.png", "artwork/ぶとう.png")
    (f,) = [f for f in run_checks(load_plan(complete_copy)) if f.code == "artwork"]
    assert "「artwork/ぶとう.png」がありません" in f.message and "「artwork/ぶどう.png」のことですか" \
        in unicodedata.normalize("NFC", f.message)


def test_ignore_names_a_file_written_in_nfd_on_disk(complete_copy):
    (complete_copy / "policies/111.yaml").rename(complete_copy / "policies" / unicodedata.normalize("NFD", "111 ぎ.yaml"))
    (complete_copy / "style.yaml").write_text(
        "ignore:\n  - {check: text-sentence, file: policies/111 ぎ.yaml, reason: 原文どおり}\n", encoding="utf-8")
    style = load_plan(complete_copy).style
    assert style.ignore[0].file == "policies/" + unicodedata.normalize("NFD", "111 ぎ.yaml")
