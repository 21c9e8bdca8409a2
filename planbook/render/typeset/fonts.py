"""The one font configuration of every WeasyPrint render: the fonts of
fonts/ and nothing else, so no glyph of a PDF comes from a system font.

Why: WeasyPrint 70's own `FontConfiguration()` loads the system's fontconfig
setup (`FcInitLoadConfigAndFonts`: /etc/fonts, every system and user font
folder). Pango then takes a character that the @font-face fonts lack from
any installed font (DejaVu here), and a family named in the CSS may come
from /usr/share/fonts instead of fonts/ (the BIZ UD fonts are installed
there too on the test machines).

How: `font_config()` gives a `FontConfiguration` whose fontconfig config is
empty (`FcConfigCreate`: no font folder, no cache folder, no substitution
rules) plus each font file of fonts/ (`FcConfigAppFontAddFile`); the Pango
font map of the configuration uses that config only. @font-face rules still
work as WeasyPrint does it: the fetched font (the layouts name fonts/; the
url_fetcher reads nothing outside the allowed folders, above) is
written to a temporary file and added to the same config, and a `local()`
source is looked up in this config only. A character that no font of
fonts/ has is then drawn from a font of fonts/ as its .notdef glyph (never
a substitute): the `fonts` check reports it before anything is rendered.
Files are added one by one rather than with FcConfigAppFontAddDir, which
wants to write a cache and, with no cache folder, prints "Fontconfig error:
No writable cache directories" on stderr.

`FcConfigCreate` is not in WeasyPrint's cffi declarations, so it is
declared here in a small FFI that includes WeasyPrint's types, on the same
libfontconfig. Setting FONTCONFIG_FILE to a generated config was not used:
the variable is process-wide (read by every `FcInitLoadConfigAndFonts`,
other libraries' too), and fontconfig falls back to its built-in config,
which lists the system font folder, when that file cannot be loaded.

One configuration per fonts folder is kept for the whole process and
shared by every render (booklet, proof, packet cover, print body and
cover, 新旧対照表): the fonts are scanned once and WeasyPrint's @font-face
copies and layout caches are reused.
"""
from __future__ import annotations

import atexit
import shutil
from contextlib import suppress
from pathlib import Path

import cffi

from ... import paths
from .engine import weasyprint

_LIBRARY_NAMES = ("libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.so.1",
                  "libfontconfig.1.dylib", "libfontconfig-1.dll")
_configs: dict[Path, object] = {}
_fontconfig = None          # libfontconfig with FcConfigCreate declared


def _config_create():
    """fontconfig's FcConfigCreate, declared on WeasyPrint's types."""
    global _fontconfig
    weasyprint()
    from weasyprint.text import ffi as wp  # lazy: WeasyPrint (engine.weasyprint)
    if _fontconfig is None:
        ffi = cffi.FFI()
        ffi.include(wp.ffi)
        ffi.cdef("FcConfig * FcConfigCreate (void);")
        for name in _LIBRARY_NAMES:
            with suppress(OSError):
                _fontconfig = ffi.dlopen(name)
                break
        else:
            raise OSError("fontconfig のライブラリ（libfontconfig）が見つかりません。")
    return wp.ffi.cast("FcConfig *", _fontconfig.FcConfigCreate())


def _restricted_class():
    weasyprint()
    from weasyprint.text import ffi as wp  # lazy: WeasyPrint (engine.weasyprint)
    from weasyprint.text.fonts import FontConfiguration  # lazy: WeasyPrint (engine.weasyprint)

    class RestrictedFontConfiguration(FontConfiguration):
        """WeasyPrint's FontConfiguration on an empty fontconfig config
        holding only `files` (and the @font-face fonts added later)."""

        def __init__(self, files: list[Path]):
            # Mirrors FontConfiguration.__init__ with another config.
            self._folder = None
            self._config = _config_create()
            if self._config == wp.ffi.NULL:
                raise OSError("fontconfig の設定を作れませんでした。")
            self.files = tuple(files)
            for f in self.files:
                if not wp.fontconfig.FcConfigAppFontAddFile(self._config, str(f).encode()):
                    raise OSError(f"フォントを読み込めません: {f}")
            self.font_map = wp.ffi.gc(wp.pangoft2.pango_ft2_font_map_new(),
                                      wp.gobject.g_object_unref)
            wp.pangoft2.pango_fc_font_map_set_config(
                wp.ffi.cast("PangoFcFontMap *", self.font_map), self._config)
            # The font map keeps its own reference to the config.
            wp.fontconfig.FcConfigDestroy(self._config)
            self.strut_layouts = {}
            self.font_features = {}

    return RestrictedFontConfiguration


def font_config(folder: Path | None = None):
    """The shared FontConfiguration of `folder` (default fonts/): pass it
    as `font_config=` to every WeasyPrint render (`render` does)."""
    key = Path(folder or paths.FONTS).resolve()
    config = _configs.get(key)
    if config is None:
        files = paths.font_files(key)
        if not files:
            raise OSError(f"フォントが見つかりません（{key}）。")
        config = _configs[key] = _restricted_class()(files)
    return config


def loaded_files(config) -> list[str]:
    """Every font file the configuration's fontconfig config holds (for tests
    and diagnostics): fonts/ and WeasyPrint's copies of @font-face fonts."""
    weasyprint()
    from weasyprint.text import ffi as wp  # lazy: WeasyPrint (engine.weasyprint)
    out = []
    string = wp.ffi.new("FcChar8 **")
    for which in (wp.fontconfig.FcSetSystem, wp.fontconfig.FcSetApplication):
        fonts = wp.fontconfig.FcConfigGetFonts(config._config, which)
        if fonts == wp.ffi.NULL:
            continue
        for i in range(fonts.nfont):
            if wp.fontconfig.FcPatternGetString(fonts.fonts[i], b"file", 0, string) == 0:
                out.append(wp.ffi.string(string[0]).decode())
    return out


@atexit.register
def _clean() -> None:
    """Remove WeasyPrint's @font-face copies before the interpreter tears
    down the modules its __del__ needs."""
    for config in _configs.values():
        if config._folder:
            shutil.rmtree(config._folder, ignore_errors=True)
            config._folder = None
    _configs.clear()
