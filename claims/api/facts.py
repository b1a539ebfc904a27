"""`PATCH /api/v1/facts/{id}/`: a curator's resolution of a fact (preferred claim, note).

Optimistic locking as for claims: the fact's detail sends `ETag: "<version>"`; a PATCH must
send it back in `If-Match` (none → 428, stale → 412), and the service's conditional UPDATE
refuses a change that raced another one.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from claims import services, views
from claims.models import Claim
from claims.serializers import FactSerializer
from project import preconditions


class FactInputSerializer(serializers.Serializer):
    """What a curator may change on a fact (both optional)."""

    preferred_claim = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), allow_null=True, required=False, help_text="A claim of this fact, or null."
    )
    resolution_note = serializers.CharField(max_length=5000, allow_blank=True, required=False, trim_whitespace=False)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):
            unknown = set(data) - set(self.fields)
            if unknown:
                raise serializers.ValidationError({f: ["Unknown field."] for f in sorted(unknown)})
        return super().to_internal_value(data)


FACT_IF_MATCH = preconditions.if_match_parameter("fact")


class FactViewSet(preconditions.VersionedResourceMixin, views.FactViewSet):
    """Facts with verdict and consensus; curators resolve them with PATCH."""

    http_method_names = ["get", "patch", "head", "options"]
    versioned = "fact"

    @extend_schema(
        request=FactInputSerializer,
        parameters=[FACT_IF_MATCH],
        responses={
            200: FactSerializer,
            **preconditions.precondition_responses("fact"),
        },
    )
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        """Set the preferred claim and/or the resolution note."""
        fact = self.get_object()
        expected = self.expected_version(fact)
        params = FactInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        services.fact_update(
            fact=fact, expected_version=expected, user=request.user, via="api", **params.validated_data
        )
        return self.versioned_response(self.get_queryset().get(pk=fact.pk))
