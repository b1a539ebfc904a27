"""`GET /api/v1/revisions/`: every recorded change, in commit order, for clients that mirror Sanad.

A client polls `?after=<cursor>` with the `cursor` of its last answer and gets the changes
committed since, oldest first: claims, facts, entities and vocabulary (whatever writes a
`Revision`), filterable by `kind` (the model: `claim`, `fact`, `entity`, …), `object` (its
id) and `action`.

**Why the cursor is not the row id.** Ids (and timestamps) are handed out when a row is
written, not when its transaction commits. Transaction A writes revision 10, transaction B
writes revision 11 and commits first; a poller reads 11 and keeps cursor 11; A commits, and
revision 10, below the cursor, is never seen. A "safety lag" (only rows older than N seconds)
narrows that window without closing it: nothing bounds how long a transaction runs (an import
batch runs for seconds), and every transaction that outlives the lag loses its rows.

**The order used.**

- *PostgreSQL*: each revision carries `txid`, the id of the transaction that wrote it (a
  column default, `pg_current_xact_id()`). A poll returns only rows whose `txid` is below a
  horizon: the oldest transaction that was still running when the poll's statement took its
  snapshot (`pg_current_snapshot()`), ordered by `(txid, id)`; the cursor is the last
  `(txid, id)` given. Every transaction below the horizon had ended, so no row with such a
  txid can still appear; every transaction that commits later was running then or started
  after, so its txid is at or above the horizon, above any cursor handed out. A row is never
  skipped; a long transaction only delays the rows after it. Transaction ids are the
  server's, so the snapshot's running transactions are those of every database: the ones that
  `pg_stat_activity` shows in another database are left out (they cannot write here), and any
  it does not show (another role's, hidden without `pg_read_all_stats`) are kept, which can
  only delay. Read-only transactions have no id and hold nothing back.
- *SQLite*: write transactions never overlap (they take the database's write lock at BEGIN:
  IMMEDIATE mode, see settings), so ids are handed out in commit order and a poll never sees
  an uncommitted row; `txid` stays 0 and the order is the id.

One query per poll, on the `(txid, id)` index.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Revision
from project.filters import MAX_ID

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
_CURSOR = re.compile(r"^(\d{1,19})-(\d{1,19})$")
_KIND = re.compile(r"^[a-z_]{1,40}$")
# The horizon below which every transaction that may write here has ended (PostgreSQL; see the
# module docstring): the snapshot's next id, or its oldest running transaction not known to be
# another database's (pg_stat_activity's backend_xid is the 32-bit form of the same id).
_HORIZON = """(
    SELECT LEAST(
        pg_snapshot_xmax(s.snap)::text::bigint,
        (SELECT min(x::text::bigint) FROM pg_snapshot_xip(s.snap) AS x
         WHERE (x::text::bigint %% 4294967296) NOT IN (
             SELECT backend_xid::text::bigint FROM pg_stat_activity
             WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())))
    FROM (SELECT pg_current_snapshot() AS snap) AS s)"""


def encode_cursor(txid: int, pk: int) -> str:
    return f"{txid}-{pk}"


def decode_cursor(value: str) -> tuple[int, int]:
    match = _CURSOR.fullmatch(value)
    if not match or max(int(match[1]), int(match[2])) > MAX_ID:
        raise ValidationError({"after": ["Not a cursor: pass the `cursor` of an earlier answer."]})
    return int(match[1]), int(match[2])


def revisions_after(
    cursor: tuple[int, int] | None, *, kind: str | None, object_id: int | None, action: str | None, limit: int
) -> list[Revision]:
    """The next `limit` committed revisions after `cursor`, in commit order (one query)."""
    queryset: QuerySet[Revision] = Revision.objects.select_related("user")
    if cursor is not None:
        txid, pk = cursor
        queryset = queryset.filter(Q(txid__gt=txid) | Q(txid=txid, id__gt=pk))
    if connection.vendor == "postgresql":
        queryset = queryset.filter(txid__lt=RawSQL(_HORIZON, []))
    if kind:
        queryset = queryset.filter(model=kind)
    if object_id is not None:
        queryset = queryset.filter(object_id=object_id)
    if action:
        queryset = queryset.filter(action=action)
    return list(queryset.order_by("txid", "id")[:limit])


class RevisionSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Pass it as `after` to get the changes after this one.")
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="The model changed: claim, fact, entity, …")
    object_id = serializers.IntegerField()
    object_repr = serializers.CharField()
    action = serializers.ChoiceField(choices=Revision.Action.choices)
    changes = serializers.DictField(help_text="{field: [old, new]}")
    user = serializers.CharField(allow_null=True, help_text="Who made it (shown to signed-in clients).")
    via = serializers.CharField()
    created_at = serializers.DateTimeField()


class RevisionFeedSerializer(serializers.Serializer):
    results = RevisionSerializer(many=True)
    cursor = serializers.CharField(
        allow_null=True, help_text="Poll again with ?after=<cursor>; null until the feed has a change."
    )
    next = serializers.CharField(help_text="The URL to poll next.")
    more = serializers.BooleanField(help_text="True when more changes are waiting right now.")


class RevisionFeedView(APIView):
    """Every change (claims, facts, entities, vocabulary) in commit order; poll with ?after=<cursor>."""

    queryset = Revision.objects.none()  # for the permission class: reads follow the read rule

    @extend_schema(
        parameters=[
            OpenApiParameter("after", OpenApiTypes.STR, description="The `cursor` of the last answer."),
            OpenApiParameter("kind", OpenApiTypes.STR, description="Only changes of this model (claim, fact, …)."),
            OpenApiParameter("object", OpenApiTypes.INT, description="Only changes of the object with this id."),
            OpenApiParameter("action", OpenApiTypes.STR, enum=Revision.Action.values),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"At most this many ({DEFAULT_LIMIT}; {MAX_LIMIT} max)."
            ),
        ],
        responses=RevisionFeedSerializer,
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        after = params.get("after")
        cursor = decode_cursor(after) if after else None
        kind = params.get("kind") or None
        if kind is not None and not _KIND.fullmatch(kind):
            raise ValidationError({"kind": ["A model name: lowercase letters and underscores."]})
        action = params.get("action") or None
        if action is not None and action not in Revision.Action.values:
            raise ValidationError({"action": [f"One of {', '.join(Revision.Action.values)}."]})
        object_id = _bounded_int(params, "object", low=0, high=MAX_ID, default=None)
        limit = _bounded_int(params, "limit", low=1, high=MAX_LIMIT, default=DEFAULT_LIMIT)

        rows = revisions_after(cursor, kind=kind, object_id=object_id, action=action, limit=limit)
        show_user = bool(request.user and request.user.is_authenticated)
        results = [_row(r, show_user=show_user) for r in rows]
        last = results[-1]["cursor"] if results else after
        query = params.copy()
        if last:
            query["after"] = last
        return Response(
            {
                "results": results,
                "cursor": last,
                "next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}"),
                "more": len(rows) == limit,
            }
        )


def _row(revision: Revision, *, show_user: bool) -> dict[str, Any]:
    return {
        "cursor": encode_cursor(revision.txid, revision.pk),
        "id": revision.pk,
        "kind": revision.model,
        "object_id": revision.object_id,
        "object_repr": revision.object_repr,
        "action": revision.action,
        "changes": revision.changes,
        "user": revision.user.get_username() if show_user and revision.user else None,
        "via": revision.via,
        "created_at": revision.created_at,
    }


def _bounded_int(params, name: str, *, low: int, high: int, default: int | None) -> int | None:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise ValidationError({name: [f"An integer from {low} to {high}."]})
    return int(raw)
