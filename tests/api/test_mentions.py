"""`/api/v1/mentions/`: what the extractor found at ingest, filtered by document and kind."""

from __future__ import annotations

import pytest

from corpus.services import document_ingest

TEXT = "قال المسؤولون إن 1200 شخص نزحوا وإن 40 منزلا تضررت في 3 مارس 2023."


@pytest.mark.django_db
class TestMentionsApi:
    def test_mentions_of_a_document_in_reading_order(self, api_client) -> None:
        document = document_ingest(raw=TEXT.encode(), file_name="a.txt").document

        response = api_client.get(f"/api/v1/mentions/?document={document.pk}")

        assert response.status_code == 200
        rows = response.json()["results"]
        assert [row["text"] for row in rows] == [document.text[row["start"] : row["end"]] for row in rows]
        assert [row["start"] for row in rows] == sorted(row["start"] for row in rows)
        assert {row["kind"] for row in rows} == {"quantity", "date"}

    def test_kind_filter(self, api_client) -> None:
        document = document_ingest(raw=TEXT.encode(), file_name="a.txt").document

        rows = api_client.get(f"/api/v1/mentions/?document={document.pk}&kind=date").json()["results"]

        assert [row["date_lower"] for row in rows] == ["2023-03-03"]

    def test_an_unknown_kind_is_refused(self, api_client) -> None:
        response = api_client.get("/api/v1/mentions/?kind=banana")

        assert response.status_code == 400
        assert "kind" in response.json()

    @pytest.mark.parametrize("documents", [1, 10])
    def test_query_count_is_constant(self, api_client, django_assert_num_queries, documents) -> None:
        for i in range(documents):
            document_ingest(raw=f"{TEXT} ({i})".encode(), file_name=f"{i}.txt")

        # 1. COUNT(*)  2. the page of mentions
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/mentions/")

        assert response.status_code == 200
