"""The OpenAPI schema generates cleanly and describes every API route.

Why: clients are generated from /api/schema/ and CI fuzzes the API against it
(benchmarks/fuzz_api.py). A drf-spectacular warning means a guessed type somewhere (a field
documented as a string that is not), and a route missing from the schema is never fuzzed.
"""

from __future__ import annotations

import re

import yaml
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

API_PREFIX = "api/v1/"
# DefaultRouter's browsable index of the routes: not an operation (drf-spectacular leaves it out).
NOT_OPERATIONS = {"/api/v1/"}


def _routes(patterns, prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            routes.append(route)
    return routes


def _openapi_path(route: str) -> str:
    """`api/v1/^claims/(?P<pk>[^/.]+)/$` -> `/api/v1/claims/{id}/` (drf-spectacular names pk `id`)."""
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "{%s}" % ("id" if m[1] == "pk" else m[1]), route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{%s}" % ("id" if m[1] == "pk" else m[1]), route)
    return "/" + route.replace("\\", "")


def test_schema_generates_without_warnings_or_errors(tmp_path) -> None:
    # --fail-on-warn turns every warning (and --validate every OpenAPI error) into an exit.
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert yaml.safe_load(target.read_text("utf-8"))["openapi"].startswith("3.")


def test_every_api_route_is_in_the_schema(tmp_path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(target))
    documented = set(yaml.safe_load(target.read_text("utf-8"))["paths"])

    routes = {
        _openapi_path(route)
        for route in _routes(get_resolver().url_patterns)
        if route.startswith(API_PREFIX) and "format" not in route  # `.json` suffix twins of each route
    }

    assert len(routes) > 10
    assert routes - NOT_OPERATIONS - documented == set()
    assert documented - routes == set()


def _schema(tmp_path) -> dict:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text("utf-8"))


def test_conditional_requests_are_described(tmp_path) -> None:
    # Clients (and the fuzzer) learn from the schema that DELETE needs If-Match, that `*` and
    # lists are accepted, and what 412 and 428 mean; every operation may answer 503.
    paths = _schema(tmp_path)["paths"]
    delete = paths["/api/v1/claims/{id}/"]["delete"]

    (if_match,) = [p for p in delete["parameters"] if p["name"] == "If-Match"]
    assert if_match["required"] is True
    assert re.fullmatch(if_match["schema"]["pattern"], "*")
    assert re.fullmatch(if_match["schema"]["pattern"], '"3", "4"')
    assert not re.fullmatch(if_match["schema"]["pattern"], 'W/"3"')
    assert {"204", "412", "428"} <= set(delete["responses"])
    assert all("503" in op["responses"] for path in paths.values() for op in path.values() if "responses" in op)


def test_a_vocabulary_entity_without_a_place_is_described(tmp_path) -> None:
    # Schemathesis found `"place": null` (every country) answered against a non-nullable string.
    place = _schema(tmp_path)["components"]["schemas"]["VocabularyEntity"]["properties"]["place"]

    assert place.get("nullable") is True
