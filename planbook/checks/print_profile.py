"""Print profile: the ICC profile plan.yaml names (print.icc_profile) is
read as what it claims to be, whenever the plan is checked, not only when
the press files are made: a regular file inside source/, an ICC profile by
its header and tag table (and its profile ID, where one is given) that
littleCMS opens and can convert pictures with, for CMYK printing
(planbook.icc). A file that is broken, is something else (a PDF, an e-mail
saved under the profile's name) or is an RGB profile is an error naming the
file; `planbook print` would refuse it anyway.

合格例 (pass)::

    # plan.yaml
    print:
      pdf_x: "1a"
      condition: japan-color-2001-coated   # ICC の登録名で示す: プロファイルは読まない

不合格例 (fail)::

    # plan.yaml
    print:
      icc_profile: print/JapanColor2011Coated.icc   # ファイルがない（まだ届いていない）
"""
from __future__ import annotations

from .. import icc
from . import Hit

ID = "print-profile"
TITLE = "印刷条件の ICC プロファイル（読める CMYK のプロファイルか）"
SEVERITY = "error"
FINAL = True
OPTIONS: dict = {}
DEFAULTS: dict = {}


def check(plan, options):
    settings = plan.info.print
    if settings is None or not settings.icc_profile:
        return
    rel = settings.icc_profile
    try:
        icc.read(plan.source_dir, rel)
    except icc.ProfileProblem as e:
        yield Hit(f"print.icc_profile のファイル「{rel}」: {e}", settings.loc_of("icc_profile"),
                  key=rel)
