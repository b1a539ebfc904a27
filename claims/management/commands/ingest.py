"""`manage.py ingest PATH... [--queue]`: store articles (files or folders) with their sentences, and propose claims.

It lives in `claims`, the top layer, because it runs both halves: the corpus stores the text,
claims proposes from it (imports run `claims` → `corpus`, never back). With `--queue` the files
become one batch job for the Celery workers (`make worker`), and the command follows the job's
progress; without a broker configured the job's tasks run right here, in this process.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.ingestion import article_ingest
from claims.jobs import JobDocument, job_counts
from claims.models import IngestJob, IngestJobItem
from claims.tasks import ingest_job_submit
from corpus.files import ArticleFile, collect_article_files
from corpus.services import DocumentRejected, IngestStatus

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = "Ingest .txt/.html articles (files or folders). Idempotent by the sha256 of the raw bytes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
        parser.add_argument("--no-propose", action="store_true", help="store documents without proposing claims")
        parser.add_argument(
            "--queue", action="store_true", help="submit the files as one job for the Celery workers and follow it"
        )
        parser.add_argument("--no-wait", action="store_true", help="with --queue: print the job id and return")

    def handle(self, *args, paths: list[Path], no_progress: bool, no_propose: bool, queue: bool, **options) -> None:
        files = collect_article_files(paths)
        if queue:
            self._queue(files, propose=not no_propose, progress=not no_progress, wait=not options["no_wait"])
            return
        counts = {"ingested": 0, "unchanged": 0, "failed": 0}
        for item in tqdm(files, unit="file", disable=no_progress or not files, file=sys.stderr):
            try:
                if item.error:
                    raise DocumentRejected(item.error)
                raw = item.path.read_bytes()
                # One transaction per document: its row, its sentences and its proposals.
                result = article_ingest(
                    raw=raw, file_name=item.path.name, metadata=item.metadata, propose=not no_propose, via="command"
                )
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
        self._summary(counts)

    def _queue(self, files: list[ArticleFile], *, propose: bool, progress: bool, wait: bool) -> None:
        documents = [_job_document(item) for item in files]
        if not documents:
            raise CommandError("no article files found")
        # Without a broker the tasks run inside this call; the bar then fills at once.
        job = ingest_job_submit(documents=documents, propose=propose, via="command")
        self.stdout.write(f"job {job.pk}: {job.total} document(s) submitted")
        if not wait:
            return
        with tqdm(total=job.total, unit="doc", disable=not progress, file=sys.stderr) as bar:
            while True:
                counts = job_counts(job.pk)
                settled = job.total - counts.get(IngestJobItem.Status.PENDING, 0)
                bar.update(settled - bar.n)
                job.refresh_from_db(fields=["status"])
                if job.status in (IngestJob.Status.DONE, IngestJob.Status.FAILED):
                    break
                time.sleep(POLL_SECONDS)
        for failure in job.items.filter(status=IngestJobItem.Status.FAILED).order_by("index"):
            self.stderr.write(f"{failure.file_name}: failed: {failure.reason}")
        self.stdout.write(f"job {job.pk}: {job.status}")
        self._summary({status: counts.get(status, 0) for status in ("ingested", "unchanged", "failed")})

    def _summary(self, counts: dict[str, int]) -> None:
        self.stdout.write(f"ingested {counts['ingested']}, unchanged {counts['unchanged']}, failed {counts['failed']}")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed", returncode=1)


def _job_document(item: ArticleFile) -> JobDocument:
    """A file as a job document; a file that cannot be read fails its item instead of the batch."""
    if item.error:
        return JobDocument(raw=b"", file_name=str(item.path), error=item.error)
    try:
        return JobDocument(raw=item.path.read_bytes(), file_name=item.path.name, metadata=item.metadata)
    except OSError as exc:
        return JobDocument(raw=b"", file_name=str(item.path), error=exc.strerror or str(exc))
