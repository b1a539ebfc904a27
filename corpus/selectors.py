"""Read queries for the corpus, with their joins and a stable order."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from corpus.models import Document, Mention, Sentence, Source


def document_list() -> QuerySet[Document]:
    """Documents with their source joined (one query per page), newest first."""
    return Document.objects.with_source().defer("text").order_by("-published_on", "-id")


def document_detail() -> QuerySet[Document]:
    """A document with its source joined and its sentences in order (two queries)."""
    return Document.objects.with_source().prefetch_related(
        Prefetch("sentences", queryset=Sentence.objects.order_by("index"))
    )


def sentence_list() -> QuerySet[Sentence]:
    """Sentences in reading order, with the document's language available without a query."""
    return (
        Sentence.objects.select_related("document")
        .only("id", "document_id", "document__language", "index", "start", "end", "text")
        .order_by("document_id", "index")
    )


def source_list() -> QuerySet[Source]:
    """Sources by name (one query per page)."""
    return Source.objects.order_by("name", "id")


def mention_list() -> QuerySet[Mention]:
    """Stored mentions in reading order (document, then position), one query per page."""
    return Mention.objects.order_by("document_id", "start", "end", "id")
