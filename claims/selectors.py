"""Read queries for claims, facts and revisions, with their joins and a stable order."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Context, Decimal, InvalidOperation
from itertools import groupby
from operator import itemgetter

import orjson
from django.db.models import Case, Count, F, Max, Min, Prefetch, Q, QuerySet, When
from django.db.models.expressions import RawSQL
from django.db.models.query import BaseIterable

from claims.domain.crosscheck import ClaimValue, Report, crosscheck, is_conflict
from claims.domain.intervals import Interval
from claims.models import Claim, ClaimStatus, Entity, EntityAlias, Evidence, Fact, Revision, ValueType
from corpus.models import Sentence


def claim_list() -> QuerySet[Claim]:
    """Claims with subject, property, fact and source joined and evidence prefetched."""
    return (
        Claim.objects.with_relations()
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("sentence").order_by("id")))
        .order_by("-id")
    )


def fact_list() -> QuerySet[Fact]:
    return Fact.objects.with_relations().order_by("id")


def revisions_for(obj) -> QuerySet[Revision]:
    """The history of one object, oldest first."""
    return (
        Revision.objects.filter(model=obj._meta.model_name, object_id=obj.pk)
        .select_related("user")
        .order_by("created_at", "id")
    )


def sentences_around(sentence: Sentence, *, radius: int = 1) -> QuerySet[Sentence]:
    """The sentence and its neighbours, in order: context for a curator."""
    return Sentence.objects.filter(
        document_id=sentence.document_id, index__gte=sentence.index - radius, index__lte=sentence.index + radius
    ).order_by("index")


# --- cross-check --------------------------------------------------------------------------

# The columns the cross-check engine reads of a claim (see `claim_value_from_row`).
ENGINE_ROW_FIELDS = (
    "id",
    "fact_id",
    "value_type",
    "nominal",
    "lower",
    "upper",
    "lower_open",
    "upper_open",
    "modifier",
    "rule",
    "as_of",
)


def claim_value_from_row(row: dict) -> ClaimValue:
    """The engine's view of a claim row (from `.values(*ENGINE_ROW_FIELDS)`)."""
    nominal = None
    if row["value_type"] == ValueType.QUANTITY and row["nominal"]:
        try:
            nominal = Decimal(row["nominal"])
        except InvalidOperation:
            nominal = None
    return ClaimValue(
        id=row["id"],
        interval=Interval(row["lower"], row["upper"], row["lower_open"], row["upper_open"]),
        nominal=nominal,
        modifier=row["modifier"],
        rule=row["rule"],
        as_of=row["as_of"],
    )


def fact_claim_rows(fact_ids, *, statuses: tuple[str, ...] = (ClaimStatus.ACCEPTED,)) -> dict[int, list[dict]]:
    """The claim rows of many facts in one query, grouped by fact (ordered by claim id)."""
    rows: dict[int, list[dict]] = {}
    queryset = Claim.objects.filter(fact_id__in=list(fact_ids), status__in=statuses).order_by("fact_id", "id")
    for row in queryset.values(*ENGINE_ROW_FIELDS):
        rows.setdefault(row["fact_id"], []).append(row)
    return rows


def fact_report(fact: Fact, *, statuses: tuple[str, ...] = (ClaimStatus.ACCEPTED,)) -> Report | None:
    """The cross-check report of one fact over the claims with the given statuses (None: no claims)."""
    rows = fact_claim_rows([fact.pk], statuses=statuses).get(fact.pk, [])
    if not rows:
        return None
    return crosscheck([claim_value_from_row(r) for r in rows], time_varying=fact.property.time_varying)


def conflict_candidate_fact_ids() -> QuerySet:
    """Facts whose accepted claims have no common value, by one grouped query.

    Per fact, the intersection of the claims' intervals is empty when the greatest lower bound
    lies above the least upper bound, or equals it while one of the two ends is open. NULL
    bounds are unbounded and MAX/MIN skip them, as they should. This ignores rounding and
    `as_of` periods, so it returns a superset of the facts in conflict (an empty intersection
    within one period implies an empty one overall); the Python engine confirms each candidate.
    """
    max_lower = Max("lower")
    min_upper = Min("upper")
    return (
        Claim.objects.filter(status=ClaimStatus.ACCEPTED, fact__isnull=False)
        .values("fact_id")
        .annotate(
            n=Count("id"),
            max_lower=max_lower,
            min_upper=min_upper,
            max_open_lower=Max(Case(When(lower_open=True, then=F("lower")))),
            min_open_upper=Min(Case(When(upper_open=True, then=F("upper")))),
        )
        .filter(n__gt=1)
        .filter(
            Q(max_lower__gt=F("min_upper"))
            | (Q(max_lower=F("min_upper")) & (Q(max_open_lower=F("max_lower")) | Q(min_open_upper=F("min_upper"))))
        )
        .values_list("fact_id", flat=True)
        .order_by("fact_id")
    )


def facts_in_conflict() -> list[int]:
    """Ids of the facts whose verdict is `conflict`: SQL candidates confirmed by the engine.

    One query: the candidates' accepted claims (the grouped scan as a subquery) with their
    property's `time_varying`, streamed in fact order; `is_conflict` confirms each group without
    building a report.
    """
    rows = (
        Claim.objects.filter(status=ClaimStatus.ACCEPTED, fact_id__in=conflict_candidate_fact_ids())
        .order_by("fact_id", "id")
        .values_list("fact_id", "fact__property__time_varying", *ENGINE_ROW_FIELDS)
    )
    conflicts: list[int] = []
    for fact_id, group in groupby(rows.iterator(chunk_size=5000), key=itemgetter(0)):
        group_rows = list(group)
        values = [claim_value_from_row(dict(zip(ENGINE_ROW_FIELDS, r[2:], strict=True))) for r in group_rows]
        if is_conflict(values, time_varying=group_rows[0][1]):
            conflicts.append(fact_id)
    return conflicts


def entity_list() -> QuerySet[Entity]:
    """Entities with their aliases (two queries per page)."""
    return Entity.objects.prefetch_related(Prefetch("aliases", queryset=EntityAlias.objects.order_by("id"))).order_by(
        "name", "id"
    )


def claims_by_id(
    *, ids: list[int] | None = None, fact_id: int | None = None, statuses: tuple[str, ...] | None = None
) -> dict[int, Claim]:
    """Claims (with relations and evidence) keyed by id, for a report."""
    queryset = claim_list()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    if fact_id is not None:
        queryset = queryset.filter(fact_id=fact_id)
    if statuses is not None:
        queryset = queryset.filter(status__in=statuses)
    return {c.pk: c for c in queryset.order_by("id")}


def claim_value_of(claim: Claim) -> ClaimValue:
    return claim_value_from_row({f: getattr(claim, f) for f in ENGINE_ROW_FIELDS})


# --- fast list rows -----------------------------------------------------------------------

CLAIM_ROW_FIELDS = (
    "id",
    "subject__slug",
    "subject__name",
    "property__slug",
    "qualifiers",
    "value_type",
    "nominal",
    "lower",
    "upper",
    "lower_open",
    "upper_open",
    "unit",
    "modifier",
    "rule",
    "date_lower",
    "date_upper",
    "date_precision",
    "calendar",
    "as_of",
    "status",
    "origin",
    "confidence",
    "cue",
    "fact_id",
    "fact__verdict",
    "document_id",
    "document__source__name",
    "document__language",
    "version",
)
EVIDENCE_ROW_FIELDS = (
    "claim_id",
    "quote",
    "start",
    "end",
    "prefix",
    "suffix",
    "sentence__index",
    "sentence__text",
    "document_id",
)


class DriverRowsIterable(BaseIterable):
    """`values()` rows as the database driver returns them, without Django's per-value converters.

    On SQLite the converters (decimals re-quantized from REAL, JSON parsed, …) cost more than
    the query itself on a 500-row page; `claim_rows` converts only what it outputs instead.
    """

    def __iter__(self) -> Iterator[dict]:
        query = self.queryset.query
        compiler = query.get_compiler(self.queryset.db)
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        width = len(names)
        for chunk in compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size):
            for row in chunk:
                yield dict(zip(names, row[:width], strict=True))


def claim_row_values(queryset: QuerySet[Claim]) -> QuerySet:
    """The claim list as plain driver rows: one joined SELECT, no model instances (large pages)."""
    values = queryset.values(*CLAIM_ROW_FIELDS)
    values._iterable_class = DriverRowsIterable
    return values


# SQLite keeps NUMERIC values as INTEGER or REAL; read REAL as Django's converter does (15 digits).
_FROM_FLOAT = Context(prec=15).create_decimal_from_float
_SIX_PLACES = Decimal(1).scaleb(-6)


def _number_text(value) -> str | None:
    """`decimal_text` of a driver value; integers (most figures, on SQLite) skip the Decimal round trip."""
    from claims.serializers import decimal_text  # the serializer owns the format

    if type(value) is int:
        return str(value)
    return decimal_text(_decimal(value))


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return _FROM_FLOAT(value).quantize(_SIX_PLACES)


def _iso(value) -> str | None:
    """A date as ISO text, whether the driver returned a date or (SQLite, raw) the text itself."""
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def _json(value):
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def claim_rows(rows: list[dict]) -> list[dict]:
    """Shape claim rows like `ClaimSerializer`, adding their evidence in one more query.

    Precondition: `rows` come from `claim_row_values`. Same keys, same value formats as the
    serializer (a test compares the two), at a fraction of the cost per row.
    """
    evidence: dict[int, list[dict]] = {}
    if rows:
        # The ids are integers read from the database, so they can be inlined: compiling 500 bound
        # parameters through the related lookup costs more than running the query.
        ids = RawSQL(", ".join(str(int(r["id"])) for r in rows), [])
        queryset = Evidence.objects.filter(claim_id__in=ids).order_by("claim_id", "id")
        values = queryset.values(*EVIDENCE_ROW_FIELDS)
        values._iterable_class = DriverRowsIterable  # ints and text only: nothing to convert
        for ev in values:
            evidence.setdefault(ev["claim_id"], []).append(ev)
    out = []
    for r in rows:
        is_date = r["value_type"] == ValueType.DATE
        lower = _iso(r["date_lower"]) if is_date else _number_text(r["lower"])
        upper = _iso(r["date_upper"]) if is_date else _number_text(r["upper"])
        out.append(
            {
                "id": r["id"],
                "subject": r["subject__slug"],
                "subject_name": r["subject__name"],
                "property": r["property__slug"],
                "qualifiers": _json(r["qualifiers"]),
                "value_type": r["value_type"],
                "value": {
                    "nominal": r["nominal"],
                    "lower": lower,
                    "upper": upper,
                    "lower_open": bool(r["lower_open"]),
                    "upper_open": bool(r["upper_open"]),
                    "unit": r["unit"],
                    "modifier": r["modifier"],
                    "rule": r["rule"],
                    "precision": r["date_precision"] or None,
                    "calendar": r["calendar"] or None,
                },
                "as_of": _iso(r["as_of"]),
                "status": r["status"],
                "origin": r["origin"],
                "confidence": f"{_decimal(r['confidence']):.3f}",
                "cue": r["cue"],
                "fact": r["fact_id"],
                "verdict": r["fact__verdict"],
                "document": r["document_id"],
                "source": r["document__source__name"],
                "language": r["document__language"],
                "version": r["version"],
                "evidence": [
                    {
                        "quote": ev["quote"],
                        "start": ev["start"],
                        "end": ev["end"],
                        "prefix": ev["prefix"],
                        "suffix": ev["suffix"],
                        "sentence_index": ev["sentence__index"],
                        "sentence_text": ev["sentence__text"],
                        "document": ev["document_id"],
                        "source": r["document__source__name"],
                        "language": r["document__language"],
                    }
                    for ev in evidence.get(r["id"], [])
                ],
            }
        )
    return out


class MixedValueTypes(ValueError):
    """A group that mixes dates and quantities has nothing to compare."""


def group_report(claims: dict[int, Claim], *, time_varying: bool | None = None) -> Report:
    """The cross-check of claims already loaded by `claims_by_id` (at least one).

    For an ad-hoc group (`time_varying=None`) claims are compared per `as_of` period only when
    every claim's property varies over time. Raises `MixedValueTypes` for dates with quantities.
    """
    if len({c.value_type for c in claims.values()}) > 1:
        raise MixedValueTypes("cannot compare dates with quantities")
    if time_varying is None:
        time_varying = all(c.property is not None and c.property.time_varying for c in claims.values())
    return crosscheck([claim_value_of(c) for c in claims.values()], time_varying=time_varying)
