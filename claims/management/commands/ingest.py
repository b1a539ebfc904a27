"""`manage.py ingest PATH...`: store articles (files or folders) with their sentences, and propose claims.

It lives in `claims`, the top layer, because it runs both halves: the corpus stores the text,
claims proposes from it (imports run `claims` → `corpus`, never back)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from claims.proposals import document_propose
from corpus.files import collect_article_files
from corpus.services import DocumentRejected, IngestStatus, document_ingest


class Command(BaseCommand):
    help = "Ingest .txt/.html articles (files or folders). Idempotent by the sha256 of the raw bytes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
        parser.add_argument("--no-propose", action="store_true", help="store documents without proposing claims")

    def handle(self, *args, paths: list[Path], no_progress: bool, no_propose: bool, **options) -> None:
        files = collect_article_files(paths)
        counts = {"ingested": 0, "unchanged": 0, "failed": 0}
        for item in tqdm(files, unit="file", disable=no_progress or not files, file=sys.stderr):
            try:
                if item.error:
                    raise DocumentRejected(item.error)
                raw = item.path.read_bytes()
                # One transaction per document: its row, its sentences and its proposals.
                with transaction.atomic():
                    result = document_ingest(raw=raw, file_name=item.path.name, metadata=item.metadata)
                    if result.status == IngestStatus.INGESTED and not no_propose:
                        document_propose(document=result.document, via="command")
            except (DocumentRejected, OSError, ValidationError) as exc:
                counts["failed"] += 1
                if isinstance(exc, ValidationError):
                    reason = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                else:
                    reason = exc.reason if isinstance(exc, DocumentRejected) else exc.strerror or str(exc)
                self.stderr.write(f"{item.path}: failed: {reason}")
                continue
            counts[result.status] += 1
            if result.status == IngestStatus.INGESTED:
                doc = result.document
                date = f"{doc.published_on} ({doc.published_basis})" if doc.published_on else doc.published_basis
                self.stdout.write(f"{item.path}: ingested as document {doc.pk} [{doc.language}, {date}]")
            else:
                self.stdout.write(f"{item.path}: unchanged (document {result.document.pk})")
        self.stdout.write(f"ingested {counts['ingested']}, unchanged {counts['unchanged']}, failed {counts['failed']}")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed", returncode=1)
