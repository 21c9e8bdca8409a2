"""What pins a patch to the WeasyPrint it was written for (patches/*.py):
the version it names and the targets it replaces, with their signatures."""
from __future__ import annotations

import importlib
import inspect

import weasyprint       # (already imported by libraries.py, the package's first patch)


def pin(module: str, version: str, targets: dict) -> None:
    """Refuse (ImportError) to patch another WeasyPrint than `version`."""
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
