"""The loader: the Kiyose source loads, and every class of staff mistake gives
a Japanese message naming the file (relative to the source folder) and line.
The mistakes staff make by hand are rows of tests/mistakes.py (run on both
plans by tests/test_mistakes.py); here, the rest: encodings, unsafe YAML,
wrong types, the years and lists the table does not hold."""
from pathlib import Path

import pytest

from planbook.findings import LoadFailed
from planbook.checking import load_plan
from planbook.walk import paragraphs

from conftest import SOURCE


def problems(source: Path):
    with pytest.raises(LoadFailed) as e:
        load_plan(source)
    return e.value.findings


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_kiyose_loads():
    plan = load_plan(SOURCE)
    assert plan.info.municipality == "清瀬市"
    assert [v.number for v in plan.concept.visions] == [1, 2, 3, 4]
    assert len(plan.goals()) == 12
    codes = [p.code for p in plan.policies]
    assert "412" not in codes and "411" in codes and len(codes) == 27
    written = {p.code for p in plan.policies if p.has_page}
    assert written == {"411", "421", "422", "431", "432", "441", "442"}


def test_paragraph_ids_are_stable_and_unique():
    plan = load_plan(SOURCE)
    ids = [p.id for _, p in paragraphs(plan)]
    assert len(ids) == len(set(ids))
    assert "411/directions/2/1" in ids
    assert "philosophy/lead/1" in ids and "goals/22/title" in ids


def test_paragraph_lines_point_into_the_file():
    plan = load_plan(SOURCE)
    for _, p in paragraphs(plan):
        src = (SOURCE / p.loc.file).read_text(encoding="utf-8").splitlines()
        first = p.text.split("[^")[0][:8]
        assert first in src[p.loc.line - 1], (p.id, p.loc, first)


def test_yaml_syntax_error(kiyose_copy):
    f = kiyose_copy / "policies/411.yaml"
    replace_in(f, "title: 産業・観光の振興", 'title: "産業・観光の振興')
    found = problems(kiyose_copy)
    assert found[0].file == "policies/411.yaml"
    assert "引用符" in found[0].message


def test_fullwidth_space_indent(kiyose_copy):
    f = kiyose_copy / "plan.yaml"
    replace_in(f, "period:", "　period:")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("plan.yaml", line_of(f, "period"))
    assert "全角スペース" in p.message


def test_wrong_type(kiyose_copy):
    f = kiyose_copy / "policies/441.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("directions:")
    end = text.index("indicators:")
    f.write_text(text[:start] + "directions: 産業\n" + text[end:], encoding="utf-8")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("policies/441.yaml", line_of(f, "directions:"))
    assert "リスト" in p.message


def test_impossible_year(kiyose_copy):
    f = kiyose_copy / "plan.yaml"
    replace_in(f, "end: 2035", "end: 20355")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("plan.yaml", line_of(f, "20355"))
    assert "ありえない年" in p.message


def test_shift_jis_file(kiyose_copy):
    f = kiyose_copy / "policies/442.yaml"
    f.write_bytes(f.read_text(encoding="utf-8").encode("cp932"))
    (p,) = problems(kiyose_copy)
    assert p.file == "policies/442.yaml" and p.line >= 1
    assert "Shift_JIS" in p.message and "UTF-8" in p.message


def test_bom_is_accepted(kiyose_copy):
    f = kiyose_copy / "policies/411.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    plan = load_plan(kiyose_copy)
    assert any(p.code == "411" and p.has_page for p in plan.policies)


def test_missing_file(kiyose_copy):
    (kiyose_copy / "concept.yaml").unlink()
    (p,) = problems(kiyose_copy)
    assert p.file == "concept.yaml" and "ありません" in p.message


def test_path_leaving_source(kiyose_copy):
    f = kiyose_copy / "artwork.yaml"
    replace_in(f, "image: null", "image: ../../etc/passwd")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("artwork.yaml", line_of(f, "../../etc/passwd"))
    assert "source フォルダの外" in p.message


def test_alias_bomb_is_refused(kiyose_copy):
    f = kiyose_copy / "plan.yaml"
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    f.write_text(f.read_text(encoding="utf-8") + bomb, encoding="utf-8")
    (p,) = problems(kiyose_copy)
    assert p.file == "plan.yaml" and "エイリアス" in p.message


def test_code_running_tag_is_refused(kiyose_copy):
    f = kiyose_copy / "plan.yaml"
    replace_in(f, "baseline_year: 2024", "baseline_year: !!python/object/apply:os.system ['true']")
    (p,) = problems(kiyose_copy)
    assert p.file == "plan.yaml" and "タグ" in p.message


def test_all_problems_reported_together(kiyose_copy):
    replace_in(kiyose_copy / "policies/421.yaml", "title: 清瀬の未来の創造", "title：清瀬の未来の創造")
    replace_in(kiyose_copy / "policies/431.yaml", "future:", "futur:")
    replace_in(kiyose_copy / "plan.yaml", "end: 2035", "end: 20355")
    found = problems(kiyose_copy)
    assert {p.file for p in found} == {"policies/421.yaml", "policies/431.yaml", "plan.yaml"}


def test_empty_value_is_not_written_yet(kiyose_copy):
    f = kiyose_copy / "policies/441.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("future:")
    end = text.index("directions:")
    f.write_text(text[:start] + "future:\n" + text[end:], encoding="utf-8")
    plan = load_plan(kiyose_copy)
    p = next(p for p in plan.policies if p.code == "441")
    assert p.future is None and p.has_page


def test_comments_written_as_comments_are_not_values(kiyose_copy):
    """README-style comments (a space after #), a # inside a quoted value or a
    URL stay as they are; only a # glued to a word after a blank is refused."""
    f = kiyose_copy / "policies/411.yaml"
    replace_in(f, "code: 411", "code: 411                   # 施策番号")
    replace_in(f, "title: 産業・観光の振興", 'title: "産業・観光の振興 #重点"')
    replace_in(f, "  summary: 市民と行政が", "  summary: https://example.jp/#a 市民と行政が")
    plan = load_plan(kiyose_copy)
    p = next(p for p in plan.policies if p.code == "411")
    assert p.title.text == "産業・観光の振興 #重点"
    assert p.collaboration.summary.text.startswith("https://example.jp/#a")


def test_a_value_that_starts_a_list_and_goes_on(kiyose_copy):
    f = kiyose_copy / "policies/411.yaml"
    replace_in(f, "title: 産業・観光の振興", "title: {重点}産業・観光の振興")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("policies/411.yaml", line_of(f, "{重点}"))
    assert 'title: "{重点}産業・観光の振興"' in p.message


@pytest.mark.parametrize("written, year", [("令和7", 2025), ("令和元年度", 2019), ("平成30年", 2018),
                                           ("H30", 2018), ("令和７", 2025)])
def test_japanese_years_are_answered_with_the_western_year(kiyose_copy, written, year):
    f = kiyose_copy / "plan.yaml"
    replace_in(f, "baseline_year: 2024", f"baseline_year: {written}")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("plan.yaml", line_of(f, "baseline_year"))
    assert f"{year} と書いてください" in p.message


def test_departments_written_as_one_string_with_a_comma(kiyose_copy):
    f = kiyose_copy / "policies/411.yaml"
    replace_in(f, "title: 産業・観光の振興", "title: 産業・観光の振興\ndepartments: 学校教育課,教育総務課")
    (p,) = problems(kiyose_copy)
    assert (p.file, p.line) == ("policies/411.yaml", line_of(f, "departments"))
    assert "departments: [学校教育課, 教育総務課]" in p.message


def test_one_department_and_lists_pass(kiyose_copy):
    f = kiyose_copy / "policies/411.yaml"
    replace_in(f, "title: 産業・観光の振興", "title: 産業・観光の振興\ndepartments: 産業振興課")
    replace_in(kiyose_copy / "policies/421.yaml", "title: 清瀬の未来の創造",
               "title: 清瀬の未来の創造\ndepartments: [都市計画課, 企画・財政課]")
    plan = load_plan(kiyose_copy)
    assert {p.code: p.departments for p in plan.policies if p.departments} == {
        "411": ("産業振興課",), "421": ("都市計画課", "企画・財政課")}


# -- artwork.yaml: alt and decorative ------------------------------------------

def test_artwork_alt_is_read_with_its_line(complete_copy):
    f = complete_copy / "artwork.yaml"
    replace_in(f, "  image: artwork/vision-3.png\n  alt: 川の流れる緑の野原に家と木が並び、三人の子どもが立つ絵\n",
               "  image: artwork/vision-3.png\n  decorative: true\n")
    art = {a.id: a for a in load_plan(complete_copy).artwork}
    alt = art["concept"].alt
    assert alt.text.startswith("青空と太陽の下") and alt.loc.line == line_of(f, "alt: 青空と太陽")
    assert art["concept"].decorative is False
    assert art["vision-3"].alt is None and art["vision-3"].decorative is True


def test_artwork_alt_and_decorative_together(complete_copy):
    f = complete_copy / "artwork.yaml"
    replace_in(f, "  alt: 青空と太陽の下", "  decorative: true\n  alt: 青空と太陽の下")
    (p,) = problems(complete_copy)
    assert (p.file, p.line) == ("artwork.yaml", line_of(f, "decorative: true"))
    assert "alt:" in p.message and "decorative: true" in p.message and "concept" in p.message


def test_artwork_alt_misspelt(complete_copy):
    f = complete_copy / "artwork.yaml"
    replace_in(f, "  alt: 青空と太陽の下", "  atl: 青空と太陽の下")
    (p,) = problems(complete_copy)
    assert (p.file, p.line) == ("artwork.yaml", line_of(f, "atl:"))
    assert "「alt」のことですか" in p.message
