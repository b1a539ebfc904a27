"""`/api/v1/ingest-jobs/`: submit a batch of articles, follow it while Celery workers ingest it.

POST a list of articles (JSON, each as `POST /documents/` takes one) or a zip archive
(multipart, `.txt`/`.html` files with the `ingest` command's metadata files): 202 with
`Location: /api/v1/ingest-jobs/{id}/`. The job answers `queued`, `running`, `done` (every
document settled; failures, if any, are listed) or `failed` (not one document could be
stored), with counts, progress and each failure's index, file name and reason.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.articles import EXAMPLE_ARTICLE, ArticleJsonSerializer, json_article, metadata_of, refuse_unknown_fields
from claims.jobs import JobDocument
from claims.models import IngestJob, IngestJobItem
from claims.tasks import ingest_job_submit
from corpus.archives import ArchiveRejected, read_archive
from project.parsers import JSONParser
from project.preconditions import created_location

MAX_JSON_DOCUMENTS = 1000
# An uploaded archive may unpack to at most this much (a zip bomb is refused before unpacking).
MAX_ARCHIVE_TOTAL = 500 * 1024 * 1024


class JobJsonSerializer(serializers.Serializer):
    documents = ArticleJsonSerializer(many=True, allow_empty=False, max_length=MAX_JSON_DOCUMENTS)
    propose = serializers.BooleanField(default=True, help_text="Propose claims for each new document.")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        refuse_unknown_fields(self, data)
        return super().to_internal_value(data)


class JobUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A zip archive of .txt/.html files, with metadata.json or NAME.meta.json.")
    propose = serializers.BooleanField(default=True, help_text="Propose claims for each new document.")

    def validate_file(self, upload):
        if upload.size > MAX_ARCHIVE_TOTAL:
            raise serializers.ValidationError(f"The archive is {upload.size:,} bytes, over {MAX_ARCHIVE_TOTAL:,}.")
        return upload


class JobCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    ingested = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    failed = serializers.IntegerField()
    pending = serializers.IntegerField()


class JobFailureSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Position in the submitted list (or in the archive, by name).")
    file_name = serializers.CharField()
    reason = serializers.CharField()


class IngestJobSerializer(serializers.ModelSerializer):
    counts = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    failures = serializers.SerializerMethodField()

    class Meta:
        model = IngestJob
        fields = [
            "id",
            "status",
            "counts",
            "progress",
            "propose",
            "created_at",
            "started_at",
            "finished_at",
            "failures",
        ]

    @staticmethod
    def _counts(job: IngestJob) -> dict[str, int]:
        return {
            "total": job.total,
            "ingested": job.n_ingested,
            "unchanged": job.n_unchanged,
            "failed": job.n_failed,
            "pending": job.n_pending,
        }

    @extend_schema_field(JobCountsSerializer)
    def get_counts(self, job: IngestJob) -> dict[str, int]:
        return self._counts(job)

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_progress(self, job: IngestJob) -> float:
        """Share of the documents settled (ingested, unchanged or failed), 0 to 1."""
        return round((job.total - job.n_pending) / job.total, 4) if job.total else 1.0

    @extend_schema_field(JobFailureSerializer(many=True))
    def get_failures(self, job: IngestJob) -> list[dict[str, Any]]:
        return [{"index": i.index, "file_name": i.file_name, "reason": i.reason} for i in job.failed_items]


def job_list() -> QuerySet[IngestJob]:
    """Jobs, newest first, with their counts per status (one grouped query) and their failed
    items (one more query per page)."""

    def count(state: str) -> Count:
        return Count("items", filter=Q(items__status=state))

    return (
        IngestJob.objects.annotate(
            n_ingested=count(IngestJobItem.Status.INGESTED),
            n_unchanged=count(IngestJobItem.Status.UNCHANGED),
            n_failed=count(IngestJobItem.Status.FAILED),
            n_pending=count(IngestJobItem.Status.PENDING),
        )
        .prefetch_related(
            Prefetch(
                "items",
                queryset=IngestJobItem.objects.filter(status=IngestJobItem.Status.FAILED)
                .only("id", "job_id", "index", "file_name", "reason")
                .order_by("index"),
                to_attr="failed_items",
            )
        )
        .order_by("-id")
    )


class IngestJobViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Batch ingestion jobs: submit (curators), list and follow."""

    serializer_class = IngestJobSerializer
    parser_classes = [JSONParser, MultiPartParser]
    queryset = IngestJob.objects.none()  # for the permission class; get_queryset is what is used
    ordering_fields = ["id"]
    filterset_fields = ["status"]

    def get_queryset(self) -> QuerySet[IngestJob]:
        return job_list()

    @extend_schema(
        request={"application/json": JobJsonSerializer, "multipart/form-data": JobUploadSerializer},
        examples=[
            OpenApiExample(
                "Two articles",
                value={"documents": [EXAMPLE_ARTICLE, {"html": "<html><body><p>Only 3 lines.</p></body></html>"}]},
                request_only=True,
            )
        ],
        responses={202: OpenApiResponse(IngestJobSerializer, description="Queued; follow it at Location.")},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Submit a batch: a JSON list of articles, or a zip archive of article files."""
        if request.content_type.startswith("multipart/"):
            params = JobUploadSerializer(data=request.data)
            params.is_valid(raise_exception=True)
            documents = _archive_documents(params.validated_data["file"])
        else:
            params = JobJsonSerializer(data=request.data)
            params.is_valid(raise_exception=True)
            documents = _json_documents(params)
        job = ingest_job_submit(
            documents=documents, propose=params.validated_data["propose"], user=request.user, via="api"
        )
        job = job_list().get(pk=job.pk)
        response = Response(IngestJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
        response["Location"] = created_location(request, job.pk)
        return response


def _json_documents(params: JobJsonSerializer) -> list[JobDocument]:
    documents = []
    for data in params.validated_data["documents"]:
        raw, file_name, _ = json_article(data)
        documents.append(JobDocument(raw=raw, file_name=file_name, metadata=metadata_of(data)))
    return documents


def _archive_documents(upload) -> list[JobDocument]:
    try:
        articles = read_archive(
            upload, max_document_bytes=settings.SANAD_MAX_DOCUMENT_BYTES, max_total=MAX_ARCHIVE_TOTAL
        )
    except ArchiveRejected as exc:
        raise ValidationError({"file": [exc.reason]}) from exc
    return [JobDocument(raw=a.raw, file_name=a.name, metadata=a.metadata, error=a.error) for a in articles]
