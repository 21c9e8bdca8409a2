"""Paragraph ids carried from round to round (planbook.proofs.ids): inserting,
removing or moving paragraphs and directions never changes the ids of the
others, and a new one never takes an id used before."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import COMPLETE
from planbook.proofs import ids
from planbook.checking import load_plan
from planbook.markup import plain_text
from planbook.proofs.rounds import record_round
from planbook.walk import paragraphs


def _sub(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def by_text(plan) -> dict[str, str]:
    return {plain_text(p.text): p.id for _, p in paragraphs(plan)}


@pytest.fixture
def source(tmp_path):
    src = tmp_path / "source"
    shutil.copytree(COMPLETE, src)
    record_round(src, 1, "2026-11-01", tmp_path)
    return src


def test_without_a_round_the_ids_are_the_loaders(tmp_path):
    src = tmp_path / "source"
    shutil.copytree(COMPLETE, src)
    plan = load_plan(src)
    stable, record, warning = ids.stable(plan, 1)
    assert stable is plan and record == {"ids": {}, "retired_ids": []} and warning is None


def test_inserted_paragraph_and_direction_shift_no_id(source):
    before = by_text(load_plan(source))
    p = source / "policies"
    _sub(p / "121.yaml", "future: |\n", "future: |\n  新たに書き加えた最初の段落です。\n\n")
    _sub(p / "311.yaml", "directions:\n",
         "directions:\n  - title: 新しい方向性です\n    body: |\n      新しく加えた方向性の本文です。\n")
    _sub(p / "111.yaml", "      民生委員や自治会と協力し",
         "      間に加えた段落です。\n\n      民生委員や自治会と協力し")
    plan = load_plan(source)
    assert by_text(plan)["子育て世帯が地域の中で孤立することなく、安心して子どもを育てています。"] \
        == "121/future/2"                      # the loader's id moved on…
    stable, record, _ = ids.stable(plan, 2)
    after = by_text(stable)
    kept = {t: i for t, i in before.items() if t in after}
    assert {t: after[t] for t in kept} == kept           # …the printed one did not
    assert after["新たに書き加えた最初の段落です。"] == "121/future/3"
    assert after["新しい方向性です"] == "311/directions/5/title"
    assert after["新しく加えた方向性の本文です。"] == "311/directions/5/1"
    assert after["間に加えた段落です。"] == "111/directions/2/3"
    assert after["水産物の価値を高めます"] == "311/directions/1/title"      # printed ② now
    assert record["ids"]["311/directions/2/title"] == "311/directions/1/title"


def test_removed_ids_are_never_given_again(source, tmp_path):
    p = source / "policies"
    _sub(p / "311.yaml", "  - title: 担い手を育てます\n    body: |\n"
         "      新たに漁業を始める人を支援し、技術を学べる機会を設けます。\n", "")
    plan, record, _ = ids.stable(load_plan(source), 2)
    assert "311/directions/4/title" in record["retired_ids"]
    record_round(source, 2, "2026-11-15", tmp_path, extra=record)
    _sub(p / "311.yaml", "indicators:",
         "  - title: 漁港の安全を守ります\n    body: |\n      防波堤を点検します。\nindicators:")
    third, _, _ = ids.stable(load_plan(source), 3)
    assert by_text(third)["漁港の安全を守ります"] == "311/directions/5/title"
    meta = json.loads((source / "rounds/2/round.json").read_text(encoding="utf-8"))
    assert meta["retired_ids"] == record["retired_ids"]
    # a recorded round loads with the ids its proof printed
    assert by_text(ids.recorded(load_plan(source / "rounds/2"))) == by_text(plan)
