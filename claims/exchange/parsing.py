"""Import rows read from a file and checked one by one, without the database.

Everything here is pure Python over the row's own values (types, choices, bounds), so the
import can parse the next batch in a helper thread while the database writes the previous one.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from claims.models import Calendar, ClaimStatus, DatePrecision, EntityKind, Modifier, Property, ValueType
from corpus.extraction.units import unit_error

# Enum `.values` builds a list on every call; rows check against these sets instead.
_VALUES = {
    choices: frozenset(choices.values)
    for choices in (Modifier, ClaimStatus, DatePrecision, Calendar, EntityKind, ValueType)
}
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"", "0", "false", "f", "no", "n"}


class RowError(ValueError):
    """A row that cannot be imported; the message is the reason."""


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that was not imported: its line in the file and why, as the command reports it."""

    line: int
    reason: str


# --- reading rows -------------------------------------------------------------------------


class RowFile:
    """The (line number, row) pairs of a CSV file (`.csv`) or a JSON Lines file (anything else).

    Iterable more than once. Reading it touches no database, so the import reads it in its
    helper thread (see `importing`), unlike rows from anywhere else.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8", newline="") as handle:
            if self.path.suffix.lower() == ".csv":
                yield from _csv_rows(handle)
            else:
                yield from _jsonl_rows(handle)


def read_rows(path: Path) -> RowFile:
    """The rows of a CSV or JSON Lines file, by line number; see `RowFile`."""
    return RowFile(path)


def _csv_rows(handle: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """A CSV file's rows as dicts by the header, numbered by the line each starts on."""
    reader = csv.DictReader(handle)
    line = reader.line_num
    for row in reader:
        yield line + 1, row
        line = reader.line_num


def _jsonl_rows(handle: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """A JSON Lines file's objects. A line that does not parse is yielded as
    `{"__error__": reason}` so it is reported like any other bad row instead of stopping the
    import."""
    for number, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            yield number, {"__error__": f"not valid JSON ({exc.msg})"}
            continue
        yield number, row if isinstance(row, dict) else {"__error__": "expected a JSON object"}


def batched(rows: Iterable[tuple[int, dict]], size: int) -> Iterator[list[tuple[int, dict]]]:
    """Consecutive rows in lists of `size` (the last may be shorter)."""
    batch: list[tuple[int, dict]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- parsing one row (no queries) -------------------------------------------------------------


def _text(row: dict, key: str, *, max_length: int | None = None) -> str:
    value = row.get(key)
    text = "" if value is None else value if type(value) is str else str(value)
    if max_length is not None and len(text) > max_length:
        raise RowError(f"{key} is longer than {max_length} characters")
    return text


def _int(row: dict, key: str) -> int:
    value = row.get(key)
    if value is None or value == "":
        raise RowError(f"{key} is missing")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RowError(f"{key} {value!r} is not an integer") from None


def _decimal(row: dict, key: str) -> Decimal | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    try:
        number = Decimal(value if type(value) is str else str(value))
    except InvalidOperation:
        raise RowError(f"{key} {value!r} is not a number") from None
    if not number.is_finite():
        raise RowError(f"{key} {value!r} is not a finite number")
    return number


def _bool(row: dict, key: str) -> bool:
    value = row.get(key)
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError(f"{key} {value!r} is not true or false")


def _date(row: dict, key: str) -> dt.date | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RowError(f"{key} {value!r} is not a date (YYYY-MM-DD)") from None


def _choice(row: dict, key: str, choices: Any, default: str, *, required: bool = True) -> str:
    """A value of `choices`; empty means `default` (or stays empty where not `required`)."""
    value = _text(row, key) or default
    if (value or required) and value not in _VALUES[choices]:
        raise RowError(f"{key} {value!r} is not one of {', '.join(choices.values)}")
    return value


def _qualifiers(row: dict) -> dict[str, Any]:
    value = row.get("qualifiers")
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise RowError(f"qualifiers {value!r} is not JSON") from None
    if not isinstance(value, dict):
        raise RowError("qualifiers must be a JSON object")
    return value


@dataclass(slots=True)
class ParsedRow:
    """A row whose values have the right types; not yet checked against the stored texts."""

    line: int
    sha256: str
    start: int
    end: int
    quote: str
    subject: str
    subject_name: str
    subject_kind: str
    property: str
    fields: dict[str, Any]


def parse_row(line: int, row: dict[str, Any]) -> ParsedRow:
    """Check one row on its own (types, choices, bounds); raises `RowError`."""
    if "__error__" in row:
        raise RowError(row["__error__"])
    sha256 = _text(row, "document_sha256").strip().lower()
    if len(sha256) != 64:
        raise RowError("document_sha256 must be 64 hex digits")
    start, end = _int(row, "start"), _int(row, "end")
    if not 0 <= start < end:
        raise RowError(f"span [{start}, {end}) is empty or negative")
    quote = _text(row, "quote")
    if not quote:
        raise RowError("quote is missing")
    value_type = _choice(row, "value_type", ValueType, "", required=False)
    fields: dict[str, Any] = {
        "qualifiers": _qualifiers(row),
        "value_type": value_type,
        "nominal": _text(row, "nominal", max_length=40),
        "lower": _decimal(row, "lower"),
        "upper": _decimal(row, "upper"),
        "lower_open": _bool(row, "lower_open"),
        "upper_open": _bool(row, "upper_open"),
        "modifier": _choice(row, "modifier", Modifier, Modifier.EXACT),
        "rule": _text(row, "rule", max_length=60),
        "unit": _text(row, "unit", max_length=20),
        "noun": _text(row, "noun", max_length=120),
        "date_lower": _date(row, "date_lower"),
        "date_upper": _date(row, "date_upper"),
        "date_precision": _text(row, "date_precision"),
        "calendar": _text(row, "calendar"),
        "as_of": _date(row, "as_of"),
        "status": _choice(row, "status", ClaimStatus, ClaimStatus.PROPOSED),
        "confidence": _decimal(row, "confidence") or Decimal(0),
    }
    if fields["date_precision"] and fields["date_precision"] not in _VALUES[DatePrecision]:
        raise RowError(f"date_precision {fields['date_precision']!r} is not one of {', '.join(DatePrecision.values)}")
    if fields["calendar"] and fields["calendar"] not in _VALUES[Calendar]:
        raise RowError(f"calendar {fields['calendar']!r} is not one of {', '.join(Calendar.values)}")
    if not 0 <= fields["confidence"] <= 1:
        raise RowError(f"confidence {fields['confidence']} is not between 0 and 1")
    if unit_problem := unit_error(fields["unit"]):  # the rule every other write of a claim runs
        raise RowError(unit_problem)
    subject_kind = _choice(row, "subject_kind", EntityKind, "", required=False)
    return ParsedRow(
        line=line,
        sha256=sha256,
        start=start,
        end=end,
        quote=quote,
        subject=_text(row, "subject").strip(),
        subject_name=_text(row, "subject_name", max_length=300),
        subject_kind=subject_kind,
        property=_text(row, "property").strip(),
        fields=fields,
    )


def parse_batch(batch: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[BadRow]]:
    """`parse_row` over a batch: the rows that parse, and the reasons of those that do not."""
    parsed: list[ParsedRow] = []
    errors: list[BadRow] = []
    for line, row in batch:
        try:
            parsed.append(parse_row(line, row))
        except RowError as exc:
            errors.append(BadRow(line, str(exc)))
    return parsed, errors


def finish_value(parsed: ParsedRow, prop: Property | None) -> None:
    """Settle the value type and interval once the property is known (no queries)."""
    fields = parsed.fields
    if prop is not None:
        if fields["value_type"] and fields["value_type"] != prop.value_type:
            raise RowError(
                f"value_type {fields['value_type']!r} does not match property {prop.slug} ({prop.value_type})"
            )
        fields["value_type"] = prop.value_type
    fields["value_type"] = fields["value_type"] or ValueType.QUANTITY
    if fields["value_type"] == ValueType.DATE:
        # Date claims keep their interval as day ordinals too (see `claims.models`).
        fields["lower"] = Decimal(fields["date_lower"].toordinal()) if fields["date_lower"] else None
        fields["upper"] = Decimal(fields["date_upper"].toordinal()) if fields["date_upper"] else None
    lower, upper = fields["lower"], fields["upper"]
    if lower is not None and upper is not None and lower > upper:
        raise RowError(f"lower bound {lower} lies above upper bound {upper}")
    if (lower is None and fields["lower_open"]) or (upper is None and fields["upper_open"]):
        raise RowError("an unbounded end cannot be open")
    for name in ("lower", "upper"):
        value = fields[name]
        if value is not None and (value.adjusted() >= 24 or value.as_tuple().exponent < -6):
            raise RowError(f"{name} {value} does not fit 24 digits and 6 decimal places")
