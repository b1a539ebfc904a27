"""Pagination shared by every list endpoint: 50 rows by default, 500 at most.

A `page_size` that is not a whole number from 1 to 500, and a `cursor` that this API did not
hand out, are a 400 naming the parameter. DRF ignored a bad `page_size` (`0`, `-5`, `abc`,
`100000`: the default page, silently) and passed a forged cursor's position straight into the
query, where `p=abc` against an integer column was a 500 (ValueError).

DRF's cursor pagination also assumes the ordering column has no NULLs: a page ending on a
claim without `as_of` (`?ordering=as_of`) handed out the position `None`, and following that
`next` link was a 500. Here NULL sorts below every value, on both databases (PostgreSQL puts
NULLs last in ascending order, SQLite first), and the cursor's position may be NULL: see
`_NullsLow`.
"""

from __future__ import annotations

from base64 import b64decode
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q, QuerySet
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

# How DRF writes a NULL position into a cursor (`str(None)`).
NULL_POSITION = "None"
INVALID_CURSOR = "Not a cursor of this list: follow the `next` or `previous` link of an earlier page."


def strict_page_size(request, *, param: str, default: int, maximum: int) -> int:
    """`param` from the query: absent is `default`; anything but 1 … `maximum` is a 400."""
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum)) and 1 <= int(raw) <= maximum):
        raise ValidationError({param: [f"A whole number from 1 to {maximum}."]})
    return int(raw)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        return strict_page_size(
            request, param=self.page_size_query_param, default=self.page_size, maximum=self.max_page_size
        )


class CursorPagination(pagination.CursorPagination):
    """For the large lists: no page pays a COUNT(*) over a million rows."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_page_size(self, request) -> int:
        return strict_page_size(
            request, param=self.page_size_query_param, default=self.page_size, maximum=self.max_page_size
        )

    def paginate_queryset(self, queryset, request, view=None) -> list[Any] | None:
        self._model = queryset.model
        return super().paginate_queryset(_NullsLow(queryset), request, view)

    def decode_cursor(self, request) -> pagination.Cursor | None:
        """DRF's cursor, its position checked against the ordering column's type and range."""
        encoded = request.query_params.get(self.cursor_query_param)
        try:
            # DRF's decoder skips characters outside base64, so `!!!` read as an empty cursor.
            if encoded is not None:
                b64decode(encoded.encode("ascii"), validate=True)
            cursor = super().decode_cursor(request)
        except (NotFound, ValueError) as exc:  # binascii.Error and UnicodeEncodeError are ValueErrors
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from exc
        if cursor is None or cursor.position is None:
            return cursor
        name = self.ordering[0].lstrip("-")
        try:
            field = self._model._meta.pk if name == "pk" else self._model._meta.get_field(name)
            if cursor.position == NULL_POSITION and field.null:
                return cursor
            field.run_validators(field.to_python(cursor.position))
        except (FieldDoesNotExist, DjangoValidationError, ValueError, TypeError, OverflowError) as exc:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from exc
        return cursor


class _NullsLow:
    """The queryset as DRF's cursor pagination sees it, with NULL below every value.

    DRF orders by the ordering's names, filters the rows after the cursor's position with
    `<field>__gt` or `__lt`, and slices. Here the ordering puts NULLs first when ascending and
    last when descending, whatever the database's default, and the filters agree with it:
    after NULL (`__gt`) is every non-NULL value, before NULL (`__lt`) is nothing, and before a
    value includes the NULLs. Rows tied on the position (NULLs among them) are skipped by the
    cursor's offset, as DRF does for any tie.
    """

    def __init__(self, queryset: QuerySet) -> None:
        self.queryset = queryset

    def _field(self, name: str):
        return self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)

    def order_by(self, *names: str) -> _NullsLow:
        if not self._field(names[0].lstrip("-")).null:
            return _NullsLow(self.queryset.order_by(*names))  # `-id`: the index's own order, untouched
        terms = [F(n[1:]).desc(nulls_last=True) if n.startswith("-") else F(n).asc(nulls_first=True) for n in names]
        # Ties (every NULL, and equal values) need one order that every page's query repeats, or
        # the cursor's offset skips different rows each time (PostgreSQL returns ties in any
        # order): the key breaks them, in the direction of the first term, so reversing flips it.
        tiebreak = "-pk" if names[0].startswith("-") else "pk"
        return _NullsLow(self.queryset.order_by(*terms, tiebreak))

    def filter(self, **lookups: Any) -> _NullsLow:
        ((lookup, position),) = lookups.items()
        name, _, comparison = lookup.rpartition("__")
        field = self._field(name)
        if field.null and position == NULL_POSITION:
            condition = Q(**{f"{name}__isnull": False}) if comparison == "gt" else Q(pk__in=[])
        elif field.null and comparison == "lt":
            condition = Q(**{lookup: position}) | Q(**{f"{name}__isnull": True})
        else:
            condition = Q(**{lookup: position})
        return _NullsLow(self.queryset.filter(condition))

    def __getitem__(self, key: slice) -> QuerySet:
        return self.queryset[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.queryset, name)  # what else DRF reads (the ordering filter's `model`)
