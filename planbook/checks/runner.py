"""Runs every check, decides severity from style.yaml and the build mode."""
from __future__ import annotations

from ..findings import ERROR, WARNING, Finding
from ..model import Plan
from . import all_checks

SEVERITIES = ("error", "warning", "info", "off")


def _config(plan: Plan, check_id: str) -> dict:
    checks = plan.style.get("checks") if isinstance(plan.style, dict) else None
    conf = (checks or {}).get(check_id) or {}
    return conf if isinstance(conf, dict) else {}


def _silenced(plan: Plan) -> list[dict]:
    items = plan.style.get("ignore") if isinstance(plan.style, dict) else None
    return [i for i in (items or []) if isinstance(i, dict)]


def _is_silenced(finding: Finding, hit_key: str, rules: list[dict]) -> bool:
    for r in rules:
        if r.get("check") != finding.code or not str(r.get("reason", "")).strip():
            continue
        if "file" in r and r["file"] != finding.file:
            continue
        if "line" in r and int(r["line"]) != finding.line:
            continue
        if "text" in r and str(r["text"]) not in (hit_key or finding.message):
            continue
        return True
    return False


def run_checks(plan: Plan, final: bool = False) -> list[Finding]:
    rules = _silenced(plan)
    out: list[Finding] = []
    for mod in all_checks():
        conf = _config(plan, mod.ID)
        severity = conf.get("severity", mod.SEVERITY)
        if severity == "off":
            continue
        if final and getattr(mod, "FINAL", False):
            severity = ERROR
        options = dict(getattr(mod, "DEFAULTS", {}))
        options.update({k: v for k, v in conf.items() if k != "severity"})
        try:
            hits = list(mod.check(plan, options))
        except Exception as e:  # noqa: BLE001 - a broken check must not stop the others
            out.append(Finding(code=mod.ID, severity=ERROR,
                               message=f"チェック「{mod.ID}」が途中で止まりました（{type(e).__name__}: {e}）。"
                                       "style.yaml のこのチェックの設定を確かめてください。"))
            continue
        for hit in hits:
            f = Finding(code=mod.ID, message=hit.message,
                        file=hit.loc.file if hit.loc else "",
                        line=hit.loc.line if hit.loc else 0,
                        severity=severity, unit=hit.unit)
            if not _is_silenced(f, hit.key, rules):
                out.append(f)
    out.sort(key=lambda f: (f.severity != ERROR, f.file, f.line, f.code))
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


__all__ = ["run_checks", "has_errors", "WARNING", "ERROR"]
