"""Runs every check and turns its hits into findings.

Severity: the check's default, or style.yaml `checks: {<id>: {severity: …}}`
(error | warning | info | off). With --final a check marked FINAL (missing
content) is an error whatever style.yaml says. Limits: the check's DEFAULTS,
overridden under the same key; a value of the wrong kind is reported and the
default is used. Silencing: style.yaml `ignore: [{check, reason, file, line,
text}]` drops the findings of that check that match every given field; an
entry without a reason silences nothing, and an entry that no longer matches
anything is reported so it can be removed. A check that crashes gives an
`internal-error` finding naming it instead of a traceback.
"""
from __future__ import annotations

import difflib
import traceback

from ..findings import ERROR, INFO, WARNING, Finding
from ..model import Plan
from . import all_checks
from ._style import style_line

SEVERITIES = (ERROR, WARNING, INFO, "off")
IGNORE_KEYS = {"check", "reason", "file", "line", "text"}
CONFIG = "style-config"


def _style(plan: Plan, key: str):
    return plan.style.get(key) if isinstance(plan.style, dict) else None


def _suggest(word: str, choices) -> str:
    near = difflib.get_close_matches(str(word), list(choices), n=1)
    return f"「{near[0]}」のことですか？ " if near else ""


def _kind_ok(value, default) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list)
    return isinstance(value, type(default))


KIND_WORDS = {bool: "true か false", int: "数", float: "数", list: "リスト（[…]）", str: "文字列"}


class Settings:
    """The checks: and ignore: parts of style.yaml, checked on the way in."""

    def __init__(self, plan: Plan, mods):
        self.plan = plan
        self.problems: list[Finding] = []
        self.ids = {m.ID: m for m in mods}
        conf = _style(plan, "checks")
        if conf is not None and not isinstance(conf, dict):
            self._problem("checks は「チェックの id: {設定}」の形で書いてください。", "checks")
            conf = {}
        self.conf = conf or {}
        for cid in self.conf:
            if cid not in self.ids:
                self._problem(f"checks の「{cid}」というチェックはありません。{_suggest(cid, self.ids)}"
                              f"（あるもの: {'、'.join(sorted(self.ids))}）", "checks", cid)
        self.ignores = self._ignores()

    def _problem(self, message: str, *path) -> None:
        loc = style_line(self.plan, *path)
        self.problems.append(Finding(CONFIG, message, loc.file, loc.line,
                                     WARNING, "style.yaml"))

    def _ignores(self) -> list[tuple[int, dict]]:
        items = _style(self.plan, "ignore")
        if items is None:
            return []
        if not isinstance(items, list):
            self._problem("ignore は「- {check: …, reason: …}」の並び（リスト）で書いてください。", "ignore")
            return []
        out = []
        for n, r in enumerate(items):
            if not isinstance(r, dict):
                self._problem("ignore の項目は {check: …, file: …, reason: …} の形で書いてください。",
                              "ignore", n)
                continue
            for k in r:
                if k not in IGNORE_KEYS:
                    self._problem(f"ignore の「{k}」という項目はありません。{_suggest(k, IGNORE_KEYS)}"
                                  "（使えるもの: check、reason、file、line、text）", "ignore", n, k)
            if r.get("check") not in self.ids:
                self._problem(f"ignore の check「{r.get('check')}」というチェックはありません。"
                              f"{_suggest(r.get('check'), self.ids)}", "ignore", n)
            elif not str(r.get("reason") or "").strip():
                self._problem("ignore の項目に reason（止める理由）がないため、指摘を止めていません。"
                              "理由を書いてください。", "ignore", n)
            else:
                out.append((n, r))
        return out

    def severity(self, mod, final: bool) -> str:
        conf = self.conf.get(mod.ID)
        sev = conf.get("severity", mod.SEVERITY) if isinstance(conf, dict) else mod.SEVERITY
        if sev not in SEVERITIES:
            self._problem(f"checks.{mod.ID}.severity は error、warning、info、off のどれかです"
                          f"（いまは「{sev}」）。", "checks", mod.ID, "severity")
            sev = mod.SEVERITY
        if final and getattr(mod, "FINAL", False):
            return ERROR
        return sev

    def options(self, mod) -> dict:
        defaults = dict(getattr(mod, "DEFAULTS", {}))
        conf = self.conf.get(mod.ID) or {}
        if not isinstance(conf, dict):
            self._problem(f"checks.{mod.ID} は {{severity: warning}} のような形で書いてください。",
                          "checks", mod.ID)
            return defaults
        for k, v in conf.items():
            if k == "severity":
                continue
            if k not in defaults:
                known = "、".join(defaults) or "なし（severity だけ）"
                self._problem(f"checks.{mod.ID} に「{k}」という設定はありません。"
                              f"{_suggest(k, defaults)}（使えるもの: {known}）", "checks", mod.ID, k)
            elif not _kind_ok(v, defaults[k]):
                word = KIND_WORDS.get(type(defaults[k]), "値")
                self._problem(f"checks.{mod.ID}.{k} は{word}で書いてください（いまは「{v}」）。"
                              f"既定の {defaults[k]} を使います。", "checks", mod.ID, k)
            else:
                defaults[k] = v
        return defaults

    def silenced(self, f: Finding, key: str, used: set[int]) -> bool:
        for n, r in self.ignores:
            if r["check"] != f.code:
                continue
            if "file" in r and str(r["file"]).strip("/") != f.file:
                continue
            if "line" in r and str(r["line"]) != str(f.line):
                continue
            if "text" in r and str(r["text"]) not in key and str(r["text"]) not in f.message:
                continue
            used.add(n)
            return True
        return False


def _crash(mod, e: Exception, final: bool) -> Finding:
    frame = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    where = f"、{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Finding("internal-error", f"チェック「{mod.ID}」（{mod.TITLE}）が内部エラーで止まったため、"
                   f"このチェックの結果はありません（{type(e).__name__}: {e}{where}）。"
                   "planbook の担当者に知らせてください。", "", 0, ERROR if final else WARNING)


def run_checks(plan: Plan, final: bool = False) -> list[Finding]:
    mods = all_checks()
    settings = Settings(plan, mods)
    out: list[Finding] = []
    used: set[int] = set()
    active = set()
    for mod in mods:
        severity = settings.severity(mod, final)
        if severity == "off":
            continue
        active.add(mod.ID)
        options = settings.options(mod)
        try:
            found = []
            for hit in mod.check(plan, options):
                loc = hit.loc
                found.append((Finding(mod.ID, hit.message, loc.file if loc else "",
                                      loc.line if loc else 0, severity, hit.unit,
                                      getattr(loc, "column", 0), hit.excerpt, hit.span),
                               hit.key or ""))
        except Exception as e:  # noqa: BLE001 - a broken check must not stop the others
            out.append(_crash(mod, e, final))
            continue
        out += [f for f, key in found if not settings.silenced(f, key, used)]
    for n, r in settings.ignores:
        if n not in used and r["check"] in active:
            settings._problem(f"ignore の {n + 1} 番目（{r['check']}）に当てはまる指摘はもうありません。"
                              "直したのなら、この項目を消してください。", "ignore", n)
    out += settings.problems
    out.sort(key=lambda f: (f.severity != ERROR, f.file, f.line, f.column, f.code))
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


__all__ = ["run_checks", "has_errors", "WARNING", "ERROR"]
