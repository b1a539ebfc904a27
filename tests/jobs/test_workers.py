"""Batch jobs on real Celery workers and a real Redis: the deployment's path, including a crash.

The job is submitted by `manage.py ingest --queue --no-wait` in its own process, and ingested
by `celery worker` processes; this process only reads the database.
"""

from __future__ import annotations

import pytest
from django.db.models import Count

from claims.models import Claim, Evidence, IngestJob, IngestJobItem
from corpus.models import Document
from tests.jobs.articles import write_articles
from tests.jobs.conftest import manage, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(job_env, folder) -> IngestJob:
    result = manage(job_env, "ingest", "--queue", "--no-wait", "--no-progress", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    return IngestJob.objects.get(pk=int(result.stdout.split()[1].rstrip(":")))


def _settled(job: IngestJob) -> int:
    return job.items.exclude(status=IngestJobItem.Status.PENDING).count()


def _is_finished(job: IngestJob) -> bool:
    job.refresh_from_db()
    return job.status in (IngestJob.Status.DONE, IngestJob.Status.FAILED)


def _assert_each_document_stored_once(job: IngestJob, count: int) -> None:
    items = list(job.items.order_by("index"))
    assert [i.status for i in items] == ["ingested"] * count
    assert len({i.document_id for i in items}) == count
    assert Document.objects.count() == count
    # Proposing is idempotent too: no span of a document carries two claims.
    spans = Evidence.objects.values("document_id", "start", "end").annotate(n=Count("id")).filter(n__gt=1)
    assert list(spans) == []
    assert Claim.objects.count() == Evidence.objects.count()


def test_two_workers_ingest_a_job(job_env, workers, tmp_path) -> None:
    write_articles(tmp_path / "batch", 16)
    job = _submit(job_env, tmp_path / "batch")
    assert job.status == "queued"

    workers.start()
    workers.start()
    try:
        wait_for(lambda: _is_finished(job), timeout=120, what="the job to finish")
    except AssertionError:
        raise AssertionError(workers.log_tail()) from None

    assert job.status == "done"
    assert job.started_at is not None
    assert job.finished_at >= job.started_at
    _assert_each_document_stored_once(job, 16)
    assert Document.objects.filter(source__name="Coastal Courier").count() == 16


def test_a_worker_killed_mid_job_loses_nothing_and_stores_nothing_twice(job_env, workers, tmp_path) -> None:
    count = 60
    write_articles(tmp_path / "batch", count)
    job = _submit(job_env, tmp_path / "batch")
    first = workers.start()

    def mid_task() -> bool:
        # Some documents stored and one taken by a task that has not committed it yet.
        return _settled(job) >= 3 and job.items.filter(status="pending", attempts__gte=1).exists()

    wait_for(mid_task, timeout=120, what="the worker to be mid-job", poll=0.01)
    workers.kill(first)
    in_flight = list(job.items.filter(status="pending", attempts__gte=1).values_list("pk", flat=True))
    settled_at_kill = _settled(job)
    job.refresh_from_db()

    assert job.status == "running"
    assert settled_at_kill < count
    assert in_flight, "the kill landed between two tasks, not in one"

    workers.start()
    try:
        wait_for(lambda: _is_finished(job), timeout=180, what="the job to finish after the restart")
    except AssertionError:
        raise AssertionError(workers.log_tail()) from None

    assert job.status == "done"
    _assert_each_document_stored_once(job, count)
    # The document a task held when the worker died was ingested by a second run of that task.
    for item in IngestJobItem.objects.filter(pk__in=in_flight):
        assert (item.status, item.attempts) == ("ingested", 2)


def test_ingest_queue_follows_the_job_to_its_end(job_env, workers, tmp_path) -> None:
    write_articles(tmp_path / "batch", 5)
    (tmp_path / "batch" / "empty.txt").write_text("", encoding="utf-8")
    workers.start()

    result = manage(job_env, "ingest", "--queue", "--no-progress", str(tmp_path / "batch"))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "empty.txt: failed: empty file" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ingested 5, unchanged 0, failed 1"
    again = manage(job_env, "ingest", "--queue", "--no-progress", str(tmp_path / "batch" / "report-0001.txt"))
    assert again.stdout.strip().splitlines()[-1] == "ingested 0, unchanged 1, failed 0"
