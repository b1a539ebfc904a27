"""The API's JSON parser: DRF's, with a limit on how deeply a body may nest and no unstorable text.

Python's JSON decoder recurses once per level: a body of 100,000 `[` (100 KB, well under the
size limit) raised `RecursionError` inside the parser, a 500 on every JSON endpoint. A body
nested past `MAX_DEPTH` is now a 400 that says so, whether it ran out of stack while parsing
or parsed and nests deeper than any Sanad body does (the deepest, an ingest job's article
metadata, is four levels) — which also keeps such values away from code that walks them
recursively later (validators, the JSON renderer).
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32
TOO_DEEP = f"JSON parse error - the body nests arrays and objects more than {MAX_DEPTH} levels deep."


def nesting_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether `value` nests lists and dicts more than `limit` levels (iteratively: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


# JSON's `\u0000` and an unpaired `\ud800`-`\udfff` escape decode to strings no text column can
# store: PostgreSQL refuses NUL, and no UTF-8 encoding exists for a lone surrogate.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE = "A NUL character or an unpaired surrogate code point: no text can hold it."


def unstorable_text_at(value: Any) -> str | None:
    """The body's field (`property`, `qualifiers`) holding the first string, key or value, with
    NUL or a lone surrogate, `non_field_errors` for a key of the body itself or a body that is
    not an object; None when there is none. Iterative: no recursion."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, field = stack.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return field or "non_field_errors"
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and _UNSTORABLE.search(key):
                    return field or "non_field_errors"
                stack.append((child, field or str(key)))
        elif isinstance(item, list):
            stack.extend((child, field) for child in item)
    return None


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(TOO_DEEP) from exc
        if isinstance(data, dict | list) and nesting_depth_exceeds(data, MAX_DEPTH):
            raise ParseError(TOO_DEEP)
        if (field := unstorable_text_at(data)) is not None:
            raise ParseError({field: [UNSTORABLE]})
        return data
