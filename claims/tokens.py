"""Hashed, expiring API tokens: `Authorization: Token <key>`.

Only the sha256 of a key is stored, so a database leak reveals no usable token; every token
has an expiry. Keys are 40 URL-safe random characters. Superusers list and revoke tokens in
the admin or with `manage.py revoke_token`; no group holds a permission on them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions

from claims.models import ApiToken

# `last_used_at` is written at most this often per token: a conditional UPDATE, so a busy
# client costs one write a minute, not one per request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
MAX_DAYS = 3650


class TokenLifetimeInvalid(ValueError):
    """A token must live at least a day (and at most ten years)."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the key (shown once, never stored).

    Raises `TokenLifetimeInvalid` for a lifetime of zero or fewer days (a token born expired)
    or more than `MAX_DAYS`.
    """
    if not 1 <= days <= MAX_DAYS:
        raise TokenLifetimeInvalid(f"a token lives 1 to {MAX_DAYS} days, not {days}")
    key = secrets.token_urlsafe(30)
    while key.startswith("-"):  # its prefix is typed as `revoke_token PREFIX`: not an option
        key = secrets.token_urlsafe(30)
    token = ApiToken(
        user=user,
        name=name,
        prefix=key[:8],
        key_hash=_hash(key),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    return token, key


def tokens_revoke(*, prefix: str | None = None, username: str | None = None) -> int:
    """Delete the tokens whose key starts with `prefix`, or all of `username`'s; returns how many."""
    if not prefix and not username:
        raise ValueError("name a token prefix or a user")
    tokens = ApiToken.objects.all()
    if prefix:
        tokens = tokens.filter(prefix=prefix[:8])
    if username:
        tokens = tokens.filter(user__username=username)
    deleted, _ = tokens.delete()
    return deleted


def token_touch(token: ApiToken, *, now: dt.datetime) -> bool:
    """Record that the token was used, unless that was recorded less than a minute ago."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return False
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    written = ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    if written:
        token.last_used_at = now
    return bool(written)


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
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed("Token has expired.")
        token_touch(token, now=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword
