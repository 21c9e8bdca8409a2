import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMPLETE = FIXTURES / "complete"


@pytest.fixture
def kiyose_copy(tmp_path) -> Path:
    """A writable copy of the Kiyose source."""
    dest = tmp_path / "source"
    shutil.copytree(SOURCE, dest)
    return dest


@pytest.fixture
def complete_copy(tmp_path) -> Path:
    """A writable copy of the complete fictional test plan."""
    dest = tmp_path / "source"
    shutil.copytree(COMPLETE, dest)
    return dest


def once_per_run(tmp_path_factory, name: str, make):
    """`make()` once per test run, its result (JSON: numbers, strings, lists,
    dicts, with Paths as strings) shared by every pytest-xdist worker: the
    first worker to ask makes it under a file lock in the run's shared
    temporary folder, the others wait and read it. What it names (folders
    under tmp_path_factory) is shared too: read only. Without xdist, just
    `make()`."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make()
    shared = tmp_path_factory.getbasetemp().parent
    done = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            value = make()
            done.write_text(json.dumps(value, default=str), encoding="utf-8")
            return value
    return json.loads(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def cli_builds(tmp_path_factory) -> dict:
    """The Kiyose source and the complete plan, each built once per test
    run by `planbook build` (PDF, DOCX, check report, manifest):
    {name: (exit code, out folder)}. Shared by several modules and workers:
    read only — copy the folder before changing anything in it."""
    from planbook.cli import main

    def make():
        out = {}
        for name, src in (("kiyose", SOURCE), ("complete", COMPLETE)):
            folder = tmp_path_factory.mktemp(f"build-{name}")
            out[name] = (main(["build", str(src), "-o", str(folder)]), str(folder))
        return out
    return {name: (code, Path(folder))
            for name, (code, folder) in once_per_run(tmp_path_factory, "cli_builds", make).items()}


def built_output(folder: Path, kind: str):
    """The manifest entry of `kind` in a build folder, as a builders.Output."""
    import json
    from planbook.builders import Output
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    e = next(e for e in manifest["outputs"] if e["kind"] == kind)
    return Output(kind=kind, path=folder / e["path"], pages=e.get("pages"))


@pytest.fixture(scope="session", autouse=True)
def only_planbook_fonts():
    """Every WeasyPrint render must pass planbook's font configuration
    (planbook/render/typeset/). A render without one makes WeasyPrint build
    its default, which reads the system's fonts: that fails the test."""
    import importlib
    importlib.import_module("planbook.render.typeset.patches")     # WeasyPrint, as planbook imports it
    document = importlib.import_module("weasyprint.document")

    def system_fonts():
        raise AssertionError("WeasyPrint rendered without planbook.render.typeset.font_config(): "
                             "system fonts could reach the PDF")

    default = document.FontConfiguration
    document.FontConfiguration = system_fonts
    yield
    document.FontConfiguration = default


# -- print jobs (planbook print), shared by test_print.py and test_print_press.py --


def print_source(tmp_path_factory, name: str, settings: str, profile: bool = True) -> Path:
    """A copy of the complete plan with `settings` under plan.yaml `print:`;
    with `profile`, Ghostscript's CMYK profile placed as the vendor's
    (print/vendor.icc): the tests have no Japan Color profile, which is not
    freely redistributable."""
    from planbook.printing import colour
    src = tmp_path_factory.mktemp(name) / "source"
    shutil.copytree(COMPLETE, src)
    if profile:
        generic = colour.generic_cmyk()
        if generic is None:
            pytest.skip("Ghostscript's CMYK profile is not installed")
        (src / "print").mkdir()
        shutil.copy(generic, src / "print" / "vendor.icc")
        settings = "  icc_profile: print/vendor.icc\n" + settings
    with open(src / "plan.yaml", "a", encoding="utf-8") as f:
        f.write("\nprint:\n" + settings)
    return src


def run_print(source: Path, out: Path, pdf_x: str | None = None, binding: str | None = None):
    """`planbook print`: (exit code, out folder, log)."""
    import io
    from planbook.pipeline import print_files
    log = io.StringIO()
    code = print_files(source, out, pdf_x, binding, out=log)
    return code, out, log.getvalue()


def shared_print(tmp_path_factory, name: str, settings: str):
    """A print job of the complete plan with `settings`, once per test run."""
    def make():
        src = print_source(tmp_path_factory, name, settings)
        return run_print(src, tmp_path_factory.mktemp(f"print-{name}") / "build")
    code, out, log = once_per_run(tmp_path_factory, f"print_{name}", make)
    return code, Path(out), log


@pytest.fixture(scope="session")
def print_x4(tmp_path_factory):
    """The complete plan, PDF/X-4 with the vendor's profile, 中綴じ, and a
    saddle-stitch limit below its page count (a warning)."""
    return shared_print(tmp_path_factory, "x4", "  saddle_max_pages: 24\n")


@pytest.fixture(scope="session")
def print_x1a(tmp_path_factory):
    """PDF/X-1a with the vendor's profile (embedded in the output intent)."""
    return shared_print(tmp_path_factory, "x1a", '  pdf_x: "1a"\n')


def html_edition(tmp: Path, name: str) -> tuple[Path, Path]:
    """A copy of the Kiyose source ("kiyose") or the complete plan
    ("complete") in `tmp` and its HTML edition built from it: (source, OUT)."""
    from planbook.cli import main
    copy = tmp / "source"
    shutil.copytree(SOURCE if name == "kiyose" else COMPLETE, copy)
    out = tmp / "out"
    assert main(["build", str(copy), "-o", str(out), "--format", "html"]) == 0
    return copy, out


@pytest.fixture(scope="session")
def generated60(tmp_path_factory) -> tuple[Path, Path]:
    """A generated plan of 60 施策 (scripts/gen_plan.py) built once per test
    run by `planbook build --format pdf`: (source, its booklet PDF). Read only."""
    import sys
    from planbook.cli import main

    def make():
        sys.path.insert(0, str(ROOT / "scripts"))
        from gen_plan import write  # lazy: a script, not a package
        root = tmp_path_factory.mktemp("gen60")
        src = write(root / "source", 60)
        out = root / "out"
        assert main(["build", str(src), "-o", str(out), "--format", "pdf"]) == 0
        return str(src), str(out / "generated-plan.pdf")
    src, pdf = once_per_run(tmp_path_factory, "generated60", make)
    return Path(src), Path(pdf)

