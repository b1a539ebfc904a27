"""Celery tasks: batch ingestion, one document per task (found by autodiscovery, see project.celery).

`acks_late` and `reject_on_worker_lost`: a message is acknowledged only after its task has run,
so a worker killed mid-task loses nothing; the task runs again elsewhere and, being idempotent
(`claims.jobs`), changes nothing the first run committed. A database that is briefly
unreachable is retried with a growing delay; after the last try the item is failed with the
reason, so a job always ends.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from celery import shared_task
from django.db import transaction

from claims import jobs
from claims.models import IngestJob
from claims.services import User

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="claims.ingest_job_item", acks_late=True, reject_on_worker_lost=True, max_retries=5)
def ingest_job_item(self, item_id: int) -> str:
    """Ingest one job item; returns its final status (`missing` for an item that is gone)."""
    try:
        item = jobs.ingest_item_run(item_id=item_id)
    except jobs.TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            jobs.ingest_item_fail(item_id=item_id, reason=f"database error after {self.max_retries + 1} tries: {exc}")
            job_id = jobs.item_job_id(item_id)
            if job_id is not None:
                jobs.ingest_job_finalize(job_id=job_id)
            return "failed"
        raise self.retry(exc=exc, countdown=min(60, 2**self.request.retries)) from exc
    return item.status if item is not None else "missing"


def ingest_job_submit(
    *, documents: Sequence[jobs.JobDocument], propose: bool = True, user: User = None, via: str
) -> IngestJob:
    """Create a job and, once its transaction commits, send one task per pending document.

    With no broker configured (`CELERY_TASK_ALWAYS_EAGER`) the tasks run right there, in this
    process, one after the other, before this returns.
    """
    with transaction.atomic():
        job = jobs.ingest_job_create(documents=documents, propose=propose, user=user, via=via)
        transaction.on_commit(lambda: ingest_job_enqueue(job))
    job.refresh_from_db()
    return job


def ingest_job_enqueue(job: IngestJob) -> int:
    """Send a task for each pending item of `job` (again, if need be: a done item is a no-op)."""
    ids = jobs.pending_item_ids(job)
    for item_id in ids:
        ingest_job_item.delay(item_id)
    return len(ids)
