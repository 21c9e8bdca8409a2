"""The inline filter of the booklet layouts: escaping, ※ markers, ruby, and
the word joiners that keep Japanese line breaks right."""
from markupsafe import Markup

from planbook.render.inline import WJ, glue, inline, ruby


def test_plain_text_is_escaped():
    html = inline("<b>太字</b> & <script>")
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;太字&lt;/b&gt; &amp; &lt;script&gt;" in html


def test_escaped_inside_ruby_and_changed_ranges():
    html = inline("{<i>|<u>}と<b>", ranges=[(0, 4)])
    assert "<i>" not in html and "<u>" not in html and "<b>" not in html
    assert '<span class="chg">' in html


def test_empty_text_is_a_visible_placeholder():
    assert 'class="placeholder"' in inline(None) and "未入力" in inline(None)


def test_note_markers_take_their_labels_and_cannot_start_a_line():
    html = inline("人材[^a]と[^b]、です", {"a": "※1", "b": "※2"})
    assert html.count('class="note-ref"') == 2
    assert f'材{WJ}<span class="note-ref">※1</span>' in html
    # a 、 after a marker stays on the marker's line
    assert f'※2</span>{WJ}、' in html


def test_unknown_note_key_prints_a_plain_mark():
    assert '<span class="note-ref">※</span>' in inline("本文[^zzz]")


def test_ruby_is_a_reading_over_its_base():
    html = inline("{清瀬|きよせ}市")
    assert html.startswith('<span class="ruby"><span class="rt">きよせ</span><span class="rb">清瀬</span>')
    assert isinstance(ruby("永井 想真", "ながい そうま"), Markup)


def test_numbers_are_glued_to_their_units():
    assert glue("令和7年度") == f"令和{WJ}7{WJ}年度"
    assert glue("12人と50㎡") == f"12{WJ}人と{WJ}50{WJ}㎡"
    assert glue("１２か所") == f"１２{WJ}か所"


def test_breaks_after_punctuation_and_separators_are_kept():
    assert glue("、2035年") == f"、2035{WJ}年"
    assert glue("1,234.5") == "1,234.5"
    assert glue("（2026年度）") == f"（2026{WJ}年度）"
    assert glue("10 人") == "10 人"


def test_wave_dash_is_glued_to_what_precedes_it():
    assert glue("4月～6月") == f"4{WJ}月{WJ}～6{WJ}月"
