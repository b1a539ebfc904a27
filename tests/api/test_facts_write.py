"""`PATCH /api/v1/facts/{id}/` with ETag/If-Match, and `GET /api/v1/sources/`."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Fact, Property, Revision
from claims.services import fact_for
from tests.factories import DocumentFactory, EntityFactory, SourceFactory, claim_with_evidence


@pytest.fixture
def fact_with_claims(db):
    entity = EntityFactory(slug="river-alliance", name="River Alliance")
    fact = fact_for(subject=entity, prop=Property.objects.get(slug="member_count"), qualifiers={})
    one = claim_with_evidence(subject=entity, fact=fact, status="accepted")
    other = claim_with_evidence(subject=entity, fact=fact, status="accepted", quote="81 بلداً", nominal="81")
    return fact, one, other


@pytest.fixture
def curator_client(curator) -> APIClient:
    client = APIClient()
    client.force_authenticate(curator)
    return client


@pytest.mark.django_db
class TestResolveAFact:
    def test_detail_sends_the_version_as_etag(self, api_client, fact_with_claims) -> None:
        fact, _, _ = fact_with_claims

        response = api_client.get(f"/api/v1/facts/{fact.pk}/")

        assert response["ETag"] == f'"{fact.version}"'

    def test_patch_with_the_current_etag_sets_the_resolution_and_writes_a_revision(
        self, curator_client, fact_with_claims
    ) -> None:
        fact, one, _ = fact_with_claims
        body = {"preferred_claim": one.pk, "resolution_note": "The ministry's own figure."}

        response = curator_client.patch(f"/api/v1/facts/{fact.pk}/", body, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"2"'
        assert response.json()["preferred_claim"] == one.pk
        fact.refresh_from_db()
        assert (fact.preferred_claim_id, fact.resolution_note, fact.version) == (one.pk, body["resolution_note"], 2)
        revision = Revision.objects.get(model="fact", object_id=fact.pk)
        assert revision.changes["preferred_claim"] == [None, one.pk]
        assert revision.via == "api"

    def test_a_stale_etag_is_412_and_changes_nothing(self, curator_client, fact_with_claims) -> None:
        fact, one, _ = fact_with_claims
        Fact.objects.filter(pk=fact.pk).update(version=2)

        response = curator_client.patch(
            f"/api/v1/facts/{fact.pk}/", {"preferred_claim": one.pk}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 412
        assert Fact.objects.get(pk=fact.pk).preferred_claim_id is None

    def test_no_if_match_is_428(self, curator_client, fact_with_claims) -> None:
        fact, _, _ = fact_with_claims

        response = curator_client.patch(f"/api/v1/facts/{fact.pk}/", {"resolution_note": "x"}, format="json")

        assert response.status_code == 428

    def test_a_claim_of_another_fact_cannot_be_preferred(self, curator_client, fact_with_claims) -> None:
        fact, _, _ = fact_with_claims
        stranger = claim_with_evidence(document=DocumentFactory(text="عنوان\nيضم الحلف 12 بلداً."), quote="12 بلداً")

        response = curator_client.patch(
            f"/api/v1/facts/{fact.pk}/", {"preferred_claim": stranger.pk}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 400
        assert "preferred_claim" in response.json()
        assert Fact.objects.get(pk=fact.pk).version == 1

    @pytest.mark.parametrize(
        ("body", "field"),
        [({"preferred_claim": 10**12}, "preferred_claim"), ({"verdict": "consistent"}, "verdict")],
    )
    def test_bad_bodies_name_the_field(self, curator_client, fact_with_claims, body, field) -> None:
        fact, _, _ = fact_with_claims

        response = curator_client.patch(f"/api/v1/facts/{fact.pk}/", body, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 400
        assert field in response.json()

    def test_put_is_not_offered(self, curator_client, fact_with_claims) -> None:
        fact, _, _ = fact_with_claims

        response = curator_client.put(f"/api/v1/facts/{fact.pk}/", {}, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 405

    def test_anonymous_clients_cannot_resolve(self, api_client, fact_with_claims) -> None:
        fact, _, _ = fact_with_claims

        response = api_client.patch(f"/api/v1/facts/{fact.pk}/", {"resolution_note": "x"}, HTTP_IF_MATCH='"1"')

        assert response.status_code == 401


@pytest.mark.django_db
class TestSources:
    def test_lists_sources_by_name_with_filters(self, api_client) -> None:
        SourceFactory(name="Zagros Daily", country="IR")
        SourceFactory(name="Atlas Wire", country="MA")

        listing = api_client.get("/api/v1/sources/").json()
        by_country = api_client.get("/api/v1/sources/", {"country": "ir"}).json()

        assert [s["name"] for s in listing["results"]] == ["Atlas Wire", "Zagros Daily"]
        assert [s["name"] for s in by_country["results"]] == ["Zagros Daily"]

    @pytest.mark.parametrize("rows", [2, 50])
    def test_runs_a_constant_number_of_queries(self, api_client, db, django_assert_num_queries, rows) -> None:
        for n in range(rows):
            SourceFactory(name=f"Outlet number {n}")

        # 1. COUNT(*) for the paginator
        # 2. the page of sources
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/sources/")

        assert len(response.json()["results"]) == rows
