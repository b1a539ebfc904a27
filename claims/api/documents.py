"""`POST /api/v1/documents/`: ingest one article, find its figures and dates, propose claims.

One transaction: the document, its sentences and its proposed claims are stored together or
not at all. 201 answers with the document, every mention found in it (each with the claim
proposed for it, or the reason there is none) and the proposed claims; the same bytes again
answer 200 with the stored document and change nothing. Reads are the corpus's own
(`corpus.views.DocumentViewSet`); this subclass adds the write, which needs `corpus.add_document`
(the curator group has it).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.articles import EXAMPLE_ARTICLE, ArticleJsonSerializer, ArticleUploadSerializer, rejected_field
from claims.ingestion import ArticleResult, MentionOutcome, article_ingest, document_mentions
from claims.models import Claim
from claims.presenters import present_claims
from claims.serializers import ClaimSerializer
from corpus.serializers import DocumentListSerializer, StoredMentionSerializer
from corpus.services import DocumentRejected, IngestStatus
from corpus.views import DocumentViewSet as CorpusDocumentViewSet
from project.parsers import JSONParser
from project.preconditions import created_location


class IngestedDocumentSerializer(DocumentListSerializer):
    class Meta(DocumentListSerializer.Meta):
        fields = [*DocumentListSerializer.Meta.fields, "published_note", "text"]


class DocumentMentionSerializer(StoredMentionSerializer):
    """A stored mention (as `GET /api/v1/mentions/` shows it) and what became of it."""

    claim = serializers.IntegerField(allow_null=True, help_text="The claim proposed for this mention, if any.")
    reason = serializers.CharField(allow_null=True, help_text="Why no claim was proposed for it.")

    class Meta(StoredMentionSerializer.Meta):
        fields = [*StoredMentionSerializer.Meta.fields, "claim", "reason"]


def mention_data(outcome: MentionOutcome) -> dict[str, Any]:
    return {**StoredMentionSerializer(outcome.mention).data, "claim": outcome.claim, "reason": outcome.reason}


class IngestAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[s.value for s in IngestStatus])
    document = IngestedDocumentSerializer()
    mentions = DocumentMentionSerializer(many=True)
    proposals = ClaimSerializer(many=True)


def ingest_answer(result: ArticleResult) -> dict[str, Any]:
    document = result.document
    return {
        "status": str(result.status),
        "document": IngestedDocumentSerializer(document).data,
        "mentions": [mention_data(o) for o in document_mentions(document)],
        "proposals": present_claims(Claim.objects.filter(document=document).order_by("id")),
    }


class DocumentViewSet(CorpusDocumentViewSet):
    """Documents: list and read (with sentences), and ingest a new article."""

    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        request={"application/json": ArticleJsonSerializer, "multipart/form-data": ArticleUploadSerializer},
        examples=[OpenApiExample("An English article", value=EXAMPLE_ARTICLE, request_only=True)],
        responses={
            201: OpenApiResponse(IngestAnswerSerializer, description="Stored, with its mentions and proposed claims."),
            200: OpenApiResponse(IngestAnswerSerializer, description="The same bytes were already stored."),
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        """Ingest an article (text or HTML, as JSON or an uploaded file) and propose its claims."""
        is_upload = request.content_type.startswith("multipart/")
        params = (ArticleUploadSerializer if is_upload else ArticleJsonSerializer)(data=request.data)
        params.is_valid(raise_exception=True)
        raw, file_name, field = params.article()
        try:
            result = article_ingest(
                raw=raw, file_name=file_name, metadata=params.metadata(), user=request.user, via="api"
            )
        except DocumentRejected as exc:
            raise ValidationError({rejected_field(exc.reason, field): [exc.reason]}) from exc
        created = result.status == IngestStatus.INGESTED
        response = Response(ingest_answer(result), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
        if created:
            response["Location"] = created_location(request, result.document.pk)
        return response
