"""Sidebar filters of the claims list: document, verdict, what is missing, confidence."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import admin
from django.db.models import Count, Q

from claims.models import Verdict
from corpus.models import Document


class DocumentFilter(admin.SimpleListFilter):
    """Claims of one document. The sidebar offers the documents with proposals left (newest
    first) and the one selected; any document id works in the address (`?document=12`), which
    is how the review page links here."""

    title = "document"
    parameter_name = "document"
    OFFERED = 25

    def lookups(self, request, model_admin):
        offered = list(
            Document.objects.annotate(left=Count("claims", filter=Q(claims__status="proposed")))
            .filter(left__gt=0)
            .only("id", "title", "file_name")
            .order_by("-id")[: self.OFFERED]
        )
        selected = self.value()
        if selected and selected.isdigit() and all(str(d.pk) != selected for d in offered):
            offered += list(Document.objects.filter(pk=int(selected)).only("id", "title", "file_name"))
        return [(str(d.pk), f"#{d.pk} {(d.title or d.file_name)[:40]}") for d in offered]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(document_id=int(value))
        return queryset


class VerdictFilter(admin.SimpleListFilter):
    """The verdict of the fact a claim belongs to (`none`: not in a fact yet)."""

    title = "verdict"
    parameter_name = "verdict"

    def lookups(self, request, model_admin):
        return [*Verdict.choices, ("none", "no fact yet")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(fact__isnull=True)
        if value in Verdict.values:
            return queryset.filter(fact__verdict=value)
        return queryset


class MissingFilter(admin.SimpleListFilter):
    title = "missing"
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("subject", "no subject"), ("property", "no property"), ("either", "subject or property")]

    def queryset(self, request, queryset):
        conditions = {
            "subject": Q(subject__isnull=True),
            "property": Q(property__isnull=True),
            "either": Q(subject__isnull=True) | Q(property__isnull=True),
        }
        condition = conditions.get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


class ConfidenceFilter(admin.SimpleListFilter):
    """The proposer's confidence in a claim's subject and property, in three bands."""

    title = "confidence"
    parameter_name = "confidence"
    BANDS = {
        "low": (Decimal("0"), Decimal("0.5")),
        "medium": (Decimal("0.5"), Decimal("0.8")),
        "high": (Decimal("0.8"), Decimal("1.001")),
    }

    def lookups(self, request, model_admin):
        return [("low", "low (< 0.5)"), ("medium", "medium (0.5–0.8)"), ("high", "high (≥ 0.8)")]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        if band is None:
            return queryset
        return queryset.filter(confidence__gte=band[0], confidence__lt=band[1])
