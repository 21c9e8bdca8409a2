"""Proofreading rounds: what each proof printed, kept so the next round can be
compared with it.

Record format (lives in the repository, committed by staff, so it survives a
fresh clone):

    source/rounds/<N>/           one folder per round, N = 1, 2, 3…
      round.json                 {"round": N, "name": "初校", "date": "2026-11-01",
                                  "git_revision": "<commit or null>",
                                  "git_dirty": false, "uncommitted": [],
                                  "files": ["plan.yaml", "concept.yaml", …],
                                  "images": {"artwork/vision-4.png": "<sha256>"},
                                  "ids": {"411/directions/2/1": "411/directions/3/1"},
                                  "retired_ids": ["411/directions/2/title", …]}
      plan.yaml, concept.yaml, artwork.yaml, style.yaml (if any), policies/*.yaml
                                 exact copies of the source as printed
    source/rounds/<N>-replaced-<K>/
                                 an earlier record of round N, kept when the
                                 round was recorded again with --force

A recorded round is never overwritten: recording round N again stops
(RoundError naming the record) unless `force`, and then the earlier record is
moved beside it, not deleted.

`ids` maps the paragraph ids the loader gives (by position) to the ids the
proof printed, where they differ; `retired_ids` lists every id printed in an
earlier round and gone since, so it is never given to another paragraph
(planbook.proofs.ids).

The images are not copied (they are large and rarely change); their sha256 is
kept so a replaced image still shows in the 新旧対照表. A round folder is itself
a source folder: `load_plan("source/rounds/1")` loads the plan as printed. The
loader reads only the named files and policies/*.yaml, so it never sees
source/rounds/.

Round names: 1 初校, 2 再校, 3 三校, N ≥ 4 第N校 (念校 and 校了 are announced by
the planning section; they are statuses, not numbers).

OLD in `planbook diff OLD NEW` and `proof --against OLD` is resolved by
`resolve_source`: `round:N` or `N` (a recorded round), `git:REV` (the source
folder at a git revision), or a folder path.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .. import files as safe
from .. import reproducible
from ..checking import load_plan
from . import gitrev

ROUNDS = "rounds"
ROUND_FILE = "round.json"
TOP_FILES = ("plan.yaml", "concept.yaml", "artwork.yaml", "style.yaml")
_NAMES = {1: "初校", 2: "再校", 3: "三校"}
_ROUND_REF = re.compile(r"(?:round:)?(\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RoundError(Exception):
    """A round or revision that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Round:
    number: int
    name: str
    date: str
    path: Path
    git_revision: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name}（{self.date}）" if self.date else self.name


def round_name(number: int) -> str:
    return _NAMES.get(number, f"第{number}校")


def check_number(number) -> int:
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise RoundError(f"校正の回（--round）は 1 以上の整数で指定してください（いまは {number}）。"
                         "1 が初校、2 が再校、3 が三校です。")
    return number


def check_date(date: str | dt.date | None) -> str:
    """A real calendar date as YYYY-MM-DD (today when None)."""
    if date is None:
        return reproducible.today().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    text = str(date).strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise RoundError(f"日付（--date）「{date}」は使えません。実在する日付を YYYY-MM-DD の形で"
                         "書いてください（例: 2026-11-01）。") from None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _images(plan) -> dict[str, str]:
    """sha256 of every image the plan uses (artwork.yaml's `image:`, as the
    loader resolved it inside the source) and of the files in artwork/."""
    root = Path(plan.source_dir).resolve()
    paths = set()
    art = root / "artwork"
    if art.is_dir():
        paths |= {p.resolve() for p in art.rglob("*") if p.is_file() and not p.name.startswith(".")}
    for a in plan.artwork:
        if a.image_path and Path(a.image_path).is_file():
            paths.add(Path(a.image_path).resolve())
    return {p.relative_to(root).as_posix(): _sha256(p) for p in sorted(paths)
            if p.is_relative_to(root)}


def _source_files(source_dir: Path) -> list[str]:
    """The plan's own YAML files: regular files inside the source, hidden
    ones (macOS ._111.yaml) left out, as the loader reads them."""
    def regular(rel: str) -> bool:
        try:
            safe.locate(source_dir, rel)
        except safe.FileProblem:
            return False
        return True
    names = [f for f in TOP_FILES if regular(f)]
    pdir = source_dir / "policies"
    if pdir.is_dir():
        names += [f"policies/{p.name}" for p in sorted(pdir.iterdir())
                  if not safe.is_hidden(p.name) and p.suffix in (".yaml", ".yml")
                  and regular(f"policies/{p.name}")]
    return names


def round_folder(source_dir: Path, number: int) -> Path:
    return Path(source_dir) / ROUNDS / str(number)


@dataclass
class Recording:
    """A round ready to be recorded: the files' contents as they were read
    for the proof, and round.json. `place()` puts it in source/rounds/N/;
    `undo()` takes it back out (a later step failed)."""
    number: int
    dest: Path
    files: dict[str, bytes]
    meta: dict
    force: bool = False
    replaced: Path | None = None        # where the earlier record was moved
    placed: bool = False
    uncommitted: list[str] = field(default_factory=list)

    def place(self) -> Path:
        dest = self.dest
        if dest.exists() and not self.force:
            raise RoundError(existing_message(dest, self.number))
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{self.number}-", dir=dest.parent))
        try:
            for rel, data in self.files.items():
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                (tmp / rel).write_bytes(data)
            (tmp / ROUND_FILE).write_text(json.dumps(self.meta, ensure_ascii=False, indent=2)
                                          + "\n", encoding="utf-8")
            if dest.exists():
                self.replaced = _aside(dest)
                os.rename(dest, self.replaced)
            os.rename(tmp, dest)
            self.placed = True
        except BaseException:
            if self.replaced is not None and not dest.exists():
                os.rename(self.replaced, dest)
                self.replaced = None
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return dest

    def undo(self) -> None:
        if not self.placed:
            return
        shutil.rmtree(self.dest, ignore_errors=True)
        if self.replaced is not None:
            os.rename(self.replaced, self.dest)
            self.replaced = None
        elif not any(self.dest.parent.iterdir()):
            self.dest.parent.rmdir()            # the rounds/ folder this record made
        self.placed = False


def _aside(dest: Path) -> Path:
    k = 1
    while (dest.parent / f"{dest.name}-replaced-{k}").exists():
        k += 1
    return dest.parent / f"{dest.name}-replaced-{k}"


def existing_message(dest: Path, number: int) -> str:
    r = read_round(dest)
    when = f"（{r.date}）" if r and r.date else ""
    return (f"{round_name(number)}{when}の記録がすでにあります: {dest}。記録した回は上書きしません。"
            f"別の回にするときは --round に次の番号を、この回を作り直すときは --force を付けてください"
            f"（以前の記録は {dest.name}-replaced-1 のように残します）。")


def prepare_record(plan, number: int, date, repo_root: Path | None = None,
                   force: bool = False, extra: dict | None = None) -> Recording:
    """Read what round `number` records, without writing anything; refuses
    (RoundError) when the round is recorded already, unless `force`."""
    number = check_number(number)
    date = check_date(date)
    source_dir = Path(plan.source_dir)
    dest = round_folder(source_dir, number)
    if dest.exists() and not force:
        raise RoundError(existing_message(dest, number))
    files = {rel: (source_dir / rel).read_bytes() for rel in _source_files(source_dir)}
    root = repo_root if repo_root is not None else gitrev.repo_root(source_dir)
    revision = gitrev.head(root) if root else None
    dirty = gitrev.uncommitted(root, source_dir) if revision else []
    meta = {"round": number, "name": round_name(number), "date": date,
            "git_revision": revision, "git_dirty": bool(dirty), "uncommitted": dirty,
            "files": list(files), "images": _images(plan), **(extra or {})}
    return Recording(number, dest, files, meta, force, uncommitted=dirty)


def record_round(source_dir: Path, number: int, date: dt.date | str | None,
                 repo_root: Path | None = None, force: bool = False,
                 extra: dict | None = None) -> Path:
    """Record the source as round `number` in source/rounds/<number>/ and
    return the folder. A recorded round is never overwritten: RoundError
    unless `force` (the earlier record is then kept beside it)."""
    source_dir = Path(source_dir)
    if not (source_dir / "plan.yaml").is_file():
        raise RoundError(f"{source_dir} に plan.yaml がありません。計画のフォルダを指定してください。")
    rec = prepare_record(load_plan(source_dir, with_style=False), number, date, repo_root,
                         force, extra)
    return rec.place()


def read_round(folder: Path) -> Round | None:
    """The round recorded in `folder`, or None when it is not a round record."""
    meta = read_meta(folder)
    try:
        number = int(meta["round"])
    except (KeyError, TypeError, ValueError):
        return None
    return Round(number, meta.get("name") or round_name(number), meta.get("date") or "",
                 Path(folder), meta.get("git_revision"))


def read_meta(folder: Path) -> dict:
    try:
        meta = json.loads((Path(folder) / ROUND_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def list_rounds(source_dir: Path) -> list[Round]:
    """The recorded rounds (source/rounds/<N>/), earlier records replaced by
    --force left out."""
    base = Path(source_dir) / ROUNDS
    found = [read_round(p) for p in base.iterdir() if p.is_dir() and p.name.isdigit()] \
        if base.is_dir() else []
    return sorted((r for r in found if r is not None and str(r.number) == r.path.name),
                  key=lambda r: r.number)


def image_digests(plan) -> dict[str, str]:
    """sha256 per image path as written in artwork.yaml: from round.json for a
    recorded round (its images are not copied), else from the files."""
    meta = read_meta(plan.source_dir)
    if meta:
        images = meta.get("images")
        return dict(images) if isinstance(images, dict) else {}
    out = {}
    for art in plan.artwork:
        if art.image and art.image_path and Path(art.image_path).is_file():
            out[art.image] = _sha256(Path(art.image_path))
    return out


def _source_dir(repo_root: Path | None, source_dir: Path | None) -> Path:
    if source_dir is not None:
        return Path(source_dir)
    return Path(repo_root or ".") / "source"


@contextmanager
def resolve_source(ref: str, repo_root: Path | None = None,
                   source_dir: Path | None = None) -> Iterator[Path]:
    """The source folder OLD names: `round:N` / `N`, `git:REV`, or a folder.

    A git revision is extracted into a temporary folder that is removed when
    the context ends. `repo_root`: the repository (found from the source
    folder when None)."""
    src = _source_dir(repo_root, source_dir)
    m = _ROUND_REF.fullmatch(ref.strip())
    if m:
        yield _recorded(src, int(m.group(1)))
        return
    if ref.startswith("git:"):
        root = repo_root if repo_root is not None else gitrev.repo_root(src)
        try:
            with gitrev.at_revision(ref[4:].strip(), root, src) as path:
                yield path
        except gitrev.GitError as e:
            raise RoundError(str(e)) from None
        return
    path = Path(ref)
    if not path.is_dir():
        raise RoundError(f"比較元「{ref}」が見つかりません。round:1 のような記録済みの回、"
                         "git:HEAD~1 のような git のリビジョン、または計画のフォルダを指定してください。")
    yield path


def _recorded(source_dir: Path, number: int) -> Path:
    folder = round_folder(source_dir, number)
    if read_round(folder) is None:
        known = "、".join(f"{r.number}（{r.name}）" for r in list_rounds(source_dir))
        raise RoundError(f"{round_name(number)}（第{number}回）の記録がありません"
                         f"（{folder}）。記録済みの回: {known or 'なし'}。")
    return folder


def describe(ref: str, repo_root: Path | None = None, source_dir: Path | None = None) -> str:
    """A label for the 新旧対照表 header: 初校（2026-11-01）, git HEAD~1（abc1234）…"""
    src = _source_dir(repo_root, source_dir)
    m = _ROUND_REF.fullmatch(ref.strip())
    if m:
        r = read_round(round_folder(src, int(m.group(1))))
        return r.label if r else f"第{m.group(1)}回"
    if ref.startswith("git:"):
        rev = ref[4:]
        root = repo_root if repo_root is not None else gitrev.repo_root(src)
        sha = gitrev.short(root, rev) if root else None
        return f"git {rev}（{sha}）" if sha else f"git {rev}"
    return source_label(Path(ref))


def source_label(folder: Path, current: bool = False) -> str:
    """A label for a source folder: its round when it is a round record, else
    its path (「現在の source」 for the folder being worked on)."""
    r = read_round(folder)
    if r is not None:
        return r.label
    return f"現在の {folder}" if current else f"{folder}"
