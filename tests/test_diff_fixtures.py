"""Two versions of the test plan that differ by exactly four changes, shared
by the 新旧対照表 and round tests (and a check that they are what they claim)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from planbook.checking import load_plan
from planbook.markup import plain_text

HERE = Path(__file__).resolve().parent
COMPLETE = HERE / "fixtures" / "complete"
KIYOSE = HERE.parent / "source"

INSERTED = "より一層、"
NEW_TITLE = "新たな交流の場をつくります"
NEW_BODY = "地域の誰もが気軽に集える交流の場を新たに設け、その運営を支援します。"


def base_source() -> Path:
    """The complete test plan (the Kiyose source until it exists)."""
    return COMPLETE if (COMPLETE / "plan.yaml").exists() else KIYOSE


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=10000), encoding="utf-8")


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _no_notes(d: dict) -> bool:
    return "[^" not in _text(d.get("title")) + _text(d.get("body"))


@dataclass
class Variants:
    old: Path
    new: Path
    policy: str                 # the 施策 whose directions and indicator change
    removed_title: str          # plain title of the removed direction
    edited_policy: str          # the 施策 whose 10年後の姿 got the edited sentence
    edited_paragraph: str       # its paragraph id
    old_target: object
    new_target: object


def _pick(policies: Path) -> tuple[Path, Path]:
    """A 施策 with three or more directions (the second citing no note) and a
    施策 (it may be the same) whose 10年後の姿 has a 、 in its first paragraph."""
    main = other = None
    for path in sorted(policies.glob("*.yaml")):
        data = _read(path)
        dirs = data.get("directions") or []
        future = _text(data.get("future"))
        if main is None and len(dirs) >= 3 and _no_notes(dirs[1]):
            main = path
            if other is None:
                continue
        if other is None and "、" in future.split("\n\n")[0] and "[^" not in future:
            other = path
    if main is not None and other is None:
        data = _read(main)
        other = main if "、" in _text(data.get("future")).split("\n\n")[0] else None
    assert main is not None and other is not None, "test plan lacks suitable 施策"
    return main, other


def make_variants(tmp: Path) -> Variants:
    """old/ and new/ under `tmp`; new differs from old by exactly: an edited
    sentence, a removed direction, an added direction, a changed target."""
    old, new = tmp / "old", tmp / "new"
    shutil.copytree(base_source(), old, ignore=shutil.ignore_patterns("rounds"))
    main, other = _pick(old / "policies")
    data = _read(main)
    inds = data.get("indicators") or []
    if not inds:                 # give the base plan an indicator to change
        inds = [{"name": "交流拠点の利用者数", "unit": "人",
                 "baseline": {"value": 1200, "year": 2024},
                 "target": {"value": 1500, "year": 2035}, "direction": "up"}]
        data["indicators"] = inds
    target = inds[0].setdefault("target", {}) or {}
    inds[0]["target"] = target
    if not isinstance(target.get("value"), (int, float)):
        target["value"] = 1500
    _write(main, data)
    shutil.copytree(old, new)

    ndata = _read(new / "policies" / main.name)
    removed = ndata["directions"].pop(1)
    ndata["directions"].append({"title": NEW_TITLE, "body": NEW_BODY + "\n"})
    old_target = ndata["indicators"][0]["target"]["value"]
    ndata["indicators"][0]["target"]["value"] = old_target + 100
    _write(new / "policies" / main.name, ndata)

    odata = _read(new / "policies" / other.name)
    paras = odata["future"].split("\n\n")
    k = paras[0].index("、") + 1
    paras[0] = paras[0][:k] + INSERTED + paras[0][k:]
    odata["future"] = "\n\n".join(paras)
    _write(new / "policies" / other.name, odata)
    return Variants(old, new, str(ndata["code"]), plain_text(removed["title"]),
                    str(odata["code"]), f"{odata['code']}/future/1",
                    old_target, old_target + 100)


def test_variants_load_and_differ(tmp_path):
    v = make_variants(tmp_path)
    old, new = load_plan(v.old), load_plan(v.new)
    po = next(p for p in old.policies if p.code == v.policy)
    pn = next(p for p in new.policies if p.code == v.policy)
    assert len(pn.directions) == len(po.directions)
    assert [plain_text(d.title.text) for d in pn.directions][-1] == NEW_TITLE
    assert pn.indicators[0].target.value == v.new_target != po.indicators[0].target.value


def edit_every_direction(source: Path) -> int:
    """Insert INSERTED after the first 、 of every direction body that has one
    (a 新旧対照表 of many pages); returns how many directions changed."""
    n = 0
    for path in sorted((source / "policies").glob("*.yaml")):
        data = _read(path)
        changed = False
        for d in data.get("directions") or []:
            body = _text(d.get("body"))
            if "、" in body:
                k = body.index("、") + 1
                d["body"] = body[:k] + INSERTED + body[k:]
                changed = True
                n += 1
        if changed:
            _write(path, data)
    return n
