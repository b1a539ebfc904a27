"""`GET /api/v1/exports/claims.{csv,jsonl,jsonld}`: the claims, filtered like the list, streamed.

The body is written while it is read from the database, in batches of claims
(`claims.exchange.export_rows`), so neither the server nor the client holds the whole result:
CSV and JSON Lines are the import format (a file exported here imports unchanged), JSON-LD is a
W3C Web Annotation collection. The filters are the claims list's (`ClaimFilterSet`) and its
`search` over evidence quotes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.filters import SearchFilter
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from claims.exchange import export_rows
from claims.exchange.annotations import annotation_collection_chunks
from claims.exchange.export import csv_lines, jsonl_lines
from claims.filters import ClaimFilterSet
from claims.models import Claim

ANNOTATION_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def _annotations(queryset: QuerySet[Claim]) -> Iterator[str]:
    # The collection states its size before its items: one COUNT(*) of claims with evidence.
    total = queryset.filter(evidence__isnull=False).distinct().count()
    return annotation_collection_chunks(export_rows(queryset), total=total)


# format -> (content type, file name, the body's chunks for a queryset)
FORMATS: dict[str, tuple[str, str, Callable[[QuerySet[Claim]], Iterable[str]]]] = {
    "csv": ("text/csv; charset=utf-8", "claims.csv", lambda qs: csv_lines(export_rows(qs))),
    "jsonl": ("application/x-ndjson; charset=utf-8", "claims.jsonl", lambda qs: jsonl_lines(export_rows(qs))),
    "jsonld": (ANNOTATION_TYPE, "claims.jsonld", _annotations),
}


def _encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    for chunk in chunks:
        if chunk:
            yield chunk.encode("utf-8")


class ClaimExportView(GenericAPIView):
    """The claims (with the list's filters) as CSV, JSON Lines or W3C Web Annotations, streamed."""

    filterset_class = ClaimFilterSet
    filter_backends = [DjangoFilterBackend, SearchFilter]
    search_fields = ["evidence__quote"]
    pagination_class = None
    queryset = Claim.objects.none()  # for the permission class: reads follow the read rule
    export_format = "csv"

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.all()

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The body is not rendered by DRF; errors (400, 401, 429) are JSON whatever Accept says.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request: Request, *args, **kwargs) -> StreamingHttpResponse:
        content_type, file_name, chunks = FORMATS[self.export_format]
        queryset = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(_encoded(chunks(queryset)), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        return response


def export_view(export_format: str) -> Callable:
    """The view for one format, with its own operation and content type in the schema."""
    content_type, _, _ = FORMATS[export_format]

    # JSON-LD is JSON (a client parses it as an object); CSV and JSON Lines are text.
    body = OpenApiTypes.OBJECT if export_format == "jsonld" else OpenApiTypes.STR

    @extend_schema(
        responses={
            (200, content_type.split(";")[0]): OpenApiResponse(
                body, description=f"The claims as {export_format}, streamed."
            )
        },
        operation_id=f"exports_claims_{export_format}",
    )
    def get(self, request: Request, *args, **kwargs) -> StreamingHttpResponse:
        return ClaimExportView.get(self, request, *args, **kwargs)

    name = f"ClaimExport{export_format.title()}View"
    return type(name, (ClaimExportView,), {"export_format": export_format, "get": get}).as_view()
