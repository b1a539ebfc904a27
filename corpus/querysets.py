"""Chainable filters for corpus models."""

from __future__ import annotations

from django.db import models


class DocumentQuerySet(models.QuerySet):
    def with_source(self) -> DocumentQuerySet:
        return self.select_related("source")


class SentenceQuerySet(models.QuerySet):
    def with_document(self) -> SentenceQuerySet:
        return self.select_related("document", "document__source")


class MentionQuerySet(models.QuerySet):
    def for_document(self, document_id: int) -> MentionQuerySet:
        return self.filter(document_id=document_id)
