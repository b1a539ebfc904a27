"""Read-only corpus API: documents (with sentences) and sentence search."""

from __future__ import annotations

from rest_framework import viewsets

from corpus import selectors
from corpus.filters import DocumentFilterSet, SentenceFilterSet
from corpus.serializers import DocumentListSerializer, DocumentSerializer, SentenceSerializer


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
