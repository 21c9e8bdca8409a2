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


@pytest.fixture(scope="session")
def cli_builds(tmp_path_factory) -> dict:
    """The Kiyose source and the complete plan, each built once per test
    session by `planbook build` (PDF, DOCX, check report, manifest):
    {name: (exit code, out folder)}. Shared by several modules: read only —
    copy the folder before changing anything in it."""
    from planbook.cli import main
    out = {}
    for name, src in (("kiyose", SOURCE), ("complete", COMPLETE)):
        folder = tmp_path_factory.mktemp(f"build-{name}")
        out[name] = (main(["build", str(src), "-o", str(folder)]), folder)
    return out


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
    (planbook/render/fonts.py). A render without one makes WeasyPrint build
    its default, which reads the system's fonts: that fails the test."""
    import weasyprint.document

    def system_fonts():
        raise AssertionError("WeasyPrint rendered without planbook.render.fonts.font_config(): "
                             "system fonts could reach the PDF")

    default = weasyprint.document.FontConfiguration
    weasyprint.document.FontConfiguration = system_fonts
    yield
    weasyprint.document.FontConfiguration = default
