"""Learning from curation: a curator's correction offers candidates, and once accepted the next
article on the topic gets proposals it did not get before (sentences written for this test)."""

from __future__ import annotations

import pytest

from claims.models import Claim, Cue, EntityAlias, MentionReview, VocabularyStatus
from claims.proposals import document_propose
from claims.services import claim_update
from claims.vocabulary.services import alias_update, cue_update, entity_create, property_create
from corpus.services import DocumentMetadata, document_ingest

FIRST = (
    "Dam holds more water.\n\n"
    "Officials said on Monday that the Renaissance Dam now stores 74 billion cubic metres of water after the rains."
)
SECOND = (
    "Reservoir filling goes on.\n\n"
    "Engineers said the Renaissance Dam stores 60 billion cubic metres of water, its highest level so far."
)


def _ingest(text: str, name: str):
    result = document_ingest(raw=text.encode(), file_name=name, metadata=DocumentMetadata(language="en"))
    document_propose(document=result.document)
    return result.document


def _figure_claims(document, figure: str) -> list[Claim]:
    return [c for c in Claim.objects.filter(document=document) if figure in c.evidence.get().quote]


@pytest.mark.django_db
class TestLearningFromCuration:
    def test_a_second_article_on_the_topic_gets_the_proposal_after_the_curator_accepts(self, curator) -> None:
        dam = entity_create(name="Grand Ethiopian Renaissance Dam", kind="place", user=curator, via="test")
        volume = property_create(
            slug="reservoir_volume", label_en="reservoir volume", value_type="quantity", user=curator, via="test"
        )
        first = _ingest(FIRST, "first.txt")
        review = MentionReview.objects.get(document=first, text__contains="74")
        assert review.outcome == MentionReview.Outcome.UNCLAIMED
        from claims.proposals import mention_claim

        claim = mention_claim(document=first, start=review.start, end=review.end, user=curator, via="test")

        claim_update(
            claim=claim, expected_version=claim.version, user=curator, via="admin", property=volume, subject=dam
        )

        cue = Cue.objects.get(property=volume, status=VocabularyStatus.PROPOSED)
        alias = EntityAlias.objects.get(entity=dam, status=VocabularyStatus.PROPOSED)
        assert (cue.words, cue.language, cue.origin) == (["stores"], "en", "learned")
        assert (alias.name, alias.language) == ("Renaissance Dam", "en")
        # Not used until a curator accepts them: a second article now gets nothing.
        before = _ingest(SECOND, "second-before.txt")
        assert _figure_claims(before, "60") == []

        cue_update(cue=cue, user=curator, via="test", status=VocabularyStatus.CONFIRMED)
        alias_update(alias=alias, user=curator, via="test", status=VocabularyStatus.CONFIRMED)
        after = _ingest(SECOND.replace("so far", "this year"), "second-after.txt")

        (proposed,) = _figure_claims(after, "60")
        assert (proposed.property, proposed.subject) == (volume, dam)
        assert proposed.status == "proposed"

    def test_a_change_by_a_command_offers_nothing(self, curator) -> None:
        volume = property_create(
            slug="reservoir_volume", label_en="reservoir volume", value_type="quantity", user=curator, via="test"
        )
        first = _ingest(FIRST, "first.txt")
        review = MentionReview.objects.get(document=first, text__contains="74")
        from claims.proposals import mention_claim

        claim = mention_claim(document=first, start=review.start, end=review.end, user=None, via="command")

        claim_update(claim=claim, expected_version=claim.version, user=None, via="command", property=volume)

        assert not Cue.objects.filter(status=VocabularyStatus.PROPOSED).exists()
