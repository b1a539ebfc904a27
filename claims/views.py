"""Claims API: claims (CRUD with optimistic locking), facts and their cross-check reports,
conflicts, ad-hoc cross-checks and extraction. The vocabulary (entities, aliases, properties,
cues, mention reviews) is `claims.vocabulary.api`.

Views translate HTTP into selector and service calls; the rules live in the services and the
pure core.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import presenters, selectors, services
from claims.filters import ClaimFilterSet, FactFilterSet
from claims.models import Claim, ClaimStatus
from claims.reports import group_terms, report_terms
from claims.serializers import (
    ClaimCreateSerializer,
    ClaimInputSerializer,
    ClaimSerializer,
    CrosscheckInputSerializer,
    CrosscheckReportSerializer,
    ExtractInputSerializer,
    ExtractOutputSerializer,
    FactSerializer,
    report_data,
)
from corpus.domain.text import nfc
from corpus.extraction.article import analyze_article
from corpus.models import Document
from project import preconditions
from project.filters import FilterWhenAskedMixin
from project.pagination import CursorPagination
from project.schema import ErrorSerializer


class ReadsAllowed(permissions.BasePermission):
    """Endpoints that compute without storing anything follow the read rule."""

    def has_permission(self, request, view) -> bool:
        return settings.ANONYMOUS_READS or bool(request.user and request.user.is_authenticated)


IF_MATCH = preconditions.if_match_parameter("claim")
# The optimistic lock's two answers, besides the errors every operation declares (project.schema).
CLAIM_UPDATE_RESPONSES = {
    200: ClaimSerializer,
    **preconditions.precondition_responses("claim"),
    409: OpenApiResponse(ErrorSerializer, description="Another claim has this document, span and property."),
}


class ClaimViewSet(FilterWhenAskedMixin, preconditions.VersionedResourceMixin, viewsets.ModelViewSet):
    """Claims: every response shows them through `presenters` (`ClaimSerializer` is the schema).

    Writes go to the services; their refusals (400, 409, 412) are answered by the exception
    handler, the ETag and If-Match by the mixin.
    """

    queryset = Claim.objects.order_by("-id")
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    pagination_class = CursorPagination
    search_fields = ["evidence__quote"]
    ordering_fields = ["id", "lower", "upper", "as_of"]
    versioned = "claim"

    def present(self, obj: Claim) -> presenters.ClaimDict:
        return presenters.present_claim(obj)

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(selectors.claim_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(presenters.present_rows(page))

    @extend_schema(
        request=ClaimCreateSerializer,
        responses={
            201: ClaimSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="A claim with this document, span and property exists (see Location)."
            ),
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        params = ClaimCreateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        evidence = data.pop("evidence")
        document = Document.objects.filter(pk=evidence["document"]).first()
        if document is None:
            raise ValidationError({"evidence": {"document": f"no such document: {evidence['document']}"}})
        claim = services.claim_create(
            document=document,
            start=evidence["start"],
            end=evidence["end"],
            quote=evidence.get("quote"),
            user=request.user,
            via="api",
            **data,
        )
        response = self.versioned_response(claim, status=status.HTTP_201_CREATED)
        response["Location"] = preconditions.created_location(request, claim.pk)
        return response

    @extend_schema(
        request=ClaimInputSerializer,
        responses=CLAIM_UPDATE_RESPONSES,
        parameters=[IF_MATCH],
    )
    def update(self, request: Request, *args, partial: bool = False, **kwargs) -> Response:
        claim = self.get_object()
        expected = self.expected_version(claim)
        params = ClaimInputSerializer(data=request.data, partial=partial)
        params.is_valid(raise_exception=True)
        claim = services.claim_update(
            claim=claim, expected_version=expected, user=request.user, via="api", **params.validated_data
        )
        return self.versioned_response(claim)

    @extend_schema(
        request=ClaimInputSerializer,
        responses=CLAIM_UPDATE_RESPONSES,
        parameters=[IF_MATCH],
    )
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        responses={204: None, **preconditions.precondition_responses("claim")},
        parameters=[IF_MATCH],
    )
    def destroy(self, request: Request, *args, **kwargs) -> Response:
        claim = self.get_object()
        services.claim_delete(claim=claim, expected_version=self.expected_version(claim), user=request.user, via="api")
        return Response(status=status.HTTP_204_NO_CONTENT)


def _statuses(request: Request) -> tuple[str, ...]:
    value = request.query_params.get("status", ClaimStatus.ACCEPTED)
    if value == "any":
        return tuple(ClaimStatus.values)
    if value not in ClaimStatus.values:
        raise ValidationError({"status": f"expected one of {', '.join([*ClaimStatus.values, 'any'])}"})
    return (value,)


class FactViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FactSerializer
    filterset_class = FactFilterSet
    ordering_fields = ["id", "claim_count"]

    def get_queryset(self):
        return selectors.fact_list()

    def filter_queryset(self, queryset):
        # The list's filters (`property`, `verdict`, …) say which facts to list; on one fact's
        # routes they would only build a filter form per request, or turn a lookup into a 404.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @extend_schema(
        responses={
            200: CrosscheckReportSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No such fact, or none of its claims has that status."),
        },
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, description="accepted (default), proposed, rejected or any")
        ],
    )
    @action(detail=True, methods=["get"])
    def crosscheck(self, request: Request, pk: str | None = None, **kwargs: str) -> Response:
        """What the sources say about this fact: verdict, consensus, majority, outliers, conflicts."""
        fact = self.get_object()
        statuses = _statuses(request)
        claims = selectors.claims_by_id(fact_id=fact.pk, statuses=statuses)
        if not claims:
            return Response({"detail": "This fact has no claims with that status."}, status=status.HTTP_404_NOT_FOUND)
        report = selectors.group_report(
            claims, time_varying=fact.property.time_varying, cumulative=fact.property.cumulative, prop=fact.property
        )
        return Response(report_data(report, claims, terms=report_terms(fact.property, claims.values())))


class ConflictViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Facts whose accepted claims conflict, newest first."""

    serializer_class = FactSerializer
    pagination_class = CursorPagination

    def get_queryset(self):
        return selectors.fact_list().filter(verdict="conflict")


class CrosscheckView(APIView):
    """Cross-check an ad-hoc group of claims (by id), whatever their facts."""

    permission_classes = [ReadsAllowed]

    @extend_schema(request=CrosscheckInputSerializer, responses=CrosscheckReportSerializer)
    def post(self, request: Request) -> Response:
        params = CrosscheckInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        ids = params.validated_data["claims"]
        claims = selectors.claims_by_id(ids=ids)
        missing = sorted(set(ids) - set(claims))
        if missing:
            raise ValidationError({"claims": f"no such claim: {', '.join(map(str, missing))}"})
        try:
            report = selectors.group_report(claims)
        except selectors.MixedValueTypes as exc:
            raise ValidationError({"claims": str(exc)}) from exc
        return Response(report_data(report, claims, terms=group_terms(claims)))


class ExtractView(APIView):
    """Find the figures and dates in a text; nothing is stored."""

    permission_classes = [ReadsAllowed]

    @extend_schema(request=ExtractInputSerializer, responses=ExtractOutputSerializer)
    def post(self, request: Request) -> Response:
        params = ExtractInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        analysis = analyze_article(
            nfc(params.validated_data["text"]),
            language=params.validated_data.get("language"),
            reference_date=params.validated_data.get("reference_date"),
        )
        return Response(
            {
                "language": analysis.language,
                "reference_date": analysis.reference_date,
                "mentions": [m.as_dict() for m in analysis.mentions],
                "refused": [r.as_dict() for r in analysis.refused],
            }
        )
