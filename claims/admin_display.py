"""How the curator's pages write claims, facts and intervals: one place for every admin page.

A fact is named by what it is about ("Islamic State · territory area · year 2021"), never by
its key (`2|2|{}`); a value is read as a person says it ("more than 600,000,000 USD") and as
its interval; a quote is shown with the claimed words marked.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.html import format_html

from claims.domain.display import describe_date, describe_quantity, format_number
from claims.domain.display import fact_name as display_fact_name
from claims.models import Claim, Entity, Fact, Property, ValueType


def property_label(prop: Property | None) -> str:
    """The English label, or the slug read as words."""
    if prop is None:
        return "—"
    return prop.label_en or prop.slug.replace("_", " ")


def qualifiers_text(qualifiers: dict | None) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted((qualifiers or {}).items()))


def fact_name(*, subject: Entity | None, prop: Property | None, qualifiers: dict | None = None) -> str:
    """ "Islamic State · territory area", with the qualifiers after another dot."""
    return display_fact_name(subject.name if subject else None, property_label(prop) if prop else None, qualifiers)


def fact_title(fact: Fact) -> str:
    """The readable name of a fact whose subject and property are loaded (`with_relations`)."""
    return fact_name(subject=fact.subject, prop=fact.property, qualifiers=fact.qualifiers)


def value_words(
    *,
    value_type: str,
    modifier: str,
    nominal: str,
    lower: Decimal | None,
    upper: Decimal | None,
    unit: str,
    date_lower: dt.date | None = None,
    date_upper: dt.date | None = None,
    date_precision: str = "",
) -> str:
    """A claim's or mention's value as a person says it."""
    if value_type == ValueType.DATE:
        return describe_date(
            modifier=modifier, nominal=nominal, lower=date_lower, upper=date_upper, precision=date_precision
        )
    try:
        return describe_quantity(modifier=modifier, nominal=nominal, lower=lower, upper=upper, unit=unit)
    except ArithmeticError:  # a nominal that is not a number (an identifier): say it as written
        return f"{nominal} {unit}".strip()


def claim_value(claim: Claim) -> str:
    return value_words(
        value_type=claim.value_type,
        modifier=claim.modifier,
        nominal=claim.nominal,
        lower=claim.lower,
        upper=claim.upper,
        unit=claim.unit,
        date_lower=claim.date_lower,
        date_upper=claim.date_upper,
        date_precision=claim.date_precision,
    )


def interval_text(
    *,
    value_type: str,
    lower,
    upper,
    lower_open: bool = False,
    upper_open: bool = False,
    date_lower: dt.date | None = None,
    date_upper: dt.date | None = None,
    unit: str = "",
) -> str:
    """The interval in mathematical notation: "(600,000,000, ∞) USD", "[2014-06-01, 2014-08-31]"."""
    if value_type == ValueType.DATE:
        if date_lower is None and date_upper is None:
            return "unresolved"
        return f"[{date_lower or '…'}, {date_upper or '…'}]"
    left = "(−∞" if lower is None else f"{'(' if lower_open else '['}{format_number(lower)}"
    right = "∞)" if upper is None else f"{format_number(upper)}{')' if upper_open else ']'}"
    return f"{left}, {right}" + (f" {unit}" if unit else "")


def claim_interval(claim: Claim) -> str:
    return interval_text(
        value_type=claim.value_type,
        lower=claim.lower,
        upper=claim.upper,
        lower_open=claim.lower_open,
        upper_open=claim.upper_open,
        date_lower=claim.date_lower,
        date_upper=claim.date_upper,
        unit=claim.unit,
    )


def consensus_text(fact: Fact) -> str:
    """The fact's stored consensus as an interval ("—" when there is none)."""
    if fact.consensus_lower is None and fact.consensus_upper is None:
        return "—"
    if fact.property.value_type == ValueType.DATE:
        return interval_text(
            value_type=ValueType.DATE,
            lower=None,
            upper=None,
            date_lower=_day(fact.consensus_lower),
            date_upper=_day(fact.consensus_upper),
        )
    return interval_text(
        value_type=ValueType.QUANTITY,
        lower=fact.consensus_lower,
        upper=fact.consensus_upper,
        lower_open=fact.consensus_lower_open,
        upper_open=fact.consensus_upper_open,
        unit=fact.property.unit,
    )


def _day(ordinal) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(int(ordinal))


def highlighted(sentence_text: str, start: int, end: int, *, window: int | None = None):
    """The sentence with [start, end) (sentence-relative) marked; `window` trims the context
    on each side to that many characters (for list rows)."""
    before, after = sentence_text[:start], sentence_text[end:]
    if window is not None:
        before = ("…" + before[-window:].lstrip()) if len(before) > window else before
        after = (after[:window].rstrip() + "…") if len(after) > window else after
    return format_html(
        '<div dir="auto" class="sanad-evidence">{}<mark>{}</mark>{}</div>',
        before,
        sentence_text[start:end],
        after,
    )


def claim_snippet(claim: Claim, *, window: int = 40):
    """The claim's first evidence in its sentence, trimmed to `window` characters each side."""
    evidence = claim.evidence.all()  # prefetched by the selectors
    if not evidence:
        return "—"
    ev = evidence[0]
    return highlighted(ev.sentence.text, ev.start - ev.sentence.start, ev.end - ev.sentence.start, window=window)
