"""Each stylesheet text tokenised once per process (WeasyPrint 70, pinned,
and the tinycss2 it calls): tinycss2's parse is pure, the same text gives
the same rules, and every chunk of the booklet has the same stylesheets."""
from __future__ import annotations

import contextlib

import tinycss2

from .pinning import pin

WEASYPRINT = "70.0"
TARGETS = {
    "tinycss2.parse_stylesheet": "(input, skip_comments=False, skip_whitespace=False)",
    "tinycss2.parse_stylesheet_bytes": "(css_bytes, protocol_encoding=None, "
                                       "environment_encoding=None, skip_comments=False, "
                                       "skip_whitespace=False)",
}
pin(__name__, WEASYPRINT, TARGETS)

_parsed: dict = {}
_parsed_bytes: dict = {}


@contextlib.contextmanager
def memo():
    """Within: tinycss2's parse_stylesheet(_bytes) answers a text met before
    from memory."""
    saved = tinycss2.parse_stylesheet, tinycss2.parse_stylesheet_bytes

    def parse(css, *args, **kwargs):
        key = (css, args, tuple(sorted(kwargs.items())))
        if key not in _parsed:
            _parsed[key] = saved[0](css, *args, **kwargs)
        return _parsed[key]

    def parse_bytes(css, *args, **kwargs):
        key = (css, args, tuple(sorted(kwargs.items())))
        if key not in _parsed_bytes:
            _parsed_bytes[key] = saved[1](css, *args, **kwargs)
        return _parsed_bytes[key]

    tinycss2.parse_stylesheet, tinycss2.parse_stylesheet_bytes = parse, parse_bytes
    try:
        yield
    finally:
        tinycss2.parse_stylesheet, tinycss2.parse_stylesheet_bytes = saved
