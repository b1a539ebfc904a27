"""`POST /api/v1/tokens/`: a username and password in, a new API key out (shown once).

The password is checked by Django's `authenticate`, behind django-axes: after
`AXES_FAILURE_LIMIT` failures a username is locked whatever the address, and an address
whatever the username, and the answer is 429 until the cool-off ends (the admin's login page
counts in the same place). The anonymous throttle applies too.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.tokens import MAX_DAYS, token_create
from project.schema import ErrorSerializer

API_MAX_DAYS = min(MAX_DAYS, 365)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(max_length=100, default="api", help_text="What the token is for.")
    days = serializers.IntegerField(min_value=1, max_value=API_MAX_DAYS, default=90, help_text="Lifetime in days.")


class TokenSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Send it as `Authorization: Token <key>`; it is not shown again.")
    prefix = serializers.CharField()
    name = serializers.CharField()
    expires_at = serializers.DateTimeField()


class TokenCreateView(APIView):
    """Exchange a username and password for a new API token."""

    authentication_classes: list = []  # the body carries the credentials
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            201: TokenSerializer,
            429: OpenApiResponse(ErrorSerializer, description="Too many failed logins, or too many requests."),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        params = TokenRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        # django-axes reads the address and records the failure from the Django request.
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            # As DRF's own token view answers: 400, not 401, since no credentials were sent in
            # a header a client could retry with (401 needs a WWW-Authenticate challenge).
            raise ValidationError({"non_field_errors": ["Unable to log in with the given username and password."]})
        token, key = token_create(user=user, name=data["name"], days=data["days"])
        return Response(
            {"key": key, "prefix": token.prefix, "name": token.name, "expires_at": token.expires_at},
            status=status.HTTP_201_CREATED,
        )
