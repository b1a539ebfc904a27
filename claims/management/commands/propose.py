"""`manage.py propose [DOCUMENT...]`: proposed claims for stored documents (idempotent).

Prints, per document and in total, the claims proposed (with and without a subject) and the
mentions skipped with their reasons; the two add up to every mention. `-v 2` lists each skipped
mention with its reason in words a curator can read.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.domain.proposer import REASONS
from claims.models import MentionReview
from claims.proposals import ProposalResult, document_propose
from corpus.models import Document


def summary(result: ProposalResult) -> str:
    """`proposed 12 (9 with a subject), skipped 30 (no_cue 20, identifier 2, …)`."""
    reasons = ", ".join(f"{reason} {n}" for reason, n in result.reasons.most_common())
    text = f"proposed {result.created} ({result.with_subject} with a subject), skipped {result.skipped}"
    return f"{text} ({reasons})" if reasons else text


class Command(BaseCommand):
    help = "Propose claims from the figures and dates of stored documents (all documents by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("documents", nargs="*", type=int, help="document ids (default: all)")

    def handle(self, *args, documents: list[int], verbosity: int = 1, **options) -> None:
        queryset = Document.objects.order_by("id")
        if documents:
            queryset = queryset.filter(pk__in=documents)
            missing = sorted(set(documents) - set(queryset.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no such document: {', '.join(map(str, missing))}")
        total = ProposalResult()
        for document in queryset:
            result = document_propose(document=document, via="command")
            total.merge(result)
            self.stdout.write(f"document {document.pk}: {summary(result)}")
            if verbosity >= 2:
                for review in result.reviews:
                    if review.outcome == MentionReview.Outcome.PROPOSED and not review.reason:
                        continue
                    where = f"  [{review.start}, {review.end}) {review.text!r}"
                    self.stdout.write(f"{where}: {review.outcome}: {review.detail or REASONS.get(review.reason, '')}")
        self.stdout.write(summary(total))
