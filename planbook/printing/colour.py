"""The printing condition the press files target, and its output intent.

Japan Color (2011 Coated by default, 2001 Coated where the vendor asks) is
the condition. Its ICC profiles are not freely redistributable, so the
vendor supplies one (plan.yaml print.icc_profile). PDF/X-4 must embed the
profile itself: without one, printing stops. PDF/X-1a may instead name the
condition by its reference name in the ICC Characterization Data Registry
(OutputConditionIdentifier + RegistryName, no profile), which planbook does
only for a condition whose registered name it knows. Nothing falls back to
another condition (such as Ghostscript's US SWOP profile)."""
from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from .. import icc
from ..render import typeset

OUTPUT_KEY = "--print-output"      # CSS name of the output intent profile
ICC_REGISTRY = "http://www.color.org"
# Ghostscript's generic CMYK profile: only a technical stand-in for the
# intermediate PDF/X-4 that becomes PDF/X-1a when the output intent names a
# registered condition (every colour is already CMYK then; it converts nothing).
GENERIC_CMYK = ["/usr/share/color/icc/ghostscript/default_cmyk.icc",
                *sorted(glob.glob("/usr/share/ghostscript/*/iccprofiles/default_cmyk.icc"))]


class ProfileError(Exception):
    """A Japanese message: the ICC profile cannot be used."""


@dataclass(frozen=True)
class Condition:
    key: str                       # plan.yaml print.condition
    name: str                      # as printers name it
    profile_file: str              # the profile to ask the vendor for
    registry_id: str | None        # reference name in the ICC registry, where known


CONDITIONS = {c.key: c for c in (
    # No registered reference name is recorded here for Japan Color 2011
    # Coated: it is named through the vendor's embedded profile only.
    Condition("japan-color-2011-coated", "Japan Color 2011 Coated",
              "JapanColor2011Coated.icc", None),
    Condition("japan-color-2001-coated", "Japan Color 2001 Coated",
              "JapanColor2001Coated.icc", "JC200103"),
)}


@dataclass(frozen=True)
class OutputIntent:
    """What the files' output intent says, and the profile images are
    converted with (None: no profile, the condition is named only)."""
    condition: Condition
    profile: Path | None
    profile_name: str | None       # the profile's own description
    identifier: str                # OutputConditionIdentifier
    registry: str | None           # RegistryName
    output_condition: str          # OutputCondition (readable)

    def describe(self) -> str:
        """The condition as the preflight and README.txt state it."""
        if self.profile is None:
            return (f"{self.output_condition}（ICC 特性データ登録名 {self.identifier}、"
                    "プロファイルは埋め込みなし）")
        return f"{self.output_condition}（ICC プロファイル {self.profile.name} を埋め込み）"

    def matches_condition(self) -> bool:
        """Does the vendor's profile describe the condition plan.yaml asks for?"""
        if self.profile_name is None:
            return True
        return _squash(self.condition.name) in _squash(self.profile_name)


def _squash(s: str) -> str:
    return "".join(s.lower().split())


def generic_cmyk() -> Path | None:
    return next((Path(p) for p in GENERIC_CMYK if Path(p).is_file()), None)


def user_profile(source_dir: Path, rel: str) -> tuple[Path, str]:
    """The ICC profile named in plan.yaml print.icc_profile, inside source/,
    read as a CMYK profile (planbook.icc): its path and description."""
    try:
        return icc.read(source_dir, rel)
    except icc.ProfileProblem as e:
        raise ProfileError(f"plan.yaml の print.icc_profile「{rel}」: {e}") from None


def ask_for_profile(c: Condition, why: str) -> str:
    """The Japanese message that says which profile to get and where to put it."""
    return (f"{why}印刷会社に「{c.name}」の ICC プロファイル（{c.profile_file}）をもらい、"
            f"source フォルダの print/{c.profile_file} に置いて、plan.yaml の print: に"
            f"「icc_profile: print/{c.profile_file}」と書いてください。"
            "planbook はほかの印刷条件（米国の SWOP など）で代わりに書き出すことはしません。")


def output_intent(source_dir: Path, condition: str, pdf_x: str, icc_rel: str | None) -> OutputIntent:
    c = CONDITIONS[condition]
    if icc_rel:
        path, name = user_profile(source_dir, icc_rel)
        known = next((k for k in CONDITIONS.values() if _squash(k.name) in _squash(name)), None)
        if known and known.registry_id:
            return OutputIntent(c, path, name, known.registry_id, ICC_REGISTRY, known.name)
        return OutputIntent(c, path, name, name, None, name)
    if pdf_x == "4":
        raise ProfileError(ask_for_profile(
            c, f"PDF/X-4 では、印刷条件（{c.name}）の ICC プロファイルをファイルに埋め込む必要があります。"))
    if c.registry_id is None:
        raise ProfileError(ask_for_profile(
            c, "PDF/X-1a で ICC プロファイルを埋め込まずに印刷条件を示せるのは、ICC に登録された名前の"
               "ある条件だけです（planbook が知っているのは Japan Color 2001 Coated の JC200103）。"
               "印刷会社が Japan Color 2001 Coated を指定しているなら plan.yaml の print: に"
               "「condition: japan-color-2001-coated」と書いてください。そうでなければ、"))
    return OutputIntent(c, None, None, c.registry_id, ICC_REGISTRY, c.name)


def profiles(cmyk: Path) -> dict:
    """WeasyPrint colour profiles: the output intent first, then DefaultRGB."""
    out = typeset.colour_profile(cmyk, cmyk.name, (["c"], ["m"], ["y"], ["k"]))
    rgb = typeset.colour_profile(typeset.srgb_icc(), typeset.SRGB, (["r"], ["g"], ["b"]))
    return {OUTPUT_KEY: out, "DefaultRGB": rgb}
