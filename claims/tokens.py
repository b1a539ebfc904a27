"""Hashed, expiring API tokens: `Authorization: Token <key>`.

Only the sha256 of a key is stored, so a database leak reveals no usable token; every token
has an expiry. Keys are 40 URL-safe random characters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from rest_framework import authentication, exceptions

from claims.models import ApiToken


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the key (shown once, never stored)."""
    key = secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:8],
        key_hash=_hash(key),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return token, key


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header: expected 'Token <key>'.")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token.") from exc
        token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed("Token has expired.")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword
