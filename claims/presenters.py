"""What a claim looks like to a client: one presenter, used by every response that shows one.

Why one function and not a serializer per use: the claims list reads up to 500 rows a page,
and a `ModelSerializer` walking model instances (with a nested serializer per evidence span)
cost several times the queries themselves. It also meant two descriptions of one resource: the
serializer for the detail and a hand-written copy for the list, kept equal by a test. Now the
list, the detail, the answer to a create or an update and the proposals of an ingested article
all shape the same plain rows (`selectors.claim_rows`, public `values_list` rows) with
`claim_to_dict`. `serializers.ClaimSerializer` only declares this shape for the OpenAPI schema;
a test holds the two to the same keys.

The presenter reads attributes, so `value_to_dict` also takes a model instance (the admin and
the review page show a value the same way the API does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol, TypedDict

from django.db.models import QuerySet

from claims import selectors
from claims.domain.display import decimal_text
from claims.models import Claim, ValueType


class ValueDict(TypedDict):
    """A claim's value: an interval with open ends (null = unbounded) and how it was stated."""

    nominal: str
    lower: str | None
    upper: str | None
    lower_open: bool
    upper_open: bool
    unit: str
    modifier: str
    rule: str
    precision: str | None
    calendar: str | None


class EvidenceDict(TypedDict):
    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    sentence_index: int
    sentence_text: str
    document: int
    source: str
    language: str


class ClaimDict(TypedDict):
    id: int
    subject: str | None
    subject_name: str | None
    property: str | None
    qualifiers: dict[str, Any]
    value_type: str
    value: ValueDict
    as_of: str | None
    status: str
    origin: str
    confidence: str
    cue: str
    fact: int | None
    verdict: str | None
    document: int
    source: str
    language: str
    version: int
    evidence: list[EvidenceDict]


class StatedValue(Protocol):
    """What `value_to_dict` reads: a claim instance or a claim row (same attribute names)."""

    value_type: str
    nominal: str
    lower: Decimal | None
    upper: Decimal | None
    lower_open: bool
    upper_open: bool
    unit: str
    modifier: str
    rule: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    date_precision: str
    calendar: str


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def value_to_dict(claim: StatedValue) -> ValueDict:
    """The value as the API states it: a date claim's bounds are ISO days, a quantity's plain decimals."""
    if claim.value_type == ValueType.DATE:
        lower, upper = _iso(claim.date_lower), _iso(claim.date_upper)
    else:
        lower, upper = decimal_text(claim.lower), decimal_text(claim.upper)
    return {
        "nominal": claim.nominal,
        "lower": lower,
        "upper": upper,
        "lower_open": bool(claim.lower_open),
        "upper_open": bool(claim.upper_open),
        "unit": claim.unit,
        "modifier": claim.modifier,
        "rule": claim.rule,
        "precision": claim.date_precision or None,
        "calendar": claim.calendar or None,
    }


def evidence_to_dict(row: Any, *, source: str, language: str) -> EvidenceDict:
    """One evidence span (a row of `selectors.EVIDENCE_ROW_FIELDS`) with its claim's source and language."""
    return {
        "quote": row.quote,
        "start": row.start,
        "end": row.end,
        "prefix": row.prefix,
        "suffix": row.suffix,
        "sentence_index": row.sentence__index,
        "sentence_text": row.sentence__text,
        "document": row.document_id,
        "source": source,
        "language": language,
    }


def claim_to_dict(row: Any, evidence: Iterable[Any] = ()) -> ClaimDict:
    """One claim (a row of `selectors.CLAIM_ROW_FIELDS`) with its evidence rows, in id order."""
    source, language = row.document__source__name, row.document__language
    return {
        "id": row.id,
        "subject": row.subject__slug,
        "subject_name": row.subject__name,
        "property": row.property__slug,
        "qualifiers": row.qualifiers,
        "value_type": row.value_type,
        "value": value_to_dict(row),
        "as_of": _iso(row.as_of),
        "status": row.status,
        "origin": row.origin,
        "confidence": f"{row.confidence:.3f}",
        "cue": row.cue,
        "fact": row.fact_id,
        "verdict": row.fact__verdict,
        "document": row.document_id,
        "source": source,
        "language": language,
        "version": row.version,
        "evidence": [evidence_to_dict(ev, source=source, language=language) for ev in evidence],
    }


def claims_to_dicts(rows: Sequence[Any], evidence: Mapping[int, Sequence[Any]]) -> list[ClaimDict]:
    """A page of claim rows, each with its evidence (`selectors.evidence_rows` of their ids)."""
    return [claim_to_dict(row, evidence.get(row.id, ())) for row in rows]


def present_rows(rows: Sequence[Any]) -> list[ClaimDict]:
    """Claim rows (`selectors.claim_rows`, a page of them, say) with their evidence: one more query."""
    return claims_to_dicts(rows, selectors.evidence_rows(row.id for row in rows))


def present_claims(queryset: QuerySet[Claim]) -> list[ClaimDict]:
    """The claims of `queryset`, in its order: two queries whatever their number."""
    return present_rows(list(selectors.claim_rows(queryset)))


def present_claim(claim: Claim) -> ClaimDict:
    """One stored claim as the API shows it (read again, so joined values are current)."""
    return present_claims(Claim.objects.filter(pk=claim.pk))[0]
