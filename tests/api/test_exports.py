"""`GET /api/v1/exports/claims.{csv,jsonl,jsonld}`: the list's filters, streamed in batches."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from claims.exchange import COLUMNS, export_rows
from claims.exchange.export import jsonl_lines
from claims.models import Claim
from tests.factories import claim_with_evidence


@pytest.fixture
def claims(db) -> list[Claim]:
    accepted = [claim_with_evidence(status="accepted", quote=f"{n} بلداً", nominal=str(n)) for n in (80, 81)]
    proposed = claim_with_evidence(status="proposed", quote="12 بلداً", nominal="12")
    return [*accepted, proposed]


def _body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.django_db
class TestExports:
    def test_csv_is_the_import_format_with_the_lists_filters(self, api_client, claims) -> None:
        response = api_client.get("/api/v1/exports/claims.csv", {"status": "accepted"})

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="claims.csv"' in response["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(_body(response))))
        assert tuple(rows[0]) == COLUMNS
        assert [r["nominal"] for r in rows] == ["80", "81"]

    def test_json_lines_are_the_exchange_writers_output(self, api_client, claims) -> None:
        body = _body(api_client.get("/api/v1/exports/claims.jsonl"))

        assert body == "".join(jsonl_lines(export_rows()))
        assert [json.loads(line)["claim_id"] for line in body.splitlines()] == [c.pk for c in claims]

    def test_web_annotations_are_one_collection_with_every_claim(self, api_client, claims) -> None:
        response = api_client.get("/api/v1/exports/claims.jsonld", {"search": "بلداً"})

        collection = json.loads(_body(response))

        assert response["Content-Type"].startswith("application/ld+json")
        assert collection["type"] == "AnnotationCollection"
        assert collection["total"] == 3
        items = collection["first"]["items"]
        assert [i["id"] for i in items] == [f"urn:sanad:claim:{c.pk}" for c in claims]
        assert items[0]["target"]["selector"][0]["exact"] == "80 بلداً"

    def test_an_empty_export_is_still_well_formed(self, api_client, claims) -> None:
        body = _body(api_client.get("/api/v1/exports/claims.jsonld", {"status": "rejected"}))

        assert json.loads(body)["first"]["items"] == []

    def test_rows_are_read_in_batches_not_all_at_once(self, claims, django_assert_num_queries) -> None:
        # 2 claims a batch: batch 1 (claims + evidence), batch 2 (claims + evidence), an empty batch 3.
        with django_assert_num_queries(5):
            rows = list(export_rows(Claim.objects.all(), batch_size=2))

        assert len(rows) == 3

    def test_a_bad_filter_is_a_json_400_whatever_the_accept_header(self, api_client, claims) -> None:
        response = api_client.get("/api/v1/exports/claims.csv", {"status": "maybe"}, HTTP_ACCEPT="text/csv")

        assert response.status_code == 400
        assert "status" in response.json()
