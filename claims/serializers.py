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
from claims.models import (
    Calendar,
    Claim,
    ClaimStatus,
    DatePrecision,
    Entity,
    EntityAlias,
    Evidence,
    Fact,
    Modifier,
    Property,
    ValueType,
)
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


class EvidenceSerializer(serializers.ModelSerializer):
    sentence_text = serializers.CharField(source="sentence.text", read_only=True)
    sentence_index = serializers.IntegerField(source="sentence.index", read_only=True)
    document = serializers.IntegerField(source="document_id", read_only=True)
    source = serializers.CharField(source="claim.document.source.name", read_only=True)
    language = serializers.CharField(source="claim.document.language", read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "quote",
            "start",
            "end",
            "prefix",
            "suffix",
            "sentence_index",
            "sentence_text",
            "document",
            "source",
            "language",
        ]


def claim_value(claim: Claim) -> dict[str, Any]:
    if claim.value_type == ValueType.DATE:
        lower: str | None = claim.date_lower.isoformat() if claim.date_lower else None
        upper: str | None = claim.date_upper.isoformat() if claim.date_upper else None
    else:
        lower, upper = decimal_text(claim.lower), decimal_text(claim.upper)
    return {
        "nominal": claim.nominal,
        "lower": lower,
        "upper": upper,
        "lower_open": claim.lower_open,
        "upper_open": claim.upper_open,
        "unit": claim.unit,
        "modifier": claim.modifier,
        "rule": claim.rule,
        "precision": claim.date_precision or None,
        "calendar": claim.calendar or None,
    }


class ClaimSerializer(serializers.ModelSerializer):
    # A claim may lack a subject, a property and so a fact (rejected extractions, say): all four
    # are null then, and the schema says so.
    subject = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True, default=None, allow_null=True)
    property = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    value = serializers.SerializerMethodField()
    verdict = serializers.CharField(source="fact.verdict", read_only=True, default=None, allow_null=True)
    source = serializers.CharField(source="document.source.name", read_only=True)
    language = serializers.CharField(source="document.language", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "subject",
            "subject_name",
            "property",
            "qualifiers",
            "value_type",
            "value",
            "as_of",
            "status",
            "origin",
            "confidence",
            "cue",
            "fact",
            "verdict",
            "document",
            "source",
            "language",
            "version",
            "evidence",
        ]

    @extend_schema_field(ValueSerializer)
    def get_value(self, claim: Claim) -> dict[str, Any]:
        return claim_value(claim)


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


class FactSerializer(serializers.ModelSerializer):
    subject = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True)
    property = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    consensus = serializers.SerializerMethodField()

    class Meta:
        model = Fact
        fields = [
            "id",
            "subject",
            "subject_name",
            "property",
            "qualifiers",
            "verdict",
            "consensus",
            "claim_count",
            "resolution_note",
            "preferred_claim",
        ]

    @extend_schema_field(IntervalSerializer(allow_null=True))
    def get_consensus(self, fact: Fact) -> dict[str, Any] | None:
        if not fact.verdict or fact.verdict in ("conflict", "timeline"):
            return None
        interval = Interval(
            fact.consensus_lower, fact.consensus_upper, fact.consensus_lower_open, fact.consensus_upper_open
        )
        return interval_data(interval, as_dates=fact.property.value_type == ValueType.DATE)


class CrosscheckInputSerializer(serializers.Serializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=1000
    )


def report_data(report: Report, claims: dict[int, Claim], *, as_dates: bool) -> dict[str, Any]:
    """The cross-check report as JSON: verdict, consensus, per-claim intervals with quotes."""

    def claim_entry(claim_id: int) -> dict[str, Any]:
        claim = claims[claim_id]
        evidence = claim.evidence.all()
        first = evidence[0] if evidence else None
        return {
            "id": claim.pk,
            "interval": interval_data(
                Interval(claim.lower, claim.upper, claim.lower_open, claim.upper_open), as_dates=as_dates
            ),
            "nominal": claim.nominal,
            "modifier": claim.modifier,
            "rule": claim.rule,
            "unit": claim.unit,
            "as_of": claim.as_of.isoformat() if claim.as_of else None,
            "status": claim.status,
            "quote": first.quote if first else None,
            "source": claim.document.source.name,
            "language": claim.document.language,
            "document": claim.document_id,
        }

    return {
        "verdict": str(report.verdict),
        "consensus": interval_data(report.consensus, as_dates=as_dates),
        "rounded": list(report.rounded),
        "notes": list(report.notes),
        "majority": list(report.majority),
        "majority_interval": interval_data(report.majority_interval, as_dates=as_dates),
        "outliers": list(report.outliers),
        "conflicts": [{"a": p.a, "b": p.b, "reason": p.reason} for p in report.conflicts],
        "claims": [claim_entry(i) for i in report.claim_ids],
        "timeline": [
            {
                "period": [d.isoformat() if d else None for d in (p.period or (None, None))],
                **report_data(p, claims, as_dates=as_dates),
            }
            for p in report.periods
        ],
    }


class CrosscheckReportSerializer(serializers.Serializer):
    """Schema of a cross-check report (built by `report_data`)."""

    verdict = serializers.ChoiceField(
        choices=["consistent", "consistent_within_rounding", "conflict", "single", "timeline"]
    )
    consensus = IntervalSerializer(allow_null=True)
    rounded = serializers.ListField(child=serializers.IntegerField())
    notes = serializers.ListField(child=serializers.CharField())
    majority = serializers.ListField(child=serializers.IntegerField())
    majority_interval = IntervalSerializer(allow_null=True)
    outliers = serializers.ListField(child=serializers.IntegerField())
    conflicts = serializers.ListField(child=serializers.DictField())
    claims = serializers.ListField(child=serializers.DictField())
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
