"""Every character as written: an ideographic variation sequence prints
with the fonts' variant glyph and stays in the DOCX; a character the fonts
lack stops `check` and `build`, and with the check turned off it prints as
the fonts' .notdef, never from a system font; the renderer's font
configuration holds the fonts of fonts/ and nothing else."""
import shutil
from pathlib import Path

import pytest
from docx import Document

from planbook import paths
from planbook.cli import main
from planbook.render.typeset import font_config, loaded_files

from conftest import COMPLETE, FIXTURES
from pdf_fonts import PdfFonts, ours, plain_gid, variant_gid

SENTENCE = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"
TSUJI_1, TSUJI_2, KUZU = "辻\U000E0100", "辻\U000E0101", "葛\U000E0100"
IVS_TEXT = f"{TSUJI_1}さんと{KUZU}西さんと{TSUJI_2}さんと辻さんが、身近な場所で相談できます。"
MISSING = "\U00020BB7"                   # 𠮷 (CJK Ext-B), in no BIZ UD font
EMOJI = "\U0001F600"
MISSING_TEXT = f"{MISSING}田さんが{EMOJI}相談できます。"
MINCHO = "BIZUDPMincho-Regular"         # the body face (layouts/booklet/booklet.css)


def plan_with(tmp_path: Path, *sentences: str) -> Path:
    src = tmp_path / "source"
    shutil.copytree(COMPLETE, src)
    f = src / "policies" / "111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(SENTENCE, "".join(sentences), 1),
                 encoding="utf-8")
    return src


def test_fonts_lack_the_test_characters():
    from fontTools.ttLib import TTFont
    for f in paths.font_files():
        with TTFont(f, lazy=True) as font:
            assert not {ord(MISSING), ord(EMOJI)} & set(font.getBestCmap())


def test_check_names_a_missing_character_and_build_refuses(tmp_path, capsys):
    src = plan_with(tmp_path, IVS_TEXT, MISSING_TEXT)
    assert main(["check", str(src)]) == 1
    err = "".join(capsys.readouterr())
    assert f"error[fonts]: 「{MISSING}」（U+20BB7）" in err and "U+1F600" in err
    assert "異体字" not in err                    # the sequences the fonts have are fine
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out)]) == 1
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.docx"))


@pytest.fixture(scope="module")
def unchecked(tmp_path_factory):
    """The plan with the sequences and the missing characters, built with
    the fonts check turned off."""
    tmp = tmp_path_factory.mktemp("glyphs")
    src = plan_with(tmp, IVS_TEXT, MISSING_TEXT)
    (src / "style.yaml").write_text("checks:\n  fonts: {severity: off}\n", encoding="utf-8")
    out = tmp / "out"
    assert main(["build", str(src), "-o", str(out), "--format", "pdf,docx"]) == 0
    (pdf,) = out.glob("*.pdf")
    (docx,) = out.glob("*.docx")
    return PdfFonts(pdf), Document(docx)


def test_ivs_print_with_the_fonts_variant_glyph(unchecked):
    pdf, _ = unchecked
    mincho = ours()[MINCHO]
    drawn = set().union(*(pdf.glyphs[k] for k in pdf.of(MINCHO)))
    one_dot, kuzu = variant_gid(mincho, "辻", 0xE0100), variant_gid(mincho, "葛", 0xE0100)
    assert (one_dot, kuzu) == (12614, 12547)             # the fonts' variant glyphs
    assert one_dot != plain_gid(mincho, "辻") and kuzu != plain_gid(mincho, "葛")
    assert {one_dot, kuzu, plain_gid(mincho, "辻")} <= drawn
    assert variant_gid(mincho, "辻", 0xE0101) == plain_gid(mincho, "辻")
    # The subset keeps the variant's outline at its original glyph id.
    for base in pdf.of(MINCHO):
        program = pdf.programs[base]
        if one_dot in pdf.glyphs.get(base, ()):
            assert program["glyf"][program.getGlyphOrder()[one_dot]].numberOfContours > 0


def test_missing_character_is_notdef_never_a_system_font(unchecked):
    pdf, _ = unchecked
    names = pdf.postscript_names()
    assert set(names.values()) <= set(ours()), names          # no DejaVu, nothing else
    for base in pdf.of(MINCHO):
        count = pdf.programs[base]["maxp"].numGlyphs
        # WeasyPrint draws a character the font lacks as .notdef, under an id
        # past the font's glyphs (so copying the text still gives 𠮷).
        if any(g >= count for g in pdf.glyphs.get(base, ())):
            break
    else:
        pytest.fail("the missing characters were not drawn from the BIZ UD Mincho")


def test_docx_keeps_the_sequences(unchecked):
    _, docx = unchecked
    text = "\n".join(p.text for p in docx.paragraphs)
    assert IVS_TEXT in text and MISSING_TEXT in text


def test_the_configuration_holds_only_the_fonts_folder(unchecked):
    config = font_config()
    files = [Path(f) for f in loaded_files(config)]
    ours_ = {f.resolve() for f in paths.font_files()}
    assert ours_ <= set(files)
    copies = Path(config._folder) if config._folder else None
    for f in files:     # fonts/, or WeasyPrint's copy of a fonts/ file named in @font-face
        assert f.resolve() in ours_ or (copies and f.parent == copies), f
        assert f.read_bytes() in {o.read_bytes() for o in ours_}, f
    assert not [f for f in files if str(f).startswith("/usr/share/fonts")]


def test_a_layout_naming_a_system_font_still_gets_ours(tmp_path):
    from planbook.render import typeset
    html = (FIXTURES / "probes" / "system-fonts.html").read_text(encoding="utf-8")
    html = html.replace("{{ emoji }}", EMOJI)
    path = tmp_path / "sys.pdf"
    typeset.write(typeset.render(html, None, paths.FONTS), path)
    names = PdfFonts(path).postscript_names()
    assert names and set(names.values()) <= set(ours()), names


@pytest.mark.parametrize("ranges", [[(4, 5)], [(3, 4)], [(2, 4)], [(4, 7)]])
def test_a_proof_mark_never_cuts_a_character_from_its_selector(ranges):
    """A selector in a span of its own is shaped alone and dropped (the plain
    辻 prints): the mark takes the whole character."""
    from planbook.render.inline import inline
    out = str(inline(f"相談は{TSUJI_1}さんへ", ranges=ranges))
    assert f'<span class="chg">{TSUJI_1}' in out, out


def test_every_character_the_layouts_print_is_in_the_fonts():
    """The words the templates and stylesheets rendered by WeasyPrint spell
    themselves (CSS `content`, headings of the cover, the diff and the proof
    packet). The check-report and preflight pages are read in a browser."""
    from planbook.checks.fonts import coverage
    cov = coverage()
    for folder in ("booklet", "cover", "proof", "diff", "print"):
        for f in sorted((paths.LAYOUTS / folder).rglob("*")):
            if f.suffix in (".html", ".css") and f.name != "preflight.html":
                text = f.read_text(encoding="utf-8")
                missing = {c for c in text if ord(c) > 127 and not c.isspace()
                           and ord(c) not in cov.chars}
                assert not missing, (f, missing)


def test_font_coverage_read_by_harfbuzz_is_fonttools_cmap():
    """The fonts check reads each font's coverage with HarfBuzz: the same code
    points as fontTools' best cmap and the same variation sequences as its
    format 14 subtable."""
    from fontTools.ttLib import TTFont

    from planbook import harfbuzz, paths
    for path in paths.font_files():
        chars, sequences = harfbuzz.coverage(path.read_bytes())
        with TTFont(path, lazy=True) as font:
            uvs = font["cmap"].getcmap(0, 5)
            assert chars == frozenset(font.getBestCmap()), path.name
            assert sequences == frozenset((base, selector)
                                          for selector, pairs in (uvs.uvsDict.items() if uvs else ())
                                          for base, _ in pairs), path.name
