"""The API's JSON parser refuses bodies nested deeper than MAX_DEPTH (project.parsers)."""

from __future__ import annotations

import io

import pytest
from rest_framework.exceptions import ParseError

from project.parsers import MAX_DEPTH, JSONParser, nesting_depth_exceeds


def _parse(body: str):
    return JSONParser().parse(io.BytesIO(body.encode()), "application/json", {})


@pytest.mark.parametrize(
    ("value", "depth"),
    [({}, 1), ([], 1), ({"a": 1}, 1), ({"a": [1, {"b": []}]}, 4), ([[[[]]]], 4), ({"a": [], "b": [[[]]]}, 4)],
)
def test_depth_is_counted_in_containers(value, depth) -> None:
    assert not nesting_depth_exceeds(value, depth)
    assert nesting_depth_exceeds(value, depth - 1)


def test_a_body_at_the_limit_parses() -> None:
    assert _parse("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


def test_one_level_more_is_refused() -> None:
    with pytest.raises(ParseError, match=f"more than {MAX_DEPTH} levels"):
        _parse('{"a": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}")


def test_a_body_past_the_interpreters_recursion_limit_is_refused_not_crashed() -> None:
    with pytest.raises(ParseError, match="levels"):
        _parse("[" * 200_000 + "]" * 200_000)


def test_scalars_and_strings_that_look_nested_are_not_counted() -> None:
    assert _parse('{"text": "' + "[" * 1000 + '"}') == {"text": "[" * 1000}
