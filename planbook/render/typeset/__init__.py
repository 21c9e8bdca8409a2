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

The patches of WeasyPrint's internals (render/typeset/patches/) are applied here,
around `render` and `write`, never by a caller.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
from importlib.resources import files as resources
from pathlib import Path

import jinja2

from ..inline import glue, html, placeholder, ruby
from .engine import INTERNALS, WEASYPRINT, weasyprint
from .fetch import SOURCE_SCHEME, allowed, source_url, url_fetcher
from .fonts import font_config, loaded_files
from .joining import bookmark_tree, face_sha256, hb_face, subset_font

__all__ = ["INTERNALS", "WEASYPRINT", "SOURCE_SCHEME", "allowed", "source_url", "url_fetcher",
           "font_config", "loaded_files", "bookmark_tree", "face_sha256", "hb_face", "subset_font",
           "css_string", "environment", "template", "chunk_layout", "folder_url", "render", "write",
           "colour_profile", "srgb_icc", "SRGB"]


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
    engine = weasyprint()
    from .patches import applied  # lazy: WeasyPrint (engine.weasyprint)
    options.setdefault("font_config", font_config(Path(fonts)))
    fetcher = url_fetcher([Path(fonts), *map(Path, roots)], source)
    with applied(compose=compose, **(_chunk.get() or {})):
        return engine.HTML(string=html, base_url=base, url_fetcher=fetcher).render(**options)


def write(document, target=None, **options):
    """Write the PDF of a laid-out document (`target`: a path or a file; none:
    the bytes are returned). `options`: WeasyPrint's (pdf_variant, finisher…)."""
    from .patches import applied  # lazy: WeasyPrint (engine.weasyprint)
    tagged = str(options.get("pdf_variant") or "").startswith("pdf/ua")
    with applied(tagged=tagged, **(_chunk.get() or {})):
        return document.write_pdf(target, **options)


# -- colour ------------------------------------------------------------------------

SRGB = "sRGB2014.icc"


def colour_profile(path, src: str, components: tuple, intent: str = "relative-colorimetric"):
    """A WeasyPrint colour profile (PDF output intent or default colour space)
    from an ICC file; `components`: its CSS component names, e.g. (["c"], …)."""
    weasyprint()
    from weasyprint.css import ColorProfile  # lazy: WeasyPrint (engine.weasyprint)
    with (path.open("rb") if hasattr(path, "open") else open(path, "rb")) as f:
        return ColorProfile(f, src, intent, components)


def srgb_icc():
    """WeasyPrint's own sRGB profile (a resource of weasyprint.pdf)."""
    return resources("weasyprint.pdf") / SRGB
