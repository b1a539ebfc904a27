"""requirements.txt holds what the running service imports, and nothing it does not (no database).

The running service is the three apps (`project`, `corpus`, `claims`): their imports, read with
`ast` (function-local ones included), plus the dotted paths `project/settings.py` names as
strings (apps, middleware, backends). Tools (benchmarks, evaluation, tests, lint) pin what they
need in requirements-dev.txt, so a deployment does not install, say, dateparser, which only the
extractor benchmark compares against.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("project", "corpus", "claims")
# Runtime requirements that no app module imports, and why they are still needed at run time.
NOT_IMPORTED = {
    "gunicorn": "the WSGI server `make serve` runs (project/gunicorn.conf.py)",
    "lxml-html-clean": "trafilatura imports lxml.html.clean, which lxml ships separately",
    "drf-spectacular-sidecar": "an installed app (INSTALLED_APPS) whose static files serve Swagger UI offline",
    "redis": "the client Django's RedisCache and Celery's Redis transport load when SANAD_CACHE_URL or "
    "CELERY_BROKER_URL name Redis",
}


def _requirement_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(_normalize(re.split(r"[\[=<>!~; ]", line, maxsplit=1)[0]))
    return names


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _top_level_imports() -> set[str]:
    """Top-level module names the apps import, or name in settings as dotted strings (those of
    an installed distribution: `"sanad.sqlite3"` is a file name)."""
    installed = packages_distributions()
    found: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    settings = ast.parse((ROOT / "project" / "settings.py").read_text(encoding="utf-8"))
    dotted = re.compile(r"[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+")
    for node in ast.walk(settings):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and dotted.fullmatch(node.value)
            and node.value.split(".")[0] in installed
        ):
            found.add(node.value.split(".")[0])
    return found - set(sys.stdlib_module_names) - set(APPS)


def _runtime_distributions() -> dict[str, set[str]]:
    """Third-party distribution -> the top-level modules of it the apps use."""
    by_module = packages_distributions()
    used: dict[str, set[str]] = {}
    for module in _top_level_imports():
        for dist in by_module.get(module, [module]):
            used.setdefault(_normalize(dist), set()).add(module)
    return used


RUNTIME = _requirement_names(ROOT / "requirements.txt")
USED = _runtime_distributions()


def test_every_runtime_requirement_is_used_by_the_service() -> None:
    unused = sorted(RUNTIME - USED.keys() - NOT_IMPORTED.keys())

    assert unused == [], f"move to requirements-dev.txt (no app module imports them): {unused}"


def test_every_package_the_service_imports_is_a_runtime_requirement() -> None:
    missing = sorted(
        f"{dist} (imported as {', '.join(sorted(mods))})" for dist, mods in USED.items() if dist not in RUNTIME
    )

    assert missing == [], f"add to requirements.txt: {missing}"


def test_the_reasons_for_unimported_requirements_still_hold() -> None:
    assert set(NOT_IMPORTED) <= RUNTIME
    assert set(NOT_IMPORTED).isdisjoint(USED)
