"""Read-only corpus API: documents (with sentences), sentence search, stored mentions, sources."""

from __future__ import annotations

from rest_framework import viewsets

from corpus import selectors
from corpus.filters import DocumentFilterSet, MentionFilterSet, SentenceFilterSet, SourceFilterSet
from corpus.serializers import (
    DocumentListSerializer,
    DocumentSerializer,
    SentenceSerializer,
    SourceSerializer,
    StoredMentionSerializer,
)


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = DocumentFilterSet
    search_fields = ["title"]
    ordering_fields = ["published_on", "id"]

    def get_queryset(self):
        return selectors.document_detail() if self.action == "retrieve" else selectors.document_list()

    def get_serializer_class(self):
        return DocumentSerializer if self.action == "retrieve" else DocumentListSerializer


class SentenceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SentenceSerializer
    filterset_class = SentenceFilterSet
    search_fields = ["text"]
    ordering_fields = ["id"]

    def get_queryset(self):
        return selectors.sentence_list()


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Outlets and publishers, by name."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    search_fields = ["name"]
    ordering_fields = ["name", "id"]

    def get_queryset(self):
        return selectors.source_list()


class MentionViewSet(viewsets.ReadOnlyModelViewSet):
    """What the extractor found at ingest, by document, sentence and kind."""

    serializer_class = StoredMentionSerializer
    filterset_class = MentionFilterSet
    ordering_fields = ["id"]

    def get_queryset(self):
        return selectors.mention_list()
