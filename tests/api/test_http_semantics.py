"""Conditional requests and created resources as RFC 9110 has them (project.preconditions).

Claims and facts send `ETag: "<version>"`; changes send it back in `If-Match`. `*` matches any
current representation, a list matches when any of its tags does, comparison is strong (a weak
tag never matches), DELETE needs `If-Match` like PATCH, and every 201 names its `Location`.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Claim, Entity, EntityAlias, Fact, Property, Revision
from claims.services import fact_for
from project.preconditions import _tags
from tests.factories import EntityFactory, claim_create_body, claim_with_evidence


@pytest.fixture
def curator_client(curator) -> APIClient:
    client = APIClient()
    client.force_authenticate(curator)
    return client


def _patch(client: APIClient, claim: Claim, if_match: str | None):
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    return client.patch(f"/api/v1/claims/{claim.pk}/", {"confidence": "0.400"}, format="json", **headers)


@pytest.mark.django_db
class TestIfMatchOnClaims:
    def test_a_star_matches_the_claim_as_it_is(self, curator_client) -> None:
        claim = claim_with_evidence()
        Claim.objects.filter(pk=claim.pk).update(version=7)

        response = _patch(curator_client, claim, "*")

        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"8"'
        claim.refresh_from_db()
        assert (str(claim.confidence), claim.version) == ("0.400", 8)

    def test_a_weak_tag_never_matches_even_with_the_current_version(self, curator_client) -> None:
        claim = claim_with_evidence()

        response = _patch(curator_client, claim, 'W/"1"')

        assert response.status_code == 412
        claim.refresh_from_db()
        assert claim.version == 1

    def test_a_list_matches_when_one_of_its_tags_does(self, curator_client) -> None:
        claim = claim_with_evidence()

        response = _patch(curator_client, claim, '"5", W/"2", "1"')

        assert response.status_code == 200, response.json()

    def test_a_list_of_other_versions_is_412(self, curator_client) -> None:
        claim = claim_with_evidence()

        response = _patch(curator_client, claim, '"2", "3", W/"1"')

        assert response.status_code == 412

    @pytest.mark.parametrize("digits", [20, 5000, 100_000])
    def test_a_tag_of_thousands_of_digits_is_412_not_500(self, curator_client, digits) -> None:
        # Was a 500: the tag went through int(), past Python's 4,300-digit limit.
        claim = claim_with_evidence()

        response = _patch(curator_client, claim, '"' + "9" * digits + '"')

        assert response.status_code == 412
        assert response.json()["detail"]

    @pytest.mark.parametrize("header", ["9" * 5000, "1", "version 1", '"1" "2"', "W/1", '"1'])
    def test_a_header_that_is_no_entity_tag_list_is_400_naming_if_match(self, curator_client, header) -> None:
        claim = claim_with_evidence()

        response = _patch(curator_client, claim, header)

        assert response.status_code == 400
        assert list(response.json()) == ["If-Match"]

    def test_no_if_match_is_428(self, curator_client) -> None:
        claim = claim_with_evidence()

        assert _patch(curator_client, claim, None).status_code == 428


@pytest.mark.django_db
class TestDeleteIsConditional:
    def test_delete_without_if_match_is_428_and_keeps_the_claim(self, curator_client) -> None:
        claim = claim_with_evidence()

        response = curator_client.delete(f"/api/v1/claims/{claim.pk}/")

        assert response.status_code == 428
        assert Claim.objects.filter(pk=claim.pk).exists()
        assert not Revision.objects.filter(action="delete").exists()

    def test_delete_of_a_claim_changed_since_it_was_read_is_412(self, curator_client) -> None:
        claim = claim_with_evidence()
        Claim.objects.filter(pk=claim.pk).update(version=2)

        response = curator_client.delete(f"/api/v1/claims/{claim.pk}/", HTTP_IF_MATCH='"1"')

        assert response.status_code == 412
        assert Claim.objects.filter(pk=claim.pk).exists()

    @pytest.mark.parametrize("header", ['"1"', "*"])
    def test_delete_with_a_matching_if_match_deletes(self, curator_client, header) -> None:
        claim = claim_with_evidence()

        response = curator_client.delete(f"/api/v1/claims/{claim.pk}/", HTTP_IF_MATCH=header)

        assert response.status_code == 204
        assert not Claim.objects.filter(pk=claim.pk).exists()
        assert Revision.objects.get(action="delete").object_id == claim.pk

    def test_the_service_refuses_a_delete_that_raced_an_edit(self, curator) -> None:
        # The view checked version 1; an edit commits before the delete: the delete must not win.
        from claims import services

        claim = claim_with_evidence()
        Claim.objects.filter(pk=claim.pk).update(version=2)

        with pytest.raises(services.StaleVersion):
            services.claim_delete(claim=claim, expected_version=1, user=curator, via="test")

        assert Claim.objects.filter(pk=claim.pk).exists()


@pytest.mark.django_db
class TestIfMatchOnFacts:
    @pytest.fixture
    def fact(self, db) -> Fact:
        entity = EntityFactory(slug="lake-league", name="Lake League")
        fact = fact_for(subject=entity, prop=Property.objects.get(slug="member_count"), qualifiers={})
        claim_with_evidence(subject=entity, fact=fact, status="accepted")
        return fact

    def test_a_star_matches_the_fact(self, curator_client, fact) -> None:
        response = curator_client.patch(
            f"/api/v1/facts/{fact.pk}/", {"resolution_note": "Checked."}, format="json", HTTP_IF_MATCH="*"
        )

        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"2"'

    def test_a_weak_tag_is_412_on_a_fact_too(self, curator_client, fact) -> None:
        response = curator_client.patch(
            f"/api/v1/facts/{fact.pk}/", {"resolution_note": "Checked."}, format="json", HTTP_IF_MATCH='W/"1"'
        )

        assert response.status_code == 412
        assert "fact" in response.json()["detail"]
        fact.refresh_from_db()
        assert fact.resolution_note == ""

    def test_a_huge_tag_is_412_on_a_fact(self, curator_client, fact) -> None:
        response = curator_client.patch(
            f"/api/v1/facts/{fact.pk}/", {"resolution_note": "x"}, format="json", HTTP_IF_MATCH='"' + "1" * 6000 + '"'
        )

        assert response.status_code == 412


class TestEntityTagLists:
    @pytest.mark.parametrize(
        ("header", "tags"),
        [
            ('"1"', [(False, "1")]),
            ('W/"1"', [(True, "1")]),
            ('"1", W/"2" ,"3"', [(False, "1"), (True, "2"), (False, "3")]),
            ('"a,b"', [(False, "a,b")]),  # a comma inside a tag is part of it
            ('"1",,"2"', [(False, "1"), (False, "2")]),  # empty list elements are allowed
            ('""', [(False, "")]),
        ],
    )
    def test_well_formed_lists_parse(self, header, tags) -> None:
        assert _tags(header) == tags

    @pytest.mark.parametrize("header", ["1", '"1" "2"', '"1', 'w/"1"', '"a"b', '*, "1"'])
    def test_malformed_lists_do_not(self, header) -> None:
        assert _tags(header) is None


@pytest.mark.django_db
class TestLocationOnCreate:
    def test_a_created_claim_names_its_url(self, curator_client) -> None:
        existing = claim_with_evidence()
        evidence = existing.evidence.get()
        existing.delete()  # its document and span stay free: a second claim there would be a 409
        body = claim_create_body(document_id=existing.document_id, start=evidence.start, end=evidence.end)

        response = curator_client.post("/api/v1/claims/", body, format="json")

        assert response.status_code == 201, response.json()
        assert response["Location"] == f"/api/v1/claims/{response.json()['id']}/"
        assert curator_client.get(response["Location"]).json()["id"] == response.json()["id"]

    def test_a_created_entity_names_its_url(self, curator_client) -> None:
        response = curator_client.post(
            "/api/v1/entities/", {"name": "Delta Union", "kind": "organization"}, format="json"
        )

        assert response.status_code == 201, response.json()
        entity = Entity.objects.get(name="Delta Union")
        assert response["Location"] == f"/api/v1/entities/{entity.pk}/"

    def test_a_created_alias_names_its_url(self, curator_client) -> None:
        response = curator_client.post(
            "/api/v1/entity-aliases/", {"entity": "kandahar", "name": "Qandahar", "language": "en"}, format="json"
        )

        assert response.status_code == 201, response.json()
        alias = EntityAlias.objects.get(name="Qandahar")
        assert response["Location"] == f"/api/v1/entity-aliases/{alias.pk}/"

    def test_a_created_property_names_its_url(self, curator_client) -> None:
        body = {"slug": "bridges_built", "label_en": "Bridges built", "value_type": "quantity"}

        response = curator_client.post("/api/v1/properties/", body, format="json")

        assert response.status_code == 201, response.json()
        assert response["Location"] == f"/api/v1/properties/{Property.objects.get(slug='bridges_built').pk}/"

    def test_a_created_cue_names_its_url(self, curator_client) -> None:
        response = curator_client.post("/api/v1/cues/", {"property": "killed", "words": ["perished"]}, format="json")

        assert response.status_code == 201, response.json()
        assert response["Location"] == f"/api/v1/cues/{response.json()['id']}/"
