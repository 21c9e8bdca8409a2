"""The WeasyPrint internals planbook patches (planbook.render.typeset.patches) and
uses (planbook.render.typeset) are pinned to one WeasyPrint version: this
fails when the installed WeasyPrint is another, or when a target is gone or
takes other arguments. Then check each patch against the new version and
update its WEASYPRINT and TARGETS."""
import importlib
import re
from pathlib import Path

import pytest

from planbook.render import typeset
from planbook.render.typeset import patches
from planbook.render.typeset.patches.libraries import weasyprint

ROOT = Path(__file__).resolve().parent.parent
MODULES = [importlib.import_module(f"{patches.__name__}.{name}") for name in patches.MODULES]


@pytest.mark.parametrize("module", [*MODULES, typeset], ids=lambda m: m.__name__)
def test_pinned_to_the_installed_weasyprint(module):
    assert weasyprint.__version__ == module.WEASYPRINT, (
        f"{module.__name__} is pinned to WeasyPrint {module.WEASYPRINT}, "
        f"{weasyprint.__version__} is installed")


@pytest.mark.parametrize("module", [*MODULES, typeset], ids=lambda m: m.__name__)
def test_each_target_has_the_expected_signature(module):
    targets = getattr(module, "TARGETS", None) or module.INTERNALS
    assert targets and patches.changed(targets) == []


def test_every_patch_module_is_listed():
    found = {p.stem for p in (ROOT / "planbook" / "render" / "typeset" / "patches").glob("*.py")}
    assert found - {"__init__", "pinning", "pango"} == set(patches.MODULES)   # (support modules)


def test_a_patch_refuses_another_weasyprint(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    for name in ("stylesheets", "cssparse", "subsetting"):
        spec = importlib.util.find_spec(f"planbook.render.typeset.patches.{name}")
        with pytest.raises(ImportError, match=re.escape("WeasyPrint 71.0 is installed")):
            spec.loader.exec_module(importlib.util.module_from_spec(spec))


def test_the_patches_are_put_back():
    import tinycss2

    from planbook.render.typeset.patches.justify import line_break, wp_inline
    from planbook.render.typeset.patches.stylesheets import css_module
    from planbook.render.typeset.patches.subsetting import Font

    def now():
        return (tinycss2.parse_stylesheet, css_module.CSS, wp_inline.justify_line, Font.clean,
                line_break.Layout)
    before = now()
    with patches.applied(compose=True, chunk=True, subset=False):
        assert all(a is not b for a, b in zip(now(), before))
    assert now() == before


def test_only_the_seam_imports_weasyprint():
    """Outside planbook/render/, nothing imports WeasyPrint; inside it, only
    the seam (planbook/render/typeset/) does."""
    pattern = re.compile(r"^\s*(import weasyprint|from weasyprint)", re.M)
    render = ROOT / "planbook" / "render"
    found = [str(p.relative_to(ROOT)) for p in (ROOT / "planbook").rglob("*.py")
             if not p.is_relative_to(render) and pattern.search(p.read_text(encoding="utf-8"))]
    assert found == []
    inside = {str(p.relative_to(render)) for p in render.rglob("*.py")
              if pattern.search(p.read_text(encoding="utf-8"))}
    assert inside and all(p.startswith("typeset/") for p in inside), inside
