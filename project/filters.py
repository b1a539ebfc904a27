"""Filters shared by the API's FilterSets, and the ordering filter every list uses."""

from __future__ import annotations

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters
from rest_framework.exceptions import ValidationError

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


class OrderingFilter(filters.OrderingFilter):
    """DRF's `?ordering=`, refusing what it cannot order by instead of ignoring it.

    DRF drops unknown terms silently, so `?ordering=upper` (a typo for `-upper`, or a field
    this list does not order by) answered in the default order as if it had been honoured.
    """

    def remove_invalid_fields(self, queryset, fields, view, request) -> list[str]:
        valid = [item[0] for item in self.get_valid_fields(queryset, view, {"request": request})]
        terms = [term for term in fields if term]
        unknown = [term for term in terms if term.removeprefix("-") not in valid]
        if unknown:
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by {', '.join(unknown)}: use "
                        + (", ".join(sorted(valid)) or "no field")
                        + " (a leading - reverses)."
                    ]
                }
            )
        return terms


class RangeCheckedFilterSet(django_filters.FilterSet):
    """A FilterSet whose `ranges` (pairs of its filters: lower bound, upper bound) must not be
    reversed. `date_from=2024-03-01&date_to=2024-01-01` matches nothing by construction; a
    client that sends it has swapped the two, and an empty page would hide that mistake."""

    ranges: tuple[tuple[str, str], ...] = ()

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        data = self.form.cleaned_data
        for low, high in self.ranges:
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.form.add_error(
                    low, f"{low} ({data[low]}) comes after {high} ({data[high]}): the range is reversed."
                )
        return not self.form.errors


# Parameters that page or render a list and filter nothing.
PAGING_PARAMETERS = frozenset({"cursor", "page", "page_size", "format"})


class FilterWhenAskedMixin:
    """For a list view: run the filter backends only when the request has something for them.

    Why: with no filter, search or ordering parameter they change nothing, but django-filter
    still builds its form class and bound form on every request, about as long as the SQL of a
    50-row page. The plain listing (only `cursor` and `page_size`) is the most requested page.
    """

    def filter_queryset(self, queryset):
        if self.request.query_params.keys() <= PAGING_PARAMETERS:  # type: ignore[attr-defined]
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]
