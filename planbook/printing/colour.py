"""Colour profiles for print: the CMYK output intent (the vendor's profile
from source/, else Ghostscript's generic CMYK profile for PDF/X-4) and sRGB
as DefaultRGB, so RGB colours are device-independent in PDF/X-4."""
from __future__ import annotations

import glob
from importlib.resources import files
from pathlib import Path

OUTPUT_KEY = "--print-output"      # CSS name of the output intent profile
GENERIC_CMYK = ["/usr/share/color/icc/ghostscript/default_cmyk.icc",
                *sorted(glob.glob("/usr/share/ghostscript/*/iccprofiles/default_cmyk.icc"))]


class ProfileError(Exception):
    """A Japanese message: the ICC profile cannot be used."""


def generic_cmyk() -> Path | None:
    return next((Path(p) for p in GENERIC_CMYK if Path(p).is_file()), None)


def user_profile(source_dir: Path, rel: str) -> Path:
    """The ICC profile named in plan.yaml print.icc_profile, inside source/."""
    from .. import files
    try:            # a regular file inside source/, of a profile's size (planbook.files)
        files.read_bytes(source_dir, rel, files.ICC_LIMIT)
        return files.locate(source_dir, rel)
    except files.FileProblem as e:
        if e.code == "load-path-outside":
            raise ProfileError(f"plan.yaml の print.icc_profile「{rel}」は source フォルダの中を指してください。")
        if e.code == "load-missing-file":
            raise ProfileError(f"plan.yaml の print.icc_profile「{rel}」のファイルがありません"
                               f"（{source_dir / rel}）。印刷会社から受け取った ICC プロファイルを置いてください。")
        raise ProfileError(f"plan.yaml の print.icc_profile「{rel}」: {e.message}")


def describe(path: Path) -> str:
    """The profile's description (e.g. 'Japan Color 2011 Coated'); checks it is CMYK."""
    from PIL import ImageCms
    try:
        p = ImageCms.getOpenProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError) as e:
        raise ProfileError(f"ICC プロファイル {path.name} を読めません（{e}）。") from e
    if p.xcolor_space.strip() != "CMYK":
        raise ProfileError(f"ICC プロファイル {path.name} は CMYK のプロファイルではありません"
                           f"（{p.xcolor_space.strip()}）。印刷用の CMYK プロファイルを指定してください。")
    return (p.profile_description or p.model or path.stem).strip()


def profiles(cmyk: Path) -> dict:
    """WeasyPrint colour profiles: the output intent first, then DefaultRGB."""
    from weasyprint.css import ColorProfile
    srgb = files("weasyprint.pdf") / "sRGB2014.icc"
    with open(cmyk, "rb") as f:
        out = ColorProfile(f, cmyk.name, "relative-colorimetric", (["c"], ["m"], ["y"], ["k"]))
    with srgb.open("rb") as f:
        rgb = ColorProfile(f, "sRGB2014.icc", "relative-colorimetric", (["r"], ["g"], ["b"]))
    return {OUTPUT_KEY: out, "DefaultRGB": rgb}
