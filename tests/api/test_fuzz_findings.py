"""Regressions for what schemathesis (benchmarks/fuzz_api.py) and the probes around it found.

Each was a 500 or an answer the OpenAPI schema did not describe; the fuzz run in CI keeps the
general property, these keep the exact cases, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from claims.domain.qualifiers import MAX_INTEGER as MAX_QUALIFIER_INTEGER
from claims.models import Claim, Property
from project.filters import MAX_ID
from tests.factories import claim_with_evidence


@pytest.fixture(scope="module")
def openapi(tmp_path_factory) -> dict:
    import yaml

    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--file", str(path))
    return yaml.safe_load(path.read_text("utf-8"))


@pytest.mark.django_db
class TestIdsBeyondSixtyFourBits:
    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/documents/?source=-1.4128250316176282e%2B95",
            "/api/v1/sentences/?document=-4.3240049742969274e%2B195",
            f"/api/v1/claims/?fact={MAX_ID + 1}",
            "/api/v1/claims/?subject_id=1.5",
            "/api/v1/facts/?subject_id=0",
        ],
    )
    def test_an_id_filter_out_of_range_is_400(self, api_client, url) -> None:
        # Was a 500 on SQLite: OverflowError binding the parameter.
        response = api_client.get(url)

        assert response.status_code == 400
        assert set(response.json()) & {"source", "document", "fact", "subject_id"}

    def test_an_id_filter_in_range_still_filters(self, api_client) -> None:
        claim = claim_with_evidence()

        response = api_client.get(f"/api/v1/claims/?document={claim.document_id}&status=proposed")

        assert [row["id"] for row in response.json()["results"]] == [claim.pk]

    def test_crosscheck_of_a_huge_claim_id_is_400(self, api_client) -> None:
        response = api_client.post("/api/v1/crosscheck/", {"claims": [1, 313971552087740710912]}, format="json")

        assert response.status_code == 400
        assert "claims" in response.json()

    def test_evidence_offsets_past_the_column_are_400(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.post(
            "/api/v1/claims/",
            {
                "subject": None,
                "property": "member_count",
                "evidence": {"document": MAX_ID + 1, "start": 2**40, "end": 2**40 + 1},
            },
            format="json",
        )

        assert response.status_code == 400
        assert set(response.json()["evidence"]) == {"document", "start", "end"}
        assert list(Claim.objects.values_list("pk", flat=True)) == [claim.pk]


@pytest.mark.django_db
class TestInputEchoedInErrors:
    def test_a_lone_surrogate_in_a_choice_is_a_400_not_a_500(self, api_client) -> None:
        # orjson refused to render the message `"\ud800" is not a valid choice.`
        response = api_client.post(
            "/api/v1/extract/", '{"text": "x", "language": "\\ud800"}', content_type="application/json"
        )

        assert response.status_code == 400
        assert set(response.json()) == {"language"}  # refused by the JSON parser, naming the field

    def test_a_lone_surrogate_in_an_unknown_field_name_is_a_400(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/", '{"\\udfff x": 1}', content_type="application/json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 400
        assert set(response.json()) == {"non_field_errors"}  # the body's own key cannot be named

    @pytest.mark.parametrize("field", ["subject", "property"])
    def test_nul_in_a_slug_is_400(self, api_client, curator, field) -> None:
        # Was a 500 on PostgreSQL: DataError from the slug lookup.
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            json.dumps({field: "a\x00b"}),
            content_type="application/json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 400
        assert field in response.json()


@pytest.mark.django_db
class TestQualifierIntegers:
    def test_an_integer_past_the_json_safe_range_is_refused(self, api_client, curator) -> None:
        # Was stored, and then every read of the claim was a 500 (orjson: integer past 64 bits).
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            '{"qualifiers": {"year": 99999999999999999999999}}',
            content_type="application/json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 400
        assert "qualifiers" in response.json()
        assert api_client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200

    def test_the_largest_safe_integer_is_accepted(self, api_client, curator) -> None:
        claim = claim_with_evidence(property=Property.objects.get(slug="pledged_amount"), unit="USD")  # takes `year`
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"qualifiers": {"year": -MAX_QUALIFIER_INTEGER}},
            format="json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 200
        assert response.json()["qualifiers"] == {"year": -MAX_QUALIFIER_INTEGER}


@pytest.mark.django_db
class TestContract:
    @pytest.mark.parametrize("url", ["/api/v1/facts/0.5/", "/api/v1/documents/-4.9e-78/", "/api/v1/nowhere/"])
    def test_an_unrouted_api_url_is_a_json_404(self, api_client, url) -> None:
        response = api_client.get(url)

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}

    def test_outside_the_api_a_404_is_still_a_page(self, api_client) -> None:
        response = api_client.get("/nowhere/")

        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")

    def test_a_claim_without_subject_or_property_is_listed_with_nulls(self, api_client, openapi) -> None:
        claim_with_evidence(property=None, status="rejected")

        [row] = api_client.get("/api/v1/claims/?status=rejected").json()["results"]

        assert (row["subject"], row["subject_name"], row["property"], row["verdict"]) == (None, None, None, None)
        declared = openapi["components"]["schemas"]["Claim"]["properties"]
        assert all(declared[name].get("nullable") for name in ("subject", "subject_name", "property", "verdict"))

    def test_error_answers_are_declared(self, openapi) -> None:
        paths = openapi["paths"]
        update = paths["/api/v1/claims/{id}/"]["patch"]["responses"]
        assert {"200", "400", "401", "403", "404", "412", "413", "415", "428", "429"} <= set(update)
        assert {"400", "404", "429"} <= set(paths["/api/v1/claims/"]["get"]["responses"])
        assert "404" in paths["/api/v1/facts/{id}/crosscheck/"]["get"]["responses"]
        assert {"400", "413", "415"} <= set(paths["/api/v1/extract/"]["post"]["responses"])

    def test_id_filters_are_integers_in_the_schema(self, openapi) -> None:
        params = {p["name"]: p["schema"] for p in openapi["paths"]["/api/v1/claims/"]["get"]["parameters"]}

        assert params["document"] == {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID}


def test_an_entity_without_a_place_matches_the_schema(openapi) -> None:
    # A country has no place: the API answers `"place": null`, which the schema must allow.
    schema = openapi["components"]["schemas"]["VocabularyEntity"]["properties"]["place"]

    assert schema.get("nullable") is True


@pytest.mark.django_db
def test_a_nul_character_in_a_body_is_400_not_500(api_client, curator) -> None:
    # Was a 500 on PostgreSQL (found by schemathesis): a NUL in a cue's property slug reached the
    # database. The JSON parser refuses such strings for every endpoint.
    from claims.models import Cue

    api_client.force_authenticate(curator)
    cue = Cue.objects.order_by("pk").first()

    response = api_client.generic(
        "PATCH", f"/api/v1/cues/{cue.pk}/", '{"property": "p\\u0000"}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "NUL" in response.json()["property"][0]
