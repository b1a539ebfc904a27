"""Batch ingestion jobs: a job holds its documents' bytes; tasks ingest them one at a time.

Write side of `IngestJob`/`IngestJobItem` (the Celery tasks in `claims.tasks` call
`ingest_item_run`). Every step is idempotent, because with late acknowledgement a task can
run twice: after a worker died between committing and acknowledging, or when the broker
redelivers a message whose worker went silent. An item leaves `pending` exactly once, by a
conditional UPDATE in the transaction that stores its document; a second run finds it done and
changes nothing, and even a second run racing the first stores nothing twice (the document's
sha256 is unique, and the loser's transaction is rolled back).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.ingestion import article_ingest
from claims.models import IngestJob, IngestJobItem
from claims.services import User
from corpus.services import DocumentMetadata, DocumentRejected

logger = logging.getLogger(__name__)

REASON_LENGTH = 500
# Errors worth another try: the database restarting or unreachable for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@dataclass(frozen=True, slots=True)
class JobDocument:
    """One document as submitted: its bytes and metadata, or why it was refused on arrival
    (a zip entry over the size limit, say); a refused one becomes a failed item at once."""

    raw: bytes
    file_name: str
    metadata: DocumentMetadata | None = None
    error: str | None = None


class JobItemDone(Exception):
    """Another run of the same task finished this item first: roll this one back."""


@transaction.atomic
def ingest_job_create(
    *, documents: Sequence[JobDocument], propose: bool = True, user: User = None, via: str
) -> IngestJob:
    """A queued job with one item per document (the caller sends the tasks once it commits)."""
    job = IngestJob(
        total=len(documents),
        propose=propose,
        via=via,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    job.full_clean()
    job.save()
    now = timezone.now()
    IngestJobItem.objects.bulk_create(
        IngestJobItem(
            job=job,
            index=index,
            file_name=doc.file_name[:255],
            raw=b"" if doc.error else doc.raw,
            metadata={k: v for k, v in asdict(doc.metadata).items() if v} if doc.metadata else {},
            status=IngestJobItem.Status.FAILED if doc.error else IngestJobItem.Status.PENDING,
            reason=(doc.error or "")[:REASON_LENGTH],
            finished_at=now if doc.error else None,
        )
        for index, doc in enumerate(documents)
    )
    ingest_job_finalize(job_id=job.pk)  # a job whose every document was refused on arrival
    job.refresh_from_db(fields=["status", "finished_at"])
    return job


def pending_item_ids(job: IngestJob) -> list[int]:
    """The items still to ingest, in submission order: one task each."""
    return list(
        IngestJobItem.objects.filter(job=job, status=IngestJobItem.Status.PENDING)
        .order_by("index")
        .values_list("id", flat=True)
    )


def ingest_item_run(*, item_id: int) -> IngestJobItem | None:
    """Ingest one item's document (and propose its claims) unless a run already did.

    Returns the item as it ended, or None for an item that no longer exists (its job was
    deleted while the message waited). Database errors propagate, for the task to retry;
    a document that cannot be stored fails its item with the reason.
    """
    item = IngestJobItem.objects.select_related("job__created_by").filter(pk=item_id).first()
    if item is None:
        return None
    if item.status == IngestJobItem.Status.PENDING:
        now = timezone.now()
        IngestJob.objects.filter(pk=item.job_id, status=IngestJob.Status.QUEUED).update(
            status=IngestJob.Status.RUNNING, started_at=now
        )
        IngestJobItem.objects.filter(pk=item.pk).update(attempts=F("attempts") + 1)
        metadata = DocumentMetadata(**item.metadata) if item.metadata else None
        user = item.job.created_by
        try:
            with transaction.atomic():
                result = article_ingest(
                    raw=bytes(item.raw),
                    file_name=item.file_name,
                    metadata=metadata,
                    propose=item.job.propose,
                    user=user,
                    via=f"job:{item.job.via}"[:20],
                )
                done = IngestJobItem.objects.filter(pk=item.pk, status=IngestJobItem.Status.PENDING).update(
                    status=str(result.status), document=result.document, raw=b"", finished_at=timezone.now()
                )
                if done != 1:
                    raise JobItemDone()
        except DocumentRejected as exc:
            ingest_item_fail(item_id=item.pk, reason=exc.reason)
        except JobItemDone:
            logger.info("job item %s was finished by another run; this run changed nothing", item.pk)
        except TRANSIENT_ERRORS:
            raise  # the database is away: the task tries again later
        except Exception as exc:
            # A bug met by one article must not leave its job running for ever: the item fails
            # with the error, the rest of the job goes on, and the log has the traceback.
            logger.exception("job item %s failed", item.pk)
            ingest_item_fail(item_id=item.pk, reason=f"internal error ({type(exc).__name__}): {exc}")
        item.refresh_from_db(fields=["status", "reason", "document", "finished_at"])
    ingest_job_finalize(job_id=item.job_id)
    return item


def ingest_item_fail(*, item_id: int, reason: str) -> bool:
    """Record that an item's document cannot be stored (only while it is still pending)."""
    return bool(
        IngestJobItem.objects.filter(pk=item_id, status=IngestJobItem.Status.PENDING).update(
            status=IngestJobItem.Status.FAILED, reason=reason[:REASON_LENGTH], finished_at=timezone.now()
        )
    )


def ingest_job_finalize(*, job_id: int) -> bool:
    """Close the job once no item is pending: `done`, or `failed` when no document was stored.

    Called after each item's transaction has committed, so the run that commits last sees
    every item settled (each run counts after its own commit); the conditional UPDATE makes
    concurrent callers agree on one outcome.
    """
    counts = job_counts(job_id)
    if counts.get(IngestJobItem.Status.PENDING, 0):
        return False
    stored = counts.get(IngestJobItem.Status.INGESTED, 0) + counts.get(IngestJobItem.Status.UNCHANGED, 0)
    status = IngestJob.Status.DONE if stored or not counts else IngestJob.Status.FAILED
    now = timezone.now()
    return bool(
        IngestJob.objects.filter(pk=job_id, status__in=[IngestJob.Status.QUEUED, IngestJob.Status.RUNNING]).update(
            status=status, finished_at=now, started_at=Coalesce(F("started_at"), Value(now))
        )
    )


def job_counts(job_id: int) -> dict[str, int]:
    """Items per status (one grouped query)."""
    rows = IngestJobItem.objects.filter(job_id=job_id).values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}


def item_job_id(item_id: int) -> int | None:
    return IngestJobItem.objects.filter(pk=item_id).values_list("job_id", flat=True).first()
