"""One article end to end: stored by the corpus, then its claims proposed, in one transaction.

The `ingest` command, `POST /api/v1/documents/` and the batch jobs' tasks all go through
`article_ingest`, so a document is never stored without its proposals, whichever way it came.
It lives in `claims`, the top layer, because it runs both halves (imports run `claims` →
`corpus`, never back).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from claims.models import Evidence, MentionReview
from claims.proposals import ProposalResult, document_propose
from claims.revisions import User
from corpus.models import Document, Mention, MentionKind
from corpus.services import DocumentMetadata, IngestStatus, document_ingest


@dataclass(frozen=True, slots=True)
class ArticleResult:
    status: IngestStatus
    document: Document
    proposals: ProposalResult | None  # None when the document was already stored, or not proposed


@transaction.atomic
def article_ingest(
    *,
    raw: bytes,
    file_name: str,
    metadata: DocumentMetadata | None = None,
    propose: bool = True,
    user: User = None,
    via: str,
) -> ArticleResult:
    """Store the article and propose its claims, or report that the same bytes are stored.

    Raises `corpus.services.DocumentRejected` (nothing stored) when the bytes are not an
    article. The same bytes a second time change nothing: the stored document is returned with
    status `unchanged` and nothing is proposed again.
    """
    result = document_ingest(raw=raw, file_name=file_name, metadata=metadata)
    proposals = None
    if result.status == IngestStatus.INGESTED and propose:
        proposals = document_propose(document=result.document, user=user, via=via)
    return ArticleResult(result.status, result.document, proposals)


@dataclass(frozen=True, slots=True)
class MentionOutcome:
    """A stored mention of a document with the claim proposed for it, or why there is none."""

    mention: Mention
    claim: int | None
    reason: str | None


def document_mentions(document: Document) -> list[MentionOutcome]:
    """Every mention stored for the document at ingest, in reading order, each with the claim
    at its span or the reason `propose` recorded for leaving it without one (three queries)."""
    claimed = {
        (start, end): claim_id
        for claim_id, start, end in Evidence.objects.filter(document=document)
        .order_by("id")
        .values_list("claim_id", "start", "end")
    }
    reviews = {
        (start, end): detail or reason
        for start, end, reason, detail in MentionReview.objects.filter(document=document).values_list(
            "start", "end", "reason", "detail"
        )
    }
    outcomes = []
    for mention in Mention.objects.filter(document=document).order_by("start", "end", "id"):
        claim = claimed.get((mention.start, mention.end))
        reason = None if claim else reviews.get((mention.start, mention.end)) or _unreviewed(mention)
        outcomes.append(MentionOutcome(mention, claim, reason))
    return outcomes


def _unreviewed(mention: Mention) -> str:
    """The reason for a mention `propose` left no record of (proposing was off, or it never ran)."""
    if mention.kind == MentionKind.IDENTIFIER:
        return "an identifier (it names something), not a figure or a date to claim"
    if mention.kind not in (MentionKind.QUANTITY, MentionKind.DATE):
        return f"a {mention.kind}: only quantities and dates are proposed"
    return "no claim at this span (proposing was off, or the claim was deleted)"
