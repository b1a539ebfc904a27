"""Read queries for claims, facts and revisions, with their joins and a stable order."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from claims.models import Claim, Evidence, Fact, Revision
from corpus.models import Sentence


def claim_list() -> QuerySet[Claim]:
    """Claims with subject, property, fact and source joined and evidence prefetched."""
    return (
        Claim.objects.with_relations()
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("sentence").order_by("id")))
        .order_by("-id")
    )


def fact_list() -> QuerySet[Fact]:
    return Fact.objects.with_relations().order_by("id")


def revisions_for(obj) -> QuerySet[Revision]:
    """The history of one object, oldest first."""
    return (
        Revision.objects.filter(model=obj._meta.model_name, object_id=obj.pk)
        .select_related("user")
        .order_by("created_at", "id")
    )


def sentences_around(sentence: Sentence, *, radius: int = 1) -> QuerySet[Sentence]:
    """The sentence and its neighbours, in order: context for a curator."""
    return Sentence.objects.filter(
        document_id=sentence.document_id, index__gte=sentence.index - radius, index__lte=sentence.index + radius
    ).order_by("index")
