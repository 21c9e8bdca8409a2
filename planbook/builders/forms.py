"""The departments' forms: one Excel workbook per 担当課 (planbook.forms),
each with a sheet per 施策 it writes; read back by `planbook intake`."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from ..files import safe_name
from ..forms.fields import policy_fields
from ..forms.workbook import FormError, PolicyForm, write
from ..proofs.rounds import list_rounds
from ..reproducible import today
from ..suggest import closest
from . import Builder, BuildError, Output

NO_DEPARTMENT = "担当課未設定"


def departments(plan) -> list[str]:
    """The departments in the city's order (plan.yaml `departments`), then
    the others in the order the 施策 name them; NO_DEPARTMENT last for the
    施策 that name none."""
    order = [d for d in dict.fromkeys(plan.info.departments)
             if any(d in p.departments for p in plan.policies)]
    for p in plan.policies:
        for d in p.departments:
            if d not in order:
                order.append(d)
    if any(not p.departments for p in plan.policies):
        order.append(NO_DEPARTMENT)
    return order


def file_name(department: str, taken: set[str]) -> str:
    """`<department>.xlsx`, safe on every system, never the same for two."""
    base = safe_name(department)
    name, n = f"{base}.xlsx", 1
    while name.casefold() in taken:
        n += 1
        name = f"{base}-{n}.xlsx"
    taken.add(name.casefold())
    return name


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _match(plan, wanted: str) -> str | None:
    return next((d for d in departments(plan) if _key(d) == _key(wanted)), None)


def unknown_department(plan, wanted: str) -> str | None:
    """The message for a department no 施策 names, else None."""
    if _match(plan, wanted) is not None:
        return None
    names = departments(plan)
    near = closest(_key(wanted), names)
    return (f"担当課「{wanted}」の施策はありません。" + (f"「{near}」のことですか？" if near else "")
            + f"担当課は {'、'.join(names)} です（施策ファイルの departments）。")


class FormsBuilder(Builder):
    """Options: department (only that one's workbook; None: all)."""
    name = "forms"
    kind = "form"
    label = "記入様式（Excel）"

    def prepare(self) -> None:
        if not self.plan.policies:
            raise BuildError("施策が一つもないため、様式を作れません（policies/ に施策のファイルを置いてください）。")
        wanted = self.options.get("department")
        self.chosen = departments(self.plan) if wanted is None else [_match(self.plan, wanted)]

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        plan = self.plan
        rounds = list_rounds(plan.source_dir)
        last = rounds[-1] if rounds else None
        meta = {"title": plan.info.title or "", "date": today().isoformat(),
                "round": last.number if last else None, "round_name": last.name if last else None}
        contact = plan.info.proof.contact if plan.info.proof and plan.info.proof.contact else ""
        outputs, taken = [], set()
        for dept in self.chosen:
            policies = [p for p in plan.policies
                        if (dept in p.departments) or (dept == NO_DEPARTMENT and not p.departments)]
            forms = [PolicyForm(p.code, plan.policy_label(p).replace(" ", ""),
                                p.title.text if p.title else "", policy_fields(p)) for p in policies]
            path = Path(outdir) / file_name(dept, taken)
            try:
                write(path, dept, forms, meta, contact)
            except FormError as e:
                raise BuildError(f"{dept} の様式に、{e}。planbook check で場所を確かめて直してください。") from None
            outputs.append(Output(kind=self.kind, path=path,
                                  extra={"department": dept, "policies": [p.code for p in policies],
                                         "round": meta["round"]}))
        return outputs

    def finish(self, entries: list[dict]) -> list[str]:
        if NO_DEPARTMENT in self.chosen:
            return [f"担当課（departments）を書いていない施策は「{NO_DEPARTMENT}」の様式にまとめました。"
                    "施策ファイルに departments: [課名] を書くと、担当課ごとに分けて作ります。"]
        return []
