"""※ notes: every `[^key]` has its note in the same unit's `notes:` (each
基本目標 and 施策 numbers its own notes), every note is referenced (a note
nobody refers to is not printed), and no note refers to another note (the
page numbers ※ only in the text, so the mark would print without a number).
A ※ typed into the text by hand is reported too: the page numbers the
notes itself (「※」 when the unit has one note, 「※1」「※2」… in order of
first use), and the message says which label each reference gets.

合格例 (pass)::

    # policies/111.yaml
    future: |
      コンパクトシティ[^compact]としての機能が高まっています。
    notes:
      compact: 医療・福祉施設や商業施設を中心部に集めたまち

不合格例 (fail)::

    # policies/111.yaml
    future: |
      コンパクトシティ[^compakt]としての機能が高まっています。
    notes:                           # compakt がなく、compact はどこからも使われていない
      compact: 医療・福祉施設や商業施設を中心部に集めたまち
"""
from __future__ import annotations

import re

from ..markup import note_numbers, note_refs
from ..suggest import closest
from ..walk import units
from . import Hit
from ._text import Item, excerpt, plain

ID = "notes"
TITLE = "※注の参照と定義"
SEVERITY = "error"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}


_TYPED = re.compile(r"※[0-9０-９]*")


def _printed(labels: dict) -> str:
    if not labels:
        return "注はありません"
    return "、".join(f"[^{k}] が「{v}」" for k, v in labels.items()) + " と印刷されます"


def _at_ref(p, ref) -> dict:
    """The place of a `[^key]` in paragraph `p`, shown in its source text."""
    end = ref.offset + len(ref.key) + 3
    return {"loc": p.place(ref.offset), **excerpt(p.text, ref.offset, end)}


def check(plan, options):
    all_units = list(units(plan))
    owners: dict[str, list[str]] = {}
    for u in all_units:
        for n in u.notes:
            owners.setdefault(n.key, []).append(u.label)
    for u in all_units:
        defined = {n.key: n for n in u.notes}
        labels = note_numbers(u.paragraphs, u.notes)
        used = set()
        for p in u.paragraphs:
            for ref in note_refs(p.text):
                used.add(ref.key)
                if ref.key in defined:
                    continue
                elsewhere = [o for o in owners.get(ref.key, []) if o != u.label]
                near = closest(ref.key, defined)
                hint = (f"{'、'.join(elsewhere)}にはある注ですが、注は使う施策・基本目標ごとに notes: に書きます。"
                        if elsewhere else f"定義されている注: {'、'.join(defined) or 'なし'}。"
                        + (f"「{near}」のことですか？" if near else ""))
                yield Hit(f"{u.label}の [^{ref.key}] に対応する注が notes: にありません（{hint}）"
                          "このままでは番号のない「※」だけが印刷されます。",
                          unit=u.label, key=ref.key, **_at_ref(p, ref))
        for key, note in defined.items():
            if note.text is not None:
                for ref in note_refs(note.text.text):
                    yield Hit(f"{u.label}の注「{key}」の中に [^{ref.key}] があります。注の中の参照には"
                              "番号が付かないので、本文に書くか、注の文に含めてください。",
                              unit=u.label, key=ref.key, **_at_ref(note.text, ref))
            if key not in used:
                yield Hit(f"{u.label}の注「{key}」は本文のどこからも [^{key}] で参照されていないため、"
                          "印刷されません。使わない注なら消し、使うなら本文に "
                          f"[^{key}] を書いてください。", note.loc, u.label, key=key)

        for p in list(u.paragraphs) + [n.text for n in u.notes if n.text is not None]:
            if "※" not in p.text:      # nor in the printed text then
                continue
            text, raw = plain(p)
            item = Item(u.label, "body", text, p.loc, p, raw)
            m = _TYPED.search(item.text)
            if m:
                yield item.hit(f"{u.label}の文に「{m.group(0)}」が直接書かれています。※の番号は自動で付くので、"
                               "本文では [^key] で注を参照し、注の文には※を書かないでください"
                               f"（この{u.label}では {_printed(labels)}）。", m.start(), m.end(),
                               key=m.group(0))
