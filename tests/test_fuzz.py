"""Fuzzing the source (hypothesis): mutations of the small test plan's files
(keys, values, types, nesting, encodings, file kinds) must never give an
internal error (exit 3), a traceback or an `internal-error` finding, and
what `check` passes `build` must make.

Seeded and bounded: FUZZ_EXAMPLES examples in the normal suite (a few
seconds). A longer run, with the PDF built too:

    PLANBOOK_FUZZ=2000 .venv/bin/python -m pytest -q tests/test_fuzz.py

(PLANBOOK_FUZZ_RANDOM=1 draws new examples each run instead of the seeded ones.)
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.helpers import MINIMAL, write_plan
from test_trust import assert_clean, assert_exact_manifest, run

LONG = int(os.environ.get("PLANBOOK_FUZZ", "0") or 0)
FUZZ_EXAMPLES = LONG or 30
FILES = sorted(MINIMAL) + ["style.yaml"]

# -- values -----------------------------------------------------------------

weird_text = st.text(alphabet=st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("{}[]|>:#&*!%@`'\"\\\n\t\x1b\x00\u202e\u3000：ー〜")),
), max_size=30)
numbers = st.one_of(st.integers(-10**20, 10**20), st.sampled_from([0.00001, 1e19, 1.2e-7, -0.0, 1e300]),
                    st.floats(allow_nan=True, allow_infinity=True))
scalars = st.one_of(st.none(), st.booleans(), numbers, weird_text,
                    st.sampled_from(["2026", "令和8", "{code.__class__}", "施策 {", "a/b", "../x",
                                     "/etc/passwd", "artwork/vision-1.png", ".."]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(weird_text, inner, max_size=3)), max_leaves=8)


def _paths(data, prefix=()):
    """Every place in a YAML document: (path to it)."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def _set(data, path, value):
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


def _rename(data, path, key):
    if not path or not isinstance(data, dict):
        return data
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    if isinstance(parent, dict):
        parent[key] = parent.pop(path[-1])
    return data


# -- mutations --------------------------------------------------------------

@st.composite
def structural(draw, text: str) -> bytes:
    """Change a value (type, nesting), a key, or delete a key of the document."""
    data = yaml.safe_load(text) if text.strip() else {}
    places = list(_paths(data))
    path = draw(st.sampled_from(places))
    how = draw(st.sampled_from(["value", "key", "delete"]))
    try:
        if how == "value":
            data = _set(data, path, draw(values))
        elif how == "key":
            data = _rename(data, path, draw(st.one_of(weird_text, st.integers())))
        elif path:
            parent = data
            for k in path[:-1]:
                parent = parent[k]
            del parent[path[-1]]
    except (TypeError, KeyError, IndexError):
        pass
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False,
                          default_flow_style=draw(st.sampled_from([None, True, False]))).encode("utf-8")


@st.composite
def textual(draw, text: str) -> bytes:
    """Insert, delete or replace characters; another encoding; truncation."""
    how = draw(st.sampled_from(["insert", "delete", "encoding", "truncate", "bytes"]))
    if how == "insert":
        at = draw(st.integers(0, len(text)))
        return (text[:at] + draw(weird_text) + text[at:]).encode("utf-8", "surrogatepass")
    if how == "delete":
        a = draw(st.integers(0, len(text)))
        return (text[:a] + text[a + draw(st.integers(1, 20)):]).encode("utf-8")
    if how == "encoding":
        return text.encode(draw(st.sampled_from(["cp932", "euc_jp", "utf-16", "utf-8-sig"])),
                           errors="replace")
    data = text.encode("utf-8")
    if how == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    return draw(st.binary(max_size=64))


KINDS = ["folder", "fifo", "link-outside", "link-loop", "empty", "missing"]


IMAGE = "artwork/vision-1.png"


@st.composite
def picture(draw) -> bytes:
    """An artwork image in some format, mode and size, maybe cut short."""
    import io

    from PIL import Image
    fmt, mode = draw(st.sampled_from([("PNG", "RGB"), ("PNG", "P"), ("PNG", "LA"), ("PNG", "I;16"),
                                      ("JPEG", "RGB"), ("JPEG", "L"), ("JPEG", "CMYK"),
                                      ("WEBP", "RGB"), ("GIF", "P"), ("TIFF", "RGB"), ("BMP", "RGB")]))
    size = (draw(st.integers(1, 64)), draw(st.integers(1, 64)))
    out = io.BytesIO()
    options = {}
    if fmt == "JPEG" and draw(st.booleans()):
        exif = Image.Exif()
        exif[0x0112] = draw(st.integers(0, 9))
        options["exif"] = exif.tobytes()
    Image.new(mode, size).save(out, fmt, **options)
    data = out.getvalue()
    return data[:draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


@st.composite
def mutation(draw):
    if draw(st.integers(0, 9)) == 0:
        return IMAGE, draw(st.one_of(picture(), st.binary(max_size=64), st.sampled_from(KINDS)))
    name = draw(st.sampled_from(FILES))
    text = MINIMAL.get(name, "checks:\n  text-sentence: {max_length: 100}\n")
    kind = draw(st.sampled_from(["structural"] * 6 + ["textual"] * 3 + ["kind"]))
    if kind == "structural":
        return name, draw(structural(text))
    if kind == "textual":
        return name, draw(textual(text))
    return name, draw(st.sampled_from(KINDS))


def apply(src: Path, name: str, change) -> None:
    path = src / name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()
    if isinstance(change, bytes):
        path.write_bytes(change)
    elif change == "folder":
        path.mkdir()
    elif change == "fifo":
        os.mkfifo(path)
    elif change == "link-outside":
        secret = src.parent / "secret.yaml"
        secret.write_text("title: TOP-SECRET-OUTSIDE\n", encoding="utf-8")
        path.symlink_to(secret)
    elif change == "link-loop":
        path.symlink_to(path)
    elif change == "empty":
        path.write_bytes(b"")


@settings(max_examples=FUZZ_EXAMPLES, derandomize=not os.environ.get("PLANBOOK_FUZZ_RANDOM"),
          deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(mutation(), min_size=1, max_size=2))
def test_no_input_gives_an_internal_error(changes):
    tmp = Path(tempfile.mkdtemp(prefix="planbook-fuzz-"))
    try:
        src = write_plan(tmp / "source")
        for name, change in changes:
            apply(src, name, change)
        code, text = run("check", str(src))
        assert_clean(code, text)
        assert code in (0, 1, 2) and "TOP-SECRET-OUTSIDE" not in text
        if code == 0:       # what check passes, build makes
            out = tmp / "out"
            args = () if LONG else ("--format", "docx")
            code, text = run("build", str(src), "-o", str(out), *args)
            assert_clean(code, text)
            assert code == 0, text
            assert_exact_manifest(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
