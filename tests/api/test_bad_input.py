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

    def test_page_size_over_the_maximum_is_capped(self, api_client, db) -> None:
        response = api_client.get("/api/v1/documents/?page_size=100000")

        assert response.status_code == 200
