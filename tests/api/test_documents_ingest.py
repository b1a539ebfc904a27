"""`POST /api/v1/documents/`: ingest, extract and propose in one transaction, through the API."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from claims.models import Claim, Revision
from corpus.models import Document, Sentence

ARTICLE = (
    "Floods in the north\n"
    "The floods displaced 12,000 people across the northern valley on 3 March 2024, officials said.\n"
    "At least 40 villages were cut off, and about 300 homes were destroyed.\n"
)
HTML = (
    "<!doctype html><html><head><title>Harbour reopens</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
    "<article><h1>Harbour reopens</h1>"
    "<p>The harbour reopened on Tuesday after repairs that cost 8 million dollars, the port authority said.</p>"
    "<p>More than 25 ships waited outside the breakwater during the works.</p></article>"
    "<footer>All rights reserved</footer></body></html>"
)


@pytest.fixture
def curator_client(curator) -> APIClient:
    client = APIClient()
    client.force_authenticate(curator)
    return client


def _post(client: APIClient, payload: dict):
    return client.post("/api/v1/documents/", payload, format="json")


@pytest.mark.django_db
class TestIngestThroughTheApi:
    def test_a_new_article_is_stored_with_its_mentions_and_proposals(self, curator_client) -> None:
        response = _post(curator_client, {"text": ARTICLE, "source": "Valley Herald", "language": "en"})

        assert response.status_code == 201, response.json()
        body = response.json()
        document = Document.objects.get(pk=body["document"]["id"])
        assert response["Location"].endswith(f"/api/v1/documents/{document.pk}/")
        assert body["status"] == "ingested"
        assert document.source.name == "Valley Herald"
        assert Sentence.objects.filter(document=document).count() >= 2
        texts = [m["text"] for m in body["mentions"]]
        assert any("12,000" in t for t in texts)
        for mention in body["mentions"]:
            assert document.text[mention["start"] : mention["end"]] == mention["text"]
            assert (mention["claim"] is None) != (mention["reason"] is None)
        proposed = {c["id"] for c in body["proposals"]}
        assert {m["claim"] for m in body["mentions"] if m["claim"]} <= proposed
        assert proposed == set(Claim.objects.filter(document=document).values_list("id", flat=True))
        assert Revision.objects.filter(model="claim", via="api", action="create").count() == len(proposed)

    def test_the_same_bytes_again_answer_200_and_store_nothing(self, curator_client) -> None:
        first = _post(curator_client, {"text": ARTICLE, "language": "en"})
        claims_before = Claim.objects.count()

        again = _post(curator_client, {"text": ARTICLE, "language": "en", "title": "another title"})

        assert again.status_code == 200
        assert again.json()["status"] == "unchanged"
        assert again.json()["document"]["id"] == first.json()["document"]["id"]
        assert again.json()["proposals"] == first.json()["proposals"]
        assert Document.objects.count() == 1
        assert Claim.objects.count() == claims_before

    def test_html_is_reduced_to_its_main_text(self, curator_client) -> None:
        response = _post(curator_client, {"html": HTML, "language": "en"})

        assert response.status_code == 201, response.json()
        text = response.json()["document"]["text"]
        assert "harbour reopened" in text
        assert "All rights reserved" not in text
        assert any("25" in m["text"] for m in response.json()["mentions"])

    def test_a_given_date_is_the_stated_reference_date(self, curator_client) -> None:
        response = _post(curator_client, {"html": HTML, "language": "en", "published_on": "2024-05-14"})

        document = Document.objects.get(pk=response.json()["document"]["id"])
        assert (document.published_on.isoformat(), document.published_basis) == ("2024-05-14", "stated")
        tuesday = [m for m in response.json()["mentions"] if m["kind"] == "date"]
        assert tuesday, response.json()["mentions"]
        assert tuesday[0]["date_lower"] == "2024-05-14"

    def test_an_uploaded_text_file_is_the_same_document_as_its_bytes(self, curator_client) -> None:
        upload = SimpleUploadedFile("floods.txt", ARTICLE.encode(), content_type="text/plain")

        response = curator_client.post("/api/v1/documents/", {"file": upload, "language": "en"}, format="multipart")
        again = _post(curator_client, {"text": ARTICLE, "language": "en"})

        assert response.status_code == 201, response.json()
        assert response.json()["document"]["title"] == "Floods in the north"
        assert again.status_code == 200
        assert Document.objects.get().file_name == "floods.txt"


@pytest.mark.django_db
class TestBadInputStoresNothing:
    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"text": "   \n  "}, "text"),
            ({"text": "line\x00with nul"}, "text"),
            ({"text": "a lone \ud800 surrogate"}, "text"),
            ({"text": ARTICLE, "html": HTML}, "text"),
            ({}, "text"),
            ({"text": ARTICLE, "language": "xx"}, "language"),
            ({"text": ARTICLE, "published_on": "2021-02-30"}, "published_on"),
            ({"text": ARTICLE, "source_country": "France"}, "source_country"),
            ({"text": ARTICLE, "colour": "blue"}, "colour"),
            ({"html": "<html><body><nav>Home</nav></body></html>"}, "html"),
        ],
    )
    def test_is_a_400_naming_the_field(self, curator_client, payload, field) -> None:
        response = curator_client.post("/api/v1/documents/", json.dumps(payload), content_type="application/json")

        assert response.status_code == 400
        assert field in response.json(), response.json()
        assert Document.objects.count() == 0
        assert Claim.objects.count() == 0

    def test_an_upload_that_is_not_an_article_file_is_refused(self, curator_client) -> None:
        upload = SimpleUploadedFile("report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")

        response = curator_client.post("/api/v1/documents/", {"file": upload}, format="multipart")

        assert response.status_code == 400
        assert "file" in response.json()

    def test_a_binary_upload_is_refused_by_its_field(self, curator_client) -> None:
        upload = SimpleUploadedFile("x.txt", b"\xff\xfe\x00\x01binary", content_type="text/plain")

        response = curator_client.post("/api/v1/documents/", {"file": upload}, format="multipart")

        assert response.status_code == 400
        assert "file" in response.json()
        assert Document.objects.count() == 0


@pytest.mark.django_db
class TestWhoMayIngest:
    def test_anonymous_clients_may_not(self, api_client) -> None:
        response = _post(api_client, {"text": ARTICLE})

        assert response.status_code == 401
        assert Document.objects.count() == 0

    def test_viewers_may_not(self, api_client) -> None:
        from claims.accounts import groups_ensure

        _, viewer_group = groups_ensure()
        viewer = User.objects.create_user("vera", password="x-viewer-pass-2")
        viewer.groups.add(viewer_group)
        api_client.force_authenticate(viewer)

        response = _post(api_client, {"text": ARTICLE})

        assert response.status_code == 403
        assert Document.objects.count() == 0
