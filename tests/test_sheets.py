"""Stylesheets prepared once per layout process (planbook.render.typeset.patches.stylesheets):
a document laid out with the kept sheets is the document laid out without
them, also when a sheet that cannot be kept sits between kept ones."""
from __future__ import annotations

from pathlib import Path

from planbook import paths
from planbook.render.typeset.patches import stylesheets as sheets
from planbook.render import typeset
from planbook.render.typeset.patches.stylesheets import css_module, prepared_once

# Three sheets whose @page rules and element rules overlap: the later wins
# at equal weight. The first and the last cannot be kept (@counter-style):
# the one kept between them must still win over the first.
FIXTURES = Path(__file__).parent / "fixtures" / "sheets"        # page.html links the three


def render():
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    return typeset.render(html, FIXTURES.as_uri() + "/", paths.FONTS, [FIXTURES])


def facts(doc) -> list:
    out = []
    for page in doc.pages:
        box = page._page_box
        p = [b for b in box.descendants() if getattr(b, "element_tag", "") == "p"][0]
        out.append((page.width, page.height, box.margin_left, box.margin_top,
                    p.style["color"], p.style["font_size"]))
    return out


def test_kept_sheets_lay_out_the_same_document():
    plain = facts(render())
    assert plain[0][2] != plain[1][2]                  # (:first applies on page 1 only)
    sheets.forget()
    with prepared_once():
        first = facts(render())
        kept = sheets.prepared()
        again = facts(render())
    assert first == again == plain
    # the plain sheet is kept, the two with @counter-style are not
    assert [k[1] for k in kept] == [(FIXTURES / "kept.css").as_uri()]


def test_a_kept_sheet_is_given_again_not_prepared_again():
    sheets.forget()
    made = []
    plain = css_module.CSS

    with prepared_once():
        inner = css_module.CSS
        render()
        made.append(len(sheets.prepared()))
        render()
        made.append(len(sheets.prepared()))
    assert made == [1, 1]
    assert css_module.CSS is plain and inner is not plain   # (put back after)
