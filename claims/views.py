"""Claims API views."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.domain.article import analyze_article
from claims.serializers import ExtractInputSerializer, ExtractOutputSerializer
from corpus.domain.text import nfc


class ReadsAllowed(permissions.BasePermission):
    """Endpoints that compute without storing anything follow the read rule."""

    def has_permission(self, request, view) -> bool:
        from django.conf import settings

        return settings.ANONYMOUS_READS or bool(request.user and request.user.is_authenticated)


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
            }
        )
