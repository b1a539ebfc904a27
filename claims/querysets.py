"""Chainable filters for claims models."""

from __future__ import annotations

from django.db import models


class EntityQuerySet(models.QuerySet):
    def matching_alias(self, normalized: str) -> EntityQuerySet:
        return self.filter(aliases__normalized__icontains=normalized).distinct()


class FactQuerySet(models.QuerySet):
    def with_relations(self) -> FactQuerySet:
        return self.select_related("subject", "property")


class ClaimQuerySet(models.QuerySet):
    def with_relations(self) -> ClaimQuerySet:
        return self.select_related("subject", "property", "fact", "document", "document__source")

    def accepted(self) -> ClaimQuerySet:
        return self.filter(status="accepted")
