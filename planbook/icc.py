"""An ICC profile read as what it claims to be: the file named in plan.yaml
print.icc_profile is a regular file inside the source (planbook.files), an
ICC profile by its header (the `acsp` signature, a size that matches the
file, a sane tag table), that littleCMS opens, of the CMYK data colour space
a printing condition needs. Used by the `print-profile` check (so `check`
and `build` report it) and by the print files (planbook.printing.colour)."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import ImageCms

from . import files

HEADER = 128
MAX_TAGS = 1000


class ProfileProblem(Exception):
    """Why the profile cannot be used, in Japanese (the file is named by the caller)."""


def read(source_dir: Path, rel: str) -> tuple[Path, str]:
    """(the resolved file, the profile's description, e.g. 'Japan Color 2011
    Coated') of a CMYK ICC profile at `rel` inside `source_dir`."""
    try:
        data = files.read_bytes(source_dir, rel, files.ICC_LIMIT)
        path = files.locate(source_dir, rel)
    except files.FileProblem as e:
        if e.code == "load-path-outside":
            raise ProfileProblem("source フォルダの外を指しています。ファイルそのものを source フォルダの中（print/）に置いてください。")
        if e.code == "load-missing-file":
            raise ProfileProblem("ファイルがありません。印刷会社から受け取った ICC プロファイルを置いてください。")
        raise ProfileProblem(e.message)
    return path, describe(data)


def describe(data: bytes) -> str:
    """The description of a CMYK ICC profile given as bytes, else ProfileProblem."""
    broken = ProfileProblem("ICC プロファイルとして読めません（壊れているか、ICC プロファイルではない"
                            "ファイルです）。印刷会社から受け取ったファイルを置き直してください。")
    if len(data) < HEADER + 4 or data[36:40] != b"acsp":
        raise broken
    size, tags = int.from_bytes(data[0:4], "big"), int.from_bytes(data[HEADER:HEADER + 4], "big")
    if size != len(data) or tags > MAX_TAGS or HEADER + 4 + 12 * tags > size:
        raise broken
    for i in range(tags):
        at = HEADER + 4 + 12 * i
        offset, length = (int.from_bytes(data[at + k:at + k + 4], "big") for k in (4, 8))
        if offset + length > size:
            raise broken
    if tags == 0 or not _id_matches(data):
        raise broken
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
        space = profile.profile.xcolor_space.strip()
        name = (profile.profile.profile_description or profile.profile.model or "").strip()
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        raise broken from None
    if space != "CMYK":
        raise ProfileProblem(f"CMYK のプロファイルではありません（{space or '色空間なし'}）。"
                             "印刷用の CMYK プロファイルを指定してください。")
    try:        # what converting the pictures needs: its tables make a transform
        ImageCms.buildTransform(ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK")
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        raise broken from None
    return name


def _id_matches(data: bytes) -> bool:
    """The profile ID (ICC v4: the MD5 of the profile with its flags,
    rendering intent and ID zeroed), where one is given, matches the bytes."""
    given = data[84:100]
    if not any(given):
        return True
    body = bytearray(data)
    body[44:48] = body[64:68] = bytes(4)
    body[84:100] = bytes(16)
    return hashlib.md5(bytes(body), usedforsecurity=False).digest() == given
