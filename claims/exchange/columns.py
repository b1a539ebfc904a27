"""The vocabulary import and export share: the row columns and how values become JSON text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import orjson

from claims.models import CLAIM_VALUE_FIELDS

COLUMNS = (
    "claim_id",
    "document_sha256",
    "document_file_name",
    "source",
    "document_url",
    "language",
    "sentence_index",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "subject",
    "subject_name",
    "subject_kind",
    "property",
    "qualifiers",
    "value_type",
    *CLAIM_VALUE_FIELDS,
    "as_of",
    "status",
    "origin",
    "confidence",
)
# The claim columns an import writes (besides document, fact, origin and bookkeeping).
CLAIM_FIELDS = (
    "subject_id",
    "property_id",
    "qualifiers",
    "value_type",
    *CLAIM_VALUE_FIELDS,
    "as_of",
    "status",
    "confidence",
)
EXPORTED_MODELS = (
    "corpus.Source",
    "corpus.Document",
    "corpus.Sentence",
    "claims.Entity",
    "claims.EntityAlias",
    "claims.Property",
    "claims.Fact",
    "claims.Claim",
    "claims.Evidence",
)


def json_bytes(value: Any) -> bytes:
    """UTF-8 JSON for a JSON column (`{}` for an empty or missing value): orjson, because an
    import writes two per row."""
    return orjson.dumps(value) if value else b"{}"


def jsonable(value: Any) -> Any:
    """A value as it reads in JSON and in a revision's changes: decimals without exponent or
    trailing zeros and dates in ISO form, so `80.000000` stored and `80` imported compare equal."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
