"""Where the project's own data lives (layouts/, fonts/ beside the package)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "layouts"
FONTS = ROOT / "fonts"

FONT_SUFFIXES = (".ttf", ".otf")


def font_files(folder: Path | None = None) -> list[Path]:
    """The font files of `folder` (default fonts/): the only fonts planbook prints with."""
    folder = Path(folder or FONTS)
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
