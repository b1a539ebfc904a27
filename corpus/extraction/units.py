"""The units a claim may carry, and the check every write of a claim runs on its unit.

Why a closed list: the unit is what makes two figures of a fact comparable. `80` countries and
`80` members are different claims, and a misspelt unit (`contry`, `usd`) would let a figure
slip past the cross-check or be compared with figures of another kind. So a claim's unit is:

- empty (a bare figure, a date), or
- one the quantity extractor produces (`quantities.UNITS`: the units of the shipped locale
  files' `[units]`, `[currency_before]` and `[duals]`), so every proposed claim passes, or
- one listed in `policy.toml [units] extra`. That list is how the set is extended: a curator
  who types in a figure whose unit the extractor cannot read yet adds the unit's code there
  (teaching the extractor the unit's words in a locale file's `[units]` adds it too).

The check is pure (`unit_error`); `claims.validators.validate_unit` wraps it for serializers and
forms, and the claim services run it before saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from corpus.extraction.policy import POLICY
from corpus.extraction.quantities import UNITS as EXTRACTED_UNITS

MAX_UNIT_LENGTH = 20  # `Claim.unit` holds this many characters


def known_units(policy: Mapping[str, Any] = POLICY) -> frozenset[str]:
    """The extractor's units and the policy's `[units] extra`; a malformed list is refused."""
    extra = policy.get("units", {}).get("extra", [])
    if not isinstance(extra, list) or not all(
        isinstance(unit, str) and unit and unit == unit.strip() and len(unit) <= MAX_UNIT_LENGTH for unit in extra
    ):
        raise ValueError(
            f"policy [units] extra must be a list of non-empty codes of at most {MAX_UNIT_LENGTH} characters"
        )
    return EXTRACTED_UNITS | frozenset(extra)


KNOWN_UNITS: frozenset[str] = known_units()
"""Every unit a claim may carry besides the empty one."""


def unit_error(unit: str, known: AbstractSet[str] = KNOWN_UNITS) -> str | None:
    """Why `unit` may not be a claim's unit, or None when it may."""
    if unit == "" or unit in known:
        return None
    near = sorted(k for k in known if k.casefold() == unit.strip().casefold())
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return (
        f"Unknown unit {unit!r}{hint}. Known units: {', '.join(sorted(known, key=str.casefold))}; "
        "leave it empty for a bare figure, or add the unit to [units] extra in corpus/extraction/policy.toml."
    )
