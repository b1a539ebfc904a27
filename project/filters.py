"""Filters shared by the API's FilterSets."""

from __future__ import annotations

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

# The largest key a 64-bit integer column holds (BigAutoField, PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """Match a primary or foreign key: a whole number from 1 to 2**63 - 1, else a 400.

    Why not NumberFilter: it takes any decimal ("1.5", "-1e95"). SQLite cannot bind an integer
    beyond 64 bits and the request died with a 500 (OverflowError); PostgreSQL compared a
    fraction with a key and silently matched nothing. Ids are integers in the schema too.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
