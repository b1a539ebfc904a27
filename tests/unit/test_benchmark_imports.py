"""Names the benchmarks import from each other exist, including imports made inside functions.

Why: a benchmark imports lazily (after Django is set up), so a moved helper breaks it only when
someone runs it, after the measurement: `eval_proposals --record` failed that way.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _imports() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(BENCHMARKS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("benchmarks"):
                found += [(path.name, node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize(("where", "module", "name"), _imports())
def test_the_imported_name_exists(where: str, module: str, name: str) -> None:
    imported = importlib.import_module(module)
    if not hasattr(imported, name):  # `from package import submodule`
        importlib.import_module(f"{module}.{name}")
    assert hasattr(imported, name), f"{where}: {module} has no {name}"
