"""Input that was a 500 (issue 13), each a 4xx with a reason now; and every error under /api/ is JSON.

Like test_fuzz_findings: the exact cases, on SQLite and on PostgreSQL alike. Requests use
`raise_request_exception = False` where the old failure was an uncaught exception, so a
regression shows as the 500 a client would get rather than as a test error.
"""

from __future__ import annotations

import base64
import datetime as dt
import sys

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from rest_framework.test import APIClient

from claims.models import Claim, Revision
from corpus.models import DateBasis
from project.parsers import MAX_DEPTH
from tests.factories import DocumentFactory, claim_create_body, claim_with_evidence


@pytest.fixture
def client() -> APIClient:
    client = APIClient()
    client.raise_request_exception = False
    return client


@pytest.fixture
def curator_client(client, curator) -> APIClient:
    client.force_authenticate(curator)
    return client


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.django_db
class TestDeeplyNestedJson:
    # Every endpoint that reads a JSON body; the writes as a curator, so the body is read.
    @pytest.mark.parametrize(
        ("method", "url"),
        [
            ("post", "/api/v1/crosscheck/"),
            ("post", "/api/v1/extract/"),
            ("post", "/api/v1/tokens/"),
            ("post", "/api/v1/claims/"),
            ("post", "/api/v1/documents/"),
            ("post", "/api/v1/ingest-jobs/"),
            ("post", "/api/v1/entities/"),
            ("post", "/api/v1/entity-aliases/"),
            ("post", "/api/v1/cues/"),
            ("post", "/api/v1/properties/"),
        ],
    )
    @pytest.mark.parametrize("depth", [100_000, MAX_DEPTH + 1])
    def test_is_400_saying_so(self, curator_client, method, url, depth) -> None:
        # 100,000 levels was a RecursionError inside the JSON decoder: a 500 on every endpoint.
        response = getattr(curator_client, method)(url, _nested(depth), content_type="application/json")

        assert response.status_code == 400
        assert f"more than {MAX_DEPTH} levels" in response.json()["detail"]

    def test_a_nested_patch_body_is_400(self, curator_client) -> None:
        claim = claim_with_evidence()

        response = curator_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            '{"qualifiers": ' + _nested(5000) + "}",
            content_type="application/json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 400
        assert "levels" in response.json()["detail"]

    def test_a_body_at_the_limit_reaches_validation(self, client) -> None:
        body = '{"claims": ' + _nested(MAX_DEPTH - 1) + "}"

        response = client.post("/api/v1/crosscheck/", body, content_type="application/json")

        assert response.status_code == 400
        assert "claims" in response.json()


@pytest.mark.django_db
class TestRelativeDatesAtTheCalendarsEdges:
    @pytest.mark.parametrize(
        ("text", "language", "reference"),
        [
            ("The dam opened yesterday.", "en", "0001-01-01"),
            ("The talks resume tomorrow.", "en", "9999-12-31"),
            ("The count was taken 5 days ago.", "en", "0001-01-03"),
            ("افتُتح السد أمس.", "ar", "0001-01-01"),
            ("تستأنف المحادثات غدا.", "ar", "9999-12-31"),
        ],
    )
    def test_a_day_outside_the_calendar_is_refused_with_a_reason(self, client, text, language, reference) -> None:
        # Was a 500: OverflowError counting a day before 0001-01-01 or after 9999-12-31.
        response = client.post(
            "/api/v1/extract/", {"text": text, "language": language, "reference_date": reference}, format="json"
        )

        assert response.status_code == 200
        body = response.json()
        assert not [m for m in body["mentions"] if m["kind"] == "date"]
        (refused,) = body["refused"]
        assert "outside the calendar" in refused["reason"]
        assert text[refused["start"] : refused["end"]] == refused["text"]

    def test_the_same_words_resolve_on_an_ordinary_day(self, client) -> None:
        response = client.post(
            "/api/v1/extract/",
            {"text": "The dam opened yesterday.", "language": "en", "reference_date": "2024-05-02"},
            format="json",
        )

        (mention,) = response.json()["mentions"]
        assert mention["value"]["lower"] == "2024-05-01"


@pytest.mark.django_db
class TestForgedCursors:
    @pytest.mark.parametrize(
        "cursor",
        [
            base64.b64encode(b"p=abc").decode(),  # was a 500: ValueError, an id that is no number
            base64.b64encode(b"p=" + b"9" * 30).decode(),  # past 64 bits
            base64.b64encode(b"o=-1&p=1").decode(),  # a negative offset (DRF answered 404)
            base64.b64encode(b"r=x").decode(),
            "!!!",  # not base64: DRF read it as an empty cursor, the first page
            "é",
        ],
    )
    @pytest.mark.parametrize("query", ["", "status=proposed&", "ordering=as_of&", "ordering=-lower&"])
    def test_is_400_naming_the_cursor(self, client, cursor, query) -> None:
        claim_with_evidence()

        response = client.get(f"/api/v1/claims/?{query}cursor={cursor}")

        assert response.status_code == 400
        assert list(response.json()) == ["cursor"]

    def test_on_the_conflicts_list_too(self, client) -> None:
        response = client.get("/api/v1/conflicts/", {"cursor": base64.b64encode(b"p=x").decode()})

        assert response.status_code == 400
        assert list(response.json()) == ["cursor"]

    @pytest.mark.parametrize("ordering", [None, "as_of"])
    def test_the_cursors_handed_out_still_page_through_the_list(self, client, ordering) -> None:
        ids = sorted(
            claim_with_evidence(quote=f"{n} بلداً", nominal=str(n), as_of=dt.date(2020, 1, n)).pk for n in (1, 2, 3)
        )
        params = {"status": "proposed", "page_size": 2, **({"ordering": ordering} if ordering else {})}

        first = client.get("/api/v1/claims/", params).json()
        second = client.get(first["next"]).json()

        seen = [row["id"] for row in first["results"] + second["results"]]
        assert sorted(seen) == ids
        assert seen == (ids[::-1] if ordering is None else ids)


def _dated_document():
    return DocumentFactory(
        text="العنوان\nوقال البيان إن الرابطة تضم 80 بلداً الآن.",
        published_on=dt.date(2024, 3, 9),
        published_precision="day",
        published_basis=DateBasis.STATED,
    )


@pytest.mark.django_db
class TestAsOfOnCreate:
    def _body(self, claim: Claim, **fields) -> dict:
        evidence = claim.evidence.get()
        return claim_create_body(document_id=claim.document_id, start=evidence.start, end=evidence.end, **fields)

    def test_as_of_is_the_day_the_claim_holds_at(self, curator_client) -> None:
        # Was a 500: TypeError, `as_of` passed twice to the model.
        document = _dated_document()
        existing = claim_with_evidence(document=document)
        body = self._body(existing, as_of="2023-12-31")
        existing.delete()  # the span is free again: a second claim there would be a 409

        response = curator_client.post("/api/v1/claims/", body, format="json")

        assert response.status_code == 201, response.json()
        assert response.json()["as_of"] == "2023-12-31"
        created = Claim.objects.get(pk=response.json()["id"])
        assert created.as_of == dt.date(2023, 12, 31)
        assert Revision.objects.get(model="claim", object_id=created.pk, action="create").changes["as_of"] == [
            None,
            "2023-12-31",
        ]

    def test_without_as_of_the_claim_holds_at_the_articles_date(self, curator_client) -> None:
        document = _dated_document()
        existing = claim_with_evidence(document=document)
        body = self._body(existing)
        existing.delete()

        response = curator_client.post("/api/v1/claims/", body, format="json")

        assert response.status_code == 201, response.json()
        assert response.json()["as_of"] == "2024-03-09"

    def test_a_day_that_does_not_exist_is_400(self, curator_client) -> None:
        existing = claim_with_evidence()

        response = curator_client.post("/api/v1/claims/", self._body(existing, as_of="2023-02-30"), format="json")

        assert response.status_code == 400
        assert "as_of" in response.json()


@pytest.mark.django_db
class TestTooManyParameters:
    def test_over_a_thousand_query_parameters_is_a_json_400(self, client, settings) -> None:
        # Was Django's HTML 400 page (a 500 under DEBUG's development server).
        query = "&".join(f"p{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

        response = client.get(f"/api/v1/claims/?{query}")

        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "More than 1,000 query parameters" in response.json()["query"][0]

    def test_a_thousand_are_still_read(self, client, settings) -> None:
        query = "&".join(f"p{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - 1))

        assert client.get(f"/api/v1/claims/?{query}").status_code == 200

    def test_a_multipart_body_of_too_many_fields_is_a_json_400(self, curator_client, settings) -> None:
        fields = {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

        response = curator_client.post("/api/v1/documents/", fields, format="multipart")

        assert response.status_code == 400
        assert "1,000" in response.json()["detail"]


@pytest.mark.django_db
class TestEveryErrorIsJson:
    def test_404_of_a_route_that_does_not_exist(self, client) -> None:
        response = client.get("/api/v1/no-such-thing/")

        assert (response.status_code, response["Content-Type"]) == (404, "application/json")

    def test_405(self, client) -> None:
        response = client.put("/api/v1/extract/", {}, format="json")

        assert response.status_code == 405
        assert response.json()["detail"]

    def test_500_is_json_without_the_traceback(self, client, monkeypatch) -> None:
        from claims import selectors

        def broken(*args, **kwargs):
            raise RuntimeError("secret internals")

        claim = claim_with_evidence()
        monkeypatch.setattr(selectors, "claim_rows", broken)

        response = client.get(f"/api/v1/claims/{claim.pk}/")

        assert response.status_code == 500
        assert response["Content-Type"] == "application/json"
        assert "secret" not in response.content.decode()

    def test_503_when_the_database_is_gone(self, client, monkeypatch) -> None:
        from django.db.backends.utils import CursorWrapper

        claim = claim_with_evidence()

        def gone(self, sql, params=None):
            raise OperationalError("server closed the connection unexpectedly")

        monkeypatch.setattr(CursorWrapper, "execute", gone)

        for url in ("/api/v1/claims/", f"/api/v1/claims/{claim.pk}/", "/api/v1/facts/"):
            response = client.get(url)

            assert response.status_code == 503, url
            assert response["Retry-After"]
            assert response.json() == {"detail": "The database is unavailable; try again shortly."}

    def test_a_database_error_outside_a_view_is_503_too(self) -> None:
        # The session or the throttle's cache table fail before any view runs: handler500.
        from project.exceptions import server_error

        request = RequestFactory().get("/api/v1/claims/")
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            assert sys.exc_info()[0] is OperationalError
            response = server_error(request)

        assert response.status_code == 503

    @pytest.mark.parametrize("signed_in", [False, True])
    def test_every_route_answers_every_method_with_json_errors(self, client, curator, signed_in) -> None:
        # The schema (YAML) and docs (HTML) views answered a 405 in their own format.
        from django.urls import get_resolver

        from tests.api.test_schema import _openapi_path, _routes

        if signed_in:
            client.force_authenticate(curator)
        routes = {_openapi_path(r) for r in _routes(get_resolver().url_patterns) if r.startswith("api/")}
        not_json = []
        for route in sorted(routes):
            url = route.replace("{id}", "999999").replace("{format}", "json")
            for method in ("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"):
                response = client.generic(method, url)
                if response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
                    not_json.append(f"{method} {url}: {response.status_code} {response.get('Content-Type')}")

        assert len(routes) > 30
        assert not_json == []

    def test_the_admin_keeps_its_html_pages(self, client) -> None:
        response = client.get("/admin/no-such-page/")

        assert response.status_code in (302, 404)
        assert "application/json" not in response["Content-Type"]
