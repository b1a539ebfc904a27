"""Input serializers for articles sent through the API (one document, or a batch's documents).

An article is `text` or `html` (JSON), or an uploaded `.txt`/`.html` file (multipart), with the
same optional metadata. It becomes raw bytes plus metadata, exactly what the `ingest` command
reads from a file, so the same bytes sent either way are the same document (sha256).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework import serializers

from claims.serializers import DayField
from corpus.files import ARTICLE_SUFFIXES
from corpus.models import Language
from corpus.services import DocumentMetadata


class ArticleMetadataSerializer(serializers.Serializer):
    """What a client may say about an article; everything is optional."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="The outlet's name.")
    source_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    source_country = serializers.RegexField(
        r"^[A-Z]{2}$", required=False, allow_blank=True, help_text="ISO 3166-1 alpha-2"
    )
    language = serializers.ChoiceField(
        choices=Language.choices, required=False, help_text="Detected from the text when not given."
    )
    published_on = DayField(
        required=False, allow_null=True, help_text="The article's date; found in the text when not given."
    )

    def metadata(self) -> DocumentMetadata:
        return metadata_of(self.validated_data)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        refuse_unknown_fields(self, data)
        return super().to_internal_value(data)


def refuse_unknown_fields(serializer: serializers.Serializer, data: Any) -> None:
    """A misspelt field is an error, not silently ignored (also inside a list of articles)."""
    if isinstance(data, Mapping):
        unknown = set(data) - set(serializer.fields) - {"csrfmiddlewaretoken"}
        if unknown:
            raise serializers.ValidationError({f: ["Unknown field."] for f in sorted(unknown)})


def metadata_of(data: dict[str, Any]) -> DocumentMetadata:
    """The metadata in an article's validated data."""
    return DocumentMetadata(
        source=data.get("source", ""),
        source_url=data.get("source_url", ""),
        source_country=data.get("source_country", ""),
        language=data.get("language", ""),
        title=data.get("title", ""),
        url=data.get("url", ""),
        published_on=data["published_on"].isoformat() if data.get("published_on") else "",
    )


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise serializers.ValidationError("Contains a lone surrogate, which is not text.") from exc
    return value


class ArticleJsonSerializer(ArticleMetadataSerializer):
    """An article as JSON: exactly one of `text` and `html`."""

    text = serializers.CharField(
        required=False, trim_whitespace=False, validators=[_encodable], help_text="The article as plain text."
    )
    html = serializers.CharField(
        required=False,
        trim_whitespace=False,
        validators=[_encodable],
        help_text="The article's HTML page; its main text is kept.",
    )
    file_name = serializers.CharField(
        max_length=255, required=False, help_text="A name to show for it (default api.txt or api.html)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [f for f in ("text", "html") if f in attrs]
        if len(given) != 1:
            raise serializers.ValidationError({"text": "Send exactly one of `text` and `html`."})
        return attrs

    def article(self) -> tuple[bytes, str, str]:
        return json_article(self.validated_data)


def json_article(data: dict[str, Any]) -> tuple[bytes, str, str]:
    """(raw bytes, file name, the field the bytes came from) of a JSON article's validated data."""
    field = "text" if "text" in data else "html"
    default_name = "api.txt" if field == "text" else "api.html"
    return data[field].encode("utf-8"), data.get("file_name", default_name), field


class ArticleUploadSerializer(ArticleMetadataSerializer):
    """An article as an uploaded `.txt` or `.html` file (multipart/form-data)."""

    file = serializers.FileField(help_text="A .txt (UTF-8) or .html file.")

    def validate_file(self, upload):
        if not upload.name.lower().endswith(ARTICLE_SUFFIXES):
            raise serializers.ValidationError(f"Expected a {', '.join(ARTICLE_SUFFIXES)} file, got {upload.name!r}.")
        limit = settings.SANAD_MAX_DOCUMENT_BYTES
        if upload.size > limit:
            raise serializers.ValidationError(f"The file is {upload.size:,} bytes, over the {limit:,}-byte limit.")
        return upload

    def article(self) -> tuple[bytes, str, str]:
        upload = self.validated_data["file"]
        return upload.read(), upload.name, "file"


# An article for the schema's examples (clients and the CI fuzzer start from it).
EXAMPLE_ARTICLE = {
    "text": (
        "Harbour reopens after repairs\n"
        "The harbour reopened on 14 May 2024 after repairs that cost 8 million dollars, the port authority said.\n"
        "More than 25 ships had waited outside the breakwater.\n"
    ),
    "language": "en",
    "source": "Port Gazette",
}


def rejected_field(reason: str, default: str) -> str:
    """The request field a `DocumentRejected` reason is about."""
    if reason.startswith("unsupported language"):
        return "language"
    if reason.startswith("published_on"):
        return "published_on"
    return default
