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
