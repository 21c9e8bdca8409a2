"""Imported once by the process that forks the layout workers (assemble.py):
WeasyPrint, and the font configuration of fonts/ with its fonts loaded, so
that every worker starts with them instead of loading them again."""
import weasyprint  # noqa: F401

from .. import paths
from .fonts import font_config

font_config(paths.FONTS)
