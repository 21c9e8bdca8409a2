"""The sheets a proof adds to the booklet's pages (layouts/proof/): the
summary on its first page — what changed since OLD, counted by kind and
listed item by item with its page, and what the checks found — and the
cover of each department's packet."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..diff.result import ADDED, CHANGED, KINDS, MOVED, REMOVED, SAME
from ..diff.view import caption
from ..findings import ERROR, WARNING
from ..present import labels as L
from ..present.labels import PROOF_KIND_WORDS, UNNUMBERED_PAGES, folio_number
from ..render import typeset

# The proof's words for each kind, in the order the summary counts them.
KIND_WORDS = {k: PROOF_KIND_WORDS[k] for k in KINDS}
ALWAYS = (CHANGED, ADDED, REMOVED, MOVED)
# The words of the summary page that the booklet or the 新旧対照表 prints too:
# its legend names the proof's marks as the margin prints them.
WORDS = {"removed": L.PROOF_REMOVED, "deleted_here": L.DELETED_HERE,
         "moved": L.moved_from("②"), "total": L.TOTAL, "no_changes": L.NO_CHANGES}
ANCHOR = "m:"
WEEKDAYS = "月火水木金土日"
MAX_FINDINGS = 40
WHOLE_PLAN = ("plan", "philosophy", "visions", "artwork")     # units never added or removed


@dataclass(frozen=True)
class Entry:
    """One change on the summary page."""
    kind: str            # changed, added, removed, moved, split, merged
    word: str            # 変更, 新設, 削除, 移動, 分割, 統合
    where: str           # 施策111 ＞ 施策推進の方向性 ① 相談窓口を…（②から移動）
    key: str             # the id of the paragraph or item
    pages: tuple[int, ...]   # booklet pages (1-based, in the PDF of the booklet)
    unit: str            # the unit's key: a 施策's code, goal 11, philosophy…

    @property
    def folios(self) -> str:
        return "、".join(folio(n) for n in self.pages) or "—"


def folio(page: int) -> str:
    """The number printed on booklet page `page` (1-based), or the name of a
    page that has none (表紙)."""
    n = folio_number(page)
    return UNNUMBERED_PAGES[page - 1] if n is None else f"p.{n}"


def anchor_pages(doc) -> dict[str, tuple[int, ...]]:
    """Pages (1-based) of each mark anchor (m:<key>) the proof laid out."""
    out: dict[str, list[int]] = {}
    for n, page in enumerate(doc.pages, 1):
        for name in page.anchors:
            if name.startswith(ANCHOR):
                out.setdefault(name[len(ANCHOR):], []).append(n)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def _items(comparison):
    """(kind, where, key, anchors, unit) of each change: one per row of the
    comparison, and one for a whole 施策 or 基本目標 added or removed."""
    for unit in comparison.units:
        if not unit.changed:
            continue
        if unit.kind in (ADDED, REMOVED) and unit.key not in WHOLE_PLAN:
            code = unit.key.split()[-1]
            goal = unit.key.startswith("goal ")
            if unit.kind == REMOVED:
                anchors = () if goal else (f"del:policy/{code}",)
            else:
                anchors = (f"goals/{code}/title",) if goal else (f"{code}/title",)
            yield unit.kind, unit.label, f"goals/{code}" if goal else code, anchors, unit.key
            continue
        for row in unit.rows:
            if row.kind != SAME:
                yield row.kind, caption(unit, row), row.key, row.anchors, unit.key


def entries(comparison, doc=None) -> list[Entry]:
    """The changes as the summary lists them, with their pages in `doc`."""
    pages = anchor_pages(doc) if doc is not None else {}
    out = []
    for kind, where, key, anchors, unit in _items(comparison):
        found = sorted({p for a in anchors for p in pages.get(a, ())})
        out.append(Entry(kind, KIND_WORDS[kind], where, key, tuple(found), unit))
    return out


def counts(items: list[Entry]) -> list[tuple[str, int]]:
    """(word, count) per kind: changed, added, removed, moved always, split
    and merged when any."""
    out = []
    for kind in KIND_WORDS:
        n = sum(e.kind == kind for e in items)
        if n or kind in ALWAYS:
            out.append((KIND_WORDS[kind], n))
    return out


def count_line(comparison) -> str:
    return "、".join(f"{word} {n}" for word, n in counts(entries(comparison)))


def findings_summary(findings) -> dict:
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    return {"errors": len(errors), "warnings": len(warnings),
            "lines": [f.format() for f in errors[:MAX_FINDINGS]],
            "more": max(0, len(errors) - MAX_FINDINGS)}


def deadline(date: str, return_by: str | None, days: int | None) -> str:
    """The return deadline as printed: 2026-11-08（日）, or ""."""
    if return_by:
        when = dt.date.fromisoformat(return_by)
    elif days is not None:
        when = dt.date.fromisoformat(date) + dt.timedelta(days=days)
    else:
        return ""
    return f"{when.isoformat()}（{WEEKDAYS[when.weekday()]}）"


def departments(plan) -> list[str]:
    """The departments in the city's order (plan.yaml `departments`), then
    the others in the order the 施策 name them first."""
    order = list(dict.fromkeys(plan.info.departments))
    for p in plan.policies:
        for d in p.departments:
            if d not in order:
                order.append(d)
    return order


def render(template: str, path: Path, layouts: Path, fonts: Path, **values) -> int:
    """A sheet of layouts/proof/ as PDF, in planbook's fonts only; its pages."""
    html = typeset.template(layouts, "proof", template).render(
        fonts=Path(fonts).resolve().as_uri(), **values)
    doc = typeset.render(html, None, fonts)
    typeset.write(doc, path)
    return len(doc.pages)
