"""What a claim's or fact's qualifiers may hold.

Qualifiers scope a fact (`{"year": 2021}`, `{"victim_group": "security_forces"}`), are part of
the fact's key, and are compared for equality, so they stay small and flat: snake_case keys,
scalar values, no control characters or lone surrogates (PostgreSQL's jsonb refuses `\\u0000`,
and a surrogate cannot be encoded at all).
"""

from __future__ import annotations

import re
from typing import Any

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_VALUE_LENGTH = 200
MAX_KEYS = 10
# The largest integer a qualifier may hold: what every JSON client reads exactly (I-JSON, RFC 7493;
# JavaScript's Number.MAX_SAFE_INTEGER). Past 64 bits the API could not even render the claim.
MAX_INTEGER = 2**53 - 1
_UNSTORABLE = re.compile("[\x00-\x1f\ud800-\udfff]")


def qualifier_errors(value: Any) -> list[str]:
    """Why `value` cannot be a qualifiers object (an empty list when it can)."""
    if not isinstance(value, dict):
        return ["Qualifiers must be a JSON object."]
    if len(value) > MAX_KEYS:
        return [f"At most {MAX_KEYS} qualifiers."]
    errors = []
    for key, item in value.items():
        if not isinstance(key, str) or not KEY_RE.match(key):
            errors.append(f"Qualifier name {key!r} must be snake_case, at most 40 characters.")
        if isinstance(item, bool) or item is None:
            continue
        if isinstance(item, int):
            if abs(item) > MAX_INTEGER:
                errors.append(f"Qualifier {key!r} must be an integer from -{MAX_INTEGER} to {MAX_INTEGER}.")
            continue
        if not isinstance(item, str):
            errors.append(f"Qualifier {key!r} must be a string, an integer or a boolean.")
        elif len(item) > MAX_VALUE_LENGTH or _UNSTORABLE.search(item) or not item.strip():
            errors.append(
                f"Qualifier {key!r} must be 1–{MAX_VALUE_LENGTH} visible characters without control characters."
            )
    return errors
