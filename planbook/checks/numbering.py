"""Numbers planbook prints itself, typed by hand as well: a 方向性 is
printed with ①②…, so a title typed 「①相談窓口…」 prints 「① ①相談窓口…」
(also ⑴, ❶, (1), 1., １．); a 施策 is printed with its number (施策 4-432
業務変革の推進), so a title typed 「432 業務変革の推進」 prints it twice. A ※
typed in a text or a note is the notes check's.

合格例 (pass)::

    # policies/111.yaml
    directions:
      - title: 相談窓口を一つにまとめます

不合格例 (fail)::

    # policies/111.yaml
    directions:
      - title: ①相談窓口を一つにまとめます     # 「① ①相談窓口…」と印刷される
"""
from __future__ import annotations

import re

from ..walk import paragraphs
from ._text import excerpt
from . import Hit

ID = "typed-numbering"
TITLE = "planbook が付ける番号の手入力（方向性の①、施策の番号）"
SEVERITY = "warning"
FINAL = False
OPTIONS: dict = {}
DEFAULTS: dict = {}

# ①…⑳, ⑴…, ❶…, (1) （１） 1. １． 1) 1、 at the start of a 方向性's title
_NUMBER = re.compile(r"^\s*(?:[\u2460-\u2473\u2474-\u2487\u2776-\u277f\u24f5-\u24fe]|"
                     r"[(（]\s*[0-9０-９]{1,2}\s*[)）]|[0-9０-９]{1,2}\s*[.．)）、])\s*")


def _typed_code(plan):
    """A 施策's title that starts with its own number (「432 業務変革の推進」,
    「施策432　…」)."""
    for pol in plan.policies:
        t = pol.title
        if t is None:
            continue
        code = re.escape(pol.code)
        m = re.match(rf"^\s*(?:施策\s*{code}(?![0-9])|{code}(?=[\s.．:：、-]))[\s.．:：、-]*", t.text)
        if m and t.text[m.end():]:
            typed = m.group(0).strip()
            yield Hit(f"施策の名前の頭に番号「{typed}」が書かれています。planbook が施策の名前の前に番号を付けて"
                      f"印刷するため（{plan.policy_label(pol)}　…）、番号が二つになります。「{typed}」を消してください"
                      f"（title: {t.text[m.end():]}）。", t.place(m.start()), f"施策{pol.code}", key=typed,
                      **excerpt(t.text, m.start(), m.end()))


def check(plan, options):
    yield from _typed_code(plan)
    for unit, p in paragraphs(plan):
        parts = p.id.split("/")
        if len(parts) >= 2 and parts[-1] == "title" and parts[-3:-2] == ["directions"]:
            m = _NUMBER.match(p.text)
            if m:
                typed = m.group(0).strip()
                yield Hit(f"方向性の名前の頭に番号「{typed}」が書かれています。planbook が方向性に①②…と番号を"
                          f"付けて印刷するため、「① {p.text}」のように番号が二つになります。「{typed}」を消して"
                          f"ください（title: {p.text[m.end():]}）。", p.place(m.start()), unit.label,
                          key=typed, **excerpt(p.text, m.start(), m.end()))
