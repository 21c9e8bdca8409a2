"""Where the project's own data lives (layouts/, fonts/ beside the package)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "layouts"
FONTS = ROOT / "fonts"
