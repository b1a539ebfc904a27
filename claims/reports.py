"""How cross-check reports name things for people: who states a claim, its value as stated,
and the terms (ISO dates, or figures in one unit) a report speaks in. Used by the selectors
that build reports and by the serializers and admin pages that show them."""

from __future__ import annotations

from claims.domain.display import describe_date, describe_quantity
from claims.domain.explain import Terms
from claims.models import Property, ValueType
from corpus.models import Language

_LANGUAGE_LABELS: dict[str, str] = dict(Language.choices)


def source_who(source: str, language: str | None) -> str:
    """ "Tolo News in Persian/Dari": who states a claim, in a report's sentences."""
    label = _LANGUAGE_LABELS.get(language, language) if language else ""
    return f"{source} in {label}" if label else source


def value_text(row: dict) -> str:
    """A claim's value as its source states it ("more than 110,000 km²", "2019-03-23")."""
    if row["value_type"] == ValueType.DATE:
        return describe_date(
            modifier=row["modifier"],
            nominal=row["nominal"],
            lower=row.get("date_lower"),
            upper=row.get("date_upper"),
            precision=row.get("date_precision") or "",
        )
    try:
        return describe_quantity(
            modifier=row["modifier"], nominal=row["nominal"], lower=row["lower"], upper=row["upper"], unit=row["unit"]
        )
    except ArithmeticError:
        return f"{row['nominal']} {row['unit']}".strip()


def report_terms(prop: Property | None, claims=()) -> Terms:
    """How a report reads values: as dates or as figures in one unit. The unit is the one the
    claims share (they state it), else the property's."""
    claims = list(claims)
    units = {c.unit for c in claims if c.unit}
    if prop is not None:
        dates = prop.value_type == ValueType.DATE
        fallback = prop.unit
    else:
        dates = bool(claims) and claims[0].value_type == ValueType.DATE
        fallback = ""
    return Terms(dates=dates, unit=units.pop() if len(units) == 1 else fallback)


def group_terms(claims: dict) -> Terms:
    """How an ad-hoc group's values read: their value type, and the unit the claims share (else
    their properties' when they share one)."""
    props = {c.property.unit for c in claims.values() if c.property is not None}
    terms = report_terms(None, claims.values())
    if not terms.unit and len(props) == 1:
        terms = Terms(dates=terms.dates, unit=props.pop())
    return terms
