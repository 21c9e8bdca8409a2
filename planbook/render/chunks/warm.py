"""Imported once by the process that forks the layout workers (assemble.py):
WeasyPrint, the font configuration of fonts/, and one small 施策 page laid
out (layouts/booklet/chunks/warm.html), so that every worker starts with the fonts
loaded and the stylesheets read instead of paying for it on its first chunk."""
import io

from ... import paths
from .. import environment, typeset


def _warm() -> None:
    layouts, fonts = paths.LAYOUTS, paths.FONTS
    env = environment(layouts)
    for name in env.list_templates(extensions=["html"]):     # compiled once, here
        env.get_template(name)
    html = env.get_template("chunks/warm.html").render(fonts=fonts.resolve().as_uri())
    with typeset.chunk_layout():
        doc = typeset.render(html, typeset.folder_url(layouts / "booklet"), fonts, [layouts],
                             compose=True)
        typeset.write(doc, io.BytesIO())


try:
    _warm()
except Exception:  # noqa: BLE001 - only a head start: the chunks are laid out anyway
    pass
