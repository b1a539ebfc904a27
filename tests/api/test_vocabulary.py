"""The vocabulary API: curators write aliases, cues and entities (with revisions); merges; reasons."""

from __future__ import annotations

import pytest

from claims.models import Claim, Entity, MentionReview, Revision
from claims.proposals import document_propose
from corpus.services import DocumentMetadata, document_ingest


@pytest.fixture
def curator_api(api_client, curator):
    api_client.force_authenticate(curator)
    return api_client


@pytest.mark.django_db
class TestVocabularyApi:
    def test_a_curator_adds_an_alias_and_the_matcher_sees_it_at_once(self, curator_api) -> None:
        text = "Flood report.\n\nThe Qandahar floods killed 12 people on Monday."
        entity = Entity.objects.get(slug="kandahar")

        response = curator_api.post(
            "/api/v1/entity-aliases/", {"entity": "kandahar", "name": "Qandahar", "language": "en"}, format="json"
        )
        document = document_ingest(
            raw=text.encode(), file_name="f.txt", metadata=DocumentMetadata(language="en")
        ).document
        document_propose(document=document)

        assert response.status_code == 201, response.json()
        assert Revision.objects.filter(model="entity", object_id=entity.pk, via="api").exists()
        claim = Claim.objects.get(document=document, property__slug="killed")
        # The new name places the flood: in Kandahar's country (events are identified by country).
        assert claim.subject.event_type == "flood"
        assert claim.subject.place == entity.place

    def test_a_bad_cue_phrase_is_refused_with_a_reason(self, curator_api) -> None:
        response = curator_api.post("/api/v1/cues/", {"property": "killed", "words": ["*"]}, format="json")

        assert response.status_code == 400
        assert "words" in response.json()

    @pytest.mark.parametrize("field", ["subject_kinds", "event_types"])
    @pytest.mark.parametrize("value", [[["country"]], [{"a": 1}], "country", [None]])
    def test_a_property_list_of_the_wrong_shape_is_400_naming_the_field(self, curator_api, field, value) -> None:
        # Was a 500 found by schemathesis: a list of lists is unhashable in the membership check.
        body = {"slug": "shape_probe", "label_en": "Shape probe", "value_type": "quantity", field: value}

        response = curator_api.post("/api/v1/properties/", body, format="json")

        assert response.status_code == 400
        assert field in response.json()

    def test_a_proposed_entity_is_merged_into_another_with_one_request(self, curator_api) -> None:
        source = Entity.objects.create(slug="typo", name="Afganistan", kind="country", status="proposed")

        response = curator_api.patch(f"/api/v1/entities/{source.pk}/", {"merge_into": "afghanistan"}, format="json")

        assert response.status_code == 200, response.json()
        assert response.json()["slug"] == "afghanistan"
        assert not Entity.objects.filter(slug="typo").exists()
        assert Entity.objects.get(slug="afghanistan").aliases.filter(name="Afganistan").exists()

    def test_unclaimed_mentions_are_listed_with_their_reason(self, api_client) -> None:
        text = "Notes.\n\nThe committee met in room 12 and read 40 pages."
        document = document_ingest(
            raw=text.encode(), file_name="n.txt", metadata=DocumentMetadata(language="en")
        ).document
        document_propose(document=document)

        rows = api_client.get("/api/v1/mention-reviews/", {"outcome": "unclaimed", "document_id": document.pk}).json()

        assert rows["results"]
        assert all(r["reason"] and r["detail"] for r in rows["results"])
        assert MentionReview.objects.filter(document=document).count() == len(rows["results"])
