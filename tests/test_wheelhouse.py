"""scripts/wheelhouse.py: the wheels setup.sh falls back to without the registry."""

import base64
import csv
import hashlib
import importlib.util
import io
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "scripts" / "wheelhouse.py")
wheelhouse = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wheelhouse)


def test_tags_are_compressed_per_part():
    text = "Wheel-Version: 1.0\nTag: cp311-cp311-manylinux_2_27_x86_64\nTag: cp311-cp311-manylinux_2_28_x86_64\n"
    assert wheelhouse.tag_of(text) == "cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64"
    assert wheelhouse.tag_of("Tag: py2-none-any\nTag: py3-none-any\n") == "py2.py3-none-any"


def test_wheel_holds_what_pip_installed_and_installs_offline(tmp_path):
    dist = metadata.distribution("webencodings")
    wheel = wheelhouse.build_wheel(dist, tmp_path)
    assert wheel.name == f"webencodings-{dist.version}-{wheelhouse.tag_of(dist.read_text('WHEEL'))}.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        record = next(n for n in names if n.endswith(".dist-info/RECORD"))
        rows = list(csv.reader(io.StringIO(zf.read(record).decode())))
        assert {r[0] for r in rows} == names
        for name, digest, size in rows:
            if name == record:
                continue
            data = zf.read(name)
            want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={want}" and int(size) == len(data)
        assert "webencodings/__init__.py" in names
        assert not any("__pycache__" in n or n.startswith("..") for n in names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                    "--disable-pip-version-check", "--target", str(target), str(wheel)], check=True)
    source = Path(dist.locate_file("webencodings/__init__.py")).read_bytes()
    assert (target / "webencodings" / "__init__.py").read_bytes() == source
