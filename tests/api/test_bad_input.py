"""Bad input gets a clear 4xx, the same on SQLite and PostgreSQL, and nothing is stored."""

from __future__ import annotations

import pytest

from claims.models import Claim
from tests.factories import claim_with_evidence


@pytest.mark.django_db
class TestUnstorableCharacters:
    @pytest.mark.parametrize(
        "url",
        [
            "/api/v1/claims/?search=%00",
            "/api/v1/documents/?search=a%00b",
            "/api/v1/sentences/?search=%ED%A0%80",  # a lone surrogate, UTF-8-encoded
            "/api/v1/entities/?name=%01",
            "/api/v1/claims/%00/",
            "/api/v1/facts/?subject=%00",
        ],
    )
    def test_nul_and_surrogates_in_urls_are_400(self, api_client, url) -> None:
        response = api_client.get(url)

        assert response.status_code in (400, 404)
        assert response.status_code != 500

    def test_the_parameter_is_named(self, api_client) -> None:
        response = api_client.get("/api/v1/claims/?search=%00")

        assert response.status_code == 400
        assert "search" in response.json()

    @pytest.mark.parametrize("escaped", ["a\\u0000b", "\\ud800"])
    def test_nul_and_surrogates_in_json_bodies_are_400(self, api_client, curator, escaped) -> None:
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            '{"nominal": "' + escaped + '"}',
            content_type="application/json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 400
        assert "nominal" in response.json()
        assert Claim.objects.get(pk=claim.pk).version == 1

    def test_nul_in_qualifiers_is_400(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            '{"qualifiers": {"year": "20\\u00002021"}}',
            content_type="application/json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 400
        assert "qualifiers" in response.json()

    def test_over_long_values_are_400_on_every_backend(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        api_client.force_authenticate(curator)

        response = api_client.patch(
            f"/api/v1/claims/{claim.pk}/", {"unit": "x" * 21}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 400
        assert "unit" in response.json()

    def test_page_size_over_the_maximum_is_400(self, api_client, db) -> None:
        # It was capped silently: a client asking for 100,000 rows got 500 and thought it had all.
        response = api_client.get("/api/v1/documents/?page_size=100000")

        assert response.status_code == 400
        assert list(response.json()) == ["page_size"]


def _write(api_client, method: str, body: dict):
    """One claim write (`post`, `put` or `patch`) carrying `body`, on a fresh claim."""
    claim = claim_with_evidence()
    if method == "post":
        start = claim.document.text.index("80")
        evidence = {"document": claim.document_id, "start": start, "end": start + 2, "quote": "80"}
        payload = {"subject": None, "property": "member_count", "nominal": "80", "evidence": evidence, **body}
        return claim, api_client.post("/api/v1/claims/", payload, format="json")
    if method == "put":
        payload = {"subject": None, "property": "member_count", **body}
        return claim, api_client.put(f"/api/v1/claims/{claim.pk}/", payload, format="json", HTTP_IF_MATCH='"1"')
    return claim, api_client.patch(f"/api/v1/claims/{claim.pk}/", body, format="json", HTTP_IF_MATCH='"1"')


# Each row: method, field, value, words the field's message must hold.
VALUES_THAT_DO_NOT_EXIST = [
    ("post", "date_lower", "2021-02-30", "2021-02-30 is not a day: month 2 of 2021"),
    ("put", "date_lower", "2021-02-30", "has 28 days: there is no day 30"),
    ("patch", "date_lower", "2021-02-30", "has 28 days: there is no day 30"),
    ("patch", "date_upper", "2021-02-29", "has 28 days: there is no day 29"),
    ("patch", "as_of", "2021-04-31", "has 30 days: there is no day 31"),
    ("patch", "as_of", "2021-13-01", "there is no month 13"),
    ("patch", "as_of", "2021-02-00", "there is no day 0"),
    ("post", "unit", "contry", "Unknown unit 'contry'"),
    ("put", "unit", "contry", "Unknown unit 'contry'"),
    ("patch", "unit", "contry", "Unknown unit 'contry'"),
    ("patch", "unit", "usd", "did you mean 'USD'?"),
    ("patch", "unit", "دولار", "Unknown unit 'دولار'"),
]


@pytest.mark.django_db
class TestValuesThatDoNotExist:
    @pytest.mark.parametrize(
        ("method", "field", "value", "message"),
        VALUES_THAT_DO_NOT_EXIST,
        ids=[f"{row[0]}-{row[1]}-{row[2]}" for row in VALUES_THAT_DO_NOT_EXIST],
    )
    def test_a_day_or_unit_that_does_not_exist_is_400_naming_the_field_and_nothing_is_stored(
        self, api_client, curator, method, field, value, message
    ) -> None:
        api_client.force_authenticate(curator)

        claim, response = _write(api_client, method, {field: value})

        assert response.status_code == 400, response.json()
        assert message in " ".join(response.json()[field])
        assert Claim.objects.count() == 1
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.version, stored.unit, stored.as_of) == (1, "country", claim.as_of)

    @pytest.mark.parametrize(
        ("method", "field", "value"),
        [
            # Units of the property's family (member_count: countries, members, organizations);
            # a unit of another family, none where one is needed, or a date on a figure is
            # refused (tests/api/test_claim_integrity.py).
            ("post", "unit", "member"),
            ("put", "unit", "organization"),
            ("patch", "unit", "country"),
            ("patch", "as_of", "2020-02-29"),
            ("patch", "as_of", "2024-02-29"),
        ],
    )
    def test_the_same_fields_with_values_that_exist_are_written(
        self, api_client, curator, method, field, value
    ) -> None:
        api_client.force_authenticate(curator)

        _claim, response = _write(api_client, method, {field: value})

        assert response.status_code in (200, 201), response.json()

    def test_a_reference_date_that_does_not_exist_is_400_naming_the_field(self, api_client) -> None:
        response = api_client.post(
            "/api/v1/extract/", {"text": "قتل 5 أشخاص أمس", "reference_date": "2021-02-30"}, format="json"
        )
        valid = api_client.post(
            "/api/v1/extract/", {"text": "قتل 5 أشخاص أمس", "reference_date": "2020-02-29"}, format="json"
        )

        assert response.status_code == 400
        assert "there is no day 30" in " ".join(response.json()["reference_date"])
        assert valid.status_code == 200
