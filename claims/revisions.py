"""The edit history: one `Revision` row per change, written by the service that makes it.

A module of its own so that every writer of claims and vocabulary (`claims.services`,
`claims.vocabulary`) records history the same way without importing one another.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model

from claims.models import Revision

User = AbstractBaseUser | AnonymousUser | None


def jsonable(value: Any) -> Any:
    """A value as a revision stores it: decimals as plain strings, dates in ISO form, rows by id."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    return value


def revision_record(*, obj: Model, action: str, changes: dict[str, tuple[Any, Any]], user: User, via: str) -> Revision:
    """Append one history row for `obj`; call inside the transaction that made the change."""
    return Revision.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        via=via,
        model=obj._meta.model_name,
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        action=action,
        changes={field: [jsonable(old), jsonable(new)] for field, (old, new) in changes.items()},
    )
