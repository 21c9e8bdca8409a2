"""planbook.render.typeset.patches.libraries: WeasyPrint imported with one `ldconfig -p` instead
of one per library name, loading the very same libraries."""

import subprocess
import sys
from pathlib import Path

from planbook.render.typeset.patches import libraries as libs

ROOT = Path(__file__).resolve().parent.parent
LISTING = b"""2 libs found in cache `/etc/ld.so.cache'
\tlibpango-1.0.so.0 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libpango-1.0.so.0
\tlibfontconfig.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libfontconfig.so.1
"""


def test_finder_answers_as_ctypes_first_step():
    import os
    find = libs.finder(LISTING)
    if os.uname().machine == "x86_64":
        assert find("fontconfig") == "libfontconfig.so.1"
        assert find("pango-1.0") == "libpango-1.0.so.0"
    assert find("pango") is None and find("nothing") is None and find("fontconfig-1") is None


def test_the_lookup_is_put_back():
    import ctypes.util
    before = ctypes.util.find_library
    with libs.quick_lookup():
        pass
    assert ctypes.util.find_library is before


MAPS = """
import sys
{prefix}
__import__("weasyprint.text.ffi")
names = ("libpango-1.0", "libpangoft2-1.0", "libharfbuzz", "libfontconfig", "libgobject-2.0")
print(sorted({{line.split()[-1] for line in open("/proc/self/maps")
              if any(n in line for n in names)}}))
"""


def test_the_same_libraries_are_loaded():
    def loaded(prefix):
        return subprocess.run([sys.executable, "-c", MAPS.format(prefix=prefix)], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    quick = loaded("import planbook.render.typeset.patches.libraries")
    assert quick == loaded("")
    assert "libpango-1.0" in quick and "libharfbuzz" in quick and "libfontconfig" in quick
