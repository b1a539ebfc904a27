"""Admin searches that fold scripts: "110" finds "۱۱۰", "الامارات" finds "الإمارات", "کابل" finds "كابل".

Django's admin search compares `icontains`, so a curator typing Latin digits misses a quote in
Persian digits. `FoldedSearchMixin` adds, for the fields in `folded_search_fields`, a match of
each search word through `claims.domain.search.folded_pattern` (`iregex`, which SQLite runs in
Python and PostgreSQL natively); every word must match one of the fields, as in Django's own
search, and the rows Django's search finds are kept.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal

from claims.domain.search import folded_pattern


def folded_search_q(fields: tuple[str, ...], search_term: str) -> Q | None:
    """Every word of `search_term` (quoted phrases kept together) in one of `fields`, in any script."""
    condition = Q()
    found = False
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        pattern = folded_pattern(bit)
        if not pattern:
            continue
        word = Q()
        for field in fields:
            word |= Q(**{f"{field}__iregex": pattern})
        condition &= word
        found = True
    return condition if found else None


class FoldedSearchMixin:
    """For a ModelAdmin: `folded_search_fields` are searched across digit scripts and letter variants."""

    folded_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        condition = folded_search_q(self.folded_search_fields, search_term) if search_term else None
        if condition is not None:
            results = results | queryset.filter(condition)
            may_have_duplicates = True
        return results, may_have_duplicates
