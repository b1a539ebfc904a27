"""Django validators wrapping the pure rules, for model fields and serializers alike."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from claims.domain.qualifiers import qualifier_errors
from corpus.extraction.units import unit_error


def validate_qualifiers(value: Any) -> None:
    errors = qualifier_errors(value)
    if errors:
        raise ValidationError(errors)


def validate_unit(value: str) -> None:
    """Refuse a unit that is neither empty nor known (`corpus.extraction.units`)."""
    error = unit_error(value)
    if error:
        raise ValidationError(error, code="unknown_unit")


def validate_visible_text(value: str) -> None:
    """Refuse a value with no visible character (only ZWNJ, LRM, bidi controls or spaces)."""
    from claims.domain.cleaning import InvisibleText, clean_text

    if value == "":
        return  # blank-ness is the field's own `blank` rule
    try:
        clean_text(value)
    except InvisibleText as exc:
        raise ValidationError(str(exc)) from exc
