"""`manage.py propose [DOCUMENT...]`: proposed claims for stored documents (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.services import document_propose
from corpus.models import Document


class Command(BaseCommand):
    help = "Propose claims from the figures and dates of stored documents (all documents by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("documents", nargs="*", type=int, help="document ids (default: all)")

    def handle(self, *args, documents: list[int], **options) -> None:
        queryset = Document.objects.order_by("id")
        if documents:
            queryset = queryset.filter(pk__in=documents)
            missing = sorted(set(documents) - set(queryset.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no such document: {', '.join(map(str, missing))}")
        total_created = total_skipped = 0
        for document in queryset:
            result = document_propose(document=document, via="command")
            total_created += result.created
            total_skipped += result.skipped
            self.stdout.write(f"document {document.pk}: proposed {result.created}, skipped {result.skipped}")
        self.stdout.write(f"proposed {total_created}, skipped {total_skipped}")
