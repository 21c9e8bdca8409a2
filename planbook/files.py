"""Every file planbook opens on the user's behalf: only a regular file inside
the folder it belongs to (the source folder, a round record, a git
archive), read once with a size limit.

A path is resolved once, against the resolved folder: a symbolic link whose
target leaves the folder, a named pipe (FIFO), a device, a socket or a
folder named like a file is refused with a Japanese message that names the
path and never quotes what is in it. A file is opened without following a
link swapped in after the check and without blocking on a pipe, and its
type and size are checked again on the open file.

`os_text` turns an OSError into Japanese (the reason only; the caller names
the path)."""
from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

MB = 1024 * 1024
YAML_LIMIT = 2 * MB          # a policy file is a few KB, concept.yaml some tens
JSON_LIMIT = 2 * MB          # round.json
IMAGE_LIMIT = 200 * MB       # a 600 dpi A3 scan as PNG is well under this
ICC_LIMIT = 20 * MB          # press profiles are 0.5 to 5 MB

_ERRNO = {
    errno.ENOENT: "ファイルやフォルダがありません",
    errno.ENOTDIR: "途中の名前がフォルダではありません",
    errno.EISDIR: "フォルダです（ファイルではありません）",
    errno.EEXIST: "同じ名前のファイルやフォルダがすでにあります",
    errno.EACCES: "書き込み・読み込みの権限がありません",
    errno.EPERM: "この操作は許可されていません",
    errno.EROFS: "読み取り専用の場所です",
    errno.ENOSPC: "ディスクの空きがありません",
    errno.EDQUOT: "ディスクの使用量の上限を超えました",
    errno.ENAMETOOLONG: "名前が長すぎます",
    errno.ELOOP: "リンクが循環しています",
    errno.EMFILE: "開いているファイルが多すぎます",
    errno.ENFILE: "開いているファイルが多すぎます",
    errno.EIO: "ディスクの読み書きでエラーが起きました",
    errno.EBUSY: "ほかのプログラムが使用中です",
    errno.ETXTBSY: "ほかのプログラムが使用中です",
    errno.EXDEV: "別のディスクへは移せません",
    errno.ENOTEMPTY: "フォルダが空ではありません",
    errno.EINVAL: "使えない名前です",
    errno.EFBIG: "ファイルが大きすぎます",
    errno.ENXIO: "読み書きできる相手がいません（パイプやデバイス）",
    errno.EAGAIN: "いまは読み書きできません（パイプやデバイス）",
}


def os_text(e: OSError) -> str:
    """The reason of an OSError in Japanese (no English text reaches the user)."""
    text = _ERRNO.get(e.errno or 0)
    if text:
        return text
    name = errno.errorcode.get(e.errno or 0)
    return f"システムのエラー（{name}）" if name else "システムのエラー"


class FileProblem(Exception):
    """A path planbook will not open; `message` is Japanese and names no content."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in Japanese (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "フォルダ"
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス"
    if stat.S_ISSOCK(mode):
        return "ソケット"
    return "特殊なファイル"


def not_regular(kind: str) -> FileProblem:
    return FileProblem("load-not-file", f"普通のファイルではなく{kind}です。planbook は"
                       "普通のファイルだけを読みます。ファイルを置き直してください。")


def outside(where: str = "source フォルダ") -> FileProblem:
    return FileProblem("load-path-outside", f"{where}の外を指すリンク（またはパス）です。"
                       f"{where}の外のファイルは読みません。リンクではなくファイルそのものを"
                       f"{where}の中に置いてください。")


def resolve_in(root: Path, rel, where: str = "source フォルダ") -> Path:
    """`root/rel` resolved, which must stay inside the resolved `root`."""
    base = Path(root).resolve()
    try:
        real = (base / rel).resolve()
    except (OSError, RuntimeError, ValueError):      # a link loop, a NUL byte
        raise FileProblem("load-unreadable", "この名前のファイルは開けません"
                          "（リンクが循環しているか、名前に使えない文字があります）。")
    if not real.is_relative_to(base):
        raise outside(where)
    return real


def locate(root: Path, rel, where: str = "source フォルダ") -> Path:
    """The resolved path of a regular file `rel` inside `root`, else FileProblem."""
    real = resolve_in(root, rel, where)
    try:
        st = real.stat()
    except FileNotFoundError:
        raise FileProblem("load-missing-file", "ファイルがありません。")
    except (OSError, ValueError) as e:
        raise FileProblem("load-unreadable", f"ファイルを読めません（{_reason(e)}）。")
    kind = kind_of(st.st_mode)
    if kind:
        raise not_regular(kind)
    return real


def nfc_match(root: Path, rel: str) -> str | None:
    """`rel` as named on disk when each missing part of it is there under
    another normalisation of the same text (macOS and zip archives write
    names in NFD: が as か + ゛), else None. Only names are listed."""
    found: list[str] = []
    changed = False
    for part in Path(rel).parts:
        here = Path(root, *found)
        if not (here / part).exists():
            try:
                names = os.listdir(here)
            except (OSError, ValueError):
                return None
            want = unicodedata.normalize("NFC", part)
            same = [n for n in names if unicodedata.normalize("NFC", n) == want]
            if len(same) != 1:
                return None
            part, changed = same[0], True
        found.append(part)
    return "/".join(found) if changed else None


def folder_in(root: Path, rel, where: str = "source フォルダ") -> Path | None:
    """The resolved folder `rel` inside `root`; None when there is none."""
    real = resolve_in(root, rel, where)
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise FileProblem("load-unreadable", f"フォルダを読めません（{_reason(e)}）。")
    if not stat.S_ISDIR(mode):
        kind = kind_of(mode) or "ファイル"
        raise FileProblem("load-not-folder", f"フォルダのはずの名前が{kind}です。")
    return real


def _reason(e: Exception) -> str:
    return os_text(e) if isinstance(e, OSError) else "名前に使えない文字があります"


def read_bytes(root: Path, rel, limit: int, where: str = "source フォルダ") -> bytes:
    """The bytes of regular file `rel` inside `root`, at most `limit` of them."""
    real = locate(root, rel, where)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags)
    except OSError as e:
        if e.errno == errno.ELOOP:           # a link put in place since `locate`
            raise outside(where)
        raise FileProblem("load-unreadable", f"ファイルを読めません（{os_text(e)}）。")
    try:
        st = os.fstat(fd)
        kind = kind_of(st.st_mode)
        if kind:
            raise not_regular(kind)
        if st.st_size > limit:
            raise too_big(st.st_size, limit)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise too_big(size, limit)
        return b"".join(chunks)
    except OSError as e:
        raise FileProblem("load-unreadable", f"ファイルを読めません（{os_text(e)}）。")
    finally:
        os.close(fd)


def too_big(size: int, limit: int) -> FileProblem:
    return FileProblem("load-too-big", f"ファイルが大きすぎます（{size / MB:.1f} MB。"
                       f"上限は {limit // MB} MB）。正しいファイルか確かめてください。")


def is_hidden(name: str) -> bool:
    """Hidden files, including macOS's AppleDouble `._111.yaml` and `.DS_Store`."""
    return name.startswith(".")


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]')


def safe_name(text: str, limit: int = 60) -> str:
    """`text` as part of a file name: no folder separator, nothing Windows
    or macOS refuses, no control character, not hidden, not too long (a
    department 「企画/財政課」 gives 企画_財政課), NFC, no invisible formatting
    character (a bidi override would show the name backwards)."""
    text = "".join("_" if unicodedata.category(ch) == "Cf" else ch
                   for ch in unicodedata.normalize("NFC", text))
    name = _UNSAFE_NAME.sub("_", text).strip(" .")[:limit].strip(" .")
    return name or "_"
