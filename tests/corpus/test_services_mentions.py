"""Stored mentions: ingest keeps what the extractor found, and `reextract` refreshes it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from corpus.extraction.article import analyze_article
from corpus.extraction.version import EXTRACTOR_VERSION
from corpus.models import Mention
from corpus.services import DocumentRejected, document_ingest, document_reextract, documents_needing_reextract

ARTICLE = (
    "القاهرة - الأحد 5 يونيو 2022\n\n"
    "قالت وزارة الصحة إن عدد المصابين ارتفع إلى 2310 مصابا في المحافظات الثلاث.\n"
    "وأضافت أن أكثر من 500 شخص غادروا منازلهم منذ 28 مايو 2022 بحسب القرار رقم 45.\n"
)


def _ingest(text: str = ARTICLE, name: str = "article.txt"):
    return document_ingest(raw=text.encode(), file_name=name).document


@pytest.mark.django_db
class TestIngestStoresMentions:
    def test_every_mention_the_pipeline_finds_is_stored_at_its_span(self) -> None:
        document = _ingest()

        stored = list(Mention.objects.filter(document=document).order_by("start"))
        found = analyze_article(document.text, language=document.language, reference_date=document.trusted_date)

        assert [(m.start, m.end, m.kind) for m in stored] == [
            (item.mention.start, item.mention.end, str(item.mention.kind)) for item in found.mentions
        ]
        assert all(document.text[m.start : m.end] == m.text for m in stored)
        assert all(m.sentence.start <= m.start and m.end <= m.sentence.end for m in stored)
        assert {m.extractor_version for m in stored} == {EXTRACTOR_VERSION}

    def test_values_are_stored_as_intervals_with_their_rule(self) -> None:
        document = _ingest()

        injured = Mention.objects.get(document=document, kind="quantity", nominal="2310")
        more_than = Mention.objects.get(document=document, kind="quantity", nominal="500")

        assert (injured.lower, injured.upper, injured.modifier) == (Decimal(2310), Decimal(2310), "exact")
        assert more_than.modifier == "more_than"
        assert (more_than.lower, more_than.lower_open, more_than.upper) == (Decimal(500), True, None)
        assert more_than.rule

    def test_identifiers_are_mentions_of_their_own_kind(self) -> None:
        document = _ingest()

        assert Mention.objects.filter(document=document, kind="identifier", nominal="45").exists()
        assert not Mention.objects.filter(document=document, kind="quantity", nominal="45").exists()

    def test_a_document_that_is_not_stored_leaves_no_mentions(self) -> None:
        with pytest.raises(DocumentRejected):
            document_ingest(raw=b"\x00\x01", file_name="binary.txt")

        assert Mention.objects.count() == 0


@pytest.mark.django_db
class TestReextract:
    def test_a_current_document_is_unchanged(self) -> None:
        document = _ingest()
        before = Mention.objects.filter(document=document).count()

        result = document_reextract(document=document)

        assert not result.touched
        assert result.unchanged == before
        assert documents_needing_reextract() == []

    def test_an_outdated_value_is_corrected_in_place_and_reported(self) -> None:
        document = _ingest()
        mention = Mention.objects.get(document=document, nominal="2310")
        Mention.objects.filter(pk=mention.pk).update(nominal="2300", lower=2300, extractor_version="older")

        assert documents_needing_reextract() == [document]
        result = document_reextract(document=document)

        mention.refresh_from_db()
        assert result.changed[mention.pk]["nominal"] == ("2300", "2310")
        assert (mention.nominal, mention.lower, mention.extractor_version) == ("2310", Decimal(2310), EXTRACTOR_VERSION)

    def test_spans_no_longer_found_are_removed_and_new_ones_added(self) -> None:
        document = _ingest()
        first = Mention.objects.filter(document=document).order_by("start").first()
        sentence = first.sentence
        key = (first.start, first.end, first.kind)
        first.delete()
        stray = Mention.objects.create(
            document=document,
            sentence=sentence,
            start=sentence.start,
            end=sentence.start + 2,
            text=document.text[sentence.start : sentence.start + 2],
            kind="quantity",
            nominal="1",
            extractor_version="older",
        )

        result = document_reextract(document=document)

        assert result.removed == [(stray.start, stray.end, "quantity")]
        assert len(result.added) == 1
        assert Mention.objects.filter(document=document, start=key[0], end=key[1], kind=key[2]).exists()

    def test_documents_without_mentions_need_reextracting(self) -> None:
        document = _ingest()
        Mention.objects.filter(document=document).delete()

        assert documents_needing_reextract() == [document]

    def test_the_command_reports_totals_and_refreshes_only_what_needs_it(self, capsys) -> None:
        document = _ingest()
        Mention.objects.filter(document=document, nominal="2310").update(nominal="1", extractor_version="older")

        call_command("reextract")
        out = capsys.readouterr().out

        assert f"document {document.pk}: added 0, removed 0, changed 1" in out
        assert out.strip().endswith(
            "changed 1, unchanged " + str(Mention.objects.filter(document=document).count() - 1)
        )
        call_command("reextract")
        assert ": 0 document(s)" in capsys.readouterr().out
