"""What a claim's value may be: the one check every write path runs (services, importer, admin).

A value is refused, field by field, when its interval contradicts itself (lower above upper,
an open unbounded end, bounds that leave out the stated figure), when it mixes the fields of
another value type (dates on a quantity, a unit on a date), when its unit is not one its
property's unit family takes, when its qualifiers name a key the property does not declare,
or when its text hides something (control, bidi-override or other invisible format
characters, which can make "80" display as something else).

`rederived_bounds` is the other half: when a curator changes the stated figure or its hedge,
the bounds follow by the extraction policy, as the extractor would have set them, so the
claim never says "nearly 81" with the bounds of "nearly 80".

Pure: no Django. The services translate the errors into `ValidationError`s naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from claims.domain.qualifiers import qualifier_errors
from corpus.extraction.mentions import Modifier
from corpus.extraction.policy import POLICY
from corpus.extraction.quantities import interval
from corpus.extraction.units import unit_error

QUANTITY = "quantity"
DATE = "date"
DATE_FIELDS = ("date_lower", "date_upper", "date_precision", "calendar")
TEXT_FIELDS = ("nominal", "unit", "noun")
# Format characters a word may need: ZWNJ and ZWJ shape Persian and Arabic words (`می‌شود`).
_ALLOWED_FORMAT = frozenset("\u200c\u200d")
_MODIFIERS = frozenset(m.value for m in Modifier)
_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# The hedges that turn one stated figure into an interval by themselves (a range or a vague
# amount needs its bounds stated): modifier -> policy rule.
_HEDGE_RULES: dict[str, str] = {}
for _name, _table in POLICY["hedge"].items():
    if _table["modifier"] != Modifier.RANGE:
        _HEDGE_RULES.setdefault(_table["modifier"], f"hedge.{_name}")


@dataclass(frozen=True, slots=True)
class PropertyRules:
    """What a property lets its claims' values be, as the extractor reads its vocabulary
    (`Vocabulary.property_unit_fits`, `value_fits`): `units` None means no family, any unit;
    a unit no family lists (`classified`) is not refused, the extractor may know units the
    vocabulary does not classify yet; `minimum`/`maximum` bound the stated figure."""

    slug: str
    value_type: str
    units: frozenset[str] | None = None
    classified: frozenset[str] = frozenset()
    unit_required: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    qualifier_keys: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """A claim's value and qualifiers as it would be stored (dates as dates)."""

    value_type: str = QUANTITY
    nominal: str = ""
    lower: Decimal | None = None
    upper: Decimal | None = None
    lower_open: bool = False
    upper_open: bool = False
    modifier: str = Modifier.EXACT
    unit: str = ""
    noun: str = ""
    date_lower: dt.date | None = None
    date_upper: dt.date | None = None
    date_precision: str = ""
    calendar: str = ""
    qualifiers: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ClaimValue:
        """From a mapping of claim fields (missing ones take the defaults; None text is empty)."""
        kwargs: dict[str, Any] = {}
        for name in cls.__slots__:
            if name in values:
                value = values[name]
                kwargs[name] = ("" if value is None else value) if name in (*TEXT_FIELDS, "modifier") else value
        if kwargs.get("qualifiers") is None:
            kwargs["qualifiers"] = {}
        return cls(**kwargs)


def hidden_text_error(text: str) -> str | None:
    """Why `text` may display as something other than what it holds (None when it cannot).

    Control characters, bidi embeddings/overrides/isolates, direction marks and every other
    invisible format character are refused; ZWNJ/ZWJ are part of how Persian words are spelled.
    """
    for index, ch in enumerate(text):
        category = unicodedata.category(ch)
        if category == "Cc" or (category == "Cf" and ch not in _ALLOWED_FORMAT) or category in ("Zl", "Zp"):
            return f"contains the invisible character U+{ord(ch):04X} at position {index}; type the value without it"
    return None


def plain_number(nominal: str) -> Decimal | None:
    """The stated figure as a number when it is written in plain ASCII digits, else None."""
    if not _PLAIN_NUMBER.match(nominal or ""):
        return None
    try:
        return Decimal(nominal)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def value_errors(value: ClaimValue, rules: PropertyRules | None) -> dict[str, str]:
    """Every reason `value` cannot be stored for a claim of `rules`' property, by field.

    `rules` None: a claim with no property yet, checked for what needs no property.
    """
    errors: dict[str, str] = {}
    for name in TEXT_FIELDS:
        if problem := hidden_text_error(getattr(value, name)):
            errors[name] = f"{name} {problem}"
    if problems := qualifier_errors(value.qualifiers):
        errors["qualifiers"] = " ".join(problems)
    else:
        for key, item in value.qualifiers.items():
            if isinstance(item, str) and (problem := hidden_text_error(item)):
                errors["qualifiers"] = f"qualifier {key!r} {problem}"
                break
        if rules is not None and "qualifiers" not in errors:
            undeclared = sorted(set(value.qualifiers) - rules.qualifier_keys)
            if undeclared:
                declared = ", ".join(sorted(rules.qualifier_keys)) or "none"
                errors["qualifiers"] = (
                    f"property {rules.slug} does not take the qualifier(s) {', '.join(undeclared)} "
                    f"(it declares: {declared})"
                )
    if value.modifier not in _MODIFIERS:
        errors["modifier"] = f"modifier {value.modifier!r} is not one of {', '.join(Modifier)}"
    value_type = rules.value_type if rules is not None else value.value_type
    if value_type == DATE:
        if value.unit:
            errors["unit"] = "a date takes no unit"
        if value.date_lower and value.date_upper and value.date_lower > value.date_upper:
            errors["date_lower"] = f"date_lower {value.date_lower} is after date_upper {value.date_upper}"
    else:
        for name in DATE_FIELDS:
            if getattr(value, name):
                errors[name] = f"{name} belongs to date claims; property {rules.slug if rules else ''} takes figures"
        errors |= _unit_errors(value, rules)
        errors |= _interval_errors(value, rules)
    return errors


def _unit_errors(value: ClaimValue, rules: PropertyRules | None) -> dict[str, str]:
    if value.unit and (problem := unit_error(value.unit)):
        return {"unit": problem}
    if rules is None:
        return {}
    if value.unit and rules.units is not None and value.unit not in rules.units and value.unit in rules.classified:
        return {
            "unit": f"property {rules.slug} takes {', '.join(sorted(rules.units)) or 'no unit'}, not {value.unit!r}"
        }
    if not value.unit and rules.unit_required:
        return {"unit": f"property {rules.slug} needs a unit ({', '.join(sorted(rules.units or ())) or 'any'})"}
    return {}


def _interval_errors(value: ClaimValue, rules: PropertyRules | None) -> dict[str, str]:
    lower, upper = value.lower, value.upper
    if lower is None and value.lower_open:
        return {"lower_open": "an unbounded lower end cannot be open"}
    if upper is None and value.upper_open:
        return {"upper_open": "an unbounded upper end cannot be open"}
    if lower is not None and upper is not None and lower > upper:
        return {"lower": f"lower bound {lower} lies above upper bound {upper}"}
    nominal = plain_number(value.nominal)
    if nominal is not None:
        # Closed hull: "more than 55" is (55, ∞) and still states 55.
        if lower is not None and nominal < lower:
            return {"lower": f"lower bound {lower} leaves out the stated figure {value.nominal}"}
        if upper is not None and nominal > upper:
            return {"upper": f"upper bound {upper} leaves out the stated figure {value.nominal}"}
    if rules is not None and nominal is not None:
        if rules.minimum is not None and nominal < rules.minimum:
            return {"nominal": f"property {rules.slug} takes figures from {rules.minimum}, not {value.nominal}"}
        if rules.maximum is not None and nominal > rules.maximum:
            return {"nominal": f"property {rules.slug} takes figures up to {rules.maximum}, not {value.nominal}"}
    return {}


def rederived_bounds(*, nominal: str, modifier: str) -> dict[str, Any] | None:
    """The interval the extraction policy gives `nominal` stated with `modifier`, as claim
    fields (`lower`, `upper`, `lower_open`, `upper_open`, `rule`); None when the policy cannot
    derive one from a single figure (a range, a vague amount, a figure not in plain digits)."""
    n = plain_number(nominal)
    rule = _HEDGE_RULES.get(modifier)
    if n is None or rule is None:
        return None
    _, lower, upper, lower_open, upper_open = interval(rule, n)
    return {"lower": lower, "upper": upper, "lower_open": lower_open, "upper_open": upper_open, "rule": rule}


def status_errors(*, status: str, has_subject: bool, has_property: bool) -> dict[str, str]:
    """An accepted claim is compared in its fact, so it needs a subject and a property."""
    if status != "accepted":
        return {}
    errors = {}
    if not has_subject:
        errors["subject"] = "an accepted claim needs a subject: set it before accepting"
    if not has_property:
        errors["property"] = "an accepted claim needs a property: set it before accepting"
    return errors


def related_to(errors: Mapping[str, str], changed: Collection[str]) -> dict[str, str]:
    """The errors an edit of the fields `changed` is answerable for.

    A claim stored before a rule keeps what it has until someone edits the value: accepting
    it does not fail on its old unit. An error on a bound is the edit's when any part of the
    interval or the stated figure changed.
    """
    interval_fields = {"nominal", "modifier", "lower", "upper", "lower_open", "upper_open"}
    touched = set(changed)
    if touched & interval_fields:
        touched |= interval_fields
    if touched & {"property", "value_type"}:
        return dict(errors)
    return {name: message for name, message in errors.items() if name in touched}


# The fields whose change makes an edit answerable for the status rule (`status_errors`).
_STATUS_FIELDS = frozenset({"status", "subject", "property", "fact"})


def claim_errors(
    value: ClaimValue,
    rules: PropertyRules | None,
    *,
    status: str,
    has_subject: bool,
    has_property: bool,
    changed: Collection[str] | None = None,
) -> dict[str, str]:
    """Every reason a claim cannot be stored, by field: its value (`value_errors`) and its
    status (`status_errors`). With `changed`, an edit of those fields: only what it is
    answerable for (`related_to`; the status rule when the status or what it needs changed).
    The one check of every write path: the services, the importer, the admin's form."""
    errors = value_errors(value, rules)
    if changed is not None:
        errors = related_to(errors, changed)
    if changed is None or _STATUS_FIELDS & set(changed):
        errors |= status_errors(status=status, has_subject=has_subject, has_property=has_property)
    return errors
