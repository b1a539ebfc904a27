"""Claim services: evidence provenance, optimistic locking, revisions, facts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.models import Claim, ClaimStatus, Evidence, Fact, Property, Revision
from corpus.models import Sentence
from tests.factories import DocumentFactory, EntityFactory


@pytest.fixture
def sentence(db) -> Sentence:
    doc = DocumentFactory(text="العنوان\nويضم اليوم 80 بلداً ومنظمة دولية.")
    return Sentence.objects.create(document=doc, index=0, start=8, end=len(doc.text), text=doc.text[8:])


@pytest.fixture
def claim(sentence: Sentence) -> Claim:
    return Claim.objects.create(
        document=sentence.document,
        subject=EntityFactory(),
        property=Property.objects.get(slug="member_count"),
        nominal="80",
        lower=Decimal(80),
        upper=Decimal(80),
        unit="member",
    )


class TestEvidence:
    def test_evidence_built_from_a_span_quotes_the_document_exactly(self, claim, sentence) -> None:
        start = sentence.document.text.index("80 بلداً")

        evidence = services.evidence_build(claim=claim, sentence=sentence, start=start, end=start + 8)
        evidence.save()

        assert evidence.quote == "80 بلداً"
        assert evidence.prefix.endswith("ويضم اليوم ")
        assert evidence.suffix.startswith(" ومنظمة")

    def test_evidence_whose_quote_differs_from_the_text_is_refused(self, claim, sentence) -> None:
        start = sentence.document.text.index("80")

        with pytest.raises(ValidationError, match="differs from the document text"):
            Evidence(
                claim=claim, document=sentence.document, sentence=sentence, start=start, end=start + 2, quote="86"
            ).save()

        assert Evidence.objects.count() == 0

    def test_evidence_outside_the_document_is_refused(self, claim, sentence) -> None:
        with pytest.raises(ValidationError, match="outside the document"):
            Evidence(claim=claim, document=sentence.document, sentence=sentence, start=500, end=510, quote="x").save()

    def test_evidence_outside_its_sentence_is_refused(self, claim, sentence) -> None:
        with pytest.raises(ValidationError, match="outside sentence"):
            Evidence(claim=claim, document=sentence.document, sentence=sentence, start=0, end=7, quote="العنوان").save()


class TestClaimUnits:
    def test_an_update_to_an_unknown_unit_is_refused_naming_the_field(self, claim, curator) -> None:
        with pytest.raises(ValidationError) as refused:
            services.claim_update(claim=claim, expected_version=1, user=curator, via="api", unit="contry")

        assert "Unknown unit 'contry'" in refused.value.message_dict["unit"][0]
        assert Claim.objects.get(pk=claim.pk).unit == "member"
        assert not Revision.objects.filter(model="claim", object_id=claim.pk).exists()

    def test_an_update_to_a_unit_of_the_family_is_stored_and_no_unit_where_one_is_needed_is_not(
        self, claim, curator
    ) -> None:
        services.claim_update(claim=claim, expected_version=1, user=curator, via="api", unit="country")
        with pytest.raises(ValidationError) as refused:  # member_count's family requires a unit
            services.claim_update(claim=claim, expected_version=2, user=curator, via="api", unit="")

        assert "needs a unit" in refused.value.message_dict["unit"][0]
        assert Claim.objects.get(pk=claim.pk).unit == "country"

    def test_a_unit_stored_before_the_rule_does_not_block_other_edits(self, claim, curator) -> None:
        Claim.objects.filter(pk=claim.pk).update(unit="legacy-unit")
        claim.refresh_from_db()

        services.claim_update(claim=claim, expected_version=1, user=curator, via="api", status=ClaimStatus.ACCEPTED)

        assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.ACCEPTED

    def test_a_create_with_an_unknown_unit_is_refused_and_stores_nothing(self, sentence, curator) -> None:
        start = sentence.document.text.index("80 بلداً")

        with pytest.raises(ValidationError) as refused:
            services.claim_create(
                document=sentence.document,
                start=start,
                end=start + 2,
                quote="80",
                user=curator,
                via="api",
                nominal="80",
                unit="countries",
            )

        assert "unit" in refused.value.message_dict
        assert Claim.objects.count() == 0


class TestClaimUpdate:
    def test_an_edit_bumps_the_version_and_writes_one_revision(self, claim, curator) -> None:
        services.claim_update(claim=claim, expected_version=1, user=curator, via="api", status=ClaimStatus.ACCEPTED)

        claim.refresh_from_db()
        revision = Revision.objects.get(model="claim", object_id=claim.pk)
        assert (claim.status, claim.version) == ("accepted", 2)
        # The fixture's claim had no fact yet: accepting files it in one, in the same revision.
        assert revision.changes == {"status": ["proposed", "accepted"], "fact": [None, claim.fact_id]}
        assert (revision.user, revision.via) == (curator, "api")

    def test_an_edit_on_a_stale_version_is_refused_and_changes_nothing(self, claim, curator) -> None:
        services.claim_update(claim=claim, expected_version=1, user=curator, via="admin", nominal="81")
        stale = Claim.objects.get(pk=claim.pk)
        stale.version = 1  # what a second curator read before the first one saved

        with pytest.raises(services.StaleVersion, match="changed by someone else"):
            services.claim_update(claim=stale, expected_version=1, user=curator, via="admin", nominal="79")

        claim.refresh_from_db()
        assert (claim.nominal, claim.version) == ("81", 2)
        assert Revision.objects.filter(model="claim", object_id=claim.pk).count() == 1

    def test_an_interval_with_lower_above_upper_is_refused(self, claim, curator) -> None:
        with pytest.raises(ValidationError):
            services.claim_update(claim=claim, expected_version=1, user=curator, via="api", lower=Decimal(90))

    def test_unknown_fields_are_refused(self, claim, curator) -> None:
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.claim_update(claim=claim, expected_version=1, user=curator, via="api", origin="curated")

    def test_setting_subject_groups_the_claim_into_its_fact(self, claim, curator) -> None:
        from claims.models import Entity

        coalition = Entity.objects.create(name="Global Coalition", kind="organization", slug="coalition")

        services.claim_update(claim=claim, expected_version=1, user=curator, via="admin", subject=coalition)

        claim.refresh_from_db()
        assert claim.fact == Fact.objects.get(subject=coalition, property__slug="member_count", qualifiers={})

    def test_bulk_status_change_writes_a_revision_per_changed_claim(self, claim, curator) -> None:
        changed = services.claims_set_status(claims=[claim], status="accepted", user=curator, via="admin")
        again = services.claims_set_status(
            claims=[Claim.objects.get(pk=claim.pk)], status="accepted", user=curator, via="admin"
        )

        assert (changed, again) == (1, 0)
        assert Revision.objects.filter(model="claim").count() == 1


class TestFactUpdate:
    def test_preferred_claim_must_belong_to_the_fact(self, claim, curator) -> None:
        from claims.models import Entity

        entity = Entity.objects.create(name="X", kind="organization", slug="x")
        fact = services.fact_for(subject=entity, prop=claim.property, qualifiers={})

        with pytest.raises(ValidationError, match="belong to this fact"):
            services.fact_update(fact=fact, user=curator, via="admin", preferred_claim=claim)

    def test_resolution_note_is_recorded(self, claim, curator) -> None:
        from claims.models import Entity

        entity = Entity.objects.create(name="X", kind="organization", slug="x")
        fact = services.fact_for(subject=entity, prop=claim.property, qualifiers={})

        services.fact_update(fact=fact, user=curator, via="admin", resolution_note="Both sources agree.")

        assert Revision.objects.get(model="fact").changes == {"resolution_note": ["", "Both sources agree."]}


class TestClaimMove:
    def test_moving_a_claim_takes_the_facts_subject_and_refreshes_both_verdicts(self, claim, curator) -> None:
        from claims.models import Entity

        a = Entity.objects.create(name="A", kind="organization", slug="a")
        b = Entity.objects.create(name="B", kind="organization", slug="b")
        services.claim_update(claim=claim, expected_version=1, user=curator, via="admin", subject=a, status="accepted")
        target = services.fact_for(subject=b, prop=claim.property, qualifiers={})
        claim.refresh_from_db()
        source_fact = claim.fact

        services.claim_move(claim=claim, fact=target, user=curator, via="admin")

        claim.refresh_from_db()
        source_fact.refresh_from_db()
        target.refresh_from_db()
        assert (claim.fact, claim.subject, claim.qualifiers) == (target, b, {})
        assert (source_fact.verdict, source_fact.claim_count) == ("", 0)
        assert (target.verdict, target.claim_count) == ("single", 1)
        assert Revision.objects.filter(model="claim", object_id=claim.pk).count() == 2
