"""Read queries for claims, facts and revisions, with their joins and a stable order."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, When

from claims.domain.crosscheck import PERIOD_GAP, ClaimValue, Report, crosscheck, is_conflict
from claims.domain.explain import Terms
from claims.models import Claim, ClaimStatus, Entity, EntityAlias, Evidence, Fact, Property, Revision, ValueType
from claims.reports import group_terms, report_terms, source_who, value_text
from corpus.extraction.intervals import Interval
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

# The columns the cross-check engine reads of a claim (see `claim_value_from_row`): the value,
# when it holds (`as_of`, else its article's date, for cumulative figures) and its source (one
# vote per source in the majority).
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
    "unit",
    "document__source_id",
    "document__published_on",
)
# What a report's sentences add: who says it and the value as stated.
EXPLAIN_ROW_FIELDS = (
    *ENGINE_ROW_FIELDS,
    "document__source__name",
    "document__language",
    "date_lower",
    "date_upper",
    "date_precision",
)


def claim_value_from_row(row: dict) -> ClaimValue:
    """The engine's view of a claim row (from `.values(*ENGINE_ROW_FIELDS)` or `EXPLAIN_ROW_FIELDS`;
    the columns after `as_of` are optional)."""
    nominal = None
    if row["value_type"] == ValueType.QUANTITY and row["nominal"]:
        try:
            nominal = Decimal(row["nominal"])
        except InvalidOperation:
            nominal = None
    source_name = row.get("document__source__name")
    return ClaimValue(
        id=row["id"],
        interval=Interval(row["lower"], row["upper"], row["lower_open"], row["upper_open"]),
        nominal=nominal,
        modifier=row["modifier"],
        rule=row["rule"],
        as_of=row["as_of"],
        source=row.get("document__source_id"),
        reported_on=row.get("document__published_on"),
        unit=row.get("unit") or "",
        who=source_who(source_name, row.get("document__language")) if source_name is not None else "",
        text=value_text(row) if source_name is not None else "",
    )


def fact_claim_rows(
    fact_ids, *, statuses: tuple[str, ...] = (ClaimStatus.ACCEPTED,), fields: tuple[str, ...] = ENGINE_ROW_FIELDS
) -> dict[int, list[dict]]:
    """The claim rows of many facts in one query, grouped by fact (ordered by claim id)."""
    rows: dict[int, list[dict]] = {}
    queryset = Claim.objects.filter(fact_id__in=list(fact_ids), status__in=statuses).order_by("fact_id", "id")
    for row in queryset.values(*fields):
        rows.setdefault(row["fact_id"], []).append(row)
    return rows


def fact_report(fact: Fact, *, statuses: tuple[str, ...] = (ClaimStatus.ACCEPTED,)) -> Report | None:
    """The cross-check report of one fact over the claims with the given statuses (None: no claims),
    with its sentences (who says what, in the value's terms)."""
    rows = fact_claim_rows([fact.pk], statuses=statuses, fields=EXPLAIN_ROW_FIELDS).get(fact.pk, [])
    if not rows:
        return None
    values = [claim_value_from_row(r) for r in rows]
    return crosscheck(
        values,
        time_varying=fact.property.time_varying,
        cumulative=fact.property.cumulative,
        terms=report_terms(fact.property, values),
    )


@dataclass(frozen=True, slots=True)
class FactReport:
    """A fact's cross-check report with the claim values it read and the terms it speaks in."""

    report: Report
    values: dict[int, ClaimValue]
    terms: Terms


def fact_reports(facts) -> dict[int, FactReport]:
    """The reports of many facts (their property loaded) over their accepted claims: one query.

    For fact responses, list pages included: the page's facts' claims are read at once.
    """
    facts = [f for f in facts if f.property_id is not None]
    rows = fact_claim_rows([f.pk for f in facts], fields=EXPLAIN_ROW_FIELDS) if facts else {}
    out: dict[int, FactReport] = {}
    for fact in facts:
        if fact.pk not in rows:
            continue
        values = {r["id"]: claim_value_from_row(r) for r in rows[fact.pk]}
        terms = report_terms(fact.property, values.values())
        report = crosscheck(
            list(values.values()),
            time_varying=fact.property.time_varying,
            cumulative=fact.property.cumulative,
            terms=terms,
        )
        out[fact.pk] = FactReport(report, values, terms)
    return out


def rounded_conflict_fact_ids() -> QuerySet:
    """Facts whose accepted claims share no value even widened by their rounding: one grouped query.

    Per fact, the intersection of the claims' intervals, each widened by its rounding (the
    database-generated `rounded_lower`/`rounded_upper`, twins of the engine's rule), is empty
    when the greatest lower bound lies above the least upper bound, or equals it while one of
    the two ends is open. NULL bounds are unbounded and MAX/MIN skip them, as they should. An
    index-only scan of `claim_scan_rounded_bounds` in fact order. It looks at each fact as a
    whole, so for a time-varying property it is a superset: see `conflict_candidates_sql`.
    """
    rounded_lower = F("rounded_lower")
    rounded_upper = F("rounded_upper")
    return (
        Claim.objects.filter(status=ClaimStatus.ACCEPTED, fact__isnull=False)
        .values("fact_id")
        .annotate(
            n=Count("id"),
            max_lower=Max(rounded_lower),
            min_upper=Min(rounded_upper),
            max_open_lower=Max(Case(When(lower_open=True, then=rounded_lower))),
            min_open_upper=Min(Case(When(upper_open=True, then=rounded_upper))),
        )
        .filter(n__gt=1)
        .filter(
            Q(max_lower__gt=F("min_upper"))
            | (Q(max_lower=F("min_upper")) & (Q(max_open_lower=F("max_lower")) | Q(min_open_upper=F("min_upper"))))
        )
        .values_list("fact_id", flat=True)
        .order_by("fact_id")
    )


# A day number of a date column, per database: the period split compares `as_of` gaps in days.
_DAY_NUMBER = {"postgresql": "({} - DATE '2000-01-01')", "sqlite": "julianday({})"}

# Per (fact, period) group: no common point once widened by rounding (as in the grouped scan).
_EMPTY_GROUP = """
    COUNT(*) > 1 AND (
        MAX(lo) > MIN(hi)
        OR (MAX(lo) = MIN(hi) AND (
            MAX(CASE WHEN lower_open THEN lo END) = MAX(lo) OR MIN(CASE WHEN upper_open THEN hi END) = MIN(hi)
        ))
    )"""


def conflict_candidates_sql() -> tuple[str, tuple]:
    """SQL selecting the facts that may be in conflict, and whether each varies in time.

    `rounded_conflict_fact_ids` sees each fact whole; a time-varying fact whose claims span
    several `as_of` periods (80 members in 2019, 86 in 2023) has no common value overall
    although no period conflicts. For those facts only, the claims are cut into the engine's
    periods with window functions (sorted by `as_of`, a gap above the policy's
    `period_gap_days` starts a new period; undated claims join every period), and a fact stays
    a candidate only if one of its periods has no common point. A cumulative fact is scanned whole
    (a superset: a moment in conflict or a figure that falls leaves the fact with no common
    value); the engine orders it in time. The result is exact up to the
    rounding of nominals the SQL rule does not read (see `models.rounding_width_sql`); the
    engine confirms each candidate. On a database without a day-number expression here, the
    whole-fact scan is the candidate set.
    """
    grouped_sql, grouped_params = rounded_conflict_fact_ids().query.sql_with_params()
    day_number = _DAY_NUMBER.get(connection.vendor)
    claim, fact, prop = Claim._meta.db_table, Fact._meta.db_table, Property._meta.db_table
    if day_number is None:
        sql = f"""
            SELECT cand.fact_id, p.time_varying AND NOT p.cumulative, p.cumulative FROM ({grouped_sql}) cand
            JOIN {fact} f ON f.id = cand.fact_id JOIN {prop} p ON p.id = f.property_id
        """
        return sql, tuple(grouped_params)
    sql = f"""
        WITH cand AS ({grouped_sql}),
        flagged AS (
            SELECT cand.fact_id, p.time_varying AND NOT p.cumulative AS time_varying, p.cumulative FROM cand
            JOIN {fact} f ON f.id = cand.fact_id
            JOIN {prop} p ON p.id = f.property_id
        ),
        tv AS (
            SELECT c.fact_id, c.id, {day_number.format("c.as_of")} AS day,
                   c.rounded_lower AS lo, c.rounded_upper AS hi, c.lower_open, c.upper_open
            FROM {claim} c
            WHERE c.status = %s AND c.fact_id IN (SELECT fact_id FROM flagged WHERE time_varying)
        ),
        numbered AS (
            SELECT fact_id, lo, hi, lower_open, upper_open,
                   SUM(brk) OVER (PARTITION BY fact_id ORDER BY day, id ROWS UNBOUNDED PRECEDING) AS period
            FROM (
                SELECT tv.*,
                       CASE WHEN day - LAG(day) OVER (PARTITION BY fact_id ORDER BY day, id) <= %s
                            THEN 0 ELSE 1 END AS brk
                FROM tv WHERE day IS NOT NULL
            ) marked
        ),
        members AS (
            SELECT fact_id, period, lo, hi, lower_open, upper_open FROM numbered
            UNION ALL
            SELECT p.fact_id, p.period, tv.lo, tv.hi, tv.lower_open, tv.upper_open
            FROM (SELECT DISTINCT fact_id, period FROM numbered) p
            JOIN tv ON tv.fact_id = p.fact_id AND tv.day IS NULL
        )
        SELECT fact_id, time_varying, cumulative FROM flagged WHERE NOT time_varying
        UNION
        SELECT fact_id, TRUE, FALSE FROM tv GROUP BY fact_id HAVING COUNT(day) = 0
        UNION
        SELECT fact_id, TRUE, FALSE FROM members GROUP BY fact_id, period HAVING {_EMPTY_GROUP}
    """
    return sql, (*grouped_params, ClaimStatus.ACCEPTED, PERIOD_GAP.days)


def _conflict_candidates() -> dict[int, tuple[bool, bool]]:
    """Candidate fact id -> (compared per period, cumulative) (see `conflict_candidates_sql`)."""
    sql, params = conflict_candidates_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {fact_id: (bool(tv), bool(cumulative)) for fact_id, tv, cumulative in cursor.fetchall()}


def conflict_candidate_fact_ids() -> list[int]:
    """The facts that may be in conflict (see `conflict_candidates_sql`), in id order."""
    return sorted(_conflict_candidates())


# Candidate facts whose claims one query reads: far below SQLite's limit on bound parameters.
_CONFIRM_CHUNK = 5000


def facts_in_conflict() -> list[int]:
    """Ids of the facts whose verdict is `conflict`: SQL candidates confirmed by the engine.

    Two queries (one more per 5,000 candidates): the candidates with their property's
    `time_varying`, then their accepted claims in fact order; `is_conflict` confirms each group
    without building a report.
    """
    candidates = _conflict_candidates()
    ids = sorted(candidates)
    conflicts: list[int] = []
    for start in range(0, len(ids), _CONFIRM_CHUNK):
        rows = (
            Claim.objects.filter(status=ClaimStatus.ACCEPTED, fact_id__in=ids[start : start + _CONFIRM_CHUNK])
            .order_by("fact_id", "id")
            .values_list(*ENGINE_ROW_FIELDS)
        )
        for fact_id, group in groupby(rows, key=itemgetter(1)):  # ENGINE_ROW_FIELDS[1] is fact_id
            values = [claim_value_from_row(dict(zip(ENGINE_ROW_FIELDS, row, strict=True))) for row in group]
            time_varying, cumulative = candidates[fact_id]
            if is_conflict(values, time_varying=time_varying, cumulative=cumulative):
                conflicts.append(fact_id)
    return conflicts


def entity_list() -> QuerySet[Entity]:
    """Entities with their aliases (two queries per page)."""
    return Entity.objects.prefetch_related(Prefetch("aliases", queryset=EntityAlias.objects.order_by("id"))).order_by(
        "name", "id"
    )


@dataclass(frozen=True, slots=True)
class SourceRef:
    name: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    language: str
    source: SourceRef
    published_on: object = None  # datetime.date | None: when the claim holds, without an as-of


@dataclass(frozen=True, slots=True)
class PropertyRef:
    time_varying: bool
    cumulative: bool = False
    value_type: str = ""
    unit: str = ""


class FirstQuote(tuple):
    """The claim's first evidence quote (or none), read as `claim.evidence.all()` reads it."""

    def all(self) -> FirstQuote:
        return self


@dataclass(frozen=True, slots=True)
class QuoteRef:
    quote: str


@dataclass(frozen=True, slots=True)
class ReportClaim:
    """A claim as a cross-check report reads it: plain values from one query, no model instances.

    Why: a fact's cross-check built some 67 model instances (claims with subject, property,
    fact, document and source, evidence with its sentence) to read a dozen values of each
    claim, and that was more than half of the request. The attribute names are the model's
    (`pk`, `document.source.name`, `evidence.all()`, `property.time_varying`), so
    `serializers.report_data` and `group_report` read these rows as they read claims.
    """

    id: int
    fact_id: int | None
    value_type: str
    nominal: str
    lower: Decimal | None
    upper: Decimal | None
    lower_open: bool
    upper_open: bool
    modifier: str
    rule: str
    unit: str
    as_of: object  # datetime.date | None
    status: str
    document_id: int
    date_lower: object  # datetime.date | None
    date_upper: object
    date_precision: str
    document: DocumentRef
    property: PropertyRef | None
    evidence: FirstQuote

    @builtins.property  # the field `property` above shadows the builtin in this class's body
    def pk(self) -> int:
        return self.id


_REPORT_FIELDS = (
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
    "unit",
    "as_of",
    "status",
    "document_id",
    "date_lower",
    "date_upper",
    "date_precision",
)


def claims_by_id(
    *, ids: list[int] | None = None, fact_id: int | None = None, statuses: tuple[str, ...] | None = None
) -> dict[int, ReportClaim]:
    """Claims keyed by id, for a cross-check report: one query, plain rows (see `ReportClaim`)."""
    queryset = Claim.objects.all()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    if fact_id is not None:
        queryset = queryset.filter(fact_id=fact_id)
    if statuses is not None:
        queryset = queryset.filter(status__in=statuses)
    first_quote = Evidence.objects.filter(claim_id=OuterRef("pk")).order_by("id").values("quote")[:1]
    rows = queryset.order_by("id").values_list(
        *_REPORT_FIELDS,
        "document__language",
        "document__source__name",
        "document__source_id",
        "document__published_on",
        "property_id",
        "property__time_varying",
        "property__cumulative",
        "property__value_type",
        "property__unit",
        Subquery(first_quote),
    )
    width = len(_REPORT_FIELDS)
    out: dict[int, ReportClaim] = {}
    for row in rows:
        language, source, source_id, published_on, property_id, time_varying, cumulative, value_type, unit, quote = row[
            width:
        ]
        out[row[0]] = ReportClaim(
            **dict(zip(_REPORT_FIELDS, row[:width], strict=True)),
            document=DocumentRef(language, SourceRef(source, source_id), published_on),
            property=PropertyRef(time_varying, cumulative, value_type, unit) if property_id is not None else None,
            evidence=FirstQuote(() if quote is None else (QuoteRef(quote),)),
        )
    return out


def fact_claims(fact_id: int) -> list[Claim]:
    """A fact's claims as model instances with source, property and evidence sentences: for the
    fact's admin page, which shows each quote in its sentence (the API's report reads plain rows,
    `claims_by_id`)."""
    return list(claim_list().filter(fact_id=fact_id).order_by("id"))


def claim_value_of(claim: Claim | ReportClaim) -> ClaimValue:
    """The engine's view of a claim instance or report row, with who says it (its document and
    source must be loaded)."""
    row = {f: getattr(claim, f) for f in ENGINE_ROW_FIELDS if "__" not in f}
    row.update(
        {
            "document__source_id": claim.document.source.id
            if isinstance(claim, ReportClaim)
            else claim.document.source_id,
            "document__published_on": claim.document.published_on,
            "document__source__name": claim.document.source.name,
            "document__language": claim.document.language,
            "date_lower": claim.date_lower,
            "date_upper": claim.date_upper,
            "date_precision": claim.date_precision,
        }
    )
    return claim_value_from_row(row)


# --- claim rows, for `presenters` -------------------------------------------------------------

# What a claim shows in the API (`presenters.ClaimDict`), read in one joined SELECT.
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


def claim_rows(queryset: QuerySet[Claim]) -> QuerySet:
    """`queryset`'s claims as named rows of `CLAIM_ROW_FIELDS` (one joined SELECT, no model
    instances), for `presenters.claim_to_dict`. Named rows read by attribute, as DRF's cursor
    pagination reads the ordering field, and as the presenter reads a model instance's value."""
    return queryset.values_list(*CLAIM_ROW_FIELDS, named=True)


def evidence_rows(claim_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The evidence of these claims as named rows of `EVIDENCE_ROW_FIELDS`, by claim, in id order.

    The ids go in as one array parameter (`project.lookups.InArray`): one statement text for
    every page, prepared once per connection, whatever the page's length.
    """
    ids = list(claim_ids)
    out: dict[int, list[Any]] = {}
    if not ids:
        return out
    queryset = Evidence.objects.filter(claim__in_array=ids).order_by("claim_id", "id")
    for row in queryset.values_list(*EVIDENCE_ROW_FIELDS, named=True):
        out.setdefault(row.claim_id, []).append(row)
    return out


class MixedValueTypes(ValueError):
    """A group that mixes dates and quantities has nothing to compare."""


def group_report(
    claims: dict[int, ReportClaim],
    *,
    time_varying: bool | None = None,
    cumulative: bool | None = None,
    prop: Property | None = None,
) -> Report:
    """The cross-check of claims already loaded by `claims_by_id` (at least one).

    For an ad-hoc group (`time_varying=None`, `cumulative=None`) claims are compared per `as_of`
    period (or as a cumulative series) only when every claim's property is time-varying (or
    cumulative). `prop` names the fact's property, whose value type and unit the sentences use.
    Raises `MixedValueTypes` for dates with quantities.
    """
    if len({c.value_type for c in claims.values()}) > 1:
        raise MixedValueTypes("cannot compare dates with quantities")
    props = [c.property for c in claims.values()]
    if time_varying is None:
        time_varying = all(p is not None and p.time_varying for p in props)
    if cumulative is None:
        cumulative = all(p is not None and p.cumulative for p in props)
    terms = group_terms(claims) if prop is None else report_terms(prop, claims.values())
    return crosscheck(
        [claim_value_of(c) for c in claims.values()], time_varying=time_varying, cumulative=cumulative, terms=terms
    )
