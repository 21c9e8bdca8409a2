"""Runs every check and turns its hits into findings.

The settings come from the plan's typed style (style.yaml, validated by the
loader: a wrong setting never reaches this point). Severity (`severity_of`):
in a draft, `checks: {<id>: {severity: …}}` of style.yaml (error | warning |
info | off) when written, else the check's SEVERITY. With --final and in
`print`, a check marked FINAL (missing content, missing consent, artwork
below print resolution) is an error whatever style.yaml says: a press file
with 「未入力」 or a blurred picture must not be made by lowering a setting;
style.yaml's severity then only changes the draft, and one place is
silenced with `ignore:` and its reason. Every other check has the same
severity in every mode. Options: the check's DEFAULTS, overridden in style.yaml.
Silencing: `ignore: [{check, reason, file, line, text}]` drops the findings
of that check that match every given field; an entry that no longer matches
anything is reported (at its line in style.yaml) so it can be removed. A
check that crashes gives an `internal-error` finding naming it instead of a
traceback. What planbook adds to the booklet (labels, 和暦, numbers) is not
the checks' to know: the caller passes it (`printed`) for the checks that
look at everything printed (PRINTED: the fonts); planbook.checking.run_checks
passes the booklet's.
"""
from __future__ import annotations

import traceback
from types import MappingProxyType
from typing import Callable, Iterable

from ..findings import ERROR, WARNING, Finding
from ..model import STYLE_FILE, Ignore, Plan
from . import all_checks

CONFIG = "style-config"


def severity_of(mod, final: bool, configured: str | None = None) -> str:
    """The severity of a check's findings: in a draft the one style.yaml
    sets (`configured`) or the check's own; with --final and in `print`,
    error for a FINAL check (whatever style.yaml says)."""
    if final and getattr(mod, "FINAL", False):
        return ERROR
    return configured or mod.SEVERITY


def _settings(plan: Plan, mod, final: bool):
    """(severity, options) of a check."""
    conf = plan.style.checks.get(mod.ID)
    if conf is None:        # a plan made without the loader, or a check added since
        return severity_of(mod, final), MappingProxyType(dict(getattr(mod, "DEFAULTS", {})))
    return severity_of(mod, final, conf.severity), conf.options


def _matches(ig: Ignore, f: Finding, key: str) -> bool:
    return (ig.check == f.code
            and (ig.file is None or ig.file == f.file)
            and (ig.line is None or ig.line == f.line)
            and (ig.text is None or ig.text in key or ig.text in f.message))


def _crash(mod, e: Exception, final: bool) -> Finding:
    frame = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    where = f"、{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Finding("internal-error", f"チェック「{mod.ID}」（{mod.TITLE}）が内部エラーで止まったため、"
                   f"このチェックの結果はありません（{type(e).__name__}: {e}{where}）。"
                   "planbook の担当者に知らせてください。", "", 0, ERROR if final else WARNING)


def run_checks(plan: Plan, final: bool = False, *,
               printed: Callable[[Plan], Iterable[str]] | None) -> list[Finding]:
    """The findings of every check. `printed(plan)`: the strings planbook
    adds to the printed booklet, for the checks marked PRINTED (None: the
    plan's own text only)."""
    ignores = plan.style.ignore
    out: list[Finding] = []
    used: set[int] = set()
    active = set()
    for mod in all_checks():
        severity, options = _settings(plan, mod, final)
        if severity == "off":
            continue
        active.add(mod.ID)
        try:
            found = []
            hits = (mod.check(plan, options, printed) if getattr(mod, "PRINTED", False)
                    else mod.check(plan, options))
            for hit in hits:
                loc = hit.loc
                found.append((Finding(mod.ID, hit.message, loc.file if loc else "",
                                      loc.line if loc else 0, severity, hit.unit,
                                      getattr(loc, "column", 0), hit.excerpt, hit.span),
                               hit.key or ""))
        except Exception as e:  # noqa: BLE001 - a broken check must not stop the others
            out.append(_crash(mod, e, final))
            continue
        for f, key in found:
            hit = next((n for n, ig in enumerate(ignores) if _matches(ig, f, key)), None)
            if hit is None:
                out.append(f)
            else:
                used.add(hit)
    for n, ig in enumerate(ignores):
        if n not in used and ig.check in active:
            out.append(Finding(CONFIG, f"ignore の {n + 1} 番目（{ig.check}）に当てはまる指摘はもう"
                               "ありません。直したのなら、この項目を消してください。",
                               STYLE_FILE, ig.loc.line, WARNING, STYLE_FILE))
    out.sort(key=lambda f: (f.severity != ERROR, f.file, f.line, f.column, f.code))
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


__all__ = ["run_checks", "has_errors", "severity_of", "WARNING", "ERROR"]
