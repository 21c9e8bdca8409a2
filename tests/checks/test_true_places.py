"""Every text check points at the line and column of the offending
characters, wherever the text is: the second or a later line of a literal,
folded, plain or quoted value, a direction's body, a note, an indicator's
note and name, the collaboration summary and texts. The finding carries an
excerpt with the offending part marked."""
import re

import pytest

from helpers import findings

# Check id -> (kinds of text it reads, the mistake with its offending part in ⟦⟧).
MISTAKES = {
    "text-brackets": ("body note label", "⟦「⟧相談窓口を設けます。"),
    "text-characters": ("body note label", "⟦ｿｳﾀﾞﾝ⟧窓口を設けます。"),
    "text-connective": ("body note", "相談を受けるとともに、支援を進める⟦とともに⟧、見守ります。"),
    "text-dictionary": ("body note label", "相談の⟦シュミレーション⟧を行います。"),
    "text-doubled": ("body note", "相談⟦できるできる⟧窓口を設けます。"),
    "text-punctuation": ("body note label", "市民と協働し⟦，⟧見守ります。"),
    "text-sentence": ("body note", "⟦市⟧民、事業者、団体、学校、病院、警察、消防が連携します。"),
    "text-style": ("body", "この取組は重要⟦である⟧。"),
    "text-variants": ("body note label", "⟦さまざま⟧な相談を様々な場で受けます。"),
    "text-width": ("body note label", "相談窓口⟦(⟧そうだんまどぐち)を設けます。"),
    "fonts": ("body note label", "⟦𠮷⟧田さんが相談します。"),
    "notes": ("body note", "相談窓口⟦[^nokey]⟧を設けます。"),
}

FIRST = "市民の暮らしを支えます。"
OTHER = "身近な場所で相談できます。"

# Where the mistake goes: kind of text, the part of policies/111.yaml it
# replaces, and that part's YAML with {M} for the mistake (never on the
# value's first line).
PLACES = {
    "literal": ("body", "future", "future: |\n  {F}\n  {O}{M}\n"),
    "folded": ("body", "future", "future: >\n  {F}\n  {O}\n  {O}{M}\n"),
    "plain": ("body", "future", "future: {F}\n  {O}{M}\n"),
    "direction": ("body", "directions", "directions:\n  - title: 相談窓口を一つにまとめます\n"
                  "    body: |\n      {F}[^madoguchi]\n\n      {F}\n      {M}{O}\n"),
    "summary": ("body", "collaboration", "collaboration:\n  summary: '{F}\n    {O}{M}'\n"
                "  citizens: |\n    {F}\n  government: |\n    {F}\n"),
    "citizens": ("body", "collaboration", "collaboration:\n  summary: {F}\n  citizens: |\n"
                 "    {F}\n    {M}\n  government: |\n    {F}\n"),
    "note": ("note", "notes", "notes:\n  madoguchi: {F}\n    {O}{M}\n"),
    "indicator-note": ("note", "indicators", "indicators:\n  - name: 総合相談窓口の相談件数\n{IND}"
                       "    note: \"{F}\n      {M}\"\n"),
    "indicator-name": ("label", "indicators", "indicators:\n  - name: 総合相談窓口の\n      {M}\n{IND}"),
}

BASE = {
    "head": "code: 111\ngoal: 11\ntitle: 相談支援体制の充実\ndepartments: [福祉課]\n",
    "future": "future: |\n  {F}\n",
    "directions": "directions:\n  - title: 相談窓口を一つにまとめます\n    body: |\n      {F}[^madoguchi]\n",
    "indicators": "indicators:\n  - name: 総合相談窓口の相談件数\n{IND}",
    "collaboration": "collaboration:\n  summary: {F}\n  citizens: |\n    {F}\n  government: |\n"
                     "    {F}\n",
    "notes": "notes:\n  madoguchi: 相談を受け付ける窓口\n",
}
IND = ("    unit: 件\n    baseline: {value: 1840, year: 2025}\n"
       "    target: {value: 2400, year: 2036}\n    direction: up\n")


def _policy(place: str, mistake: str) -> str:
    """policies/111.yaml with `mistake` put at `place`; the rest filled in."""
    _, part, field = PLACES[place]
    text = "".join(field if k == part else v for k, v in BASE.items())
    for k, v in (("{M}", mistake), ("{F}", FIRST), ("{O}", OTHER), ("{IND}", IND)):
        text = text.replace(k, v)
    return text


def _line_col(doc: str, pos: int) -> tuple[int, int]:
    return doc.count("\n", 0, pos) + 1, pos - (doc.rfind("\n", 0, pos) + 1) + 1


CASES = [(code, place) for code, (kinds, _) in MISTAKES.items()
         for place, (kind, _, _) in PLACES.items() if kind in kinds.split()]


@pytest.mark.parametrize("code,place", CASES, ids=[f"{c}-{p}" for c, p in CASES])
def test_finding_points_at_the_offending_characters(complete_copy, code, place):
    marked = MISTAKES[code][1]
    bad = re.search("⟦(.*?)⟧", marked).group(1)
    mistake = marked.replace("⟦", "").replace("⟧", "")
    doc = _policy(place, mistake)
    (complete_copy / "policies/111.yaml").write_text(doc, encoding="utf-8")
    where = doc.index(mistake) + marked.index("⟦")
    found = [f for f in findings(complete_copy, code) if f.file == "policies/111.yaml"]
    assert len(found) == 1, [f.format() for f in found]
    (f,) = found
    assert (f.line, f.column) == _line_col(doc, where), f.format()
    before, part, after = f.marked()
    assert part.startswith(bad) and before + part + after == f.excerpt
    assert f.format().startswith(f"policies/111.yaml:{f.line}:{f.column}: ")


def test_typed_star_in_a_note(complete_copy):
    doc = _policy("note", "相談は※1の窓口で受けます。")
    (complete_copy / "policies/111.yaml").write_text(doc, encoding="utf-8")
    (f,) = [f for f in findings(complete_copy, "notes") if "※1" in f.message]
    assert (f.line, f.column) == _line_col(doc, doc.index("※1"))
    assert f.marked()[1] == "※1"


def test_a_ruby_reading_outside_the_fonts(complete_copy):
    doc = _policy("literal", "{相談|そう𠮷ん}を受けます。")
    (complete_copy / "policies/111.yaml").write_text(doc, encoding="utf-8")
    (f,) = findings(complete_copy, "fonts")
    assert (f.line, f.column) == _line_col(doc, doc.index("𠮷"))
