"""Article metadata: a stated date wins over detection, bad entries fail their own file only."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from corpus.models import Document
from corpus.services import DocumentRejected, metadata_from_mapping

ARTICLE = "Floods in the north.\n\nHeavy rain on Monday flooded 40 houses, officials said."


class TestMetadataFromMapping:
    @pytest.mark.parametrize(("given", "language"), [("fa-IR", "fa"), ("ar_EG", "ar"), ("EN", "en"), ("ar", "ar")])
    def test_language_codes_with_a_region_read_as_their_language(self, given: str, language: str) -> None:
        assert metadata_from_mapping({"language": given}).language == language

    @pytest.mark.parametrize(("stated", "precision"), [("2023-02-06", "day"), ("2023-02", "month"), ("2023", "year")])
    def test_a_stated_date_takes_the_precision_it_is_written_with(self, stated: str, precision: str) -> None:
        metadata = metadata_from_mapping({"published_on": stated})

        assert (metadata.published_on, metadata.published_precision) == (stated, precision)

    @pytest.mark.parametrize(
        ("data", "reason"),
        [
            ({"url": "not a url"}, r"not a valid http\(s\) URL"),
            ({"language": "de"}, "unknown language 'de'"),
            ({"published_on": "2023-02-30"}, "is not a YYYY-MM-DD"),
            ({"published_on": "yesterday"}, "is not a YYYY-MM-DD"),
            ({"title": 3}, "must be strings"),
            ({"author": "x"}, "unknown metadata keys: author"),
        ],
    )
    def test_a_bad_entry_is_refused_with_its_reason(self, data: dict, reason: str) -> None:
        with pytest.raises(DocumentRejected, match=reason):
            metadata_from_mapping(data)


@pytest.mark.django_db
class TestIngestWithMetadata:
    def test_a_stated_date_wins_over_detection(self, tmp_path) -> None:
        (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / "metadata.json").write_text(
            json.dumps({"a.txt": {"language": "en-GB", "published_on": "2024-05-07"}}), encoding="utf-8"
        )

        call_command("ingest", "--no-progress", "--no-propose", str(tmp_path), stdout=io.StringIO())

        document = Document.objects.get()
        assert (document.language, document.published_on) == ("en", dt.date(2024, 5, 7))
        assert (document.published_precision, document.published_basis) == ("day", "stated")

    def test_a_bad_url_fails_its_file_with_the_reason_and_the_batch_goes_on(self, tmp_path) -> None:
        (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / "b.txt").write_text(ARTICLE.replace("40", "41"), encoding="utf-8")
        (tmp_path / "b.txt.meta.json").write_text(json.dumps({"url": "htp//broken"}), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()

        with pytest.raises(CommandError):
            call_command("ingest", "--no-progress", "--no-propose", str(tmp_path), stdout=out, stderr=err)

        assert Document.objects.count() == 1
        assert "b.txt: failed: metadata for b.txt: url 'htp//broken' is not a valid http(s) URL" in err.getvalue()
        assert "ingested 1, unchanged 0, failed 1" in out.getvalue()
