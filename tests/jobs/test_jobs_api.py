"""`/api/v1/ingest-jobs/` with tasks run in process (no broker): submission, status, failures."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from claims import jobs
from claims.models import Claim, IngestJob, IngestJobItem
from corpus.models import Document
from tests.jobs.articles import article, zip_of


@pytest.fixture
def curator_client(curator) -> APIClient:
    client = APIClient()
    client.force_authenticate(curator)
    return client


def _submit(client, payload, capture, **kwargs):
    with capture(execute=True):
        return client.post("/api/v1/ingest-jobs/", payload, **kwargs)


@pytest.mark.django_db
class TestSubmitAList:
    def test_answers_202_with_the_job_and_its_location(
        self, curator_client, django_capture_on_commit_callbacks
    ) -> None:
        documents = [{"text": article(n), "language": "en", "source": "Coastal Courier"} for n in range(3)]

        response = _submit(curator_client, {"documents": documents}, django_capture_on_commit_callbacks, format="json")

        assert response.status_code == 202, response.json()
        job = IngestJob.objects.get()
        assert response["Location"].endswith(f"/api/v1/ingest-jobs/{job.pk}/")
        follow = curator_client.get(response["Location"]).json()
        assert follow["status"] == "done"
        assert follow["counts"] == {"total": 3, "ingested": 3, "unchanged": 0, "failed": 0, "pending": 0}
        assert follow["progress"] == 1.0
        assert follow["failures"] == []
        assert Document.objects.count() == 3
        assert Claim.objects.filter(document__in=Document.objects.all()).exists()
        assert set(IngestJobItem.objects.values_list("raw", flat=True)) == {b""}

    def test_failures_name_their_index_and_reason_and_the_rest_go_on(
        self, curator_client, django_capture_on_commit_callbacks
    ) -> None:
        documents = [
            {"text": article(1), "language": "en"},
            {"text": "\u0007" * 40 + " bells", "file_name": "bells.txt"},
            {"text": article(1), "language": "en"},
        ]

        response = _submit(curator_client, {"documents": documents}, django_capture_on_commit_callbacks, format="json")

        body = curator_client.get(response["Location"]).json()
        assert body["status"] == "done"
        assert body["counts"] == {"total": 3, "ingested": 1, "unchanged": 1, "failed": 1, "pending": 0}
        assert body["failures"] == [
            {"index": 1, "file_name": "bells.txt", "reason": "binary file (too many control characters)"}
        ]

    def test_a_job_where_nothing_could_be_stored_has_failed(
        self, curator_client, django_capture_on_commit_callbacks
    ) -> None:
        documents = [{"text": "\u0007" * 40}, {"html": "<html><body><nav>Home</nav></body></html>"}]

        response = _submit(curator_client, {"documents": documents}, django_capture_on_commit_callbacks, format="json")

        assert curator_client.get(response["Location"]).json()["status"] == "failed"

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"documents": []}, "documents"),
            ({"documents": [{"text": "x", "html": "<p>x</p>"}]}, "documents"),
            ({"documents": [{"text": article(0), "colour": "red"}]}, "documents"),
            ({"documents": [{"text": article(0)}], "priority": 1}, "priority"),
            ({}, "documents"),
        ],
    )
    def test_a_bad_request_is_a_400_and_queues_nothing(
        self, curator_client, django_capture_on_commit_callbacks, payload, field
    ) -> None:
        response = _submit(
            curator_client,
            json.dumps(payload),
            django_capture_on_commit_callbacks,
            content_type="application/json",
        )

        assert response.status_code == 400
        assert field in response.json(), response.json()
        assert IngestJob.objects.count() == 0


@pytest.mark.django_db
class TestSubmitAZip:
    def test_reads_articles_and_their_metadata_from_the_archive(
        self, curator_client, django_capture_on_commit_callbacks
    ) -> None:
        metadata = {"a.txt": {"source": "Harbour Times", "language": "en"}}
        archive = zip_of(
            {
                "batch/a.txt": article(5).encode(),
                "batch/metadata.json": json.dumps(metadata).encode(),
                "batch/b.txt": b"",
                "batch/notes.docx": b"PK whatever",
                "__MACOSX/batch/._a.txt": b"\x00\x01",
            }
        )
        upload = SimpleUploadedFile("batch.zip", archive, content_type="application/zip")

        response = _submit(curator_client, {"file": upload}, django_capture_on_commit_callbacks, format="multipart")

        assert response.status_code == 202, response.json()
        body = curator_client.get(response["Location"]).json()
        assert body["counts"]["total"] == 2
        assert body["failures"] == [{"index": 1, "file_name": "batch/b.txt", "reason": "empty file"}]
        assert Document.objects.get().source.name == "Harbour Times"

    def test_a_member_over_the_size_limit_fails_without_being_read(
        self, curator_client, django_capture_on_commit_callbacks, settings
    ) -> None:
        settings.SANAD_MAX_DOCUMENT_BYTES = 1000
        archive = zip_of({"big.txt": ("word " * 1000).encode(), "small.txt": article(2).encode()})
        upload = SimpleUploadedFile("b.zip", archive, content_type="application/zip")

        response = _submit(curator_client, {"file": upload}, django_capture_on_commit_callbacks, format="multipart")

        failures = curator_client.get(response["Location"]).json()["failures"]
        assert [f["file_name"] for f in failures] == ["big.txt"]
        assert "over the 1,000-byte limit" in failures[0]["reason"]

    def test_something_that_is_not_a_zip_is_a_400(self, curator_client, django_capture_on_commit_callbacks) -> None:
        upload = SimpleUploadedFile("batch.zip", b"not a zip at all", content_type="application/zip")

        response = _submit(curator_client, {"file": upload}, django_capture_on_commit_callbacks, format="multipart")

        assert response.status_code == 400
        assert "file" in response.json()
        assert IngestJob.objects.count() == 0


@pytest.mark.django_db
class TestIdempotentTasks:
    def test_running_an_item_twice_changes_nothing_the_first_run_did(self, curator) -> None:
        job = jobs.ingest_job_create(
            documents=[jobs.JobDocument(raw=article(7).encode(), file_name="seven.txt")], via="api", user=curator
        )
        (item_id,) = jobs.pending_item_ids(job)

        first = jobs.ingest_item_run(item_id=item_id)
        claims = Claim.objects.count()
        second = jobs.ingest_item_run(item_id=item_id)

        assert (first.status, second.status) == ("ingested", "ingested")
        assert Document.objects.count() == 1
        assert Claim.objects.count() == claims
        job.refresh_from_db()
        assert job.status == "done"
        assert IngestJobItem.objects.get().attempts == 1

    def test_an_unexpected_error_fails_the_item_and_the_job_still_ends(self, monkeypatch) -> None:
        job = jobs.ingest_job_create(
            documents=[
                jobs.JobDocument(raw=article(1).encode(), file_name="one.txt"),
                jobs.JobDocument(raw=article(2).encode(), file_name="two.txt"),
            ],
            via="api",
        )
        first, second = jobs.pending_item_ids(job)
        real = jobs.article_ingest

        def broken_once(**kwargs):
            if kwargs["file_name"] == "one.txt":
                raise RuntimeError("a bug met by this article")
            return real(**kwargs)

        monkeypatch.setattr(jobs, "article_ingest", broken_once)
        jobs.ingest_item_run(item_id=first)
        jobs.ingest_item_run(item_id=second)

        job.refresh_from_db()
        assert job.status == "done"
        failed = IngestJobItem.objects.get(pk=first)
        assert (failed.status, failed.reason) == ("failed", "internal error (RuntimeError): a bug met by this article")
        assert IngestJobItem.objects.get(pk=second).status == "ingested"

    def test_an_item_of_a_deleted_job_is_skipped(self) -> None:
        assert jobs.ingest_item_run(item_id=987654) is None


@pytest.mark.django_db
class TestWhoMaySubmit:
    def test_anonymous_clients_may_read_but_not_submit(self, api_client) -> None:
        assert api_client.get("/api/v1/ingest-jobs/").status_code == 200
        response = api_client.post("/api/v1/ingest-jobs/", {"documents": [{"text": article(0)}]}, format="json")

        assert response.status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [2, 20])
def test_the_job_list_runs_a_constant_number_of_queries(api_client, django_assert_num_queries, rows) -> None:
    for n in range(rows):
        jobs.ingest_job_create(
            documents=[
                jobs.JobDocument(raw=article(n).encode(), file_name=f"{n}.txt"),
                jobs.JobDocument(raw=b"", file_name="bad.txt", error="empty file"),
            ],
            via="api",
        )

    # 1. COUNT(*) for the paginator
    # 2. the page of jobs with their counts per status (grouped)
    # 3. the failed items of the page's jobs
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/ingest-jobs/")

    assert len(response.json()["results"]) == rows
    assert all(job["counts"]["failed"] == 1 for job in response.json()["results"])
