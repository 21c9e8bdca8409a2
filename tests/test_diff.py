"""The diff engine: per-character cleanup, list alignment, the structured
comparison of two plans and the per-paragraph changes the proof uses."""
from __future__ import annotations

import random
import shutil

import pytest
import yaml

from planbook.diff import SettingError, changes, compare
from planbook.diff.align import by_key, by_similarity
from planbook.diff.chars import diff
from planbook.diff.lines import plain
from planbook.diff.result import ADDED, CHANGED, MERGED, REMOVED, SAME, SPLIT
from planbook.diff.view import document, settings
from planbook.findings import LoadFailed
from planbook.checking import load_plan
from planbook.model import DiffConf, Loc
from test_diff_fixtures import INSERTED, NEW_BODY, NEW_TITLE, make_variants


def _changes(a: str, b: str) -> list[tuple[str, str]]:
    return [(a[o.i1:o.i2], b[o.j1:o.j2]) for o in diff(a, b) if o.tag != "equal"]


# -- per-character difference --------------------------------------------------

def test_kanji_change_widens_to_a_two_kanji_word():
    assert _changes("施策を推進します", "施策を促進します") == [("推進", "促進")]
    assert _changes("中小企業の創業を支援", "中小企業の起業を支援") == [("創業", "起業")]
    # not to the whole compound
    assert _changes("清瀬市創業支援等事業計画", "清瀬市創業応援等事業計画") == [("支援", "応援")]
    assert _changes("事業の推進", "事業者の推進") == [("", "者")]


def test_change_widens_to_katakana_word_and_whole_number():
    assert _changes("スマート農業の推進", "スマートシティの推進") == [("スマート農業", "スマートシティ")]
    assert _changes("目標は1,000件", "目標は1,200件") == [("1,000", "1,200")]


def test_changes_separated_by_one_or_two_characters_merge():
    # 機関→団体 and 連携→協力 are one change, not two scattered ones
    assert _changes("関係機関と連携し、支援", "関係団体と協力し、支援") == [("機関と連携", "団体と協力")]


def test_separate_changes_stay_separate():
    got = _changes("市民や来訪者が農業を身近に感じ", "多くの市民や観光客が農業を身近に感じ")
    assert got == [("", "多くの"), ("来訪者", "観光客")]


def test_insertion_slides_to_the_punctuation_boundary():
    assert _changes("連携し、各種施策に", "連携し、より一層、各種施策に") == [("", "より一層、")]
    assert _changes("連携し、より一層、各種施策に", "連携し、各種施策に") == [("より一層、", "")]


def test_hiragana_changes_are_not_widened():
    assert _changes("図ります。", "図りました。") == [("す", "した")]


def test_diff_covers_both_texts():
    a, b = "基本理念のもと、あらゆる施策を実行し", "基本理念に基づき、すべての施策を着実に実行し"
    ops = diff(a, b)
    assert "".join(a[o.i1:o.i2] for o in ops) == a
    assert "".join(b[o.j1:o.j2] for o in ops) == b
    assert diff("同じ", "同じ")[0].tag == "equal" and len(diff("同じ", "同じ")) == 1


def test_cleaned_diff_always_rebuilds_both_texts():
    rng = random.Random(7)
    alphabet = "あいうの、。推進促支援カタナ12,0ABー「」"
    for _ in range(2000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        b = list(a)
        for _ in range(rng.randint(1, 5)):
            k = rng.randint(0, len(b))
            if rng.random() < 0.5 and k < len(b):
                del b[k]
            else:
                b.insert(k, rng.choice(alphabet))
        b = "".join(b)
        ops = diff(a, b)
        assert "".join(a[o.i1:o.i2] for o in ops) == a
        assert "".join(b[o.j1:o.j2] for o in ops) == b
        for o, nxt in zip(ops, ops[1:]):
            assert (o.i2, o.j2) == (nxt.i1, nxt.j1)
            assert not (o.tag == nxt.tag == "equal")
        for o in ops:
            if o.tag == "equal":
                assert a[o.i1:o.i2] == b[o.j1:o.j2] and o.i2 > o.i1


V0, V1 = "\U000E0100", "\U000E0101"      # variation selectors: 辻 + V0 is the one-dot 辻


def test_a_variant_change_is_the_whole_character():
    assert _changes("辻さん", f"辻{V0}さん") == [("辻", f"辻{V0}")]
    assert _changes(f"辻{V1}さん", f"辻{V0}さん") == [(f"辻{V1}", f"辻{V0}")]
    assert _changes(f"辻{V0}さん", f"込{V0}さん") == [(f"辻{V0}", f"込{V0}")]


def test_no_change_cuts_a_character_from_its_selector():
    rng = random.Random(11)
    alphabet = ["辻", "葛", "あ", "い", "、", "A", f"辻{V0}", f"葛{V0}", f"辻{V1}"]
    for _ in range(1500):
        a = [rng.choice(alphabet) for _ in range(rng.randint(0, 12))]
        b = list(a)
        for _ in range(rng.randint(1, 4)):
            k = rng.randint(0, len(b))
            if rng.random() < 0.5 and k < len(b):
                del b[k]
            else:
                b.insert(k, rng.choice(alphabet))
        a, b = "".join(a), "".join(b)
        ops = diff(a, b)
        assert "".join(a[o.i1:o.i2] for o in ops) == a and "".join(b[o.j1:o.j2] for o in ops) == b
        for o in ops:
            for text, at in ((a, o.i1), (a, o.i2), (b, o.j1), (b, o.j2)):
                assert not (0 < at < len(text) and text[at] in (V0, V1)), (a, b, ops)


# -- alignment -------------------------------------------------------------------

def test_removed_item_does_not_shift_the_following_ones():
    old = ["市内中小企業の振興", "まちの活性化", "農業振興", "観光の振興"]
    new = ["市内中小企業の振興", "農業振興", "観光の振興", "新しい交流の場"]
    pairs = by_similarity(old, new, lambda a, b: 1.0 if a == b else 0.0)
    assert pairs == [("市内中小企業の振興", "市内中小企業の振興"), ("まちの活性化", None),
                     ("農業振興", "農業振興"), ("観光の振興", "観光の振興"),
                     (None, "新しい交流の場")]


def test_key_alignment_keeps_removed_items_in_place():
    pairs = by_key(["a", "b", "c"], ["a", "c", "d"], lambda x: x)
    assert pairs == [("a", "a"), ("b", None), ("c", "c"), (None, "d")]


# -- two versions of the test plan ---------------------------------------------

@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    return make_variants(tmp_path_factory.mktemp("variants"))


@pytest.fixture(scope="module")
def plans(variants):
    return load_plan(variants.old), load_plan(variants.new)


@pytest.fixture(scope="module")
def comparison(plans):
    return compare(*plans)


def test_exactly_the_four_changes(comparison, variants):
    rows = [(u.key, r.kind, r.section) for u, r in comparison.rows()]
    assert sorted(rows) == sorted([
        (variants.policy, REMOVED, "施策推進の方向性"),
        (variants.policy, ADDED, "施策推進の方向性"),
        (variants.policy, CHANGED, "目標指標"),
        (variants.edited_policy, CHANGED, "10年後の姿"),
    ])
    assert comparison.counts == {CHANGED: 2, ADDED: 1, REMOVED: 1}


def test_removed_direction_is_the_removed_one(comparison, variants):
    (unit, row), = [(u, r) for u, r in comparison.rows() if r.kind == REMOVED]
    title = row.lines[0]
    assert "".join(s.text for s in title.old) == variants.removed_title
    assert title.new is None and title.old_label == "②"
    assert row.key == f"{variants.policy}/directions/2"


def test_directions_after_the_removed_one_are_unchanged(comparison, variants):
    unit = next(u for u in comparison.units if u.key == variants.policy)
    dirs = [r for r in unit.rows if r.section == "施策推進の方向性"]
    kinds = [r.kind for r in dirs]
    assert kinds[1] == REMOVED and kinds[-1] == ADDED
    assert set(kinds[:1] + kinds[2:-1]) == {SAME}
    # ids shifted (③ became ②) but the row pairs the same direction
    shifted = dirs[2]
    assert (shifted.lines[0].old_label, shifted.lines[0].new_label) == ("③", "②")


def test_added_direction(comparison):
    (unit, row), = [(u, r) for u, r in comparison.rows() if r.kind == ADDED]
    assert "".join(s.text for s in row.lines[0].new) == NEW_TITLE
    assert "".join(s.text for s in row.lines[1].new) == NEW_BODY
    assert all(s.kind == CHANGED for ln in row.lines for s in ln.new)


def test_indicator_compared_field_by_field(comparison, variants):
    (unit, row), = [(u, r) for u, r in comparison.rows() if r.section == "目標指標"]
    assert row.changed_fields == ("target",)
    target = next(ln for ln in row.lines if ln.field == "target")
    old_changed = [s.text for s in target.old if s.kind == CHANGED]
    new_changed = [s.text for s in target.new if s.kind == CHANGED]
    assert old_changed == [f"{variants.old_target:,}"]
    assert new_changed == [f"{variants.new_target:,}"]


def test_edited_sentence_underlines_only_the_inserted_words(comparison):
    (unit, row), = [(u, r) for u, r in comparison.rows() if r.section == "10年後の姿"]
    line = row.lines[0]
    assert [s.text for s in line.new if s.kind == CHANGED] == [INSERTED]
    # the other side gets a gap as wide as the words, with no characters in it
    blanks = [(s.text, s.width) for s in line.old if s.kind == "blank"]
    assert blanks == [("", len(INSERTED))]
    assert not [s for s in line.old if s.kind == CHANGED]


def test_changes_for_the_proof(plans, variants):
    old, new = plans
    ch = changes(old, new)
    pn = next(p for p in new.policies if p.code == variants.policy)
    added = pn.directions[-1]
    assert ch.added == {added.title.id, added.body[0].id}
    assert ch.ids == {variants.edited_paragraph, added.title.id, added.body[0].id}
    edited = next(p for p in new.policies if p.code == variants.edited_policy).future[0]
    text = plain(edited)
    (start, end), = ch.ranges[variants.edited_paragraph]
    assert text[start:end] == INSERTED
    assert ch.ranges[added.title.id] == ((0, len(NEW_TITLE)),)
    assert ch.items == {pn.indicators[0].id: ("target",)}
    po = next(p for p in old.policies if p.code == variants.policy)
    assert ch.removed == {po.directions[1].title.id, po.directions[1].body[0].id}
    # the directions that moved up are not marked
    assert not any(ch.changed(d.title.id) for d in pn.directions[:-1])


def test_same_plan_has_no_changes(plans):
    old, _ = plans
    cmp = compare(old, old)
    assert cmp.rows() == [] and cmp.counts == {CHANGED: 0, ADDED: 0, REMOVED: 0}
    assert not cmp.changes.ids and not cmp.changes.items


def test_summary_counts_per_unit(comparison, variants, plans):
    doc = document(comparison, plans[1].info.title, "初校", "現在")
    counts = {s.label: (s.changed, s.added, s.removed) for s in doc.summary}
    by_unit = {u.key: u for u in comparison.units if u.changed}
    assert set(by_unit) == {variants.policy, variants.edited_policy}
    expected = {variants.policy: [1, 1, 1]}
    expected.setdefault(variants.edited_policy, [0, 0, 0])[0] += 1
    assert counts == {by_unit[k].label: tuple(v) for k, v in expected.items()}
    assert (doc.total.changed, doc.total.added, doc.total.removed, doc.total.total) == (2, 1, 1, 4)
    assert doc.unchanged_units == len(comparison.units) - len(expected)


def test_column_order_and_ryaku_in_the_view(comparison):
    old_new = document(comparison, "計画", "旧版", "新版")
    new_old = document(comparison, "計画", "旧版", "新版", order="new-old")
    assert old_new.columns == ("旧", "新") and new_old.columns == ("新", "旧")
    assert new_old.sources == (("新", "新版"), ("旧", "旧版"))
    for a, b in zip(old_new.sections, new_old.sections):
        for ra, rb in zip(a.rows, b.rows):
            assert ra.cells == rb.cells[::-1]
    ryaku = document(comparison, "計画", "旧版", "新版", unchanged="ryaku")
    marks = [r for s in ryaku.sections for r in s.rows if r.caption is None]
    assert marks and all(r.cells[0][0][0].text == "（略）" for r in marks)
    assert sum(1 for s in ryaku.sections for r in s.rows if r.caption) == 4


# -- other parts of the plan -----------------------------------------------------

def _edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def twin(variants, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(variants.old, old)
    shutil.copytree(variants.old, new)
    return old, new


def test_plan_facts_and_credits_compared(twin):
    old, new = twin

    def facts(d):
        d["title"] = d["title"] + "（改訂版）"
        d["period"]["end"] = d["period"]["end"] + 1
    _edit_yaml(new / "plan.yaml", facts)
    art = yaml.safe_load((old / "artwork.yaml").read_text(encoding="utf-8")) or {}
    if not art:
        pytest.skip("the test plan has no artwork credits")
    slot = next(iter(art))

    def credit(d):
        d[slot]["name"] = "山田 花子"
        d[slot]["consent"] = not d[slot].get("consent")
    _edit_yaml(new / "artwork.yaml", credit)
    cmp = compare(load_plan(old), load_plan(new))
    plan_rows = [r for u, r in cmp.rows() if u.key == "plan"]
    assert sorted(r.lines[0].field for r in plan_rows) == ["period", "title"]
    (unit, row), = [(u, r) for u, r in cmp.rows() if u.key == "artwork"]
    assert row.changed_fields == ("name", "consent") and row.key == f"artwork/{slot}"
    assert cmp.changes.items[f"artwork/{slot}"] == ("name", "consent")
    assert sorted(cmp.changes.items["plan"]) == ["period", "title"]


def test_replaced_image_is_a_change(twin):
    old, new = twin
    (old / "artwork").mkdir(exist_ok=True)
    (new / "artwork").mkdir(exist_ok=True)
    (old / "artwork" / "diff-test.png").write_bytes(b"\x89PNG old")
    (new / "artwork" / "diff-test.png").write_bytes(b"\x89PNG new")
    entry = {"image": "artwork/diff-test.png", "school": "テスト小学校", "grade": 3,
             "name": "試験 太郎", "reading": "しけん たろう", "consent": True}
    for src in (old, new):
        _edit_yaml(src / "artwork.yaml", lambda d: d.__setitem__("diff-test", entry))
    cmp = compare(load_plan(old), load_plan(new))
    (unit, row), = [(u, r) for u, r in cmp.rows() if u.key == "artwork"]
    assert row.changed_fields == ("image",)
    assert [s.text for s in row.lines[-1].new if s.kind == CHANGED] == ["（画像を差し替え）"]


def test_new_paragraph_in_a_text_field(twin, variants):
    old, new = twin
    path = new / "policies" / f"{variants.edited_policy}.yaml"

    def more(d):
        d["future"] = d["future"].rstrip("\n") + "\n\n新たに加えた段落です。\n"
    _edit_yaml(path, more)
    cmp = compare(load_plan(old), load_plan(new))
    (unit, row), = cmp.rows()
    assert row.kind == ADDED and row.section == "10年後の姿"
    assert cmp.changes.added == {row.lines[0].new_id}


def test_settings_from_style_and_arguments():
    nowhere = Loc("style.yaml", 0)
    assert settings(DiffConf(loc=nowhere), None, None) == ("old-new", "omit")
    style = DiffConf(loc=nowhere, order="new-old", unchanged="ryaku")
    assert settings(style, None, None) == ("new-old", "ryaku")
    assert settings(style, "old-new", "omit") == ("old-new", "omit")
    with pytest.raises(SettingError, match="列の順"):
        settings(DiffConf(loc=nowhere), "left-right", None)
    with pytest.raises(SettingError, match="変更のない部分"):
        settings(DiffConf(loc=nowhere), None, "hide")


def test_diff_settings_in_style_yaml_are_checked_at_load(twin):
    old, new = twin
    (new / "style.yaml").write_text("diff:\n  order: new-old\n  unchanged: ryaku\n", encoding="utf-8")
    assert settings(load_plan(new).style.diff, None, None) == ("new-old", "ryaku")
    (new / "style.yaml").write_text("diff:\n  order: left-right\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as e:
        load_plan(new)
    (f,) = e.value.findings
    assert (f.file, f.line) == ("style.yaml", 2) and "old-new" in f.message


def test_removed_and_added_policy(twin, variants):
    old, new = twin
    (new / "policies" / f"{variants.edited_policy}.yaml").unlink()
    cmp = compare(load_plan(old), load_plan(new))
    unit = next(u for u in cmp.units if u.key == variants.edited_policy)
    assert unit.kind == REMOVED and unit.rows
    assert {r.kind for r in unit.rows} == {REMOVED}
    assert [u.key for u in cmp.units if u.changed] == [variants.edited_policy]
    back = compare(load_plan(new), load_plan(old))
    unit = next(u for u in back.units if u.key == variants.edited_policy)
    assert unit.kind == ADDED and {r.kind for r in unit.rows} == {ADDED}
    assert document(back, "計画", "a", "b").sections[0].heading.endswith("（新設）")


# -- moves, splits and merges -------------------------------------------------------

def test_swapped_items_are_moves_not_delete_and_add():
    from planbook.diff.align import with_moves
    same = lambda a, b: 1.0 if a.rstrip("+") == b.rstrip("+") else 0.0   # noqa: E731
    pairs, moved = with_moves(["A", "B", "C"], ["B+", "A", "C"], same)
    assert pairs == [("B", "B+"), ("A", "A"), ("C", "C")] and moved == {0, 1}
    # a number that changed only because something before it went is no move
    pairs, moved = with_moves(["A", "B", "C"], ["A", "C"], same)
    assert pairs == [("A", "A"), ("B", None), ("C", "C")] and moved == set()
    pairs, moved = with_moves(["A", "B", "C"], ["B", "A", "C"], same, crossed=False)
    assert len(moved) == 1


def _paras(*texts):
    from planbook.model import Loc, Paragraph
    return [Paragraph(f"x/{n}", t, Loc("", 0)) for n, t in enumerate(texts, 1)]


def test_split_and_merged_paragraphs_are_one_line():
    from planbook.diff.lines import Builder, Recorder, group_paragraphs
    whole = "地元の水産物が広く知られ、港のにぎわいを目当てに多くの観光客が訪れています。"
    halves = ("地元の水産物が広く知られています。", "港のにぎわいを目当てに多くの観光客が訪れています。")
    groups = group_paragraphs(_paras(whole), _paras(*halves))
    assert [(len(o), len(n)) for o, n, _ in groups] == [(1, 2)]
    groups = group_paragraphs(_paras(*halves), _paras(whole))
    assert [(len(o), len(n)) for o, n, _ in groups] == [(2, 1)]
    rec = Recorder()
    (line,) = Builder(rec).text("future", _paras(whole), _paras(*halves), "x")
    assert line.kind == SPLIT and line.new_ids == ("x/1", "x/2")
    assert [s.kind for s in line.new].count("break") == 1
    assert rec.notes == {"x/1": "分割", "x/2": "分割"} and rec.pairs == {"x/1": "x/1"}
    rec = Recorder()
    (line,) = Builder(rec).text("future", _paras(*halves), _paras(whole), "x")
    assert line.kind == MERGED and rec.removed == {"x/2"}


def test_moved_paragraph_is_one_line_at_its_new_place():
    from planbook.diff.lines import Builder, Recorder
    a = "子育て世帯が地域の中で孤立することなく、安心して子どもを育てています。"
    b = "保育の受け皿が十分に整い、希望する人が働きながら子育てできています。"
    c = "放課後に子どもが安心して過ごせる居場所を、学校や地域と協力して整えます。"
    rec = Recorder()
    lines = Builder(rec).text("future", _paras(a, b, c), _paras(c, a, b), "x")
    assert [ln.kind for ln in lines] == ["moved", "", ""]
    assert rec.notes == {"x/1": "第3段落から移動"} and not rec.removed and not rec.added
