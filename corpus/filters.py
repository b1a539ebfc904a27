"""FilterSets for the corpus API."""

from __future__ import annotations

import django_filters

from corpus.models import Document, Language, Mention, MentionKind, Sentence, Source
from project.filters import IdFilter, RangeCheckedFilterSet


class DocumentFilterSet(RangeCheckedFilterSet):
    language = django_filters.ChoiceFilter(field_name="language", lookup_expr="exact", choices=Language.choices)
    source = IdFilter(field_name="source_id", lookup_expr="exact")
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")

    class Meta:
        model = Document
        fields = ["language", "source", "published_after", "published_before"]

    ranges = (("published_after", "published_before"),)


class SentenceFilterSet(django_filters.FilterSet):
    document = IdFilter(field_name="document_id", lookup_expr="exact")
    language = django_filters.ChoiceFilter(
        field_name="document__language", lookup_expr="exact", choices=Language.choices
    )

    class Meta:
        model = Sentence
        fields = ["document", "language"]


class SourceFilterSet(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country", lookup_expr="iexact")
    name = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Source
        fields = ["country", "name"]


class MentionFilterSet(django_filters.FilterSet):
    document = IdFilter(field_name="document_id", lookup_expr="exact")
    sentence = IdFilter(field_name="sentence_id", lookup_expr="exact")
    kind = django_filters.ChoiceFilter(field_name="kind", lookup_expr="exact", choices=MentionKind.choices)

    class Meta:
        model = Mention
        fields = ["document", "sentence", "kind"]
