"""The WeasyPrint 70 internals planbook replaces, one module per patch:

- `libraries`: ctypes.util.find_library while WeasyPrint is imported (one
  `ldconfig -p` for all its libraries);
- `justify`: WeasyPrint's text layout and line justification (Japanese
  composition, JLREQ §3.8);
- `stylesheets`: weasyprint.css.CSS, each stylesheet prepared once per
  process while parts of the booklet are laid out;
- `cssparse`: tinycss2's parse, each stylesheet text tokenised once;
- `subsetting`: weasyprint.pdf.fonts.Font.clean, no subsetting in a part
  (the join subsets each font once for all parts).

Each is pinned to WeasyPrint 70.0: it names the version (`WEASYPRINT`) and
what it replaces or relies on with the signature it expects (`TARGETS`),
refuses to load under another version (`pin`), and tests/test_patches.py
fails when the installed WeasyPrint is not that version or a target changed.
They are applied by planbook.render.typeset only (`applied`), around its
render and write; importing this package imports WeasyPrint (`libraries`)."""
from __future__ import annotations

import contextlib
import importlib
import inspect

MODULES = ("libraries", "justify", "stylesheets", "cssparse", "subsetting")


def pin(module: str, version: str, targets: dict) -> None:
    """Refuse (ImportError) to patch another WeasyPrint than `version`."""
    import weasyprint
    if weasyprint.__version__ != version:
        raise ImportError(
            f"{module} patches WeasyPrint {version} internals ({', '.join(targets)}) "
            f"but WeasyPrint {weasyprint.__version__} is installed: check those against "
            "the new version, then update WEASYPRINT and TARGETS in that module.")


def target(dotted: str):
    """The object a target names (`package.module.Class.attribute`)."""
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        for name in parts[n:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def changed(targets: dict) -> list[str]:
    """The targets that are missing or whose signature is not the expected one."""
    out = []
    for dotted, signature in targets.items():
        try:
            found = str(inspect.signature(target(dotted)))
        except (ImportError, AttributeError, ValueError, TypeError) as e:
            out.append(f"{dotted}: {e!r}")
            continue
        if found != signature:
            out.append(f"{dotted}{found}, expected {signature}")
    return out


@contextlib.contextmanager
def applied(compose: bool = False, part: bool = False, subset: bool = True):
    """Within: the patches a render or write asks for. `compose`: Japanese
    justification (the booklet); `part`: a part of the booklet laid out on its
    own (stylesheets parsed and prepared once per process); `subset`: fonts
    subset as WeasyPrint does (else left for the join, parts only)."""
    with contextlib.ExitStack() as stack:
        if compose:
            from .justify import composing
            stack.enter_context(composing())
        if part:
            from . import cssparse, stylesheets
            stack.enter_context(cssparse.memo())
            stack.enter_context(stylesheets.prepared_once())
            if not subset:
                from . import subsetting
                stack.enter_context(subsetting.deferred())
        yield


from . import libraries  # noqa: E402,F401 - WeasyPrint imported through its patch first
