"""Proposals from the seed articles: expected claims, idempotence, facts, lexicon."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.models import Claim, Evidence, Revision
from claims.proposals import document_propose


@pytest.fixture
def proposed(seeded):
    for doc in seeded.values():
        document_propose(document=doc)
    return seeded


def _claims(prop: str, seed: str, docs) -> list[Claim]:
    return list(Claim.objects.filter(property__slug=prop, document=docs[seed]).select_related("subject"))


@pytest.mark.django_db
class TestSeedProposals:
    @pytest.mark.parametrize(
        ("seed", "prop", "modifier", "lower", "upper", "unit"),
        [
            ("000_3688c653d33eb61c.txt", "member_count", "exact", Decimal(80), Decimal(80), "country"),
            ("001_51bef3fb1244b05f.txt", "member_count", "exact", Decimal(80), Decimal(80), "country"),
            ("000_3688c653d33eb61c.txt", "territory_area", "more_than", Decimal(110000), None, "km2"),
            ("001_51bef3fb1244b05f.txt", "territory_area", "exact", Decimal(110000), Decimal(110000), "km2"),
            ("000_3688c653d33eb61c.txt", "meeting_attendance", "about", Decimal(27), Decimal(33), "country"),
            ("001_51bef3fb1244b05f.txt", "meeting_attendance", "at_least", Decimal(30), None, "country"),
            ("000_3688c653d33eb61c.txt", "invited_count", "exact", Decimal(3), Decimal(3), "country"),
            ("001_51bef3fb1244b05f.txt", "invited_count", "exact", Decimal(3), Decimal(3), "country"),
            ("002_d43b59b6488a0f92.txt", "pledged_amount", "more_than", Decimal(600_000_000), None, "USD"),
            ("002_d43b59b6488a0f92.txt", "pledge_target", "exact", Decimal(670_000_000), Decimal(670_000_000), "USD"),
            (
                "004_93b21bcfa360256c.txt",
                "people_liberated",
                "nearly",
                Decimal(7_200_000),
                Decimal(8_000_000),
                "person",
            ),
            ("004_93b21bcfa360256c.txt", "aid_amount", "exact", Decimal(178_300_000), Decimal(178_300_000), "USD"),
        ],
    )
    def test_quantity_proposals(self, proposed_class, seed, prop, modifier, lower, upper, unit) -> None:
        claims = _claims(prop, seed, proposed_class)

        assert any((c.modifier, c.lower, c.upper, c.unit) == (modifier, lower, upper, unit) for c in claims), [
            (c.modifier, c.lower, c.upper, c.unit) for c in claims
        ]

    def test_pledges_carry_the_year_qualifier(self, proposed_class) -> None:
        claims = _claims("pledge_target", "002_d43b59b6488a0f92.txt", proposed_class)

        assert claims
        assert all(c.qualifiers == {"year": 2021} for c in claims)

    def test_palma_attack_victims_are_qualified_by_group(self, proposed_class) -> None:
        claims = _claims("killed", "004_93b21bcfa360256c.txt", proposed_class)

        groups = {c.qualifiers.get("victim_group"): (c.modifier, c.lower, c.upper) for c in claims}
        assert {c.subject.slug for c in claims if c.subject} == {"palma_attack_2021"}
        assert groups["civilians"] == ("vague", Decimal(20), Decimal(99))
        assert groups["security_forces"] == ("more_than", Decimal(55), None)

    def test_member_count_subject_is_the_coalition_in_both_languages(self, proposed_class) -> None:
        claims = [
            *_claims("member_count", "000_3688c653d33eb61c.txt", proposed_class),
            *_claims("member_count", "001_51bef3fb1244b05f.txt", proposed_class),
        ]

        assert {c.subject.slug for c in claims} == {"global_coalition"}
        assert len({c.fact_id for c in claims}) == 1

    def test_date_proposals_for_events(self, proposed_class) -> None:
        occurred = Claim.objects.filter(property__slug="occurred_on").values_list("date_lower", "date_upper")
        founded = Claim.objects.filter(property__slug="founded_on").values_list(
            "date_lower", "date_upper", "date_precision"
        )

        import datetime as dt

        assert (dt.date(2019, 6, 25), dt.date(2019, 6, 25)) in occurred
        assert (dt.date(2019, 3, 23), dt.date(2019, 3, 23)) in occurred
        assert (dt.date(2014, 6, 1), dt.date(2014, 8, 31), "season") in founded

    def test_every_evidence_quote_is_the_document_text_at_its_span(self, proposed_class) -> None:
        evidence = Evidence.objects.select_related("document", "sentence")

        assert evidence.count() > 30
        for ev in evidence:
            assert ev.document.text[ev.start : ev.end] == ev.quote
            assert ev.sentence.start <= ev.start < ev.end <= ev.sentence.end

    def test_identifiers_are_not_proposed(self, proposed_class) -> None:
        assert not Evidence.objects.filter(quote__contains="2254").exists()


@pytest.mark.django_db
def test_proposing_twice_adds_nothing(proposed) -> None:
    before = (Claim.objects.count(), Evidence.objects.count(), Revision.objects.count())

    results = [document_propose(document=doc) for doc in proposed.values()]

    assert sum(r.created for r in results) == 0
    assert (Claim.objects.count(), Evidence.objects.count(), Revision.objects.count()) == before


@pytest.mark.django_db
def test_each_proposal_has_a_creation_revision(proposed) -> None:
    assert Revision.objects.filter(model="claim", action="create").count() == Claim.objects.count()
