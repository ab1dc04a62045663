"""Resolve pytest node ids in our safety documents to real test functions (by AST).

AST, not `pytest --collect-only`: it is fast, needs no imports, and a test named in the
hazard log that is renamed or deleted fails the check at once.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NODE_RE = re.compile(r"tests/[\w/]+\.py::[\w:]+(?:\[[^\]\s]*\])?")


@cache
def _tests_in(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and (
                    item.name.startswith("test")
                ):
                    names.add(f"{node.name}::{item.name}")
    return frozenset(names)


def node_exists(node_id: str) -> bool:
    """True when the file exists and defines the test (a `[param]` suffix is ignored)."""
    file_part, _, name = node_id.partition("::")
    name = name.split("[", 1)[0]
    path = REPO / file_part
    if not name or not path.is_file():
        return False
    return name in _tests_in(path)


def is_xfail(node_id: str) -> bool:
    """True when the named test carries a `pytest.mark.xfail` decorator."""
    file_part, _, name = node_id.partition("::")
    name = name.split("[", 1)[0].split("::")[-1]
    path = REPO / file_part
    if not path.is_file():
        return False
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return any("xfail" in ast.unparse(d) for d in node.decorator_list)
    return False
