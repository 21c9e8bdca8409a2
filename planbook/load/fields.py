"""Field types of the plan's own kinds of value: years (西暦, with the 和暦
a staff member may write converted for them) and lists of names (担当課)."""
from __future__ import annotations

import re
import unicodedata

import yaml

from .schema import MISSING, Int, ListOf, Name

# 和暦: the era's year 1 in the Western calendar, less one.
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}
_WAREKI = re.compile(r"^(令和|平成|昭和|[RHS])\.?\s*(元|\d{1,2})\s*(?:年度?)?$", re.IGNORECASE)
_WESTERN_SUFFIX = re.compile(r"^(\d{4})\s*(?:年度?)$")


def western(text: str) -> int | None:
    """The Western year of 「令和7」「R7」「令和元年度」「平成30年」「2025年度」, else None."""
    value = unicodedata.normalize("NFKC", text).strip()
    m = _WESTERN_SUFFIX.match(value)
    if m:
        return int(m.group(1))
    m = _WAREKI.match(value)
    if not m:
        return None
    era = m.group(1).upper() if len(m.group(1)) == 1 else m.group(1)
    n = 1 if m.group(2) == "元" else int(m.group(2))
    return ERAS[era] + n if n >= 1 else None


class Year(Int):
    label = "西暦の年（例: 2026）"

    def __init__(self):
        super().__init__(1900, 2200)

    def convert_value(self, node, ctx):
        if isinstance(node, yaml.ScalarNode):
            year = western(node.value)
            if year is not None:
                ctx.error(node, "load-year", f"「{ctx.key_name()}」は西暦の数字だけで書いてください"
                          f"（いまは「{node.value.strip()}」）。{year} と書いてください"
                          f"（{ctx.key_name()}: {year}。冊子では和暦で印刷します）。")
                return MISSING
            if re.match(r"^\s*(令和|平成|昭和)", node.value):
                ctx.error(node, "load-year", f"「{ctx.key_name()}」は西暦で書いてください"
                          f"（いまは「{node.value.strip()}」。例: 2026）。")
                return MISSING
        return super().convert_value(node, ctx)

    def check_range(self, n, node, ctx):
        if not 1900 <= n <= 2200:
            ctx.error(node, "load-year", f"「{ctx.key_name()}」の年 {n} はありえない年です。"
                      "西暦4桁で書いてください（例: 2026）。")
            return MISSING
        return n


_SEPARATORS = re.compile(r"\s*[、,，､;；]\s*")


class Names(ListOf):
    """A list of names (担当課), each NFC and without an invisible
    character (planbook.names). One string holding 、 or , is a list
    written as one string: 「学校教育課、教育総務課」 would be one department
    that no proof packet goes to."""

    def __init__(self):
        super().__init__(Name())

    def convert_value(self, node, ctx):
        items = [node] if isinstance(node, yaml.ScalarNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        bad = False
        for item in items:
            if not isinstance(item, yaml.ScalarNode) or item.style in ("|", ">"):
                continue
            text = item.value.strip()
            parts = [p for p in _SEPARATORS.split(text) if p]
            if len(parts) > 1 or (parts and parts[0] != text):
                key = ctx.key_name() or "departments"
                ctx.error(item, "load-list-as-text", f"「{key}」に「{text}」と、区切りの記号を入れた一つの"
                          f"文字列が書かれています（このままでは「{text}」という一つの名前になります）。"
                          f"複数あるときはリストで書いてください: {key}: [{', '.join(parts)}]")
                bad = True
        return MISSING if bad else super().convert_value(node, ctx)
