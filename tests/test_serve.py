"""`planbook serve`: the live preview as a user runs it (a subprocess on a
free port, against a copy of the complete plan), and its rebuild states."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from planbook.findings import Finding
from planbook.serve import render, state

from conftest import COMPLETE

ROOT = Path(__file__).resolve().parent.parent
WAIT = 90            # seconds: a rebuild on a busy 2-core machine


class Server:
    """`planbook serve SOURCE --port 0` in a subprocess; its stderr collected."""

    def __init__(self, source: Path, port: int = 0, tmp: Path | None = None):
        env = dict(os.environ, PYTHONPATH=str(ROOT), **({"TMPDIR": str(tmp)} if tmp else {}))
        env.pop("PLANBOOK_DEBUG", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "planbook", "serve", str(source),
                                      "--port", str(port)], env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = None

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    @property
    def err(self) -> str:
        return "".join(self.lines)

    def started(self) -> "Server":
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and self.proc.poll() is None:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.err)
            if m:
                self.url, self.port = m.group(0), int(m.group(1))
                return self
            time.sleep(0.05)
        raise AssertionError(f"the server did not start: {self.err}")

    def get(self, path: str, host: str | None = None):
        req = urllib.request.Request(self.url + path.lstrip("/"))
        if host:
            req.add_header("Host", host)
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()

    def json(self, path: str) -> dict:
        return json.loads(self.get(path)[2])

    def hashes(self) -> list[str]:
        return [p["hash"] for p in self.json("/api/pages")["pages"]]

    def wait_version(self, after: int) -> dict:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            status = self.json("/api/status")
            if status["version"] > after:
                status["hashes"] = self.hashes()     # nothing else rebuilds meanwhile
                return status
            time.sleep(0.1)
        raise AssertionError(f"no rebuild after version {after}: {self.err}")

    def stop(self, sig=signal.SIGINT) -> int:
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    source = tmp_path_factory.mktemp("serve") / "source"
    shutil.copytree(COMPLETE, source)
    s = Server(source).started()
    s.source = source
    s.first = s.wait_version(0)
    yield s
    if s.proc.poll() is None:
        s.proc.kill()


def test_page_status_pages_and_findings(server):
    status, headers, body = server.get("/")
    page = body.decode("utf-8")
    assert status == 200 and "プレビュー" in page and "/static/preview.js" in page
    assert server.get("/static/preview.js")[0] == 200
    first = server.first
    assert first["version"] == 1 and first["state"] == "ok"
    assert (first["errors"], first["warnings"]) == (0, 0)
    pages = server.json("/api/pages")
    assert first["pages"] == len(pages["pages"]) > 10
    assert pages["spreads"][0] == [None, 1] and pages["spreads"][1] == [2, 3]
    by_number = {p["number"]: p for p in pages["pages"]}
    assert by_number[1]["folio"] is None and by_number[3]["folio"] == "1"
    assert by_number[3]["side"] == "right" and by_number[4]["side"] == "left"
    # a 施策 starts on a left page, and its spread is one of the spreads
    nav = {e["anchor"]: e for e in pages["nav"]}
    assert {e["level"] for e in pages["nav"]} == {1, 2, 3, 4}
    start = nav["policy-111"]["page"]
    assert by_number[start]["side"] == "left" and [start, start + 1] in pages["spreads"]
    assert "policy-111" in by_number[start]["policies"] and "policy-111" in by_number[start + 1]["policies"]
    assert nav["vision-1"]["page"] < nav["goal-11"]["page"] <= start
    # the images are PNGs at about 100 dpi, served for good under their hash
    status, headers, png = server.get(by_number[start]["image"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and "immutable" in headers["Cache-Control"]
    width = int.from_bytes(png[16:20], "big")
    assert abs(width - round(by_number[start]["width"] / 72 * render.DPI)) <= 1
    assert server.json("/api/findings")["groups"] == []


def test_edit_rebuilds_the_changed_page_and_findings(server):
    before = server.json("/api/status")
    before["hashes"] = server.hashes()
    pages = {p["number"]: p for p in server.json("/api/pages")["pages"]}
    start = next(e["page"] for e in server.json("/api/pages")["nav"] if e["anchor"] == "policy-111")
    old_png = server.get(pages[start]["image"])[2]
    policy = server.source / "policies" / "111.yaml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("早くつながっています。", "早くつながっています。支援を主導する主導する人がいます。"),
                      encoding="utf-8")
    after = server.wait_version(before["version"])
    assert after["version"] == before["version"] + 1 and after["state"] == "ok"
    assert after["warnings"] == 1
    changed = [n for n, (a, b) in enumerate(zip(before["hashes"], after["hashes"]), 1) if a != b]
    # the page with the 10年後の姿 of 施策111, and at most the other pages of
    # its part (laid out again: two 施策 a part): the rest are not redrawn
    assert start in changed and all(start <= n < start + 4 for n in changed)
    assert after["timings"]["laid_out"] == 1 and after["timings"]["rasterized"] == len(changed)
    new_png = server.get(f"/page/{after['hashes'][start - 1]}.png")[2]
    assert new_png != old_png and new_png[:4] == b"\x89PNG"
    groups = server.json("/api/findings")["groups"]
    assert [g["key"] for g in groups] == ["施策111"] and groups[0]["page"] == start
    f = groups[0]["findings"][0]
    assert f["code"] == "text-doubled" and f["where"].startswith("policies/111.yaml:7:")
    assert "主導する" in f["message"] and f["severity_word"] == "警告"
    policy.write_text(text, encoding="utf-8")
    restored = server.wait_version(after["version"])
    assert restored["hashes"] == before["hashes"] and restored["warnings"] == 0


def test_load_error_shown_and_last_good_pages_kept(server):
    good = server.json("/api/status")
    good_pages = server.json("/api/pages")
    good["hashes"] = [p["hash"] for p in good_pages["pages"]]
    plan = server.source / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + "period: [2026\n", encoding="utf-8")
    broken = server.wait_version(good["version"])
    assert broken["state"] == "load-failed" and broken["errors"] >= 1
    assert broken["stale"] is True and broken["pages"] == good["pages"]
    assert broken["hashes"] == good["hashes"] and "読み込めませんでした" in broken["message"]
    findings = server.json("/api/findings")
    wheres = [f["where"] for g in findings["groups"] for f in g["findings"]]
    assert any(re.fullmatch(r"plan\.yaml:\d+(:\d+)?", w) for w in wheres), wheres
    messages = [f["message"] for g in findings["groups"] for f in g["findings"]]
    assert all(re.search(r"[ぁ-んァ-ン一-龥]", m) for m in messages)
    # the last good pages are still listed and served
    assert server.json("/api/pages")["pages"] == good_pages["pages"]
    assert server.get(good_pages["pages"][0]["image"])[0] == 200
    plan.write_text(text, encoding="utf-8")
    back = server.wait_version(broken["version"])
    assert back["state"] == "ok" and back["stale"] is False and back["hashes"] == good["hashes"]
    assert back["message"] == "" and back["errors"] == 0


def test_listens_on_loopback_only(server):
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, st = row.split()[1], row.split()[3]
            address, port = local.rsplit(":", 1)
            if st == "0A" and int(port, 16) == server.port:
                listening.append(address)
    assert listening == ["0100007F"]           # 127.0.0.1, on no other interface
    with pytest.raises(urllib.error.HTTPError) as e:
        server.get("/api/status", host="plan.example:80")   # DNS rebinding
    assert e.value.code == 400


def test_port_in_use_is_refused(server):
    other = subprocess.run([sys.executable, "-m", "planbook", "serve", str(server.source),
                            "--port", str(server.port)], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert other.returncode == 2
    assert f"ポート {server.port}" in other.stderr and "--port" in other.stderr
    assert "Traceback" not in other.stderr


def test_ctrl_c_stops_cleanly(server):
    assert server.stop(signal.SIGINT) == 0
    assert "プレビューを止めました" in server.err and "Traceback" not in server.err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_a_rebuild_stops_cleanly(tmp_path, sig):
    """SIGTERM, or SIGHUP (the terminal closed), while the first rebuild runs:
    exit 0 without a traceback, and no temporary file left (the pages laid
    out, the workers' socket)."""
    source = tmp_path / "source"
    shutil.copytree(COMPLETE, source)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    s = Server(source, tmp=tmp).started()
    time.sleep(0.5)
    assert s.json("/api/status")["building"] is True      # the first rebuild is running
    assert list(tmp.iterdir())
    started = time.monotonic()
    assert s.stop(sig) == 0
    assert time.monotonic() - started < 10
    assert "プレビューを止めました" in s.err and "Traceback" not in s.err
    assert list(tmp.iterdir()) == []


# -- rebuild states, without a server ------------------------------------------


class FakeRenderer:
    """Pages from a list of hashes; raises when told to."""

    def __init__(self):
        self.fail = None

    def render(self, plan, findings):
        if self.fail:
            raise self.fail
        pages = [render.Page(n, render.folio(n), 595.0, 842.0, f"h{n}", b"png%d" % n,
                             ("toc",) if n == 3 else ()) for n in range(1, 6)]
        return render.Rendering(pages, [Finding("layout-overflow", "あふれています", "policies/111.yaml",
                                                2, "warning", "施策111")])


def test_an_internal_error_keeps_the_last_pages(complete_copy, capsys):
    renderer = FakeRenderer()
    preview = state.Preview(complete_copy, renderer)
    good = preview.rebuild()
    assert good.state == state.OK and good.version == 1 and len(good.pages) == 5
    assert any(f.code == "layout-overflow" for f in good.findings)    # the layout's findings too
    renderer.fail = RuntimeError("boom")
    failed = preview.rebuild()
    assert failed.state == state.FAILED and failed.version == 2
    assert failed.pages == good.pages and failed.stale
    assert "内部エラー" in failed.message and "RuntimeError" in failed.message
    assert preview.status()["message"] == failed.message and preview.image("h3") == b"png3"
    assert "内部エラー" in capsys.readouterr().err
    renderer.fail = None
    assert preview.rebuild().state == state.OK


def test_spreads_and_folios():
    assert state.spreads(0) == []
    assert state.spreads(1) == [[None, 1]]
    assert state.spreads(4) == [[None, 1], [2, 3], [4, None]]
    assert [render.folio(n) for n in (1, 2, 3, 10)] == [None, None, "1", "8"]
    assert state.side(1) == "right" and state.side(2) == "left"


def test_command_line_mistakes(tmp_path, capsys):
    from planbook.cli import main
    assert main(["serve", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["serve", "--port", "70000"])
    assert e.value.code == 2 and "0〜65535" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "planbook serve 計画 --port 8001" in capsys.readouterr().out


# -- the preview follows the source folder, whatever happens to it ---------------


def _replace_tree(src: Path, dest: Path) -> None:
    shutil.rmtree(dest)
    shutil.copytree(src, dest)


def _gone_then_back(server, saved: Path):
    """Deleted (rm -rf), then made again from a copy (an unzip over it)."""
    shutil.rmtree(server.source)
    yield
    shutil.copytree(saved, server.source)


def _made_again_file_by_file(server, saved: Path):
    """Deleted, the folder made again empty, then filled one file at a time
    (a git checkout): only the last write makes it readable."""
    shutil.rmtree(server.source)
    yield
    server.source.mkdir()
    yield
    for path in sorted(saved.rglob("*"), key=lambda p: (p.name == "plan.yaml", str(p))):
        target = server.source / path.relative_to(saved)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)


def _renamed_away_and_back(server, saved: Path):
    away = server.source.with_name("source-away")
    server.source.rename(away)
    yield
    away.rename(server.source)


def _replaced(server, saved: Path):
    """Another folder moved into its place (the old one moved aside)."""
    fresh = server.source.with_name("source-new")
    shutil.copytree(saved, fresh)
    server.source.rename(server.source.with_name("source-old"))
    yield
    fresh.rename(server.source)
    shutil.rmtree(server.source.with_name("source-old"))


def _file_swapped_for_a_link(server, saved: Path):
    """A 施策 file replaced by a link leaving the source, then a file again."""
    policy = server.source / "policies" / "111.yaml"
    outside = server.source.parent / "111-elsewhere.yaml"
    shutil.copy(policy, outside)
    policy.unlink()
    policy.symlink_to(outside)
    yield
    policy.unlink()
    shutil.copy(outside, policy)


def _folder_swapped_for_a_link(server, saved: Path):
    """policies/ replaced by a link to a folder outside the source, then back."""
    policies = server.source / "policies"
    outside = server.source.parent / "policies-elsewhere"
    shutil.copytree(policies, outside)
    shutil.rmtree(policies)
    policies.symlink_to(outside, target_is_directory=True)
    yield
    policies.unlink()
    shutil.copytree(outside, policies)
    shutil.rmtree(outside)


EVENTS = [_gone_then_back, _made_again_file_by_file, _renamed_away_and_back, _replaced,
          _file_swapped_for_a_link, _folder_swapped_for_a_link]


@pytest.fixture(scope="module")
def follower(tmp_path_factory):
    """A server of its own (its source folder is deleted and replaced), with
    a pristine copy of its source to restore from."""
    base = tmp_path_factory.mktemp("follow")
    shutil.copytree(COMPLETE, base / "saved")
    shutil.copytree(COMPLETE, base / "source")
    s = Server(base / "source").started()
    s.source, s.saved = base / "source", base / "saved"
    s.first = s.wait_version(0)
    yield s
    if s.proc.poll() is None:
        s.proc.kill()


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.__name__.strip("_"))
def test_the_preview_recovers(follower, event):
    """Whatever happens to the source folder, the preview says it cannot read
    it while it cannot, and shows the pages again once it can (without a
    restart): the same pages as before, no error."""
    good = follower.json("/api/status")
    assert good["state"] == "ok"
    good_hashes = follower.hashes()
    steps = event(follower, follower.saved)
    next(steps)                                        # the folder is not readable now
    broken = follower.wait_version(good["version"])
    while broken["state"] == "ok":                     # (a rebuild of a half-done change)
        broken = follower.wait_version(broken["version"])
    assert broken["state"] == "load-failed" and broken["stale"], broken
    for _ in steps:                                    # (the steps of making it again)
        pass
    # the next save after it is readable again (here: the plan saved as it is)
    plan = follower.source / "plan.yaml"
    plan.write_bytes(plan.read_bytes())
    back = follower.wait_version(broken["version"])
    while back["state"] != "ok" or follower.json("/api/status")["building"]:
        back = follower.wait_version(back["version"])
    assert back["errors"] == 0 and not back["stale"], follower.err
    assert back["hashes"] == good_hashes
    assert "Traceback" not in follower.err
