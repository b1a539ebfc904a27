"""Read serializers for the corpus API (the corpus API is read-only)."""

from __future__ import annotations

from rest_framework import serializers

from corpus.models import Document, Mention, Sentence, Source


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "homepage", "country"]


class SentenceInDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sentence
        fields = ["index", "start", "end", "text"]


class DocumentListSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "language",
            "source",
            "url",
            "sha256",
            "published_on",
            "published_precision",
            "published_basis",
        ]


class DocumentSerializer(DocumentListSerializer):
    sentences = SentenceInDocumentSerializer(many=True, read_only=True)

    class Meta(DocumentListSerializer.Meta):
        fields = [*DocumentListSerializer.Meta.fields, "published_note", "text", "sentences"]


class SentenceSerializer(serializers.ModelSerializer):
    document = serializers.PrimaryKeyRelatedField(read_only=True)
    language = serializers.CharField(source="document.language", read_only=True)

    class Meta:
        model = Sentence
        fields = ["id", "document", "language", "index", "start", "end", "text"]


class StoredMentionSerializer(serializers.ModelSerializer):
    """A stored mention: its span and quote, kind, value as an interval, and the rule behind it."""

    document = serializers.PrimaryKeyRelatedField(read_only=True)
    sentence = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Mention
        fields = [
            "id",
            "document",
            "sentence",
            "start",
            "end",
            "text",
            "kind",
            "nominal",
            "lower",
            "upper",
            "lower_open",
            "upper_open",
            "modifier",
            "rule",
            "unit",
            "noun",
            "date_lower",
            "date_upper",
            "date_precision",
            "calendar",
            "extra",
            "extractor_version",
        ]
