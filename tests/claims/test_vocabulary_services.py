"""The vocabulary in the database: packs, the matcher cache, events as subjects, merges, reasons."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from claims.domain.packs import read_pack
from claims.models import Claim, Entity, EntityAlias, Fact, MentionReview, Property, Revision, VocabularyVersion
from claims.proposals import document_propose
from claims.services import claim_update
from claims.vocabulary.cache import vocabulary_current
from claims.vocabulary.packs import pack_load
from claims.vocabulary.services import alias_create, entity_merge, entity_update, property_update
from corpus.services import DocumentMetadata, document_ingest

ARABIC = "زلزال في تركيا\n\nقال مسؤولون إن الزلزال الذي ضرب جنوب تركيا أسفر عن مقتل 120 شخصا وإصابة 300 آخرين."
ENGLISH = (
    "Quake in Turkey\n\nThe earthquake that struck southern Turkey killed 140 people and injured 310, officials said."
)


def _document(text: str, name: str, language: str, published_on: str = "2023-02-07"):
    metadata = DocumentMetadata(language=language, published_on=published_on)
    return document_ingest(raw=text.encode(), file_name=name, metadata=metadata).document


@pytest.mark.django_db
class TestPacks:
    def test_loading_a_default_pack_again_changes_nothing(self) -> None:
        revisions = Revision.objects.count()

        result = pack_load(pack=read_pack("general"), via="test")

        assert not result.changed
        assert Revision.objects.count() == revisions

    def test_a_pack_never_overwrites_a_curators_edit(self, curator) -> None:
        killed = Property.objects.get(slug="killed")
        property_update(prop=killed, user=curator, via="test", label_en="deaths")

        pack_load(pack=read_pack("general"), via="test")

        assert Property.objects.get(slug="killed").label_en == "deaths"

    def test_the_command_reports_what_it_loaded(self) -> None:
        out = io.StringIO()

        call_command("load_vocabulary", "seed", stdout=out)

        assert "pack seed: created" in out.getvalue()
        assert Entity.objects.get(slug="palma_attack_2021").place.slug == "palma"


@pytest.mark.django_db
class TestMatcherCache:
    def test_a_new_alias_bumps_the_version_and_the_matcher_sees_it(self, curator) -> None:
        before = vocabulary_current()
        herat = Entity.objects.get(slug="herat")

        alias_create(entity=herat, name="Hirat", language="en", user=curator, via="test")
        after = vocabulary_current()

        assert after is not before
        assert VocabularyVersion.objects.get().version == after.version
        assert "herat" in {h.slug for h in after.find_entities("the hirat floods", "en")}


@pytest.mark.django_db
class TestEventsAsSubjects:
    def test_two_outlets_reports_of_one_earthquake_land_on_one_event_and_one_fact(self) -> None:
        arabic, english = _document(ARABIC, "a.txt", "ar"), _document(ENGLISH, "e.txt", "en", "2023-02-08")

        document_propose(document=arabic)
        document_propose(document=english)

        killed = Claim.objects.filter(property__slug="killed").select_related("subject")
        assert killed.count() == 2
        (event,) = {c.subject for c in killed}
        assert (event.kind, event.event_type, event.place.slug, event.status) == (
            "event",
            "earthquake",
            "turkiye",
            "proposed",
        )
        assert len({c.fact_id for c in killed}) == 1

    def test_propose_counts_add_up_with_reasons(self) -> None:
        document = _document(ENGLISH + " The report has 4 pages.", "r.txt", "en")
        out = io.StringIO()

        call_command("propose", str(document.pk), "-v", "2", stdout=out)

        reviews = MentionReview.objects.filter(document=document)
        proposed = reviews.filter(outcome="proposed").count()
        assert proposed + reviews.exclude(outcome="proposed").count() == reviews.count() > 2
        assert f"proposed {proposed} (" in out.getvalue()
        assert "'4': unclaimed:" in out.getvalue()


@pytest.mark.django_db
class TestMerge:
    def test_merging_moves_claims_folds_facts_and_recomputes_verdicts(self, curator) -> None:
        arabic, english = _document(ARABIC, "a.txt", "ar"), _document(ENGLISH, "e.txt", "en", "2024-06-01")
        document_propose(document=arabic)
        document_propose(document=english)
        events = list(Entity.objects.filter(kind="event").order_by("id"))
        assert len(events) == 2  # more than a year apart in their article dates: two events
        for claim in Claim.objects.filter(property__slug="killed"):
            claim_update(claim=claim, expected_version=claim.version, user=None, via="command", status="accepted")
        entity_update(entity=events[0], user=curator, via="test", status="confirmed")

        merged_id = events[1].pk
        target = entity_merge(source=events[1], target=events[0], user=curator, via="test")

        killed = Claim.objects.filter(property__slug="killed")
        assert {c.subject_id for c in killed} == {target.pk}
        (fact,) = Fact.objects.filter(subject=target, property__slug="killed")
        # Recomputed over both claims (each fact was `single` before): `killed` is cumulative, and
        # 120 in February 2023 then 140 in June 2024 is a toll that rose, not two sources in conflict.
        assert (fact.claim_count, fact.verdict) == (2, "timeline")
        assert not Entity.objects.filter(pk=merged_id).exists()
        assert Revision.objects.filter(model="entity", object_id=merged_id, action="delete").exists()

    def test_a_merge_moves_the_aliases(self, curator) -> None:
        source = Entity.objects.create(slug="dam_a", name="Dam A", kind="place")
        EntityAlias.objects.create(entity=source, name="Big Dam", normalized="big dam", language="en")
        target = Entity.objects.create(slug="dam_b", name="Dam B", kind="place")

        entity_merge(source=source, target=target, user=curator, via="test")

        assert set(target.aliases.values_list("name", flat=True)) == {"Big Dam", "Dam A"}
