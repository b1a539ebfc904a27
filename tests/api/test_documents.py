"""Corpus API: documents with sentences, filters, sentence search, query counts."""

from __future__ import annotations

import pytest

from tests.factories import DocumentFactory, SentenceFactory, SourceFactory


@pytest.mark.django_db
class TestDocumentList:
    def test_lists_the_five_seeds(self, api_client, seeded) -> None:
        response = api_client.get("/api/v1/documents/")

        assert response.status_code == 200
        assert response.json()["count"] == 5
        assert {d["language"] for d in response.json()["results"]} == {"ar", "fa"}

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("language=fa", {"001"}),
            ("published_after=2019-06-26", {"000", "001", "004"}),
            ("published_before=2019-06-30", {"000"}),
            ("search=يركز", {"002"}),
        ],
    )
    def test_filters(self, api_client, seeded, query: str, expected: set[str]) -> None:
        by_id = {doc.pk: name[:3] for name, doc in seeded.items()}

        response = api_client.get(f"/api/v1/documents/?{query}")

        assert {by_id[d["id"]] for d in response.json()["results"]} == expected

    def test_source_filter(self, api_client, seeded) -> None:
        doc = seeded["003_8279783cd2d21695.txt"]

        response = api_client.get(f"/api/v1/documents/?source={doc.source_id}")

        assert [d["id"] for d in response.json()["results"]] == [doc.pk]

    def test_unknown_language_is_a_400_with_the_field_named(self, api_client, db) -> None:
        response = api_client.get("/api/v1/documents/?language=xx")

        assert response.status_code == 400
        assert "language" in response.json()

    @pytest.mark.parametrize("rows", [2, 50])
    def test_runs_a_constant_number_of_queries(self, api_client, db, django_assert_num_queries, rows) -> None:
        source = SourceFactory()
        DocumentFactory.create_batch(rows, source=source)

        # 1. COUNT(*) for the paginator
        # 2. the page of documents with their source joined
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/documents/")

        assert len(response.json()["results"]) == rows


@pytest.mark.django_db
class TestDocumentDetail:
    def test_returns_text_and_sentences_whose_offsets_hold(self, api_client, seeded) -> None:
        for doc in seeded.values():
            body = api_client.get(f"/api/v1/documents/{doc.pk}/").json()

            assert set(body) >= {
                "id",
                "title",
                "language",
                "source",
                "url",
                "sha256",
                "published_on",
                "published_precision",
                "published_basis",
                "text",
                "sentences",
            }
            assert [s["index"] for s in body["sentences"]] == list(range(len(body["sentences"])))
            for sentence in body["sentences"]:
                assert body["text"][sentence["start"] : sentence["end"]] == sentence["text"]

    def test_runs_two_queries(self, api_client, db, django_assert_num_queries) -> None:
        doc = DocumentFactory()
        SentenceFactory.create_batch(3, document=doc)

        # 1. the document with its source joined
        # 2. its sentences in order
        with django_assert_num_queries(2):
            api_client.get(f"/api/v1/documents/{doc.pk}/")

    def test_unknown_id_is_404(self, api_client, db) -> None:
        assert api_client.get("/api/v1/documents/999999/").status_code == 404


@pytest.mark.django_db
class TestSentenceSearch:
    def test_search_finds_sentences_across_documents(self, api_client, seeded) -> None:
        response = api_client.get("/api/v1/sentences/", {"search": "باغوز"})

        results = response.json()["results"]
        assert response.status_code == 200
        assert sorted(r["language"] for r in results) == ["ar", "fa"]  # الباغوز (000) and باغوز (001)

    @pytest.mark.parametrize("rows", [2, 50])
    def test_runs_a_constant_number_of_queries(self, api_client, db, django_assert_num_queries, rows) -> None:
        doc = DocumentFactory()
        SentenceFactory.create_batch(rows, document=doc)

        # 1. COUNT(*) for the paginator
        # 2. the page of sentences with the document's language joined
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/sentences/")

        assert len(response.json()["results"]) == rows


@pytest.mark.django_db
def test_schema_and_docs_are_served(api_client) -> None:
    schema = api_client.get("/api/schema/")
    docs = api_client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/documents/" in schema.content
    assert docs.status_code == 200


@pytest.mark.django_db
def test_api_root_lists_every_resource_of_both_apps(api_client) -> None:
    root = api_client.get("/api/v1/").json()

    # Both apps' resources are there (tests/api/test_api_root.py checks the whole list).
    assert {"documents", "sentences", "mentions", "entities", "properties", "claims", "facts", "conflicts"} <= set(root)
