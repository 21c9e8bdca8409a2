"""style.yaml → the typed `Style`, validated like every other source file.

Each check module declares its settings beside its ID (`OPTIONS`: name →
schema type, `DEFAULTS`: name → value); `checks:` is validated against
them, so an unknown check id, an unknown option, a value of the wrong type
or a severity that does not exist stops the load (exit 2) with the line and
a 「…のことですか？」 suggestion. `dictionary:` patterns are compiled and their
`specs` run here; `ignore:` entries need an existing check, a reason and,
when they name a file, a file of the source folder.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from types import MappingProxyType, ModuleType

import yaml

from .. import files, names
from .. import model as m
from .. import wordrules
from ..suggest import file_hint, hint
from .schema import MISSING, Ctx, Enum, F, Int, ListOf, Name, Record, Str, Type

FILE = m.STYLE_FILE
SEVERITIES = ("error", "warning", "info", "off")


def _suggest(word: str, choices) -> str:
    return hint(word, choices)


def _unknown_check(word: str, ids) -> str:
    return (f"「{word}」というチェックはありません。{_suggest(word, ids)}"
            f"（あるもの: {', '.join(sorted(ids))}）")


# -- checks: ---------------------------------------------------------------

def check_fields(mod: ModuleType) -> dict[str, F]:
    """The keys style.yaml accepts under `checks.<id>`: severity and the options."""
    fields = {"severity": F(Enum(*SEVERITIES))}
    fields.update({name: F(t) for name, t in getattr(mod, "OPTIONS", {}).items()})
    return fields


def default_conf(mod: ModuleType, loc: m.Loc = m.NOWHERE) -> m.CheckConf:
    return m.CheckConf(loc=loc, id=mod.ID, severity=mod.SEVERITY,
                       options=MappingProxyType(dict(getattr(mod, "DEFAULTS", {}))))


def _check_record(mod: ModuleType) -> Record:
    def build(values, loc, locs, ctx, present):
        options = dict(getattr(mod, "DEFAULTS", {}))
        options.update({k: v for k, v in values.items() if k != "severity" and v is not None})
        return m.CheckConf(loc=loc, locs=locs, id=mod.ID,
                           severity=values["severity"] or mod.SEVERITY,
                           options=MappingProxyType(options))
    return Record(check_fields(mod), build, label="項目の組（例: {severity: warning}）")


class Checks(Type):
    """`checks:`: check id → its settings."""
    label = "項目の組（チェックの id: 設定）"

    def __init__(self, mods: list[ModuleType]):
        self.mods = {mod.ID: mod for mod in mods}
        self.records = {mod.ID: _check_record(mod) for mod in mods}

    def convert_value(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong(node, ctx, "例: checks: {text-sentence: {max_length: 100}}")
        out: dict[str, m.CheckConf] = {}
        for k, v in node.value:
            cid = names.nfc(str(k.value).strip()) if isinstance(k, yaml.ScalarNode) else ""
            wrong = names.problem(cid, "チェックの id ")
            if wrong:
                ctx.error(k, "load-invisible-character", wrong)
                continue
            if cid not in self.mods:
                ctx.error(k, "load-unknown-check", "checks の" + _unknown_check(cid, self.mods))
                continue
            if cid in out:
                ctx.error(k, "load-duplicate-key", f"「{cid}」が二度書かれています。")
                continue
            if self._moved(cid, v, ctx):
                continue
            ctx.path.append(cid)
            conf = self.records[cid].convert(v, ctx)
            ctx.path.pop()
            if conf is None:
                conf = default_conf(self.mods[cid], ctx.loc(k))
            if conf is not MISSING:
                out[cid] = conf
        return out


    def _moved(self, cid: str, node, ctx) -> bool:
        """An option written under another check than the one that has it
        (`artwork: {min_dpi: …}`, since min_dpi belongs to artwork-resolution)."""
        if not isinstance(node, yaml.MappingNode):
            return False
        found = False
        for k, _ in node.value:
            name = str(k.value).strip() if isinstance(k, yaml.ScalarNode) else ""
            if name == "severity" or name in getattr(self.mods[cid], "OPTIONS", {}):
                continue
            owners = [i for i, mod in self.mods.items() if name in getattr(mod, "OPTIONS", {})]
            if owners:
                ctx.error(k, "load-unknown-key", f"「{name}」は {cid} ではなく {owners[0]} の設定です。"
                          f"checks: の下の {owners[0]}: に移してください（例: checks: {{{owners[0]}: "
                          f"{{{name}: …}}}}）。")
                found = True
        return found


# -- dictionary: -----------------------------------------------------------

class Pattern(Str):
    label = "正規表現（文字列）"

    def convert_value(self, node, ctx):
        text = super().convert_value(node, ctx)
        if text is MISSING or not text:
            return text or None
        try:
            rx = wordrules.compile_pattern(text)
        except wordrules.PatternError as e:
            ctx.error(node, "load-regex", f"dictionary のパターン「{text}」を正規表現として読めません"
                      f"（{e}）。記号をそのまま探すなら、記号の前に \\ を付けてください。")
            return MISSING
        return m.DictPattern(loc=ctx.loc(node), source=text, rx=rx)


class Patterns(ListOf):
    """One pattern or a list of them; MISSING when any of them is wrong."""

    def __init__(self):
        super().__init__(Pattern())

    def convert_value(self, node, ctx):
        before = len(ctx.findings)
        value = super().convert_value(node, ctx)
        return MISSING if len(ctx.findings) > before else value


def _spec(values, loc, locs, ctx, present):
    if values["from"] is None or values["to"] is None:
        ctx.error(loc.line, "load-dictionary-spec", "specs の項目には from（直す前）と "
                  "to（直した後）の両方を書いてください。")
        return MISSING
    return m.DictSpec(loc=loc, locs=locs, before=values["from"], after=values["to"])


SPEC = Record({"from": F(Str()), "to": F(Str())}, _spec, label="項目の組（from: …, to: …）")


def _run_specs(rule: m.DictRule, ctx: Ctx) -> None:
    """Each spec of the rule through its patterns. All the specs of the file
    share one time budget (wordrules.BUDGET): once it is spent, the first
    spec not run is reported (an error: the rules are not known to work)."""
    budget = ctx.__dict__.setdefault("budget", wordrules.Budget())
    for spec in rule.specs:
        if getattr(ctx, "budget_reported", False):
            return
        got = spec.before
        try:
            for p in rule.patterns:
                got = budget.run(lambda timeout, p=p, got=got:
                                 wordrules.apply(p.rx, rule.expected, got, timeout))
        except TimeoutError as e:
            if getattr(e, "cut", False) or budget.spent():
                ctx.budget_reported = True
                ctx.error(spec.loc.line, "load-dictionary-spec", f"dictionary の specs の照合に、持ち時間"
                          f"（{wordrules.BUDGET} 秒）を使い切りました。ここから後の specs は確かめていません。"
                          "時間のかかるパターン（同じ文字の繰り返しを入れ子にしたもの。例: (a|aa)+）を見直してください。")
                return
            ctx.error(spec.loc.line, "load-dictionary-spec", f"specs の「{spec.before}」の照合が"
                      "時間内に終わりませんでした。パターンを見直してください。")
            continue
        if got != spec.after:
            ctx.error(spec.loc.line, "load-dictionary-spec",
                      f"dictionary の specs が合いません: 「{spec.before}」を直すと「{got}」になり、"
                      f"「{spec.after}」になりません。パターンか specs を直してください。")


def _rule(values, loc, locs, ctx, present):
    missing = [k for k in ("expected", "patterns") if not values[k]]
    if missing:
        ctx.error(loc.line, "load-missing-key", "dictionary の項目には expected（正しい書き方）と "
                  f"patterns（直す書き方）が必要です（{'・'.join(missing)} がありません）。")
        return MISSING
    rule = m.DictRule(loc=loc, locs=locs, expected=values["expected"],
                      patterns=tuple(values["patterns"]), note=values["note"] or None,
                      specs=tuple(values["specs"] or ()))
    _run_specs(rule, ctx)
    return rule


DICT_RULE = Record({
    "expected": F(Str()),
    "patterns": F(Patterns()),
    "note": F(Str()),
    "specs": F(ListOf(SPEC)),
}, _rule, label="項目の組（expected: …, patterns: …）")


# -- ignore: ---------------------------------------------------------------

class CheckId(Str):
    label = "チェックの id"

    def __init__(self, ids):
        self.ids = ids

    def convert_value(self, node, ctx):
        v = super().convert_value(node, ctx)
        if isinstance(v, str) and v not in self.ids:
            ctx.error(node, "load-unknown-check", "ignore の check の" + _unknown_check(v, self.ids))
            return MISSING
        return v


class SourceFile(Name):
    """A file of the source folder, written relative to it (policies/411.yaml)."""
    label = "source フォルダの中のファイル（例: policies/411.yaml）"

    def __init__(self, source: Path):
        super().__init__()
        self.source = source

    def convert_value(self, node, ctx):
        v = super().convert_value(node, ctx)
        if not isinstance(v, str) or not v:
            return v
        path = PurePosixPath(v.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in v:
            ctx.error(node, "load-path-outside", f"ignore の file「{v}」は source フォルダの中の"
                      "ファイルを、source からの位置で書いてください（例: policies/411.yaml）。")
            return MISSING
        try:
            path = PurePosixPath(files.nfc_match(self.source, str(path)) or path)
            files.locate(self.source, path)
        except files.FileProblem as e:
            if e.code != "load-missing-file":
                ctx.error(node, e.code, f"ignore の file「{v}」: {e.message}")
                return MISSING
            ctx.error(node, "load-ignore", f"ignore の file「{v}」というファイルは source フォルダに"
                      f"ありません。{file_hint(self.source, str(path))}ファイル名を確かめてください。")
            return MISSING
        return str(path)


def _ignore(values, loc, locs, ctx, present):
    if not values["check"]:
        ctx.error(loc.line, "load-ignore", "ignore の項目には check（止めるチェックの id）が必要です。")
        return MISSING
    if not values["reason"]:
        ctx.error(loc.line, "load-ignore", f"ignore の項目（{values['check']}）に reason"
                  "（指摘を止める理由）がありません。理由を書いてください。")
        return MISSING
    return m.Ignore(loc=loc, locs=locs, **values)


def _ignore_record(source: Path, ids) -> Record:
    return Record({
        "check": F(CheckId(ids)),
        "reason": F(Str()),
        "file": F(SourceFile(source)),
        "line": F(Int(1, 1_000_000)),
        "text": F(Str()),
    }, _ignore, label="項目の組（check: …, reason: …）")


# -- diff: and the whole file ---------------------------------------------

DIFF = Record({
    "order": F(Enum("old-new", "new-old")),
    "unchanged": F(Enum("omit", "ryaku")),
}, lambda values, loc, locs, ctx, present: m.DiffConf(
    loc=loc, locs=locs, **{k: v for k, v in values.items() if v is not None}))


def style_spec(source: Path, mods: list[ModuleType]) -> Record:
    """The fields of style.yaml for these check modules."""
    def build(values, loc, locs, ctx, present):
        checks = {mod.ID: default_conf(mod) for mod in mods}
        checks.update(values["checks"] or {})
        return m.Style(loc=loc, locs=locs, checks=MappingProxyType(checks),
                       dictionary=tuple(values["dictionary"] or ()),
                       ignore=tuple(values["ignore"] or ()),
                       diff=values["diff"] or m.DiffConf(loc=m.NOWHERE))
    return Record({
        "checks": F(Checks(mods)),
        "dictionary": F(ListOf(DICT_RULE)),
        "ignore": F(ListOf(_ignore_record(source, {mod.ID for mod in mods}))),
        "diff": F(DIFF),
    }, build)


def defaults(mods: list[ModuleType]) -> m.Style:
    """The style of a plan without style.yaml."""
    return m.Style(loc=m.NOWHERE,
                   checks=MappingProxyType({mod.ID: default_conf(mod) for mod in mods}))


def convert(root, source: Path, mods: list[ModuleType]) -> tuple[m.Style | None, list]:
    """The Style of a composed style.yaml (None: empty file), and the problems."""
    ctx = Ctx(FILE)
    ctx.path = [FILE]
    value = style_spec(source, mods).convert(root, ctx) if root is not None else None
    if value is None and not ctx.findings:
        value = defaults(mods)
    return (None if value is MISSING else value), ctx.findings
