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


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (r'{"property": "p\u0000"}', "property"),  # PostgreSQL stores no NUL: a 500 on PATCH cues/
        (r'{"words": ["ok", "\ud95e"]}', "words"),  # a lone surrogate has no UTF-8 encoding
        (r'{"\udc00key": 1}', "non_field_errors"),  # in a key of the body itself
        (r'{"evidence": {"quote": "\u0000"}}', "evidence"),
        (r'["\u0000"]', "non_field_errors"),
    ],
)
def test_a_string_no_column_can_store_is_refused_naming_its_field(body: str, field: str) -> None:
    with pytest.raises(ParseError) as raised:
        _parse(body)
    assert list(raised.value.detail) == [field]


@pytest.mark.parametrize("body", [r'{"name": "\ud83d\ude00 \u200c\u0627"}', r'{"a": "tab\tnewline\n"}'])
def test_paired_surrogates_joiners_and_control_whitespace_parse(body: str) -> None:
    assert _parse(body)
