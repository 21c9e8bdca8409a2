"""The docs site (docs/, mkdocs.yml) builds with `mkdocs build --strict`: a
broken link or anchor, or a page left out of the nav, fails the build."""
import re
import subprocess
import sys

from conftest import ROOT


def test_docs_site_builds_strict(tmp_path):
    site = tmp_path / "site"
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (site / "index.html").is_file()
    checks = (site / "checks.html").read_text(encoding="utf-8")
    assert "text-doubled" in checks
    assert (site / "wsl.html").is_file() and (site / "dev" / "index.html").is_file()


def test_readme_is_the_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make booklet" in readme and "make test" in readme
    assert len(readme.splitlines()) <= 250
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    assert "docs/wsl.md" in links
    for link in links:
        assert (ROOT / link).is_file(), link
