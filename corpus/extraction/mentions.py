"""What the extractor returns: mentions of quantities, dates and identifiers in a text.

A mention is a span `[start, end)` of code points of the text the extractor was given, the
exact text at that span, and an honest value: an interval with explicit open/closed and
unbounded ends, never a bare number. `rule` names the policy rule (see `policy.toml`) that set
the bounds, so a curator can see why "نحو ثلاثين" became [27, 33].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    QUANTITY = "quantity"
    DATE = "date"
    IDENTIFIER = "identifier"
    TIME = "time"  # a clock time (`الساعة 10`, `18:30`): never a figure


class Modifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    NEARLY = "nearly"
    VAGUE = "vague"
    RANGE = "range"
    SINCE = "since"
    UNTIL = "until"
    RELATIVE = "relative"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


class Calendar(StrEnum):
    GREGORIAN = "gregorian"
    SOLAR_HIJRI = "solar_hijri"
    LUNAR_HIJRI = "lunar_hijri"


@dataclass(frozen=True, slots=True)
class QuantityValue:
    """A figure as an interval. `None` bounds are unbounded; bounds are `Decimal`, never float."""

    nominal: Decimal
    lower: Decimal | None
    upper: Decimal | None
    lower_open: bool = False
    upper_open: bool = False
    unit: str | None = None
    noun: str | None = None  # the counted noun as written ("بلداً", "کشور")

    def as_dict(self) -> dict[str, Any]:
        return {
            "nominal": _dec(self.nominal),
            "lower": _dec(self.lower),
            "upper": _dec(self.upper),
            "lower_open": self.lower_open,
            "upper_open": self.upper_open,
            "unit": self.unit,
            "noun": self.noun,
        }


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as the closed interval of days it may denote.

    `nominal` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (None for a relative date without a
    reference); `reference` is the date a relative expression was resolved against.
    """

    nominal: str | None
    lower: dt.date | None
    upper: dt.date | None
    precision: Precision
    calendar: Calendar = Calendar.GREGORIAN
    reference: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "nominal": self.nominal,
            "lower": self.lower.isoformat() if self.lower else None,
            "upper": self.upper.isoformat() if self.upper else None,
            "precision": str(self.precision),
            "calendar": str(self.calendar),
            "reference": self.reference.isoformat() if self.reference else None,
        }


@dataclass(frozen=True, slots=True)
class IdentifierValue:
    """A number that names something (a resolution, an article) rather than counting it."""

    nominal: str
    scheme: str | None = None  # e.g. "un_security_council_resolution"

    def as_dict(self) -> dict[str, Any]:
        return {"nominal": self.nominal, "scheme": self.scheme}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: Kind
    modifier: Modifier
    rule: str
    value: QuantityValue | DateValue | IdentifierValue
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": str(self.kind),
            "modifier": str(self.modifier),
            "rule": self.rule,
            "value": self.value.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class Refusal:
    """A span the extractor read and refused: no mention comes from it, not even a figure.

    Why not a coarser reading: `۳۱ حوت ۱۳۹۸` names no day (Hoot 1398 has 29), and reporting it
    as the month Hoot 1398, or `2021-02-30` as the figure 30, would hand a curator a claim the
    text never made. `rule` names the refusal (`date.no_such_day`) and `reason` says why in one
    line. Offsets are those of a `Mention`: code points of the text the extractor was given.
    """

    start: int
    end: int
    text: str
    kind: Kind
    rule: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": str(self.kind),
            "rule": self.rule,
            "reason": self.reason,
        }


def _dec(value: Decimal | None) -> str | None:
    if value is None:
        return None
    # Normalized decimal string without exponent: 110000, 178300000, 27.5
    return format(value.normalize(), "f")
