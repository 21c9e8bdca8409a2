"""The check report a person reads: one self-contained HTML page, the
findings grouped by 施策 / 基本目標 / other parts in the booklet's order, with
counts per severity and per check at the top. Each 施策's group names its
担当課, and the report can be read per department (a list with counts and
links, and a filter that shows one department's groups): the planning
section hands each department its findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import paths
from .checks import all_checks
from .findings import ERROR, INFO, WARNING, Finding
from .markup import plain_text
from .present import labels as L
from .render import typeset

SEVERITY_WORDS = {k: L.SEVERITY_WORDS[k] for k in (ERROR, WARNING, INFO)}


NO_DEPARTMENT = "担当課なし（計画全体・基本構想・作品・設定）"
UNSET = "担当課が書かれていない施策"


@dataclass
class Group:
    key: str
    heading: str
    order: tuple
    findings: list[Finding] = field(default_factory=list)
    departments: tuple[str, ...] = ()
    anchor: str = ""

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


def _title(p) -> str:
    return plain_text(p.text) if p is not None else "（名前未入力）"


def _places(plan) -> dict[str, tuple[tuple, str]]:
    """unit label -> (sort order, heading), in the booklet's order."""
    out = {"計画全体": ((0, 0), "計画全体（plan.yaml）"), "基本理念": ((1, 0), "基本理念"),
           "将来像": ((2, 0), "将来像")}
    if plan is None:
        return out
    for n, g in enumerate(plan.goals()):
        out[f"基本目標{g.code}"] = ((3, n), f"基本目標{g.code}　{_title(g.title)}")
    for n, p in enumerate(plan.policies):
        out[f"施策{p.code}"] = ((4, n), f"{plan.policy_label(p)}　{_title(p.title)}")
    out["作品"] = ((5, 0), "子どもたちの作品（artwork.yaml）")
    out["style.yaml"] = ((6, 0), "チェックの設定（style.yaml）")
    return out


def _unit(plan, f: Finding) -> str:
    if f.unit:
        return f.unit
    if f.file.startswith("policies/"):
        return f"施策{PurePosixPath(f.file).stem}"
    return {"plan.yaml": "計画全体", "artwork.yaml": "作品", "style.yaml": "style.yaml"}.get(f.file, "")


def _owners(plan) -> dict[str, tuple[str, ...]]:
    """unit label -> the 担当課 of that 施策."""
    if plan is None:
        return {}
    return {f"施策{p.code}": tuple(p.departments) for p in plan.policies}


def _shown(plan, unit: str, owners: dict) -> tuple[str, ...]:
    """What a group's 担当課 reads: its departments, or why there are none."""
    if owners.get(unit):
        return owners[unit]
    return (UNSET,) if unit in owners or unit.startswith("施策") else (NO_DEPARTMENT,)


def departments_of(plan, findings: list[Finding]) -> list[tuple[str, ...]]:
    """The 担当課 each finding goes to (none: the planning section's own)."""
    owners = _owners(plan)
    return [owners.get(_unit(plan, f), ()) for f in findings]


def all_departments(plan) -> list[str]:
    """Every 担当課 of the plan, in the city's order (plan.yaml), then as written."""
    if plan is None:
        return []
    return list(dict.fromkeys([*plan.info.departments, *(d for p in plan.policies for d in p.departments)]))


def by_department(plan, groups: list[Group]) -> list[tuple[str, list[Group], dict[str, int]]]:
    """(department, its groups, their counts) in the city's order (plan.yaml
    departments, then as they come), the groups without a department last."""
    order = list(dict.fromkeys(plan.info.departments)) if plan is not None else []
    out: dict[str, list[Group]] = {d: [] for d in order}
    for g in groups:
        for d in g.departments:
            out.setdefault(d, []).append(g)
    for last in (UNSET, NO_DEPARTMENT):
        if last in out:
            out[last] = out.pop(last)
    return [(d, gs, counts([f for g in gs for f in g.findings])) for d, gs in out.items() if gs]


def group_findings(plan, findings: list[Finding]) -> list[Group]:
    places = _places(plan)
    owners = _owners(plan)
    groups: dict[str, Group] = {}
    for f in findings:
        unit = _unit(plan, f)
        if unit in places:
            order, heading = places[unit]
        elif unit:
            order, heading = (7, unit), unit
        else:
            order, heading = (8, f.file), f.file or "全体"
        key = unit or f.file or "全体"
        groups.setdefault(key, Group(key, heading, order, departments=_shown(plan, unit, owners))).findings.append(f)
    rank = {ERROR: 0, WARNING: 1, INFO: 2}
    for g in groups.values():
        g.findings.sort(key=lambda f: (f.file, f.line, f.column, rank.get(f.severity, 3), f.code))
    out = sorted(groups.values(), key=lambda g: g.order)
    for n, g in enumerate(out, 1):
        g.anchor = f"g{n}"
    return out


def check_titles() -> dict[str, str]:
    titles = {m.ID: m.TITLE for m in all_checks()}
    titles.update({"internal-error": "チェックの内部エラー", "style-config": "style.yaml の設定"})
    return titles


def check_title(titles: dict[str, str], code: str) -> str:
    """What a check is, in words; the loader's findings (load-…) by their kind."""
    return titles.get(code) or ("読み込みの誤り" if code.startswith("load") else "")


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in (ERROR, WARNING, INFO)}


def render_report(plan, findings: list[Finding]) -> str:
    """The report of `findings` for `plan` (None when it could not be read), as HTML."""
    titles = check_titles()
    by_check: dict[str, dict[str, int]] = {}
    for f in findings:
        row = by_check.setdefault(f.code, {ERROR: 0, WARNING: 0, INFO: 0})
        row[f.severity] = row.get(f.severity, 0) + 1
    info = plan.info if plan is not None else None
    groups = group_findings(plan, findings)
    return typeset.template(paths.LAYOUTS, "report", "report.html").render(
        title=" ".join(x for x in ((info.municipality, info.title) if info else ()) if x),
        groups=groups, departments=by_department(plan, groups),
        counts=counts(findings), total=len(findings),
        by_check=sorted(by_check.items()), titles=titles, check_title=check_title, words=SEVERITY_WORDS,
        loaded=plan is not None)


def write_report(plan, findings: list[Finding], path: Path) -> None:
    """Write the report of `findings` for `plan` (None when it could not be read)."""
    Path(path).write_text(render_report(plan, findings), encoding="utf-8")
