"""`planbook serve`: a live preview of the booklet in the browser.

A local web server (uvicorn, on 127.0.0.1 only) shows the booklet as
spreads beside the check findings (planbook.serve.app); watchfiles reports
each save in the source folder, and a rebuild (load → check → pages,
planbook.serve.state) makes the next version, which the page picks up by
polling /api/status. Ctrl-C, SIGTERM or SIGHUP (the terminal closed) stops
it: exit 0, its temporary files removed (planbook.launch)."""
from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TextIO

import uvicorn

from .app import make_app
from .render import PageRenderer
from .state import LOAD_FAILED, OK, Preview, counts
from .watch import Rebuilds, watch

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EXIT_OK, EXIT_UNUSABLE = 0, 2


def serve(source: Path, port: int = DEFAULT_PORT, out: TextIO | None = None, renderer=None,
          jobs: int = 0) -> int:
    out = out or sys.stderr
    source = Path(source)
    if not source.is_dir():
        print(f"計画のフォルダ「{source}」がありません。フォルダを指定してください"
              "（例: planbook serve source）。", file=out)
        return EXIT_UNUSABLE
    try:
        with _stopping() as stop:
            try:
                sock = listen(port)
            except OSError as e:
                print(port_problem(port, e), file=out)
                return EXIT_UNUSABLE
            with sock:
                if renderer is None:
                    renderer = PageRenderer(jobs)
                preview = Preview(source, renderer, log=out)
                url = f"http://{HOST}:{sock.getsockname()[1]}/"
                print(f"{source} のプレビューを {url} で見られます。ブラウザでこのアドレスを開いてください。\n"
                      "source のファイルを保存すると、自動で組み直して表示を更新します。"
                      "止めるには Ctrl-C を押します。", file=out, flush=True)
                try:
                    asyncio.run(_run(preview, sock, stop, out))
                finally:
                    preview.closed = True   # a rebuild still running ends unheard
    except KeyboardInterrupt:           # before the server's own handling began
        pass
    print("プレビューを止めました。", file=out, flush=True)
    return EXIT_OK


def listen(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1 only (port 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(128)
        sock.set_inheritable(False)
    except OSError:
        sock.close()
        raise
    return sock


def port_problem(port: int, e: OSError) -> str:
    if e.errno == errno.EADDRINUSE:
        why = "ほかのプログラム（別の planbook serve かもしれません）が使っています"
    elif e.errno == errno.EACCES:
        why = "このユーザーには使えない番号です（1024 未満）"
    else:
        why = os.strerror(e.errno) if e.errno else str(e)
    return (f"ポート {port} でプレビューを始められません（{why}）。"
            f"--port で別の番号を指定してください（例: planbook serve --port {port + 1 if port else 8001}）。")


class _Stop:
    """Set by Ctrl-C, SIGTERM or SIGHUP; tells the running server (if any) to stop."""

    def __init__(self):
        self.server = None
        self.loop = None
        self.event: asyncio.Event | None = None
        self.signals = 0

    def __call__(self, signum, frame) -> None:
        self.signals += 1
        if self.server is None:
            raise KeyboardInterrupt
        self.server.should_exit = True
        if self.signals > 1:
            self.server.force_exit = True
        if self.loop is not None and self.event is not None:
            self.loop.call_soon_threadsafe(self.event.set)


@contextlib.contextmanager
def _stopping():
    """Ctrl-C, SIGTERM and SIGHUP stop the server (restored afterwards)."""
    stop = _Stop()
    old = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            old[sig] = signal.signal(sig, stop)
    except ValueError:                  # not the main thread: the caller stops it
        pass
    try:
        yield stop
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _server(app, out: TextIO):

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self):
            yield                     # planbook's handlers (_stopping) stop it, and exit 0

    _quiet_logs(out)
    config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False,
                            lifespan="off", timeout_graceful_shutdown=2, server_header=False)
    return Server(config)


async def _run(preview, sock: socket.socket, stop: _Stop, out: TextIO) -> None:
    server = _server(make_app(preview, preview.source.name), out)
    stop.loop, stop.event, stop.server = asyncio.get_running_loop(), asyncio.Event(), server
    rebuilds = Rebuilds(preview.rebuild, lambda snap: print(said(snap), file=out, flush=True), out)
    rebuilds.request()
    tasks = [asyncio.create_task(rebuilds.run()),
             asyncio.create_task(watch(preview.source, rebuilds.request, stop.event, out))]
    try:
        await server.serve(sockets=[sock])
    finally:
        stop.event.set()
        tasks[0].cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def said(snap) -> str:
    """One line on the terminal after each rebuild."""
    c = counts(snap.findings)
    if snap.state == OK:
        return (f"版 {snap.version}: {len(snap.pages)} ページ、エラー {c['error']} 件、"
                f"警告 {c['warning']} 件（{snap.seconds:.1f} 秒）")
    if snap.state == LOAD_FAILED:
        lines = [f"版 {snap.version}: source を読み込めませんでした（{len(snap.findings)} 件）。"]
        return "\n".join(lines + [f"  {f.format()}" for f in snap.findings])
    return f"版 {snap.version}: ページを組めませんでした（上の内容）。"


class _OneLine(logging.Formatter):
    def format(self, record) -> str:
        text = f"プレビューのサーバー: {record.getMessage()}"
        if record.exc_info and os.environ.get("PLANBOOK_DEBUG"):
            text += "\n" + self.formatException(record.exc_info)
        return text


def _quiet_logs(out: TextIO) -> None:
    """uvicorn's own log: warnings and errors only, one line, no traceback."""
    log = logging.getLogger("uvicorn")
    handler = logging.StreamHandler(out)
    handler.setFormatter(_OneLine())
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.WARNING)
