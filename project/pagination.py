"""Pagination shared by every list endpoint: 50 rows by default, 500 at most.

A `page_size` that is not a whole number from 1 to 500, and a `cursor` that this API did not
hand out, are a 400 naming the parameter. DRF ignored a bad `page_size` (`0`, `-5`, `abc`,
`100000`: the default page, silently) and passed a forged cursor's position straight into the
query, where `p=abc` against an integer column was a 500 (ValueError).
"""

from __future__ import annotations

from base64 import b64decode
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

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
        return super().paginate_queryset(queryset, request, view)

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
            field.run_validators(field.to_python(cursor.position))
        except (FieldDoesNotExist, DjangoValidationError, ValueError, TypeError, OverflowError) as exc:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from exc
        return cursor
