"""A claim's value as a person reads it: "more than 600,000,000 USD", "about 30 countries".

Used by the admin list and the API, so curators and clients read values the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

_UNIT_WORDS: dict[str, tuple[str, str]] = {
    "country": ("country", "countries"),
    "member": ("member", "members"),
    "person": ("person", "people"),
    "year": ("year", "years"),
    "organization": ("organization", "organizations"),
    "km2": ("km²", "km²"),
    "USD": ("USD", "USD"),
    "EUR": ("EUR", "EUR"),
}

_PREFIX = {
    "exact": "",
    "about": "about ",
    "nearly": "nearly ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
    "since": "since ",
    "until": "until ",
}


def decimal_text(value: Decimal | None) -> str | None:
    """A bound as the API writes it: no exponent, no trailing zeros (`178300000`, `7.5`)."""
    if value is None:
        return None
    return f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))


def format_number(value: Decimal | str | None) -> str:
    """Group thousands and drop a zero fraction: 178300000.000000 -> 178,300,000."""
    if value is None or value == "":
        return "?"
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def unit_words(unit: str, value: Decimal | None) -> str:
    if not unit:
        return ""
    singular, plural = _UNIT_WORDS.get(unit, (unit, unit))
    return singular if value is not None and value == 1 else plural


def describe_quantity(*, modifier: str, nominal: str, lower: Decimal | None, upper: Decimal | None, unit: str) -> str:
    """Read a quantity claim aloud; vague amounts and ranges show their interval."""
    if modifier in ("vague", "range"):
        words = unit_words(unit, None)
        text = f"{format_number(lower)}–{format_number(upper)}" if upper is not None else f"{format_number(lower)}+"
        return f"{'between ' if modifier == 'range' else 'vague: '}{text} {words}".strip()
    figure = Decimal(nominal) if nominal else lower if lower is not None else upper
    return f"{_PREFIX.get(modifier, '')}{format_number(figure)} {unit_words(unit, figure)}".strip()


def describe_date(*, modifier: str, nominal: str, lower: dt.date | None, upper: dt.date | None, precision: str) -> str:
    """Read a date claim aloud: "2019-06-25", "summer 2014 (2014-06-01 … 2014-08-31)"."""
    if lower is None and upper is None:
        return f"{modifier} (unresolved)"
    shown = nominal or (lower.isoformat() if lower else "?")
    if precision in ("season",) or (lower and upper and nominal and len(nominal) == 4 and lower.month != 1):
        shown = f"{shown} ({lower} … {upper})"
    return f"{_PREFIX.get(modifier, '')}{shown}".strip()


def fact_name(subject: str | None, prop: str | None, qualifiers: dict | None = None) -> str:
    """A fact as people name it: "Islamic State · territory area · year 2021".

    `prop` is the property's label (or its slug, read as words).
    """
    parts = [subject or "(no subject)", (prop or "(no property)").replace("_", " ")]
    if qualifiers:
        parts.append(", ".join(f"{key} {value}" for key, value in sorted(qualifiers.items())))
    return " · ".join(parts)
