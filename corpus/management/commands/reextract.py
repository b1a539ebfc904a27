"""`manage.py reextract [DOCUMENT_ID...]`: refresh stored mentions after the extractor changed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corpus.extraction.version import EXTRACTOR_VERSION
from corpus.models import Document
from corpus.services import document_reextract, documents_needing_reextract


class Command(BaseCommand):
    help = (
        "Re-run the extractor on stored documents and update their mentions in place; report what "
        "changed. Without ids: every document whose mentions come from another extractor version "
        "(or that has none). Claims are never touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("documents", nargs="*", type=int, metavar="DOCUMENT_ID")
        parser.add_argument("--all", action="store_true", help="every document, whatever its mentions' version")

    def handle(self, *args, documents: list[int], all: bool, verbosity: int, **options) -> None:  # noqa: A002
        if documents:
            found = list(Document.objects.filter(pk__in=documents).order_by("pk"))
            missing = sorted(set(documents) - {d.pk for d in found})
            if missing:
                raise CommandError(f"no document with id {', '.join(map(str, missing))}")
        elif all:
            found = list(Document.objects.order_by("pk"))
        else:
            found = documents_needing_reextract()
        totals = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
        for document in found:
            result = document_reextract(document=document)
            totals["added"] += len(result.added)
            totals["removed"] += len(result.removed)
            totals["changed"] += len(result.changed)
            totals["unchanged"] += result.unchanged
            if result.touched or verbosity >= 2:
                self.stdout.write(
                    f"document {document.pk}: added {len(result.added)}, removed {len(result.removed)}, "
                    f"changed {len(result.changed)}, unchanged {result.unchanged}"
                )
            if verbosity >= 2:
                for start, end, kind in result.removed:
                    self.stdout.write(f"  removed {kind} [{start}, {end})")
                for pk, diff in result.changed.items():
                    fields = ", ".join(f"{name}: {old!r} -> {new!r}" for name, (old, new) in diff.items())
                    self.stdout.write(f"  changed mention {pk}: {fields}")
        self.stdout.write(
            f"extractor {EXTRACTOR_VERSION}: {len(found)} document(s); mentions added {totals['added']}, "
            f"removed {totals['removed']}, changed {totals['changed']}, unchanged {totals['unchanged']}"
        )
