"""The vocabulary API: entities, aliases, properties, cues, and the mentions `propose` left
without a claim, with their reasons. A proposed entity is confirmed by `PATCH {"status":
"confirmed"}` and merged into another by `PATCH {"merge_into": "<slug>"}`, one request each.

Reads follow the project's read rule; writes need a curator (model permissions) and go through
`claims.vocabulary.services`, which write the revisions and bump the vocabulary version.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from claims.filters import EntityFilterSet
from claims.models import (
    Cue,
    Entity,
    EntityAlias,
    EntityKind,
    EventType,
    MentionReview,
    Property,
    ValueType,
    VocabularyStatus,
)
from claims.serializers import EntitySerializer, PropertySerializer
from claims.vocabulary import services
from project.filters import IdFilter
from project.preconditions import LocationOnCreateMixin, created_location


class _SlugField(serializers.SlugRelatedField):
    """A related row named by its slug in a write."""


# --- serializers -------------------------------------------------------------------------------


class VocabularyEntitySerializer(EntitySerializer):
    place = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta(EntitySerializer.Meta):
        fields = [
            *EntitySerializer.Meta.fields,
            "status",
            "origin",
            "pack",
            "country_code",
            "event_type",
            "place",
            "event_date_lower",
            "event_date_upper",
        ]


class EntityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=EntityKind.choices)
    slug = serializers.SlugField(max_length=100, required=False)
    wikidata_id = serializers.RegexField(r"^(Q\d+)?$", required=False, allow_blank=True)
    country_code = serializers.CharField(max_length=3, required=False, allow_blank=True)
    event_type = serializers.ChoiceField(choices=EventType.choices, required=False, allow_blank=True)
    place = _SlugField(slug_field="slug", queryset=Entity.objects.all(), required=False, allow_null=True)
    event_date_lower = serializers.DateField(required=False, allow_null=True)
    event_date_upper = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=VocabularyStatus.choices, required=False, help_text="`confirmed` confirms a proposed entity."
    )
    merge_into = _SlugField(
        slug_field="slug",
        queryset=Entity.objects.all(),
        required=False,
        help_text="Merge this entity into that one (its aliases, claims and facts move there); the answer is it.",
    )


class AliasSerializer(serializers.ModelSerializer):
    entity = serializers.SlugRelatedField(slug_field="slug", queryset=Entity.objects.all())

    class Meta:
        model = EntityAlias
        fields = ["id", "entity", "name", "language", "strict", "status", "origin", "normalized"]
        read_only_fields = ["origin", "normalized"]


class VocabularyPropertySerializer(PropertySerializer):
    class Meta(PropertySerializer.Meta):
        fields = [
            *PropertySerializer.Meta.fields,
            "unit_family",
            "cumulative",
            "subject_kinds",
            "event_types",
            "day_only",
            "origin",
            "pack",
        ]
        read_only_fields = ["origin", "pack"]


class CueSerializer(serializers.ModelSerializer):
    property = serializers.SlugRelatedField(
        slug_field="slug", queryset=Property.objects.all(), required=False, allow_null=True
    )
    subject = serializers.SlugRelatedField(
        slug_field="slug", queryset=Entity.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Cue
        fields = [
            "id", "property", "event_type", "language", "words", "side", "context", "units", "qualifiers",
            "qualifier_from_mention", "subject", "weak", "confidence", "status", "origin", "pack", "note",
        ]  # fmt: skip
        read_only_fields = ["origin", "pack"]


class MentionReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentionReview
        fields = [
            "id", "document", "sentence", "mention", "start", "end", "text", "kind", "outcome", "reason", "detail",
            "claim", "vocabulary_version",
        ]  # fmt: skip


# --- filters -----------------------------------------------------------------------------------


class VocabularyEntityFilterSet(EntityFilterSet):
    status = django_filters.ChoiceFilter(field_name="status", lookup_expr="exact", choices=VocabularyStatus.choices)
    event_type = django_filters.ChoiceFilter(field_name="event_type", lookup_expr="exact", choices=EventType.choices)
    country_code = django_filters.CharFilter(field_name="country_code", lookup_expr="iexact")

    class Meta(EntityFilterSet.Meta):
        fields = [*EntityFilterSet.Meta.fields, "status", "event_type", "country_code"]


class CueFilterSet(django_filters.FilterSet):
    property = django_filters.CharFilter(field_name="property__slug", lookup_expr="exact")
    status = django_filters.ChoiceFilter(field_name="status", lookup_expr="exact", choices=VocabularyStatus.choices)
    language = django_filters.CharFilter(field_name="language", lookup_expr="exact")

    class Meta:
        model = Cue
        fields = ["property", "status", "language"]


class MentionReviewFilterSet(django_filters.FilterSet):
    document_id = IdFilter(field_name="document_id", lookup_expr="exact")
    outcome = django_filters.ChoiceFilter(
        field_name="outcome", lookup_expr="exact", choices=MentionReview.Outcome.choices
    )
    reason = django_filters.ChoiceFilter(field_name="reason", lookup_expr="exact", choices=MentionReview.Reason.choices)

    class Meta:
        model = MentionReview
        fields = ["document_id", "outcome", "reason"]


# --- selectors ---------------------------------------------------------------------------------


def entity_rows() -> QuerySet[Entity]:
    """Entities with their place and aliases (two queries per page besides the count)."""
    return (
        Entity.objects.select_related("place")
        .prefetch_related(Prefetch("aliases", queryset=EntityAlias.objects.order_by("id")))
        .order_by("name", "id")
    )


# --- views -------------------------------------------------------------------------------------


class VocabularyEntityViewSet(viewsets.ModelViewSet):
    serializer_class = VocabularyEntitySerializer
    filterset_class = VocabularyEntityFilterSet
    search_fields = ["name", "slug", "aliases__name", "aliases__normalized"]
    ordering_fields = ["name", "id"]
    queryset = Entity.objects.none()

    def get_queryset(self) -> QuerySet[Entity]:
        return entity_rows()

    @extend_schema(request=EntityInputSerializer, responses={201: VocabularyEntitySerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = EntityInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        entity = services.entity_create(user=request.user, via="api", **params.validated_data)
        return Response(
            self.get_serializer(entity_rows().get(pk=entity.pk)).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": created_location(request, entity.pk)},
        )

    @extend_schema(request=EntityInputSerializer, responses={200: VocabularyEntitySerializer})
    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        entity = self.get_object()
        params = EntityInputSerializer(data=request.data, partial=partial)
        params.is_valid(raise_exception=True)
        changes = dict(params.validated_data)
        changes.pop("slug", None)
        target = changes.pop("merge_into", None)
        if target is not None:
            try:
                entity = services.entity_merge(source=entity, target=target, user=request.user, via="api")
            except services.MergeRefused as exc:
                raise ValidationError({"merge_into": str(exc)}) from exc
        else:
            services.entity_update(entity=entity, user=request.user, via="api", **changes)
        return Response(self.get_serializer(entity_rows().get(pk=entity.pk)).data)

    @extend_schema(request=EntityInputSerializer, responses={200: VocabularyEntitySerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise ValidationError({"detail": "Entities are merged into another, not deleted (POST …/merge/)."})


class EntityAliasViewSet(LocationOnCreateMixin, viewsets.ModelViewSet):
    serializer_class = AliasSerializer
    queryset = EntityAlias.objects.none()
    filterset_fields = ["status", "language"]

    def get_queryset(self) -> QuerySet[EntityAlias]:
        return EntityAlias.objects.select_related("entity").order_by("id")

    def perform_create(self, serializer: AliasSerializer) -> None:
        serializer.instance = services.alias_create(user=self.request.user, via="api", **serializer.validated_data)

    def perform_update(self, serializer: AliasSerializer) -> None:
        changes = {k: v for k, v in serializer.validated_data.items() if k != "entity"}
        services.alias_update(alias=serializer.instance, user=self.request.user, via="api", **changes)

    def perform_destroy(self, instance: EntityAlias) -> None:
        services.alias_delete(alias=instance, user=self.request.user, via="api")


class VocabularyPropertyViewSet(LocationOnCreateMixin, viewsets.ModelViewSet):
    serializer_class = VocabularyPropertySerializer
    search_fields = ["slug", "label_en", "label_ar", "label_fa"]
    ordering_fields = ["slug", "id"]
    queryset = Property.objects.order_by("slug", "id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer: VocabularyPropertySerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.property_create(
            slug=data.pop("slug"),
            label_en=data.pop("label_en"),
            value_type=data.pop("value_type", ValueType.QUANTITY),
            user=self.request.user,
            via="api",
            **data,
        )

    def perform_update(self, serializer: VocabularyPropertySerializer) -> None:
        changes = {k: v for k, v in serializer.validated_data.items() if k != "slug"}
        services.property_update(prop=serializer.instance, user=self.request.user, via="api", **changes)


class CueViewSet(LocationOnCreateMixin, viewsets.ModelViewSet):
    serializer_class = CueSerializer
    filterset_class = CueFilterSet
    queryset = Cue.objects.none()

    def get_queryset(self) -> QuerySet[Cue]:
        return Cue.objects.select_related("property", "subject").order_by("id")

    def perform_create(self, serializer: CueSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.cue_create(
            words=data.pop("words", []), user=self.request.user, via="api", **data
        )

    def perform_update(self, serializer: CueSerializer) -> None:
        services.cue_update(cue=serializer.instance, user=self.request.user, via="api", **serializer.validated_data)

    def perform_destroy(self, instance: Cue) -> None:
        services.cue_delete(cue=instance, user=self.request.user, via="api")


class MentionReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """What `propose` made of each mention; `?outcome=unclaimed` lists the figures left without a
    claim, each with its reason."""

    serializer_class = MentionReviewSerializer
    filterset_class = MentionReviewFilterSet
    queryset = MentionReview.objects.none()

    def get_queryset(self) -> QuerySet[MentionReview]:
        return MentionReview.objects.order_by("document_id", "start", "id")
