"""Stylesheets prepared once per layout process (WeasyPrint 70, pinned).

Every chunk of the booklet is its own WeasyPrint document with the same
stylesheets; preparing one (its rules checked, its selectors compiled) costs
about as much as laying out a page. While a chunk is laid out
(planbook.render.typeset.chunk_layout), a stylesheet met before is given again: the same text
from the same place gives the same rules, and a prepared sheet is only read
by the cascade. A sheet that changes its document as it is prepared
(@font-face, @counter-style, colour profiles, @layer) is prepared each time.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import unquote, urlparse

from .pinning import pin

WEASYPRINT = "70.0"
TARGETS = {"weasyprint.css.CSS.__init__": (
    "(self, guess=None, filename=None, url=None, file_obj=None, string=None, encoding=None, "
    "base_url=None, url_fetcher=None, _check_mime_type=False, media_type='print', "
    "font_config=None, counter_style=None, color_profiles=None, matcher=None, "
    "page_rules=None, layers=None, layer=None)")}
pin(__name__, WEASYPRINT, TARGETS)

import weasyprint.css as css_module  # noqa: E402

_prepared: dict = {}        # key -> the prepared CSS, or None: prepare it each time
_OWN = ("@font-face", "@counter-style", "@color-profile", "@layer", "@import")


def _key(kwargs: dict):
    """What makes a sheet the same one again, or None (not to be kept)."""
    media = kwargs.get("media_type", "print")
    if kwargs.get("string") is not None:
        text = kwargs["string"]
        return None if any(w in text for w in _OWN) else (
            "text", text, str(kwargs.get("base_url")), media)
    url = kwargs.get("url")
    if isinstance(url, str) and url.startswith("file://"):
        path = Path(unquote(urlparse(url).path))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return None if any(w in text for w in _OWN) else ("file", url, text, media)
    return None


@contextlib.contextmanager
def prepared_once():
    """Within: the stylesheets a document finds are prepared once per process."""
    plain = css_module.CSS

    def sheet(*args, **kwargs):
        if "page_rules" in kwargs:
            # each sheet with page rules of its own, kept or not: the cascade
            # reads every sheet's list in order, as when they shared one
            kwargs = {**kwargs, "page_rules": None}
        key = _key(kwargs) if not args else None
        if key is None:
            return plain(*args, **kwargs)
        if key not in _prepared:
            own = plain(**{**kwargs, "layers": None, "counter_style": {}, "color_profiles": {}})
            if len(_prepared) > 256:
                _prepared.clear()
            _prepared[key] = own
        return _prepared[key]

    css_module.CSS = sheet
    try:
        yield
    finally:
        css_module.CSS = plain


def prepared() -> list[tuple]:
    """What is kept: per sheet ("text", text, base URL, media) or ("file",
    URL, text, media)."""
    return list(_prepared)


def forget() -> None:
    """Prepare every sheet again (tests)."""
    _prepared.clear()
