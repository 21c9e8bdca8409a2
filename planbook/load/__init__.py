"""source/ → one immutable `Plan`, or LoadFailed with every problem found."""
from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from types import ModuleType
from typing import Sequence

from .. import files, names
from .. import model as m
from ..findings import Finding, LoadFailed
from ..suggest import file_hint
from ..terminal import neutral
from . import progress as progress_files, specs, style
from .reader import ReadError, parse_yaml, read_source, read_yaml
from .schema import MISSING, Ctx

__all__ = ["load_plan", "LoadFailed"]


# A file read before with the same bytes gives the same value and findings
# (the preview reloads the whole source after each save): bytes digest ->
# (value, findings), for the files that loaded without errors.
_memo: dict[tuple, tuple] = {}


def _read(source: Path, rel: str, spec, findings: list[Finding], optional: bool = False):
    if optional and not _exists(source / rel):
        return None
    try:
        data = read_source(source, rel)
    except ReadError as e:
        findings.extend(replace(f, message=f.message + _rename_hint(source, rel))
                        if f.code == "load-missing-file" else f for f in e.findings)
        return MISSING
    key = (rel, id(spec), optional, hashlib.sha256(data).digest())
    if key in _memo:
        value, found = _memo[key]
        findings.extend(found)
        return value
    before = len(findings)
    value = _parse(source, rel, data, spec, findings, optional)
    if value is not MISSING:
        if len(_memo) > 4096:
            _memo.clear()
        _memo[key] = (value, findings[before:])
    return value


def _parse(source: Path, rel: str, data: bytes, spec, findings: list[Finding], optional: bool):
    try:
        node = parse_yaml(data, rel)
    except ReadError as e:
        findings.extend(replace(f, message=f.message + _rename_hint(source, rel))
                        if f.code == "load-missing-file" else f for f in e.findings)
        return MISSING
    if node is None:
        if optional:
            return None
        findings.append(Finding("load-empty-file", "ファイルが空です。", rel, 1))
        return MISSING
    ctx = Ctx(rel)
    value = spec.convert(node, ctx)
    findings.extend(ctx.findings)
    if value is None and not optional:          # `null` or `~` alone
        findings.append(Finding("load-empty-file", "ファイルに中身がありません（null だけです）。", rel, 1))
        return MISSING
    return value


def _exists(path: Path) -> bool:
    """Whether there is anything by that name (a broken link counts)."""
    return path.is_symlink() or path.exists()


def _natural(code: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", code)]


def _artwork(source: Path, raw, findings: list[Finding]) -> tuple[m.Artwork, ...]:
    out = []
    for slot, (value, _kloc) in (raw or {}).items():
        if value is None:
            value, loc, locs = {}, _kloc, {}
        else:
            value, loc, locs = value
        image, image_path = value.get("image"), None
        if image:
            try:
                if Path(image).is_absolute():
                    raise files.outside()
                image = files.nfc_match(source, image) or image
                image_path = files.resolve_in(source, image)
            except files.FileProblem as e:
                findings.append(Finding(
                    e.code, f"画像「{image}」: {e.message}"
                    "画像は source/artwork/ に置き、artwork/〜 のように書いてください。",
                    loc.file, locs.get("image", loc).line))
                continue
        out.append(m.Artwork(loc=loc, locs=locs, id=slot, image_path=image_path, **value))
    return tuple(out)


def _policy_files(source: Path, findings: list[Finding]) -> list[str]:
    """policies/*.yaml (and .yml), hidden files left out (macOS's ._111.yaml
    too); anything else in policies/ that is a file is reported."""
    try:
        pdir = files.folder_in(source, "policies")
        entries = sorted(os.listdir(pdir)) if pdir is not None else []
    except files.FileProblem as e:
        findings.append(Finding(e.code, e.message, "policies/", 0))
        return []
    except OSError as e:
        findings.append(Finding("load-unreadable", f"フォルダを読めません（{files.os_text(e)}）。",
                                "policies/", 0))
        return []
    out = []
    for name in entries:
        if files.is_hidden(name):
            continue
        wrong = names.problem(name, "ファイル名")
        if wrong:
            findings.append(Finding("load-file-name", wrong, f"policies/{names.visible(name)}", 0))
            continue
        if neutral(name, one_line=True) != name:
            findings.append(Finding("load-file-name", "ファイル名に使えない文字（制御文字、または UTF-8 で"
                                    "ない文字）があります。半角の数字で名前を付け直してください"
                                    "（例: 111.yaml）。", f"policies/{neutral(name, one_line=True)}", 0))
            continue
        if Path(name).suffix in (".yaml", ".yml"):
            out.append(f"policies/{name}")
        else:
            findings.append(_stray(source, pdir / name, name))
    return out


def _stray(source: Path, path: Path, name: str) -> Finding:
    """What policies/ holds that is not a 施策's file: never skipped in silence
    (a folder, a link to one, a link going nowhere or out of the source, a
    FIFO: nothing in it is read)."""
    rel = f"policies/{name}"
    try:
        files.resolve_in(source, path)
        mode = path.stat().st_mode
    except files.FileProblem as e:
        return Finding(e.code, e.message, rel, 0)
    except FileNotFoundError:
        return Finding("load-stray-file", "リンク先がないリンクです。消してください"
                       "（policies/ には施策の .yaml ファイルだけを置きます）。", rel, 0)
    except OSError as e:
        return Finding("load-unreadable", f"読めません（{files.os_text(e)}）。", rel, 0)
    if stat.S_ISDIR(mode):
        return Finding("load-stray-folder", "policies/ の中のフォルダ（またはフォルダへのリンク）は"
                       "読みません。施策のファイルは policies/ のすぐ下に置いてください。"
                       "使わないファイルは source の外に移してください。", rel, 0)
    kind = files.kind_of(mode)
    if kind:
        return Finding("load-not-file", f"普通のファイルではなく{kind}です。policies/ には施策の "
                       ".yaml ファイルだけを置いてください。", rel, 0)
    return Finding("load-stray-file", "policies/ には .yaml ファイルだけを置いてください。"
                   + _yaml_name_hint(name), rel, 0)


def _rename_hint(source: Path, rel: str) -> str:
    """For a missing plan.yaml next to a Plan.yaml or plan.yml: the file to rename."""
    near = file_hint(source, rel)
    if not near:
        return ""
    return f"{near.removesuffix('のことですか？')}というファイルがあります。名前を {rel} にしてください。"


def _yaml_name_hint(name: str) -> str:
    """For 111.YAML, 111.yaml.txt, 111.ｙａｍｌ: the name to give it."""
    norm = unicodedata.normalize("NFKC", name).lower()
    if ".yaml" not in norm and ".yml" not in norm:
        return ""
    stem = norm.split(".y")[0]
    return (f"施策のファイルなら、名前を {stem}.yaml にしてください（拡張子 .yaml は半角の小文字で、"
            "後ろに .txt などを付けません）。")


def _style(source: Path, mods: Sequence[ModuleType], findings: list[Finding]) -> m.Style | None:
    """style.yaml (optional), validated against the check modules' declarations."""
    rel = style.FILE
    if not _exists(source / rel):
        return style.defaults(mods)
    try:
        node = read_yaml(source, rel)
    except ReadError as e:
        findings.extend(e.findings)
        return None
    value, problems = style.convert(node, source, mods)
    findings.extend(problems)
    return value


def _defaults(info: m.PlanInfo, policies):
    """Fill indicator years from plan.yaml: baseline_year and the period's end."""
    base = info.baseline_year
    end = info.period.end if info.period else None
    out = []
    for p in policies:
        if p.indicators:
            inds = []
            for ind in p.indicators:
                b = ind.baseline or m.Measure(loc=ind.loc)
                t = ind.target or m.Measure(loc=ind.loc)
                inds.append(replace(ind, baseline=replace(b, year=b.year or base),
                                    target=replace(t, year=t.year or end)))
            p = replace(p, indicators=tuple(inds))
        out.append(p)
    return out


def _progress(source: Path, info, policies, findings: list[Finding]):
    """progress/<year>.yaml (optional): fiscal year -> its actual values."""
    years: dict[int, m.ProgressYear] = {}
    period = info.period if info is not MISSING else None
    for rel in progress_files.file_names(source, findings):
        year = progress_files.file_year(rel, period, findings)
        raw = _read(source, rel, progress_files.FILE, findings)
        if year is None or raw is MISSING or raw is None:
            continue
        if year in years:
            findings.append(Finding("load-duplicate-file", f"{year} 年度のファイルが二つあります"
                                    f"（{years[year].loc.file} と {rel}）。一つにしてください。", rel, 0))
            continue
        years[year] = progress_files.resolve(year, raw, policies, findings)
    return MappingProxyType(dict(sorted(years.items())))


def load_plan(source: str | Path, *, checks: Sequence[ModuleType],
              with_style: bool = True) -> m.Plan:
    """The plan of a source folder. `checks`: the check modules, whose
    declarations (ID, SEVERITY, OPTIONS, DEFAULTS: planbook.checks) say what
    style.yaml may set; planbook.checking.load_plan passes every check.
    `with_style=False` leaves style.yaml out (the checks' defaults): an older
    version compared in a 新旧対照表 is not checked, and its settings may
    predate the current checks."""
    source = Path(source)
    findings: list[Finding] = []
    if not source.is_dir():
        raise LoadFailed([Finding("load-missing-file",
                                  f"計画のフォルダ「{source}」がありません。", str(source), 0)])
    source = source.resolve()       # every path below is resolved against this, once
    info = _read(source, "plan.yaml", specs.PLAN, findings)
    concept = _read(source, "concept.yaml", specs.CONCEPT, findings)
    policies = []
    for rel in _policy_files(source, findings):
        p = _read(source, rel, specs.POLICY, findings)
        if p is not MISSING and p is not None:
            policies.append(p)
    raw_art = _read(source, "artwork.yaml", specs.ARTWORK_FILE, findings, optional=True)
    artwork = _artwork(source, raw_art if raw_art is not MISSING else None, findings)
    style_conf = _style(source, checks, findings) if with_style else style.defaults(checks)
    progress = _progress(source, info, policies, findings)
    if findings or info is MISSING or concept is MISSING or style_conf is None:
        raise LoadFailed(findings)
    policies.sort(key=lambda p: _natural(p.code))
    policies = _defaults(info, policies)
    return m.Plan(source_dir=source, info=info, concept=concept,
                  policies=tuple(policies), artwork=artwork,
                  style=style_conf, progress=progress,
                  unread=_unread(source, info, artwork))


# What a source folder holds that is read: the files at its top, policies/
# (all of it, or errors), the images artwork.yaml names, the ICC profile
# plan.yaml names, the round records (proof) and, by its planned name, progress/.
TOP = {"plan.yaml", "concept.yaml", "artwork.yaml", "style.yaml", "policies", "rounds", "progress"}
NAMED = ("artwork", "print")        # folders of which only the files named are read


def _unread(source: Path, info: m.PlanInfo, artwork) -> tuple[str, ...]:
    """Every entry of the source nothing reads (hidden ones aside): a name
    at the top planbook does not know, and in artwork/ and print/ what no
    setting names; a link to a folder is one entry, never followed."""
    named = {a.image_path for a in artwork if a.image_path is not None}
    if info.print is not None and info.print.icc_profile:
        try:
            named.add(files.resolve_in(source, info.print.icc_profile))
        except files.FileProblem:
            pass
    out: list[str] = []

    def visit(folder: Path, rel: str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if files.is_hidden(e.name):
                continue
            name = f"{rel}{neutral(e.name, one_line=True)}"
            if not rel and (e.name in TOP or e.name in NAMED and e.is_dir(follow_symlinks=False)):
                if e.name in NAMED:
                    visit(Path(e.path), f"{name}/", depth + 1)
                continue
            if e.is_dir(follow_symlinks=False) and rel and depth < 8:
                visit(Path(e.path), f"{name}/", depth + 1)     # (in artwork/, print/)
            elif e.is_dir(follow_symlinks=False):
                out.append(f"{name}/")
            elif e.is_symlink() and e.is_dir():
                out.append(f"{name}/")
            elif Path(e.path).resolve() not in named:
                out.append(name)
    visit(source, "", 0)
    return tuple(out)
