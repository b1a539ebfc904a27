"""API serializers for the claims app."""

from __future__ import annotations

from rest_framework import serializers

from corpus.models import Language


class ExtractInputSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, max_length=1_000_000)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    reference_date = serializers.DateField(required=False, allow_null=True)


class MentionSerializer(serializers.Serializer):
    """Schema of one mention (the data itself is built by `Mention.as_dict`)."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()
    sentence_index = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["quantity", "date", "identifier"])
    modifier = serializers.CharField()
    rule = serializers.CharField()
    value = serializers.DictField()


class ExtractOutputSerializer(serializers.Serializer):
    language = serializers.CharField()
    reference_date = serializers.DateField(allow_null=True)
    mentions = MentionSerializer(many=True)
