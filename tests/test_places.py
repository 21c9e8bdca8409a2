"""Every character of a text value maps back to its source line and column,
whatever the YAML style: literal, folded, plain, single and double quoted."""
import pytest
import yaml

from planbook.load.places import one_paragraph, str_value, stripped_value, text_paragraphs, value_places
from planbook.model import Loc, place_in

DOC = """\
a: |
  一行目の文です。
  二行目に誤りがあります。

  二つ目の段落です。
b: >
  折り返し一行目
  折り返し二行目の誤り

  second paragraph
c: 普通の一行目
  普通の二行目の誤り
d: "引用の一行目
  引用の二行目の誤り"
e: '一重の''引用''一行目
    一重の二行目の誤り'
f: "エスケープ\\u3042と\\"誤り\\"\\
    続きの誤り"
g: !!str 型付きの誤り
h:   前後に空白の誤り   \n"""


def _node(key: str, doc: str = DOC):
    root = yaml.compose(doc, Loader=yaml.SafeLoader)
    return next(v for k, v in root.value if k.value == key)


def _where(doc: str, word: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of `word` in `doc`, 1-based, as an editor shows it."""
    pos = -1
    for _ in range(occurrence):
        pos = doc.index(word, pos + 1)
    line = doc.count("\n", 0, pos) + 1
    return line, pos - (doc.rfind("\n", 0, pos) + 1) + 1


def _place(text: str, places, word: str) -> tuple[int, int]:
    loc = place_in(places, text.index(word), Loc("x", 0))
    return loc.line, loc.column


@pytest.mark.parametrize("key", list("abcdefgh"))
def test_every_visible_character_maps_to_itself(key):
    node = _node(key)
    lines = DOC.split("\n")
    for ch, (line, col) in zip(node.value, value_places(node)):
        if ch.strip() and key != "f":
            assert lines[line - 1][col - 1] == ch, (key, ch, line, col)


def test_literal_block_second_line_and_second_paragraph():
    paras = text_paragraphs(_node("a"))
    assert [t for t, _ in paras] == ["一行目の文です。二行目に誤りがあります。", "二つ目の段落です。"]
    text, places = paras[0]
    assert _place(text, places, "誤り") == _where(DOC, "誤り") == (3, 7)
    text, places = paras[1]
    assert _place(text, places, "段落") == _where(DOC, "段落")


def test_folded_block_second_line():
    paras = text_paragraphs(_node("b"))
    # the wrapped line joins without a space; the blank line still ends the paragraph
    assert [t for t, _ in paras] == ["折り返し一行目折り返し二行目の誤り", "second paragraph"]
    text, places = paras[0]
    assert _place(text, places, "誤り") == _where(DOC, "誤り", 2)
    text, places = paras[1]
    assert _place(text, places, "second") == _where(DOC, "second")


def test_plain_multi_line():
    text, places = one_paragraph(_node("c"))
    assert text == "普通の一行目普通の二行目の誤り"
    assert _place(text, places, "誤り") == _where(DOC, "誤り", 3)
    assert _place(text, places, "普通") == _where(DOC, "普通") == (11, 4)


def test_double_and_single_quoted_multi_line():
    text, places = one_paragraph(_node("d"))
    assert _place(text, places, "誤り") == _where(DOC, "誤り", 4)
    text, places = one_paragraph(_node("e"))
    assert text == "一重の'引用'一行目一重の二行目の誤り"
    assert _place(text, places, "引用") == _where(DOC, "引用''")
    assert _place(text, places, "誤り") == _where(DOC, "誤り", 5)


def test_escapes_map_to_their_backslash():
    text, places = one_paragraph(_node("f"))
    assert text == 'エスケープあと"誤り"続きの誤り'
    assert _place(text, places, "あ") == _where(DOC, "\\u3042")
    assert _place(text, places, "誤り") == _where(DOC, "誤り", 6)
    assert _place(text, places, "続き") == _where(DOC, "続き")


def test_tagged_and_padded_plain_values():
    node = _node("g")
    assert place_in(stripped_value(node), 0, Loc("x", 0)).column == _where(DOC, "型付き")[1]
    node = _node("h")
    loc = place_in(stripped_value(node), "前後に空白の誤り".index("誤り"), Loc("x", 0))
    assert (loc.line, loc.column) == _where(DOC, "誤り", 9)


def test_windows_line_ends():
    doc = "a: |\r\n  一行目\r\n  二行目の誤り\r\n"
    text, places = text_paragraphs(_node("a", doc))[0]
    assert _place(text, places, "誤り") == (3, 7)


def test_without_the_source_every_character_is_at_the_start():
    import io
    root = yaml.compose(io.StringIO(DOC), Loader=yaml.SafeLoader)
    node = next(v for k, v in root.value if k.value == "c")
    assert set(value_places(node)) == {_where(DOC, "普通")}


def test_wrapped_lines_join_without_a_space_between_japanese_only():
    doc = ("a: 自分の良さを\n  生かしながら DX を\n  進める\nb: >\n  the plan\n  is wrapped\n"
           "c: |\n  自分の良さを\n  生かしながら\n")
    assert text_paragraphs(_node("a", doc))[0][0] == "自分の良さを生かしながら DX を進める"
    assert text_paragraphs(_node("b", doc))[0][0] == "the plan is wrapped"
    assert one_paragraph(_node("a", doc))[0] == "自分の良さを生かしながら DX を進める"
    assert text_paragraphs(_node("c", doc))[0][0] == "自分の良さを生かしながら"


def test_plain_and_folded_paragraphs_stay_apart():
    doc = "a: 一つ目の段落\n  の続き\n\n  二つ目の段落\nb: >\n  一つ目\n\n  二つ目\n"
    assert [t for t, _ in text_paragraphs(_node("a", doc))] == ["一つ目の段落の続き", "二つ目の段落"]
    assert [t for t, _ in text_paragraphs(_node("b", doc))] == ["一つ目", "二つ目"]


def test_a_wrapped_name_joins_like_a_text():
    doc = "a: 企画課\n  企画係（内線 1234）\nb: Planning\n  Section\n"
    text, places = str_value(_node("a", doc))
    assert text == "企画課企画係（内線 1234）"
    assert _place(text, places, "企画係") == _where(doc, "企画係")
    assert str_value(_node("b", doc))[0] == "Planning Section"
