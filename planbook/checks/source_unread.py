"""Source unread: what the source folder holds that planbook does not read
is named, so that nothing is skipped in silence: a file or folder at its top
that is not one of planbook's (plan.yaml, concept.yaml, artwork.yaml,
style.yaml, policies/, artwork/, print/, rounds/, progress/), an image in
artwork/ that artwork.yaml does not name, a file in print/ that plan.yaml
does not name, a link to a folder (never followed). Hidden files (`.git`,
macOS's `._…`) are left out. A warning: nothing is wrong with the booklet,
but a file put there to be printed is not (a misspelt name, a second
profile). One finding per entry, up to SHOWN per folder.

合格例 (pass)::

    # plan.yaml
    title: 第2次みなと野市総合計画   # source には planbook が読むものだけがある

不合格例 (fail)::

    # memo.yaml
    打ち合わせ: 施策111の指標を見直す   # source に置いたメモは読まない
"""
from __future__ import annotations

from ..model import Loc
from . import Hit

ID = "source-unread"
TITLE = "source の中の読まないファイル・フォルダ"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}
SHOWN = 20          # entries named one by one in a folder; the rest in one finding

WHY = {"artwork/": "artwork.yaml の image に書かれていない",
       "print/": "plan.yaml の print.icc_profile に書かれていない"}


def check(plan, options):
    seen: dict[str, list[str]] = {}
    for rel in plan.unread:
        parent = rel.rstrip("/").rpartition("/")[0]
        folder = f"{parent.split('/')[0]}/" if parent else ""
        seen.setdefault(folder, []).append(rel)
    for folder, entries in seen.items():
        why = WHY.get(folder, "planbook が使わない名前の")
        for rel in entries[:SHOWN]:
            what = "フォルダ（またはフォルダへのリンク）" if rel.endswith("/") else "ファイル"
            yield Hit(f"{why}{what}なので、planbook は読みません。冊子に使うつもりなら名前と置き場所を"
                      "確かめてください。要らないものなら source の外に移してください。",
                      Loc(rel, 0), key=rel)
        if len(entries) > SHOWN:
            yield Hit(f"{folder or 'source'} には、ほかにも読まないものが {len(entries) - SHOWN} 件あります。",
                      Loc(folder or entries[SHOWN], 0), key=folder)
