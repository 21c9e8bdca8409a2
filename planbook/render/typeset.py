"""The one seam between planbook and WeasyPrint 70 (pinned): HTML and its
stylesheets → a laid-out document → PDF. Every PDF planbook typesets (the
booklet and its chunks, the proof sheets, the print body and cover, the
新旧対照表) goes through here, and nothing outside planbook/render/ imports
WeasyPrint:

- `environment(layouts, folder)` / `template(layouts, folder, name)`: the one
  Jinja environment of a folder of layouts/ (autoescaped for .html, the
  filters and globals every template may use);
- `render(html, base, fonts, roots, source, compose=…, **options)`: the
  laid-out document, read only inside `roots` and `fonts` (`url_fetcher`), in
  the fonts of `fonts` only (`font_config`);
- `write(document, target, **options)`: its PDF;
- `chunk_layout(standalone)`: within, renders and writes lay out one chunk of
  the booklet (render/chunks);
- `colour_profile(…)`, `srgb_icc()`: the ICC profiles of print PDFs;
- the WeasyPrint internals the join of the chunks reuses (`bookmark_tree`,
  `subset_font`, `hb_face`, `face_sha256`).

The patches of WeasyPrint's internals (render/patches/) are applied here,
around `render` and `write`, never by a caller.

Reading files
-------------
WeasyPrint's only way to read files: local files inside the allowed
folders (source/, layouts/, fonts/). No network, nothing else on disk.

A file of the source (an artwork image) is named by its place in the source,
`planbook-source:artwork/vision-1.png`, not by its absolute path: WeasyPrint
names an image in the PDF after a hash of its URL, so the same source in two
folders gives the same bytes. It is read through planbook.files (a regular
file inside the source, at most files.IMAGE_LIMIT bytes).

Fonts
-----
The one font configuration of every WeasyPrint render: the fonts of
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
import contextlib
import contextvars
import functools
import hashlib
import mimetypes
import shutil
import stat
from contextlib import suppress
from importlib.resources import files as resources
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, unquote, urlparse

import cffi
import jinja2

from .. import files, harfbuzz, paths
from .inline import glue, html, placeholder, ruby

WEASYPRINT = "70.0"
# WeasyPrint's internals used here without being replaced, with the signature
# expected (tests/test_patches.py checks them as it checks the patches')
INTERNALS = {
    "weasyprint.HTML.render": "(self, font_config=None, counter_style=None, color_profiles=None, "
                              "**options)",
    "weasyprint.urls.URLFetcher.fetch": "(self, url, headers=None)",
    "weasyprint.text.fonts.FontConfiguration.__init__": "(self)",
    "weasyprint.css.ColorProfile.__init__": "(self, file_object, src, rendering_intent, components)",
    "weasyprint.anchors.make_page_bookmark_tree": "(page, skipped_levels, last_by_depth, "
                                                  "previous_level, page_number, matrix)",
    "weasyprint.pdf.fonts.Font._harfbuzz_subset": "(self, to_unicode, hinting)",
    "weasyprint.pdf.fonts.Font._fonttools_subset": "(self, to_unicode, hinting)",
}


def _weasyprint():
    """WeasyPrint, imported through its patches (render/patches/libraries.py)."""
    from .patches.libraries import weasyprint  # lazy: WeasyPrint (_weasyprint)
    return weasyprint


# -- templates ---------------------------------------------------------------------


def css_string(value) -> str:
    """A value as a quoted CSS string that cannot end the string or the <style>."""
    s = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + s.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


@jinja2.pass_context
def _uri(ctx, path) -> str:
    """A file's URL, by its place in the source folder when inside it (the
    context's `source_dir`)."""
    return source_url(path, ctx.get("source_dir"))


def environment(layouts: Path, folder: str | tuple[str, ...] = ()) -> jinja2.Environment:
    """The Jinja environment of `folder` of `layouts` (several: looked up in
    order; none: layouts itself), one per folder for the process (Jinja
    checks the templates' dates). HTML templates are autoescaped, CSS ones
    are not (their values go through `css_string`); an undefined value is an
    error."""
    folders = (folder,) if isinstance(folder, str) else tuple(folder)
    return _environment(str(layouts), folders)


@functools.lru_cache(maxsize=32)
def _environment(layouts: str, folders: tuple[str, ...]) -> jinja2.Environment:
    root = Path(layouts)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(root / f) for f in folders] or [str(root)]),
        autoescape=jinja2.select_autoescape(("html", "htm", "xml")),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(html=html, glue=glue, uri=_uri, css_string=css_string)
    env.globals.update(ruby=ruby, placeholder=placeholder)
    return env


def template(layouts: Path, folder: str | tuple[str, ...], name: str) -> jinja2.Template:
    return environment(layouts, folder).get_template(name)


# -- laying out and writing ----------------------------------------------------------

_chunk: contextvars.ContextVar = contextvars.ContextVar("chunk", default=None)


@contextlib.contextmanager
def chunk_layout(standalone: bool = False):
    """Within: the renders and writes lay out one chunk of the booklet
    (render/chunks): each stylesheet parsed and prepared once per process;
    fonts not subset unless `standalone` (a PDF shown on its own), the join
    subsets them once for all chunks."""
    token = _chunk.set({"chunk": True, "subset": standalone})
    try:
        yield
    finally:
        _chunk.reset(token)


def folder_url(folder: Path) -> str:
    """A folder as a base URL (resolved, with its trailing slash)."""
    return Path(folder).resolve().as_uri() + "/"


def render(html: str, base: str | None, fonts: Path, roots=(), source: Path | None = None,
           compose: bool = False, **options):
    """The laid-out document (weasyprint.Document) of `html`, relative URLs
    from `base`. WeasyPrint reads only inside `fonts` and `roots`, and
    `planbook-source:` URLs inside `source`; it sets text in the fonts of
    `fonts` only. `compose`: Japanese justification (patches/justify.py).
    `options`: WeasyPrint's (pdf_variant, color_profiles…)."""
    weasyprint = _weasyprint()
    from .patches import applied  # lazy: WeasyPrint (_weasyprint)
    options.setdefault("font_config", font_config(Path(fonts)))
    fetcher = url_fetcher([Path(fonts), *map(Path, roots)], source)
    with applied(compose=compose, **(_chunk.get() or {})):
        return weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(**options)


def write(document, target=None, **options):
    """Write the PDF of a laid-out document (`target`: a path or a file; none:
    the bytes are returned). `options`: WeasyPrint's (pdf_variant, finisher…)."""
    from .patches import applied  # lazy: WeasyPrint (_weasyprint)
    with applied(**(_chunk.get() or {})):
        return document.write_pdf(target, **options)


# -- colour ------------------------------------------------------------------------

SRGB = "sRGB2014.icc"


def colour_profile(path, src: str, components: tuple, intent: str = "relative-colorimetric"):
    """A WeasyPrint colour profile (PDF output intent or default colour space)
    from an ICC file; `components`: its CSS component names, e.g. (["c"], …)."""
    _weasyprint()
    from weasyprint.css import ColorProfile  # lazy: WeasyPrint (_weasyprint)
    with (path.open("rb") if hasattr(path, "open") else open(path, "rb")) as f:
        return ColorProfile(f, src, intent, components)


def srgb_icc():
    """WeasyPrint's own sRGB profile (a resource of weasyprint.pdf)."""
    return resources("weasyprint.pdf") / SRGB


# -- what the join of the chunks reuses (render/chunks) ---------------------------------


def face_sha256(face, memo: dict) -> str:
    """sha256 of the font file a HarfBuzz face (a WeasyPrint font's hb_face)
    was made from, read in place; `memo`: by the file's address and size."""
    _weasyprint()
    from weasyprint.text.ffi import ffi, harfbuzz  # lazy: WeasyPrint (_weasyprint)
    blob = harfbuzz.hb_face_reference_blob(face)
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        key = (int(ffi.cast("uintptr_t", data)), length[0])
        if key not in memo:
            memo[key] = hashlib.sha256(ffi.buffer(data, length[0])).hexdigest()
        return memo[key]
    finally:
        harfbuzz.hb_blob_destroy(blob)


def hb_face(data: bytes, index: int):
    """A HarfBuzz face of a font file, typed for WeasyPrint's cffi."""
    _weasyprint()
    from weasyprint.text.ffi import ffi  # lazy: WeasyPrint (_weasyprint)

    address = harfbuzz.face(data, index)
    return ffi.gc(ffi.cast("hb_face_t *", address), lambda _: harfbuzz.destroy(address))


def subset_font(data: bytes, index: int, family, missing, to_unicode: dict,
                hinting: bool) -> bytes:
    """A font file subset to the glyphs of `to_unicode` by WeasyPrint's own
    subsetting (pdf/fonts.py: glyph ids kept), as it subsets when it writes."""
    _weasyprint()
    from weasyprint.pdf.fonts import Font, harfbuzz_subset  # lazy: WeasyPrint (_weasyprint)
    from weasyprint.text.ffi import harfbuzz  # lazy: WeasyPrint (_weasyprint)
    shim = SimpleNamespace(hb_face=hb_face(data, index), file_content=data,
                           missing=dict.fromkeys(missing), family=family, index=index)
    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        Font._harfbuzz_subset(shim, to_unicode, hinting)
    else:
        Font._fonttools_subset(shim, to_unicode, hinting)
    return shim.file_content


def bookmark_tree(pages: list[tuple[list, float]], scale: float) -> list:
    """WeasyPrint's outline tree (anchors.make_page_bookmark_tree) of pages
    given as (bookmarks, height in CSS px), `scale` PDF units per CSS px."""
    _weasyprint()
    from weasyprint.anchors import make_page_bookmark_tree  # lazy: WeasyPrint (_weasyprint)
    from weasyprint.matrix import Matrix  # lazy: WeasyPrint (_weasyprint)
    root: list = []
    skipped: list = []
    last_by_depth = [root]
    previous = 0
    for n, (bookmarks, height) in enumerate(pages):
        matrix = Matrix(a=scale, d=-scale, f=height * scale)
        previous = make_page_bookmark_tree(SimpleNamespace(bookmarks=bookmarks), skipped,
                                           last_by_depth, previous, n, matrix)
    return root


# -- reading files -----------------------------------------------------------------

SOURCE_SCHEME = "planbook-source"


def source_url(path, source: Path | None) -> str:
    """The URL of a file: relative to the source folder when inside it."""
    real = Path(path).resolve()
    if source is not None:
        base = Path(source).resolve()
        if real.is_relative_to(base):
            return f"{SOURCE_SCHEME}:{quote(real.relative_to(base).as_posix())}"
    return real.as_uri()


def allowed(url: str, roots: list[Path]) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme == SOURCE_SCHEME:
        return True             # read inside the source only (url_fetcher)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    if not any(path.is_relative_to(Path(r).resolve()) for r in roots):
        return False
    try:
        return stat.S_ISREG(path.stat().st_mode)      # no FIFO, device or folder
    except (OSError, ValueError):
        return False


def url_fetcher(roots: list[Path], source: Path | None = None):
    """A fetcher for files inside `roots`; `planbook-source:` URLs are read
    inside `source` (none without it)."""
    _weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # lazy: WeasyPrint (_weasyprint)

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed(url, roots):
                raise ValueError(f"planbook: 読み込めるのは source・layouts・fonts の中だけです: {url}")
            if url.startswith(SOURCE_SCHEME + ":"):
                if source is None:
                    raise ValueError(f"planbook: source のない組版です: {url}")
                rel = unquote(url[len(SOURCE_SCHEME) + 1:])
                try:
                    data = files.read_bytes(source, rel, files.IMAGE_LIMIT)
                except files.FileProblem as e:
                    raise ValueError(f"planbook: {rel}: {e.message}") from None
                kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=data, headers={"Content-Type": kind})
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data", SOURCE_SCHEME))


# -- fonts -------------------------------------------------------------------------

_LIBRARY_NAMES = ("libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.so.1",
                  "libfontconfig.1.dylib", "libfontconfig-1.dll")
_configs: dict[Path, object] = {}
_fontconfig = None          # libfontconfig with FcConfigCreate declared


def _config_create():
    """fontconfig's FcConfigCreate, declared on WeasyPrint's types."""
    global _fontconfig
    _weasyprint()
    from weasyprint.text import ffi as wp  # lazy: WeasyPrint (_weasyprint)
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
    _weasyprint()
    from weasyprint.text import ffi as wp  # lazy: WeasyPrint (_weasyprint)
    from weasyprint.text.fonts import FontConfiguration  # lazy: WeasyPrint (_weasyprint)

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
    _weasyprint()
    from weasyprint.text import ffi as wp  # lazy: WeasyPrint (_weasyprint)
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
