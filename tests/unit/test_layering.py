"""The import structure: `claims` → `corpus` → `project`, pure cores, no circles (no database).

Read from the source with `ast`, every import counted, including those inside functions: a
circle hidden in a function body is still a circle a reader has to untangle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("project", "corpus", "claims")
# Pure packages: text analysis, extraction, intervals and the cross-check.
PURE = ("corpus/domain", "corpus/extraction", "claims/domain")
FRAMEWORKS = ("django", "rest_framework", "django_filters", "drf_spectacular", "celery")


def _modules() -> Iterator[tuple[str, Path]]:
    for app in (*APPS, "benchmarks"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def _imports(path: Path, module: str) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = dict(_modules())
IMPORTS = {name: _imports(path, name) for name, path in MODULES.items()}


def _resolve(target: str) -> str | None:
    """The project module an import names (`claims.models.Claim` → `claims.models`)."""
    while target:
        if target in MODULES:
            return target
        target = target.rpartition(".")[0]
    return None


@pytest.mark.parametrize(
    ("lower", "upper"),
    [("project", "corpus"), ("project", "claims"), ("corpus", "claims"), ("project", "benchmarks")]
    + [(app, "benchmarks") for app in ("corpus", "claims")],
)
def test_no_layer_imports_a_layer_above_it(lower: str, upper: str) -> None:
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        if module.split(".")[0] == lower
        for target in targets
        if target.split(".")[0] == upper
    )

    assert offenders == []


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_import_no_framework(package: str) -> None:
    dotted = package.replace("/", ".")
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        if module == dotted or module.startswith(dotted + ".")
        for target in targets
        if target.split(".")[0] in FRAMEWORKS
        or (_resolve(target) is not None and not any(_resolve(target).startswith(p.replace("/", ".")) for p in PURE))
    )

    assert offenders == []


def test_no_import_circles() -> None:
    graph = {
        module: {resolved for target in targets if (resolved := _resolve(target)) and resolved != module}
        for module, targets in IMPORTS.items()
    }
    # A package's `__init__` re-exporting its modules is not a circle of meaning; drop edges
    # from a module to its own package.
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)

    assert circles == []
