"""API serializers for the claims app.

Read serializers shape rows the selectors already joined (no queries in method fields);
writes go through small input serializers whose validated data is handed to a service.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.domain.crosscheck import Report
from claims.domain.display import decimal_text
from claims.domain.explain import Terms
from claims.models import (
    Calendar,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    DatePrecision,
    Entity,
    EntityAlias,
    Fact,
    Modifier,
    Property,
    ValueType,
)
from claims.reports import report_terms, value_text
from claims.selectors import fact_reports
from claims.validators import validate_qualifiers, validate_unit
from corpus.extraction import calendars
from corpus.extraction.intervals import Interval
from corpus.models import Language
from project.filters import MAX_ID


class EntityAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = EntityAlias
        fields = ["name", "language"]


class EntitySerializer(serializers.ModelSerializer):
    aliases = EntityAliasSerializer(many=True, read_only=True)

    class Meta:
        model = Entity
        fields = ["id", "slug", "name", "kind", "wikidata_id", "aliases"]


class PropertySerializer(serializers.ModelSerializer):
    class Meta:
        model = Property
        fields = [
            "id",
            "slug",
            "label_en",
            "label_ar",
            "label_fa",
            "value_type",
            "unit",
            "time_varying",
            "qualifier_keys",
        ]


class ValueSerializer(serializers.Serializer):
    """A claim's value: an interval with open ends (null = unbounded) and how it was stated."""

    nominal = serializers.CharField()
    lower = serializers.CharField(allow_null=True)
    upper = serializers.CharField(allow_null=True)
    lower_open = serializers.BooleanField()
    upper_open = serializers.BooleanField()
    unit = serializers.CharField()
    modifier = serializers.CharField()
    rule = serializers.CharField()
    precision = serializers.CharField(allow_null=True)
    calendar = serializers.CharField(allow_null=True)


class EvidenceSerializer(serializers.Serializer):
    """The schema of `presenters.EvidenceDict`: one evidence span in its sentence."""

    quote = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    prefix = serializers.CharField()
    suffix = serializers.CharField()
    sentence_index = serializers.IntegerField()
    sentence_text = serializers.CharField()
    document = serializers.IntegerField()
    source = serializers.CharField()
    language = serializers.CharField()


class ClaimSerializer(serializers.Serializer):
    """The schema of `presenters.ClaimDict`, for OpenAPI only: responses are built by
    `presenters.claim_to_dict` (a test holds the two to the same fields).

    A claim may lack a subject, a property and so a fact (rejected extractions, say): all four
    are null then, and the schema says so.
    """

    id = serializers.IntegerField()
    subject = serializers.CharField(allow_null=True)
    subject_name = serializers.CharField(allow_null=True)
    property = serializers.CharField(allow_null=True)
    qualifiers = serializers.JSONField()
    value_type = serializers.ChoiceField(choices=ValueType.choices)
    value = ValueSerializer()
    as_of = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    origin = serializers.ChoiceField(choices=ClaimOrigin.choices)
    confidence = serializers.DecimalField(max_digits=4, decimal_places=3)
    cue = serializers.CharField()
    fact = serializers.IntegerField(allow_null=True)
    verdict = serializers.CharField(allow_null=True)
    document = serializers.IntegerField()
    source = serializers.CharField()
    language = serializers.CharField()
    version = serializers.IntegerField()
    evidence = EvidenceSerializer(many=True)


class SlugLookupField(serializers.SlugRelatedField):
    """A SlugRelatedField that refuses NUL before looking the slug up.

    Why: PostgreSQL cannot take NUL in a text parameter; the lookup raised DataError, which DRF
    does not catch, and `{"subject": "a\u0000b"}` was a 500 there (and a plain miss on SQLite).
    The CharFields refuse it through DRF's ProhibitNullCharactersValidator; this is the same rule.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class DayField(serializers.DateField):
    """A DateField that names a well-formed day that does not exist (`2021-02-30`) as such.

    DRF's own message for it, "Date has wrong format", sends a client hunting for a format
    problem; the day does not exist (`calendars.no_such_day`), and the message says why.
    """

    default_error_messages = {"no_such_day": "{value} is not a day: {reason}."}

    def to_internal_value(self, value: Any) -> dt.date:
        if isinstance(value, str) and (m := _ISO_DAY_RE.fullmatch(value.strip())):
            year, month, day = (int(g) for g in m.groups())
            reason = (
                calendars.no_such_day(calendars.GREGORIAN, year, month, day)
                if 1 <= month <= 12
                else f"there is no month {month}"
            )
            if reason:
                self.fail("no_such_day", value=value.strip(), reason=reason)
        return super().to_internal_value(value)


class ClaimInputSerializer(serializers.Serializer):
    """What a client may send to create or change a claim (all optional on PATCH)."""

    subject = SlugLookupField(slug_field="slug", queryset=Entity.objects.all(), allow_null=True)
    property = SlugLookupField(slug_field="slug", queryset=Property.objects.all())
    qualifiers = serializers.JSONField(required=False, validators=[validate_qualifiers])
    nominal = serializers.CharField(max_length=40, required=False, allow_blank=True)
    lower = serializers.DecimalField(max_digits=30, decimal_places=6, required=False, allow_null=True)
    upper = serializers.DecimalField(max_digits=30, decimal_places=6, required=False, allow_null=True)
    lower_open = serializers.BooleanField(required=False)
    upper_open = serializers.BooleanField(required=False)
    modifier = serializers.ChoiceField(choices=Modifier.choices, required=False)
    unit = serializers.CharField(max_length=20, required=False, allow_blank=True, validators=[validate_unit])
    date_lower = DayField(required=False, allow_null=True)
    date_upper = DayField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False, allow_blank=True)
    calendar = serializers.ChoiceField(choices=Calendar.choices, required=False, allow_blank=True)
    as_of = DayField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, required=False)
    confidence = serializers.DecimalField(max_digits=4, decimal_places=3, min_value=0, max_value=1, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = set(self.initial_data) - set(self.fields)
        errors = {f: "Unknown field." for f in sorted(unknown)}
        if "evidence" in unknown:  # an update: the span is the claim's identity
            errors["evidence"] = (
                "Evidence cannot be changed by an update: the span is part of the claim's identity. "
                "Delete the claim and create one with the new evidence."
            )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


# Integers from a client are bounded by what the columns hold: an id past 64 bits cannot even be
# bound as a parameter on SQLite (a 500), and an offset past PositiveIntegerField's range is a
# DataError on PostgreSQL. Past the bound is a 400 like any other invalid value.
MAX_OFFSET = 2**31 - 1


class EvidenceInputSerializer(serializers.Serializer):
    document = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    start = serializers.IntegerField(min_value=0, max_value=MAX_OFFSET)
    end = serializers.IntegerField(min_value=1, max_value=MAX_OFFSET)
    quote = serializers.CharField(required=False, trim_whitespace=False)


class ClaimCreateSerializer(ClaimInputSerializer):
    evidence = EvidenceInputSerializer()


def interval_data(interval: Interval | None, *, as_dates: bool) -> dict[str, Any] | None:
    if interval is None:
        return None

    def bound(value: Decimal | None) -> str | None:
        if value is None or not as_dates:
            return decimal_text(value)
        return dt.date.fromordinal(int(value)).isoformat()

    return {
        "lower": bound(interval.lower),
        "upper": bound(interval.upper),
        "lower_open": interval.lower_open,
        "upper_open": interval.upper_open,
    }


class IntervalSerializer(serializers.Serializer):
    lower = serializers.CharField(allow_null=True)
    upper = serializers.CharField(allow_null=True)
    lower_open = serializers.BooleanField()
    upper_open = serializers.BooleanField()


class FactListSerializer(serializers.ListSerializer):
    """A page of facts: their reports are read in one query for the whole page."""

    def to_representation(self, data) -> list[dict[str, Any]]:
        facts = list(data.all() if hasattr(data, "all") else data)
        self.context["fact_reports"] = fact_reports(facts)
        return super().to_representation(facts)


class ConflictSerializer(serializers.Serializer):
    a = serializers.IntegerField()
    b = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["disagree", "falls"])
    reason = serializers.CharField()


class SupersededSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    by = serializers.IntegerField()


class WideningSerializer(serializers.Serializer):
    rule = serializers.CharField()
    width = serializers.CharField()


class ReportClaimSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    who = serializers.CharField()
    text = serializers.CharField()
    interval = IntervalSerializer()
    interval_text = serializers.CharField()
    widened = IntervalSerializer(allow_null=True)
    widened_text = serializers.CharField(allow_null=True)
    widened_by = WideningSerializer(allow_null=True)


class ReportSummarySerializer(serializers.Serializer):
    """A fact's report over its accepted claims, as fact responses carry it (`report_summary`)."""

    findings = serializers.ListField(child=serializers.CharField(), help_text="One readable sentence per finding.")
    consensus_text = serializers.CharField(allow_null=True)
    sources = serializers.IntegerField()
    majority = serializers.ListField(child=serializers.IntegerField())
    majority_sources = serializers.IntegerField()
    majority_text = serializers.CharField(allow_null=True)
    tie = serializers.BooleanField()
    tied_groups = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    outliers = serializers.ListField(child=serializers.IntegerField())
    conflicts = ConflictSerializer(many=True)
    superseded = SupersededSerializer(many=True, help_text="Cumulative: a source's earlier count, set aside.")
    timeline_kind = serializers.ChoiceField(choices=["periods", "moments"], allow_null=True)
    latest = IntervalSerializer(allow_null=True)
    latest_text = serializers.CharField(allow_null=True)
    latest_on = serializers.DateField(allow_null=True)
    claims = ReportClaimSummarySerializer(many=True)


class FactSerializer(serializers.ModelSerializer):
    """A fact with its stored verdict and consensus, in the value's terms (its unit, ISO dates),
    and the live report over its accepted claims (`report`: sentences, majority in sources,
    conflicts with their reasons, each claim stated and widened)."""

    subject = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True)
    property = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    value_type = serializers.CharField(source="property.value_type", read_only=True)
    unit = serializers.CharField(source="property.unit", read_only=True)
    consensus = serializers.SerializerMethodField()
    consensus_text = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = Fact
        list_serializer_class = FactListSerializer
        fields = [
            "id",
            "subject",
            "subject_name",
            "property",
            "qualifiers",
            "value_type",
            "unit",
            "verdict",
            "consensus",
            "consensus_text",
            "claim_count",
            "resolution_note",
            "preferred_claim",
            "report",
        ]

    def _consensus(self, fact: Fact) -> Interval | None:
        if not fact.verdict or fact.verdict in ("conflict", "timeline"):
            return None
        return Interval(
            fact.consensus_lower, fact.consensus_upper, fact.consensus_lower_open, fact.consensus_upper_open
        )

    @extend_schema_field(IntervalSerializer(allow_null=True))
    def get_consensus(self, fact: Fact) -> dict[str, Any] | None:
        return interval_data(self._consensus(fact), as_dates=fact.property.value_type == ValueType.DATE)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_consensus_text(self, fact: Fact) -> str | None:
        interval = self._consensus(fact)
        return None if interval is None else report_terms(fact.property).interval(interval)

    @extend_schema_field(ReportSummarySerializer(allow_null=True))
    def get_report(self, fact: Fact) -> dict[str, Any] | None:
        reports = self.context.get("fact_reports")
        if reports is None:  # one fact (detail, PATCH): its report in one query
            reports = fact_reports([fact])
        found = reports.get(fact.pk)
        return None if found is None else report_summary(found.report, found.values, terms=found.terms)


class CrosscheckInputSerializer(serializers.Serializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=1000
    )


def report_data(report: Report, claims: dict[int, Claim], *, terms: Terms) -> dict[str, Any]:
    """The cross-check report as JSON, in the value's own terms (ISO dates, figures with their
    unit): verdict, consensus, one sentence per finding (`findings`), the majority counted in
    sources (or the tie), the conflicts with their reasons, and per claim its interval as stated
    and as widened with the rule that widened it."""
    as_dates = terms.dates
    widenings = _merged_widenings(report)

    def text(interval: Interval | None) -> str | None:
        return None if interval is None else terms.interval(interval)

    def claim_entry(claim_id: int) -> dict[str, Any]:
        claim = claims[claim_id]
        evidence = claim.evidence.all()
        first = evidence[0] if evidence else None
        stated = Interval(claim.lower, claim.upper, claim.lower_open, claim.upper_open)
        widening = widenings.get(claim_id)
        widened = widening.widened if widening is not None else None
        return {
            "id": claim.pk,
            "text": value_words(claim),
            "interval": interval_data(stated, as_dates=as_dates),
            "interval_text": text(stated),
            "widened": interval_data(widened, as_dates=as_dates),
            "widened_text": text(widened),
            "widened_by": (
                {"rule": widening.rule, "width": decimal_text(widening.width)} if widened is not None else None
            ),
            "nominal": claim.nominal,
            "modifier": claim.modifier,
            "rule": claim.rule,
            "unit": claim.unit,
            "as_of": claim.as_of.isoformat() if claim.as_of else None,
            "holds_on": _iso_day(claim.as_of or claim.document.published_on),
            "status": claim.status,
            "quote": first.quote if first else None,
            "source": claim.document.source.name,
            "language": claim.document.language,
            "document": claim.document_id,
        }

    return {
        "verdict": str(report.verdict),
        "value_type": ValueType.DATE.value if as_dates else ValueType.QUANTITY.value,
        "unit": terms.unit,
        "consensus": interval_data(report.consensus, as_dates=as_dates),
        "consensus_text": text(report.consensus),
        "findings": list(report.findings),
        "rounded": list(report.rounded),
        "notes": list(report.notes),
        "sources": report.sources,
        "majority": list(report.majority),
        "majority_sources": report.majority_sources,
        "majority_interval": interval_data(report.majority_interval, as_dates=as_dates),
        "majority_text": text(report.majority_interval),
        "tie": report.tie,
        "tied_groups": [list(g) for g in report.tied_groups],
        "outliers": list(report.outliers),
        "conflicts": [{"a": p.a, "b": p.b, "kind": p.kind, "reason": p.reason} for p in report.conflicts],
        "claims": [claim_entry(i) for i in report.claim_ids],
        "superseded": [{"claim": old, "by": new} for old, new in report.superseded],
        "timeline_kind": report.timeline or None,
        "latest": interval_data(report.latest, as_dates=as_dates),
        "latest_text": text(report.latest),
        "latest_on": _iso_day(report.latest_on),
        "timeline": [
            {
                "period": [d.isoformat() if d else None for d in (p.period or (None, None))],
                **report_data(p, claims, terms=terms),
            }
            for p in report.periods
        ],
    }


def _merged_widenings(report: Report) -> dict[int, Any]:
    widenings = {w.claim: w for w in report.widenings}
    for period in report.periods:  # a timeline widens within its periods
        widenings.update({w.claim: w for w in period.widenings if w.widened is not None})
    return widenings


def report_summary(report: Report, values: dict[int, Any], *, terms: Terms) -> dict[str, Any]:
    """A report as fact responses carry it: sentences, majority, conflicts, latest figure, and per
    claim who says what, its interval as stated and as widened (`values`: the engine's claims)."""
    widenings = _merged_widenings(report)

    def text(interval: Interval | None) -> str | None:
        return None if interval is None else terms.interval(interval)

    def claim_entry(claim_id: int) -> dict[str, Any]:
        value = values[claim_id]
        widening = widenings.get(claim_id)
        widened = widening.widened if widening is not None else None
        return {
            "id": claim_id,
            "who": value.who,
            "text": terms.value(value),
            "interval": interval_data(value.interval, as_dates=terms.dates),
            "interval_text": terms.interval(value.interval),
            "widened": interval_data(widened, as_dates=terms.dates),
            "widened_text": text(widened),
            "widened_by": (
                {"rule": widening.rule, "width": decimal_text(widening.width)} if widened is not None else None
            ),
        }

    return {
        "findings": list(report.findings),
        "consensus_text": text(report.consensus),
        "sources": report.sources,
        "majority": list(report.majority),
        "majority_sources": report.majority_sources,
        "majority_text": text(report.majority_interval),
        "tie": report.tie,
        "tied_groups": [list(g) for g in report.tied_groups],
        "outliers": list(report.outliers),
        "conflicts": [{"a": p.a, "b": p.b, "kind": p.kind, "reason": p.reason} for p in report.conflicts],
        "superseded": [{"claim": old, "by": new} for old, new in report.superseded],
        "timeline_kind": report.timeline or None,
        "latest": interval_data(report.latest, as_dates=terms.dates),
        "latest_text": text(report.latest),
        "latest_on": _iso_day(report.latest_on),
        "claims": [claim_entry(i) for i in report.claim_ids],
    }


def _iso_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def value_words(claim: Claim) -> str:
    """The claim's value as its source states it (the same words as the report's sentences)."""
    return value_text(
        {
            "value_type": claim.value_type,
            "modifier": claim.modifier,
            "nominal": claim.nominal,
            "lower": claim.lower,
            "upper": claim.upper,
            "unit": claim.unit,
            "date_lower": claim.date_lower,
            "date_upper": claim.date_upper,
            "date_precision": claim.date_precision,
        }
    )


class CrosscheckReportSerializer(serializers.Serializer):
    """Schema of a cross-check report (built by `report_data`)."""

    verdict = serializers.ChoiceField(
        choices=["consistent", "consistent_within_rounding", "conflict", "single", "timeline"]
    )
    value_type = serializers.CharField(help_text="quantity or date: how the intervals read.")
    unit = serializers.CharField()
    consensus = IntervalSerializer(allow_null=True)
    consensus_text = serializers.CharField(allow_null=True)
    findings = serializers.ListField(child=serializers.CharField(), help_text="One readable sentence per finding.")
    rounded = serializers.ListField(child=serializers.IntegerField())
    notes = serializers.ListField(child=serializers.CharField())
    sources = serializers.IntegerField(help_text="Independent sources (one vote each, however many claims).")
    majority = serializers.ListField(child=serializers.IntegerField())
    majority_sources = serializers.IntegerField()
    majority_interval = IntervalSerializer(allow_null=True)
    majority_text = serializers.CharField(allow_null=True)
    tie = serializers.BooleanField()
    tied_groups = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    outliers = serializers.ListField(child=serializers.IntegerField())
    conflicts = ConflictSerializer(many=True)
    claims = serializers.ListField(child=serializers.DictField())
    superseded = SupersededSerializer(many=True, help_text="Cumulative: a source's earlier count, set aside.")
    timeline_kind = serializers.ChoiceField(choices=["periods", "moments"], allow_null=True)
    latest = IntervalSerializer(allow_null=True)
    latest_text = serializers.CharField(allow_null=True)
    latest_on = serializers.DateField(allow_null=True)
    timeline = serializers.ListField(child=serializers.DictField())


class ExtractInputSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, max_length=1_000_000)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    reference_date = DayField(required=False, allow_null=True)


class MentionSerializer(serializers.Serializer):
    """Schema of one mention (the data itself is built by `Mention.as_dict`)."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()
    sentence_index = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["quantity", "date", "identifier", "time"])
    modifier = serializers.CharField()
    rule = serializers.CharField()
    value = serializers.DictField()


class RefusalSerializer(serializers.Serializer):
    """A span read and refused (e.g. a day that does not exist): no mention comes from it."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    rule = serializers.CharField()
    reason = serializers.CharField()


class ExtractOutputSerializer(serializers.Serializer):
    language = serializers.CharField()
    reference_date = serializers.DateField(allow_null=True)
    mentions = MentionSerializer(many=True)
    refused = RefusalSerializer(many=True)
