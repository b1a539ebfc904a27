"""FilterSets for the claims API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from claims.domain.phrases import normalize_alias
from claims.models import Claim, ClaimStatus, Entity, EntityKind, Fact, Verdict
from corpus.models import Language
from project.filters import IdFilter, RangeCheckedFilterSet


class EntityFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(field_name="kind", lookup_expr="exact", choices=EntityKind.choices)
    name = django_filters.CharFilter(method="filter_name", label="name or alias, any script variant")

    class Meta:
        model = Entity
        fields = ["kind", "name"]

    def filter_name(self, queryset: QuerySet[Entity], name: str, value: str) -> QuerySet[Entity]:
        return alias_match(queryset, value, prefix="")


def alias_match(queryset: QuerySet, value: str, *, prefix: str) -> QuerySet:
    """Match an entity name or any alias, folding ي/ی, ك/ک, ة/ه, hamza forms and diacritics."""
    folded = normalize_alias(value)
    entity_ids = Entity.objects.filter(Q(aliases__normalized__icontains=folded) | Q(name__icontains=value)).values("id")
    return queryset.filter(**{f"{prefix}id__in": entity_ids})


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """`true` or `false`, else a 400: a BooleanFilter reads `?date_resolved=perhaps` as "not given"."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class ClaimFilterSet(RangeCheckedFilterSet):
    subject = django_filters.CharFilter(field_name="subject__slug", lookup_expr="exact")
    subject_id = IdFilter(field_name="subject_id", lookup_expr="exact")
    subject_name = django_filters.CharFilter(method="filter_subject_name", label="subject name or alias")
    property = django_filters.CharFilter(field_name="property__slug", lookup_expr="exact")
    status = django_filters.ChoiceFilter(field_name="status", lookup_expr="exact", choices=ClaimStatus.choices)
    language = django_filters.ChoiceFilter(
        field_name="document__language", lookup_expr="exact", choices=Language.choices
    )
    source = IdFilter(field_name="document__source_id", lookup_expr="exact")
    document = IdFilter(field_name="document_id", lookup_expr="exact")
    fact = IdFilter(field_name="fact_id", lookup_expr="exact")
    value_min = django_filters.NumberFilter(method="filter_value_min", label="interval reaches at least this value")
    value_max = django_filters.NumberFilter(method="filter_value_max", label="interval reaches at most this value")
    date_from = django_filters.DateFilter(method="filter_date_from", label="date interval ends on or after")
    date_to = django_filters.DateFilter(method="filter_date_to", label="date interval starts on or before")
    date_resolved = StrictBooleanFilter(
        method="filter_date_resolved", label="date claims whose date was resolved (true) or could not be (false)"
    )
    verdict = django_filters.ChoiceFilter(field_name="fact__verdict", lookup_expr="exact", choices=Verdict.choices)

    class Meta:
        model = Claim
        fields = ["subject", "subject_name", "property", "status", "language", "source", "document", "verdict"]

    ranges = (("value_min", "value_max"), ("date_from", "date_to"))

    def filter_subject_name(self, queryset, name, value):
        return alias_match(queryset, value, prefix="subject__")

    # Interval overlap with [value_min, value_max]: the claim's upper end reaches value_min
    # (or is unbounded) and its lower end reaches value_max (or is unbounded); open ends exclude
    # the bound itself.
    def filter_value_min(self, queryset, name, value):
        return queryset.filter(
            Q(upper__isnull=True) | Q(upper__gt=value) | Q(upper=value, upper_open=False), value_type="quantity"
        )

    def filter_value_max(self, queryset, name, value):
        return queryset.filter(
            Q(lower__isnull=True) | Q(lower__lt=value) | Q(lower=value, lower_open=False), value_type="quantity"
        )

    # Date overlap likewise, but a claim whose date could not be resolved (no bound at all: a
    # relative date in an undated article) is on no day, so it matches no date range; an open
    # end ("since 2019", "until March") is unbounded on that side only.
    def filter_date_from(self, queryset, name, value):
        return queryset.filter(
            Q(date_upper__gte=value) | Q(date_upper__isnull=True, date_lower__isnull=False), value_type="date"
        )

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(
            Q(date_lower__lte=value) | Q(date_lower__isnull=True, date_upper__isnull=False), value_type="date"
        )

    def filter_date_resolved(self, queryset, name, value):
        unresolved = Q(date_lower__isnull=True, date_upper__isnull=True)
        return queryset.filter(~unresolved if value else unresolved, value_type="date")


class FactFilterSet(django_filters.FilterSet):
    property = django_filters.CharFilter(field_name="property__slug", lookup_expr="exact")
    subject = django_filters.CharFilter(field_name="subject__slug", lookup_expr="exact")
    subject_id = IdFilter(field_name="subject_id", lookup_expr="exact")
    subject_name = django_filters.CharFilter(method="filter_subject_name", label="subject name or alias")
    verdict = django_filters.ChoiceFilter(field_name="verdict", lookup_expr="exact", choices=Verdict.choices)

    class Meta:
        model = Fact
        fields = ["property", "subject", "verdict"]

    def filter_subject_name(self, queryset, name, value):
        return alias_match(queryset, value, prefix="subject__")
