"""Claims API: claims (CRUD with optimistic locking), facts and their cross-check reports,
conflicts, ad-hoc cross-checks and extraction. The vocabulary (entities, aliases, properties,
cues, mention reviews) is `claims.vocabulary.api`.

Views translate HTTP into selector and service calls; the rules live in the services and the
pure core.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors, services
from claims.filters import ClaimFilterSet, FactFilterSet
from claims.models import Claim, ClaimStatus
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
from project.pagination import CursorPagination
from project.schema import ErrorSerializer


class PreconditionFailed(preconditions.PreconditionFailed):
    default_detail = "The claim changed since you read it (ETag mismatch); fetch it again."


class ReadsAllowed(permissions.BasePermission):
    """Endpoints that compute without storing anything follow the read rule."""

    def has_permission(self, request, view) -> bool:
        return settings.ANONYMOUS_READS or bool(request.user and request.user.is_authenticated)


def _validation(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


IF_MATCH = preconditions.if_match_parameter("claim")
# The optimistic lock's two answers, besides the errors every operation declares (project.schema).
CLAIM_UPDATE_RESPONSES = {
    200: ClaimSerializer,
    **preconditions.precondition_responses("claim"),
    409: OpenApiResponse(ErrorSerializer, description="Another claim has this document, span and property."),
}


class ClaimViewSet(preconditions.ETagRetrieveMixin, viewsets.ModelViewSet):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    pagination_class = CursorPagination
    search_fields = ["evidence__quote"]
    ordering_fields = ["id", "lower", "upper", "as_of"]
    queryset = Claim.objects.none()  # for the permission class; get_queryset is what is used

    def get_queryset(self):
        return selectors.claim_list()

    def _unfiltered(self) -> bool:
        return not self.request.query_params.keys() - {"cursor", "page_size", "format"}

    def filter_queryset(self, queryset):
        # A plain listing (only cursor/page_size) has nothing to filter, search or order: skip the
        # backends, which build a 15-field filter form on every request (~0.5 ms, half a page of SQL).
        return queryset if self._unfiltered() else super().filter_queryset(queryset)

    def list(self, request: Request, *args, **kwargs) -> Response:
        # Large lists read plain driver rows (two queries, no model instances, serializers or
        # Django converters); `claim_rows` produces exactly what ClaimSerializer would.
        if self._unfiltered():
            queryset = selectors.newest_claim_rows()
        else:
            queryset = selectors.claim_row_values(self.filter_queryset(Claim.objects.order_by("-id")))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(selectors.claim_rows(page))

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
        try:
            claim = services.claim_create(
                document=document,
                start=evidence["start"],
                end=evidence["end"],
                quote=evidence.get("quote"),
                user=request.user,
                via="api",
                **data,
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from exc
        except services.DuplicateClaim as exc:
            return _duplicate(request, exc)
        claim = selectors.claim_list().get(pk=claim.pk)
        response = preconditions.with_etag(Response(ClaimSerializer(claim).data, status=status.HTTP_201_CREATED), claim)
        response["Location"] = preconditions.created_location(request, claim.pk)
        return response

    @extend_schema(
        request=ClaimInputSerializer,
        responses=CLAIM_UPDATE_RESPONSES,
        parameters=[IF_MATCH],
    )
    def update(self, request: Request, *args, partial: bool = False, **kwargs) -> Response:
        claim = self.get_object()
        expected = preconditions.matched_version(request, current=claim.version, failed=PreconditionFailed)
        params = ClaimInputSerializer(data=request.data, partial=partial)
        params.is_valid(raise_exception=True)
        try:
            services.claim_update(
                claim=claim, expected_version=expected, user=request.user, via="api", **params.validated_data
            )
        except services.StaleVersion as exc:
            raise PreconditionFailed() from exc
        except DjangoValidationError as exc:
            raise _validation(exc) from exc
        except services.DuplicateClaim as exc:
            return _duplicate(request, exc)
        claim = selectors.claim_list().get(pk=claim.pk)
        return preconditions.with_etag(Response(ClaimSerializer(claim).data), claim)

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
        expected = preconditions.matched_version(request, current=claim.version, failed=PreconditionFailed)
        try:
            services.claim_delete(claim=claim, expected_version=expected, user=request.user, via="api")
        except services.StaleVersion as exc:
            raise PreconditionFailed() from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


def _duplicate(request: Request, exc: services.DuplicateClaim) -> Response:
    """409: a claim with this document, span and property exists; `Location` names it."""
    url = request.build_absolute_uri(reverse("claim-detail", args=[exc.existing.pk]))
    body = {"detail": str(exc), "code": "duplicate_claim", "existing": url, "id": exc.existing.pk}
    return Response(body, status=status.HTTP_409_CONFLICT, headers={"Location": url})


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
        return Response(report_data(report, claims, terms=selectors.report_terms(fact.property, claims.values())))


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
        return Response(report_data(report, claims, terms=selectors.group_terms(claims)))


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
