"""※ notes: every `[^key]` has its note in the same unit's `notes:`, and
every note is referenced. The ※ numbering is what the page prints.

合格例 (pass)::

    body: コンパクトシティ[^compact]としての…
    notes:
      compact: 都市農業や医療・福祉施設、…

不合格例 (fail)::

    body: コンパクトシティ[^compakt]としての…   # notes に compakt がない
"""
from __future__ import annotations

from ..markup import note_refs
from ..walk import units
from . import Hit

ID = "notes"
TITLE = "※注の参照と定義"
SEVERITY = "error"
FINAL = False
DEFAULTS: dict = {}


def check(plan, options):
    for u in units(plan):
        defined = {n.key: n for n in u.notes}
        used = set()
        for p in u.paragraphs:
            for ref in note_refs(p.text):
                used.add(ref.key)
                if ref.key not in defined:
                    known = "、".join(defined) or "なし"
                    yield Hit(f"{u.label} の [^{ref.key}] に対応する注が notes: にありません"
                              f"（定義されている注: {known}）。", p.loc, u.label, key=ref.key)
        for key, note in defined.items():
            if key not in used:
                yield Hit(f"{u.label} の注「{key}」は本文のどこからも [^{key}] で参照されていません。"
                          "使わない注なら消し、使うなら本文に [^" + key + "] を書いてください。",
                          note.loc, u.label, key=key)
