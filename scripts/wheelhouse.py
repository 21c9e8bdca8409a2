"""Keep a wheel of every package installed in this venv, for installs without the registry.

    .venv/bin/python scripts/wheelhouse.py FOLDER

scripts/setup.sh runs this after each successful install, and installs from FOLDER
(`pip install --no-index --find-links FOLDER`) when the package registry cannot be
reached. Each wheel is rebuilt from the files its RECORD lists, so it holds exactly
what pip installed; a wheel already in FOLDER is kept as it is.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

SKIP = {"planbook", "pip"}  # the project itself (editable) and the installer


def tag_of(wheel_text: str) -> str:
    """One compressed tag set (PEP 425) from the Tag lines of a WHEEL file."""
    tags = [line.split(":", 1)[1].strip() for line in wheel_text.splitlines()
            if line.startswith("Tag:")]
    parts = [t.split("-") for t in tags]
    if not parts:
        raise ValueError("no Tag in WHEEL")
    out = []
    for i in range(3):
        seen: list[str] = []
        for p in parts:
            if p[i] not in seen:
                seen.append(p[i])
        out.append(".".join(seen))
    return "-".join(out)


def wheel_name(dist: metadata.Distribution) -> str:
    name = dist.metadata["Name"].replace("-", "_").replace(".", "_")
    return f"{name}-{dist.version}-{tag_of(dist.read_text('WHEEL') or '')}.whl"


def _record_line(arcname: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return [arcname, f"sha256={digest.decode()}", str(len(data))]


def build_wheel(dist: metadata.Distribution, folder: Path) -> Path:
    """Write the wheel of an installed distribution into folder; return its path."""
    target = folder / wheel_name(dist)
    base = Path(dist.locate_file(""))
    info = Path(str(dist._path)).name  # the .dist-info folder
    record = dist.read_text("RECORD") or ""
    files = []
    for row in csv.reader(io.StringIO(record)):
        if not row:
            continue
        rel = row[0]
        if rel.startswith(("..", "/")) or "__pycache__" in rel:
            continue  # scripts are made again from entry_points.txt; .pyc are not shipped
        if rel == f"{info}/RECORD" or rel.endswith(("/INSTALLER", "/REQUESTED", "/direct_url.json")):
            continue
        files.append(rel)
    rows = []
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for rel in sorted(files):
                data = (base / rel).read_bytes()
                zf.writestr(rel, data)
                rows.append(_record_line(rel, data))
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerows(rows + [[f"{info}/RECORD", "", ""]])
            zf.writestr(f"{info}/RECORD", out.getvalue())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    made = 0
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if not name or name in SKIP or dist.read_text("WHEEL") is None:
            continue
        if (folder / wheel_name(dist)).exists():
            continue
        build_wheel(dist, folder)
        made += 1
    if made:
        print(f"{made} 個のパッケージを {folder} に保存しました（登録所に届かないときに使います）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
