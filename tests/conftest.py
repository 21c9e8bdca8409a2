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
