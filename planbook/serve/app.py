"""The preview's web app (Starlette): the page (layouts/preview/), its JSON
and the page images. It only reads the current snapshot of a `Preview`
(planbook.serve.state); how pages are made is not its business.

GET /                 the page
GET /api/status       {version, state, building, errors, warnings, pages, …}
GET /api/pages        the pages (image URL, folio, side, anchors, 施策), spreads, navigation
GET /api/findings     the findings, grouped as in the check report
GET /page/HASH.png    a page image; its URL changes with its content (cached for good)
"""
from __future__ import annotations

import functools
import os
import sys
import traceback

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import paths
from ..render import typeset

LAYOUT = paths.LAYOUTS / "preview"
HOSTS = ("127.0.0.1", "localhost")
NO_STORE = {"Cache-Control": "no-store"}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status, headers=NO_STORE)


def _guarded(endpoint):
    """An endpoint that answers an internal error in Japanese instead of
    raising (which the server would log with a traceback)."""
    @functools.wraps(endpoint)
    async def wrapper(request):
        try:
            return await endpoint(request)
        except Exception as e:  # noqa: BLE001
            if os.environ.get("PLANBOOK_DEBUG"):
                traceback.print_exc()
            print(f"プレビューのサーバーで内部エラーが起きました（{type(e).__name__}: {e}）。",
                  file=sys.stderr, flush=True)
            return _error(500, f"planbook の内部エラーです（{type(e).__name__}）。")
    return wrapper


def make_app(preview, source_name: str = "") -> Starlette:
    page = typeset.template(paths.LAYOUTS, "preview", "index.html")

    @_guarded
    async def index(request):
        html = page.render(source=source_name)
        return HTMLResponse(html, headers=NO_STORE)

    @_guarded
    async def status(request):
        return JSONResponse(preview.status(), headers=NO_STORE)

    @_guarded
    async def pages(request):
        return JSONResponse(preview.pages(), headers=NO_STORE)

    @_guarded
    async def findings(request):
        return JSONResponse(preview.findings(), headers=NO_STORE)

    @_guarded
    async def image(request):
        png = preview.image(request.path_params["digest"])
        if png is None:
            return _error(404, "このページの画像はもうありません。ページを読み込み直してください。")
        return Response(png, media_type="image/png",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})

    app = Starlette(routes=[
        Route("/", index),
        Route("/api/status", status),
        Route("/api/pages", pages),
        Route("/api/findings", findings),
        Route("/page/{digest:str}.png", image),
        Mount("/static", StaticFiles(directory=LAYOUT / "static"), name="static"),
    ])
    return LocalOnly(app)


class LocalOnly:
    """Answers only requests addressed to this machine by name (Host:
    127.0.0.1 or localhost): a web page elsewhere cannot read the plan
    through a name that it points at 127.0.0.1 (DNS rebinding)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers") or ()).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in HOSTS:
                await _error(400, "このプレビューは http://127.0.0.1:ポート/ で開いてください。")(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)
