"""Imports run downhill (load → model → check → present → render → package),
read from the source text (AST): nothing is imported by these tests.

An import inside a function counts like any other (it runs, only later); an
import under `if TYPE_CHECKING:` does not (it never runs). Such a late import
says why it is late, in a comment on its line or on the line just above
(`# lazy: WeasyPrint takes 0.6 s to import`)."""
from __future__ import annotations

import ast
import io
import tokenize
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "planbook"

# (importing package, packages it must not import)
LAYERS = [
    ("planbook.load", ("planbook.checks", "planbook.present", "planbook.render",
                       "planbook.builders")),
    ("planbook.checks", ("planbook.present",)),
    ("planbook.diff", ("planbook.builders",)),
]
# Only the renderer knows WeasyPrint.
WEASYPRINT_HOME = "planbook.render"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING"
            or isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """(import node, inside a function) for every import that runs."""
    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    yield from walk_one(other, in_function)
                continue
            yield from walk_one(child, in_function)

    def walk_one(node, in_function):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, in_function
        yield from walk(node, in_function or isinstance(node, (ast.FunctionDef,
                                                               ast.AsyncFunctionDef, ast.Lambda)))
    yield from walk(tree, False)


def _resolve(module: str, path: Path, node) -> list[str]:
    """The modules an import statement names (absolute, any package)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    known = modules()
    out = []
    for a in node.names:
        sub = f"{base}.{a.name}"
        out.append(sub if sub in known else base)
    return out


@lru_cache(maxsize=None)
def _parsed(module: str):
    path = modules()[module]
    text = path.read_text(encoding="utf-8")
    return text, ast.parse(text, str(path))


@lru_cache(maxsize=1)
def graph() -> dict[str, dict[str, list[tuple[int, bool]]]]:
    """module → imported module → [(line, inside a function)]."""
    out: dict[str, dict[str, list[tuple[int, bool]]]] = {}
    for module, path in modules().items():
        _text, tree = _parsed(module)
        edges: dict[str, list[tuple[int, bool]]] = {}
        for node, in_function in _imports(tree):
            for target in _resolve(module, path, node):
                edges.setdefault(target, []).append((node.lineno, in_function))
        out[module] = edges
    return out


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _where(module: str, line: int) -> str:
    return f"{modules()[module].relative_to(PACKAGE.parent)}:{line}"


@pytest.mark.parametrize("lower,forbidden", LAYERS, ids=[lower for lower, _ in LAYERS])
def test_layers(lower, forbidden):
    wrong = [f"{_where(src, line)} imports {dst}"
             for src, edges in graph().items() if _within(src, lower)
             for dst, places in edges.items() if any(_within(dst, f) for f in forbidden)
             for line, _ in places]
    assert not wrong, "\n".join(wrong)


def test_weasyprint_only_in_the_renderer():
    wrong = [f"{_where(src, line)} imports {dst}"
             for src, edges in graph().items() if not _within(src, WEASYPRINT_HOME)
             for dst, places in edges.items() if _within(dst, "weasyprint")
             for line, _ in places]
    assert not wrong, "\n".join(wrong)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                out.append(sorted(scc))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _path(edges: dict[str, set[str]], start: str, scc: set[str]) -> list[str]:
    """One cycle through `start` inside its component (breadth first)."""
    seen = {start: [start]}
    todo = [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(edges[v] & scc):
            if w == start:
                return seen[v] + [start]
            if w not in seen:
                seen[w] = seen[v] + [w]
                todo.append(w)
    return [start]


def test_no_import_cycles():
    known = modules()
    edges = {src: {dst for dst in dsts if dst in known and dst != src}
             for src, dsts in graph().items()}
    found = []
    for scc in _cycles(edges):
        cycle = _path(edges, scc[0], set(scc))
        steps = []
        for a, b in zip(cycle, cycle[1:]):
            line = graph()[a][b][0][0]
            steps.append(f"{_where(a, line)} → {b}")
        found.append(f"{len(scc)} modules: {', '.join(scc)}; e.g. " + "; ".join(steps))
    assert not found, "\n".join(found)


def _comment_lines(text: str) -> dict[int, str]:
    """line → its comment text (tokens: never a # inside a string)."""
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def _a_reason(comment: str | None) -> bool:
    """A comment that says something: not only a linter's or type checker's directive."""
    if not comment:
        return False
    words = comment.split("#")[0].strip()
    return bool(words) and not words.startswith(("noqa", "type:", "pragma", "pylint:", "fmt:"))


def test_imports_in_functions_say_why():
    missing = []
    for module in modules():
        text, tree = _parsed(module)
        comments = _comment_lines(text)
        lines = text.splitlines()
        for node, in_function in _imports(tree):
            if not in_function:
                continue
            above = node.lineno - 1
            own_line = above >= 1 and lines[above - 1].lstrip().startswith("#")
            if any(_a_reason(comments.get(n)) for n in range(node.lineno, node.end_lineno + 1)) \
                    or own_line and _a_reason(comments.get(above)):
                continue
            missing.append(f"{_where(module, node.lineno)}: {lines[node.lineno - 1].strip()}")
    assert not missing, "without a reason:\n" + "\n".join(missing)
