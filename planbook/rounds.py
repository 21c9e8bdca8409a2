"""Proofreading rounds: what each proof printed, kept so the next round can be
compared with it.

Record format (lives in the repository, committed by staff, so it survives a
fresh clone):

    source/rounds/<N>/           one folder per round, N = 1, 2, 3…
      round.json                 {"round": N, "name": "初校", "date": "2026-11-01",
                                  "git_revision": "<commit or null>",
                                  "git_dirty": false,
                                  "files": ["plan.yaml", "concept.yaml", …],
                                  "images": {"artwork/vision-4.png": "<sha256>"}}
      plan.yaml, concept.yaml, artwork.yaml, style.yaml (if any), policies/*.yaml
                                 exact copies of the source as printed

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
import io
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from . import files

ROUNDS = "rounds"
ROUND_FILE = "round.json"
TOP_FILES = ("plan.yaml", "concept.yaml", "artwork.yaml", "style.yaml")
_NAMES = {1: "初校", 2: "再校", 3: "三校"}
_ROUND_REF = re.compile(r"(?:round:)?(\d+)")


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


def _sha256(path: Path, root: Path | None = None) -> str:
    """sha256 of a file; inside `root`, only of a regular file (planbook.files)."""
    if root is not None:
        return hashlib.sha256(files.read_bytes(root, Path(path).resolve().relative_to(
            Path(root).resolve()), files.IMAGE_LIMIT)).hexdigest()
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _regular(root: Path, rel) -> bool:
    """Whether `rel` is a regular file inside `root` (no link leaving it, no FIFO)."""
    try:
        files.locate(root, rel)
    except files.FileProblem:
        return False
    return True


def _git(repo: Path, *args: str, binary: bool = False):
    r = subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                       text=not binary, check=False)
    return r.returncode, r.stdout, r.stderr


def _revision(repo_root: Path, source_dir: Path) -> tuple[str | None, bool]:
    code, out, _ = _git(repo_root, "rev-parse", "--verify", "-q", "HEAD")
    if code != 0:
        return None, False
    rel = _relative(source_dir, repo_root)
    _, status, _ = _git(repo_root, "status", "--porcelain", "--", rel or ".")
    dirty = any(line and not line[3:].startswith(f"{rel}/{ROUNDS}/")
                for line in status.splitlines())
    return out.strip(), dirty


def _relative(source_dir: Path, repo_root: Path) -> str:
    try:
        return source_dir.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return ""


def _images(source_dir: Path) -> dict[str, str]:
    """sha256 of every image the source uses: artwork/ and artwork.yaml's `image:`."""
    root = source_dir.resolve()
    paths = set()
    art = source_dir / "artwork"
    if art.is_dir() and _regular_dir(root, "artwork"):
        paths |= {p for p in art.rglob("*") if not files.is_hidden(p.name)
                  and _regular(root, p.relative_to(source_dir))}
    try:
        data = yaml.safe_load(files.read_bytes(root, "artwork.yaml", files.YAML_LIMIT).decode("utf-8"))
    except (files.FileProblem, yaml.YAMLError, UnicodeDecodeError, RecursionError):
        data = None
    for slot in (data or {}).values() if isinstance(data, dict) else ():
        image = slot.get("image") if isinstance(slot, dict) else None
        if isinstance(image, str) and _regular(root, image):
            paths.add(files.locate(root, image))
    return {p.resolve().relative_to(root).as_posix(): _sha256(p.resolve(), root)
            for p in sorted(paths)}


def _regular_dir(root: Path, rel) -> bool:
    try:
        return files.folder_in(root, rel) is not None
    except files.FileProblem:
        return False


def _source_files(source_dir: Path) -> list[str]:
    found = [f for f in TOP_FILES if _regular(source_dir, f)]
    if _regular_dir(source_dir, "policies"):
        found += [f"policies/{p.name}" for p in sorted((source_dir / "policies").iterdir())
                  if not files.is_hidden(p.name) and p.suffix in (".yaml", ".yml")
                  and _regular(source_dir, f"policies/{p.name}")]
    return found


def record_round(source_dir: Path, number: int, date: dt.date | str | None,
                 repo_root: Path, replace: bool = True) -> Path:
    """Copy the source's YAML files into source/rounds/<number>/ with round.json.

    A round recorded again (a proof printed again after a fix) replaces the
    earlier record unless `replace` is False. Returns the round folder."""
    dest, done = stage_round(source_dir, number, date, repo_root, replace)
    done(True)
    return dest


def stage_round(source_dir: Path, number: int, date: dt.date | str | None,
                repo_root: Path, replace: bool = True):
    """`record_round`, keeping the earlier record aside: returns the round
    folder and `done(keep)`, which drops the earlier record (keep=True) or
    puts it back in place of the new one (keep=False)."""
    source_dir, repo_root = Path(source_dir), Path(repo_root)
    if number < 1:
        raise RoundError(f"校正の回は 1 以上で指定してください（いまは {number}）。")
    if not (source_dir / "plan.yaml").is_file():
        raise RoundError(f"{source_dir} に plan.yaml がありません。計画のフォルダを指定してください。")
    date = date or dt.date.today()
    date = date.isoformat() if isinstance(date, dt.date) else str(date)
    dest = source_dir / ROUNDS / str(number)
    if dest.exists() and not replace:
        raise RoundError(f"{round_name(number)}（第{number}回）の記録はすでにあります: {dest}")
    files_ = _source_files(source_dir)
    revision, dirty = _revision(repo_root, source_dir)
    meta = {"round": number, "name": round_name(number), "date": date,
            "git_revision": revision, "git_dirty": dirty, "files": files_,
            "images": _images(source_dir)}
    if not _regular_dir(source_dir, ROUNDS) and (source_dir / ROUNDS).exists():
        raise RoundError(f"{source_dir / ROUNDS} がフォルダではないか、source の外を指しています。")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{number}-", dir=dest.parent))
    old = dest.with_name(f".{number}-old")
    try:
        for rel in files_:
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_bytes(files.read_bytes(source_dir, rel, files.YAML_LIMIT))
        (tmp / ROUND_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
        shutil.rmtree(old, ignore_errors=True)
        had = dest.exists()
        if had:
            dest.rename(old)
        tmp.rename(dest)
    except files.FileProblem as e:
        raise RoundError(f"校正の回を記録できません（{e.message}）。") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def done(keep: bool) -> None:
        if not keep:
            shutil.rmtree(dest, ignore_errors=True)
            if had:
                old.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
    return dest, done


def read_round(folder: Path) -> Round | None:
    """The round recorded in `folder`, or None when it is not a round record."""
    try:
        meta = json.loads(files.read_bytes(folder, ROUND_FILE, files.JSON_LIMIT).decode("utf-8"))
        number = int(meta["round"])
        assert isinstance(meta, dict) and number >= 1
    except (files.FileProblem, ValueError, KeyError, TypeError, IndexError, AssertionError):
        return None
    text = {k: v if isinstance(v, str) else None for k, v in meta.items()}
    return Round(number, text.get("name") or round_name(number), text.get("date") or "",
                 Path(folder), text.get("git_revision"))


def list_rounds(source_dir: Path) -> list[Round]:
    base = Path(source_dir) / ROUNDS
    found = [read_round(p) for p in base.iterdir() if p.is_dir() and not files.is_hidden(p.name)] \
        if base.is_dir() else []
    return sorted((r for r in found if r is not None), key=lambda r: r.number)


def image_digests(plan) -> dict[str, str]:
    """sha256 per image path as written in artwork.yaml: from round.json for a
    recorded round (its images are not copied), else from the files."""
    folder = Path(plan.source_dir)
    if (folder / ROUND_FILE).exists():
        try:
            images = json.loads(files.read_bytes(folder, ROUND_FILE, files.JSON_LIMIT)
                                .decode("utf-8")).get("images") or {}
            return {str(k): str(v) for k, v in images.items()}
        except (files.FileProblem, ValueError, AttributeError, TypeError):
            return {}
    out = {}
    for art in plan.artwork:
        if art.image and art.image_path and _regular(folder, art.image_path):
            out[art.image] = _sha256(Path(art.image_path), folder)
    return out


def _source_dir(repo_root: Path, source_dir: Path | None) -> Path:
    return Path(source_dir) if source_dir is not None else Path(repo_root) / "source"


@contextmanager
def resolve_source(ref: str, repo_root: Path, source_dir: Path | None = None) -> Iterator[Path]:
    """The source folder OLD names: `round:N` / `N`, `git:REV`, or a folder.

    A git revision is extracted (git archive) into a temporary folder that is
    removed when the context ends."""
    repo_root = Path(repo_root)
    m = _ROUND_REF.fullmatch(ref.strip())
    if m:
        yield _round_folder(_source_dir(repo_root, source_dir), int(m.group(1)))
        return
    if ref.startswith("git:"):
        with _from_git(ref[4:].strip(), repo_root, _source_dir(repo_root, source_dir)) as path:
            yield path
        return
    path = Path(ref)
    if not path.is_dir():
        raise RoundError(f"比較元「{ref}」が見つかりません。round:1 のような記録済みの回、"
                         "git:HEAD~1 のような git のリビジョン、または計画のフォルダを指定してください。")
    yield path


def _round_folder(source_dir: Path, number: int) -> Path:
    folder = source_dir / ROUNDS / str(number)
    try:                # a record is read only inside the source (planbook.files)
        files.folder_in(source_dir, f"{ROUNDS}/{number}")
    except files.FileProblem as e:
        raise RoundError(f"{round_name(number)}（第{number}回）の記録 {folder} を読めません（{e.message}）")
    if read_round(folder) is None:
        known = "、".join(f"{r.number}（{r.name}）" for r in list_rounds(source_dir))
        raise RoundError(f"{round_name(number)}（第{number}回）の記録がありません"
                         f"（{folder}）。記録済みの回: {known or 'なし'}。")
    return folder


@contextmanager
def _from_git(rev: str, repo_root: Path, source_dir: Path) -> Iterator[Path]:
    if not rev:
        raise RoundError("git: の後ろにリビジョンを書いてください（例: git:HEAD~1）。")
    code, commit, _ = _git(repo_root, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
    if code != 0:
        raise RoundError(f"git のリビジョン「{rev}」が {repo_root} に見つかりません。")
    commit = commit.strip()
    rel = _relative(source_dir, repo_root)
    code, data, err = _git(repo_root, "archive", "--format=tar", f"{commit}:{rel}" if rel
                           else commit, binary=True)
    if code != 0:
        raise RoundError(f"git のリビジョン「{rev}」に計画のフォルダ「{rel or '.'}」がありません。")
    with tempfile.TemporaryDirectory(prefix="planbook-git-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(tmp, filter=_plain_members)
        yield Path(tmp)


def _plain_members(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """Only files and folders of a git archive, inside the folder: a link
    leaving it, a device or a FIFO is left out (the loader then reports the
    file as missing), never an error of planbook."""
    if not (member.isfile() or member.isdir() or member.issym()):
        return None
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None


def describe(ref: str, repo_root: Path, source_dir: Path | None = None) -> str:
    """A label for the 新旧対照表 header: 初校（2026-11-01）, git HEAD~1（abc1234）…"""
    m = _ROUND_REF.fullmatch(ref.strip())
    if m:
        r = read_round(_source_dir(repo_root, source_dir) / ROUNDS / m.group(1))
        return r.label if r else f"第{m.group(1)}回"
    if ref.startswith("git:"):
        code, out, _ = _git(Path(repo_root), "rev-parse", "--short", f"{ref[4:]}^{{commit}}")
        return f"git {ref[4:]}（{out.strip()}）" if code == 0 else f"git {ref[4:]}"
    return source_label(Path(ref))


def source_label(folder: Path, current: bool = False) -> str:
    """A label for a source folder: its round when it is a round record, else
    its path (「現在の source」 for the folder being worked on)."""
    r = read_round(folder)
    if r is not None:
        return r.label
    return f"現在の {folder}" if current else f"{folder}"
