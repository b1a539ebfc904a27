"""Fixtures read as JSON, without a database, and the integrity problems a load would refuse
named by claim before loading."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from claims.audit.findings import FAILURE, Finding


@dataclass(slots=True)
class FixtureData:
    """The objects of Django JSON fixtures, by model label and pk (fields as written)."""

    objects: dict[str, dict[Any, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))

    def of(self, model: str) -> dict[Any, dict[str, Any]]:
        return self.objects.get(model, {})


def read_fixtures(paths: Iterable[Path]) -> FixtureData:
    """Read Django JSON fixtures (a list of `{"model", "pk", "fields"}`) into one `FixtureData`.

    Vocabulary rows written with natural keys (no `pk`) are keyed by their slug, which is also
    how other rows refer to them (`"subject": ["france"]`): see `ref`.
    """
    data = FixtureData()
    for path in paths:
        for obj in json.loads(Path(path).read_text(encoding="utf-8")):
            fields = obj["fields"]
            key = obj.get("pk", fields.get("slug"))
            data.objects[obj["model"]][key] = fields
    return data


def ref(value: Any) -> Any:
    """A foreign key as a fixture writes it: an id, or a natural key (`["france"]` -> `france`)."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def decimal_or_none(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def check_fixture_rows(data: FixtureData) -> list[Finding]:
    """Integrity problems the database would refuse, named before loading (a refused load
    otherwise says only which constraint failed, not which claim)."""
    findings = []
    for pk, fields in sorted(data.of("claims.claim").items()):
        label = f"claim {pk} ({fields.get('nominal') or '?'} in document {fields.get('document')})"
        for low, high, what in (("lower", "upper", "interval"), ("date_lower", "date_upper", "date interval")):
            lower, upper = fields.get(low), fields.get(high)
            if lower in (None, "") or upper in (None, ""):
                continue
            if (decimal_or_none(lower) if low == "lower" else lower) > (
                decimal_or_none(upper) if high == "upper" else upper
            ):
                findings.append(Finding("integrity", FAILURE, label, f"{what} lower end {lower} lies above {upper}"))
    for pk, fields in sorted(data.of("claims.evidence").items()):
        if fields["start"] >= fields["end"] or fields["start"] < 0:
            findings.append(
                Finding(
                    "integrity",
                    FAILURE,
                    f"claim {fields['claim']} (evidence {pk})",
                    f"empty or negative span [{fields['start']}, {fields['end']})",
                )
            )
    return findings
