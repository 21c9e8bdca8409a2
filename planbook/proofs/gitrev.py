"""The plan folder in git: where its repository is, whether it has
uncommitted edits, and its contents at a revision (for `git:REV`).

Works wherever the plan is: at the root of the repository or in a
subfolder, with non-ASCII (Japanese) folder names, and whatever else the
repository holds (symlinks, large files elsewhere are never extracted)."""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from .. import scratch

# What a source folder may hold that the loader or the rounds read.
SOURCE_TOP = ("plan.yaml", "concept.yaml", "artwork.yaml", "style.yaml")
SOURCE_DIRS = ("policies", "artwork", "rounds")


class GitError(Exception):
    """A revision or repository that cannot be used; the message is for the user."""


# What a repository's own configuration could make git run (a repository
# unzipped or checked out from elsewhere is not trusted): turned off on every
# call. Filter drivers have names of the repository's choosing: those it
# configures are found first (_filters) and emptied too.
SAFE = ("-c", "core.quotepath=off", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
        "-c", "core.pager=cat", "-c", "diff.external=", "-c", "core.askPass=",
        "-c", "credential.helper=", "-c", "core.sshCommand=", "-c", "core.gitProxy=",
        "-c", "protocol.allow=never", "-c", "core.untrackedCache=false")
# The environment git gets: the user's own settings (PATH, HOME for the user's
# global configuration, the locale), none of the GIT_* that point git elsewhere.
_KEEP = ("PATH", "HOME", "XDG_CONFIG_HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in _KEEP}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0",
               GIT_PAGER="cat", PAGER="cat", GIT_ATTR_NOSYSTEM="1", GIT_NO_REPLACE_OBJECTS="1")
    return env


def _run(repo: Path, args: list[str], binary: bool):
    return subprocess.run(["git", "--no-pager", *SAFE, "-C", str(repo), *args],
                          stdin=subprocess.DEVNULL, capture_output=True, env=_env(),
                          text=not binary, check=False,
                          **({} if binary else {"encoding": "utf-8", "errors": "replace"}))


def _filters(repo: Path) -> list[str]:
    """-c options emptying each filter driver (clean, smudge, process) that a
    repository's configuration names: git would run them on its files."""
    pattern = r"^filter\..*\.(clean|smudge|process)$"
    r = _run(repo, ["config", "--show-scope", "-z", "--get-regexp", pattern], binary=False)
    if r.returncode not in (0, 1):      # a git before 2.26: no scopes, every driver emptied
        r = _run(repo, ["config", "-z", "--get-regexp", pattern], binary=False)
        r.stdout = "".join(f"local\0{item}\0" for item in r.stdout.split("\0") if item)
    items = r.stdout.split("\0") if r.returncode == 0 else []
    names = set()
    for scope, entry in zip(items[::2], items[1::2]):      # scope NUL key LF value NUL
        key = entry.split("\n", 1)[0]
        if scope != "global" and key.startswith("filter."):     # (global: the user's own, git-lfs)
            names.add(key[len("filter."):].rpartition(".")[0])
    out: list[str] = []
    for name in sorted(names):
        for field in ("clean", "smudge", "process"):
            out += ["-c", f"filter.{name}.{field}="]
        out += ["-c", f"filter.{name}.required=false"]
    return out


def git(repo: Path, *args: str, binary: bool = False):
    """Run git in `repo` with planbook's settings, not the repository's (no
    command of its configuration runs: SAFE, _filters; no prompt); paths are
    never quoted."""
    try:
        r = _run(repo, [*_filters(repo), *args], binary)
    except OSError:
        return 127, b"" if binary else "", ""
    return r.returncode, r.stdout, r.stderr


def repo_root(source: Path) -> Path | None:
    """The top of the git work tree holding `source`, or None."""
    source = Path(source)
    folder = source if source.is_dir() else source.parent
    code, out, _ = git(folder, "rev-parse", "--show-toplevel")
    if code != 0 or not out.strip():
        return None
    return Path(out.strip())


def relative(source_dir: Path, root: Path) -> str:
    """The plan folder inside the repository, POSIX style; "" at its root."""
    try:
        rel = Path(source_dir).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return ""
    posix = rel.as_posix()
    return "" if posix == "." else posix


def head(root: Path) -> str | None:
    code, out, _ = git(root, "rev-parse", "--verify", "-q", "HEAD")
    return out.strip() if code == 0 and out.strip() else None


def uncommitted(root: Path, source_dir: Path, ignore: tuple[str, ...] = ("rounds",)) -> list[str]:
    """The plan's files (relative to its folder: plan.yaml, policies/…, artwork/…)
    that differ from HEAD or are not committed, leaving out the folders in
    `ignore` (the round records, which staff commit after the proof)."""
    rel = relative(source_dir, root)
    spec = f":(top,literal){rel}" if rel else ":(top)."
    code, out, _ = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", spec)
    if code != 0:
        return []
    prefix = f"{rel}/" if rel else ""
    entries = out.split("\0")
    found: list[str] = []
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            i += 1                      # the origin of a rename follows
        inside = path[len(prefix):] if path.startswith(prefix) else path
        if inside.split("/", 1)[0] in ignore or not _wanted(inside.rstrip("/")):
            continue                    # not the plan's own files (a plan at the root)
        found.append(inside)
    return sorted(set(found))


def short(root: Path, rev: str) -> str | None:
    code, out, _ = git(root, "rev-parse", "--short", f"{rev}^{{commit}}")
    return out.strip() if code == 0 else None


def _wanted(name: str) -> bool:
    parts = PurePosixPath(name).parts
    if not parts or any(p in ("..", "") for p in parts) or name.startswith("/"):
        return False
    return parts[0] in SOURCE_DIRS or (len(parts) == 1 and parts[0] in SOURCE_TOP)


def _extract(data: bytes, dest: Path) -> None:
    """Only the source's own files, only regular files and folders: the
    repository's symlinks and anything else are never written."""
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            if not _wanted(member.name):
                continue
            target = dest.joinpath(*PurePosixPath(member.name).parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                target.parent.mkdir(parents=True, exist_ok=True)
                src = tar.extractfile(member)
                if src is not None:
                    target.write_bytes(src.read())


@contextmanager
def at_revision(rev: str, root: Path | None, source_dir: Path) -> Iterator[Path]:
    """The plan folder as it was at `rev`, extracted into a temporary folder
    removed when the context ends."""
    if not rev:
        raise GitError("git: の後ろにリビジョンを書いてください（例: git:HEAD~1）。")
    if root is None:
        raise GitError(f"計画のフォルダ「{source_dir}」は git のリポジトリの中にありません。"
                       "git:… は使えません。round:1 のような記録済みの回かフォルダを指定してください。")
    code, commit, _ = git(root, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}")
    if code != 0:
        raise GitError(f"git のリビジョン「{rev}」が {root} に見つかりません。")
    commit = commit.strip()
    rel = relative(source_dir, root)
    code, data, _ = git(root, "archive", "--format=tar", f"{commit}:{rel}" if rel else commit,
                        binary=True)
    if code != 0:
        raise GitError(f"git のリビジョン「{rev}」に計画のフォルダ「{rel}」がありません"
                       "（その時点ではまだ作られていないか、別の場所にありました）。")
    with scratch.temporary("git-") as tmp:
        _extract(data, Path(tmp))
        if not (Path(tmp) / "plan.yaml").is_file():
            where = f"計画のフォルダ「{rel}」" if rel else "リポジトリの一番上"
            raise GitError(f"git のリビジョン「{rev}」の{where}に plan.yaml がありません。")
        yield Path(tmp)
