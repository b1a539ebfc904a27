"""Facts, cross-check reports and conflicts, on the seed articles with their claims accepted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.models import Claim, Fact
from claims.proposals import document_propose
from claims.services import claims_set_status
from tests.factories import claim_with_evidence

SEED_PROPERTIES = ["member_count", "territory_area", "meeting_attendance", "occurred_on"]


@pytest.fixture
def accepted(seeded, curator):
    """Seed proposals, with the claims of the verdict examples accepted."""
    for doc in seeded.values():
        document_propose(document=doc)
    claims_set_status(
        claims=Claim.objects.filter(property__slug__in=SEED_PROPERTIES, subject__isnull=False),
        status="accepted",
        user=curator,
        via="command",
    )
    return seeded


@pytest.fixture(scope="class")
def accepted_class(proposed_class, django_db_blocker):
    """`accepted`, made once for a test class (see `tests.conftest.rows_for_the_class`)."""
    from django.contrib.auth.models import User

    with django_db_blocker.unblock():
        claims_set_status(
            claims=Claim.objects.filter(property__slug__in=SEED_PROPERTIES, subject__isnull=False),
            status="accepted",
            user=User.objects.create_user("curator-of-the-class"),
            via="command",
        )
    return proposed_class


def _fact(api_client, prop: str, subject: str) -> dict:
    results = api_client.get("/api/v1/facts/", {"property": prop, "subject": subject}).json()["results"]
    assert len(results) == 1, results
    return results[0]


@pytest.mark.django_db
class TestSeedVerdicts:
    def test_member_count_is_consistent_on_80(self, api_client, accepted_class) -> None:
        fact = _fact(api_client, "member_count", "global_coalition")

        assert fact["verdict"] == "consistent"
        assert fact["consensus"] == {"lower": "80", "upper": "80", "lower_open": False, "upper_open": False}

    def test_territory_is_consistent_within_rounding_and_says_which_claim_needed_it(
        self, api_client, accepted_class
    ) -> None:
        fact = _fact(api_client, "territory_area", "isis")

        report = api_client.get(f"/api/v1/facts/{fact['id']}/crosscheck/").json()

        assert report["verdict"] == "consistent_within_rounding"
        [rounded] = report["rounded"]
        bare = next(c for c in report["claims"] if c["id"] == rounded)
        assert (bare["modifier"], bare["language"]) == ("exact", "fa")
        assert report["notes"][0].startswith("110,000 km² (Embassy of France in Afghanistan")
        assert report["notes"][0].endswith(
            "in Persian/Dari, exact) agrees with 'more than 110,000 km²' only once 110,000 is read as a rounded figure, "
            "±500 (rule rounding_half_unit)"
        )
        assert {c["modifier"] for c in report["claims"]} == {"exact", "more_than"}
        # The consensus and each claim in the value's terms: stated, and widened by the rule.
        assert (report["value_type"], report["unit"]) == ("quantity", "km2")
        assert report["consensus_text"] == "(110,000, 110,500] km²"
        assert bare["interval_text"] == "[110,000, 110,000] km²"
        assert bare["widened_text"] == "[109,500, 110,500] km²"
        assert bare["widened_by"] == {"rule": "rounding_half_unit", "width": "500"}
        more = next(c for c in report["claims"] if c["id"] != rounded)
        assert (more["widened"], more["widened_by"]) == (None, None)
        assert report["findings"][-1] == "Read so, all 2 sources agree on (110,000, 110,500] km²."

    def test_paris_attendance_is_consistent_on_30_to_33(self, api_client, accepted_class) -> None:
        fact = _fact(api_client, "meeting_attendance", "paris_meeting_2019")

        assert fact["verdict"] == "consistent"
        assert fact["consensus"] == {"lower": "30", "upper": "33", "lower_open": False, "upper_open": False}

    def test_fall_of_baghouz_agrees_across_two_calendars(self, api_client, accepted_class) -> None:
        fact = _fact(api_client, "occurred_on", "fall_of_baghouz_2019")

        report = api_client.get(f"/api/v1/facts/{fact['id']}/crosscheck/").json()

        assert report["verdict"] == "consistent"
        assert report["consensus"]["lower"] == report["consensus"]["upper"] == "2019-03-23"
        assert len(report["claims"]) == 3
        assert {c["language"] for c in report["claims"]} == {"ar", "fa"}

    def test_crosscheck_counts_accepted_claims_unless_asked_for_any(self, api_client, accepted_class) -> None:
        fact = Fact.objects.get(property__slug="invited_count", subject__slug="paris_meeting_2019")

        accepted_only = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/")
        any_status = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/?status=any")

        assert accepted_only.status_code == 404
        assert any_status.json()["verdict"] == "consistent"


@pytest.mark.django_db
class TestConflicts:
    def test_conflicting_accepted_claims_are_listed_with_their_pairs(self, api_client, curator) -> None:
        first = claim_with_evidence(status="accepted")
        from tests.factories import DocumentFactory

        second = claim_with_evidence(
            document=DocumentFactory(text="العنوان\nويضم التحالف اليوم 63 بلداً."),
            quote="63 بلداً",
            nominal="63",
            lower=Decimal(63),
            upper=Decimal(63),
            status="proposed",
        )
        from claims.models import Entity
        from claims.services import claim_update

        entity = Entity.objects.create(name="Coalition", kind="organization", slug="coalition")
        for claim in (first, second):
            claim_update(claim=claim, expected_version=claim.version, user=curator, via="api", subject=entity)
        claim_update(
            claim=Claim.objects.get(pk=second.pk), expected_version=2, user=curator, via="api", status="accepted"
        )

        conflicts = api_client.get("/api/v1/conflicts/").json()["results"]
        report = api_client.get(f"/api/v1/facts/{conflicts[0]['id']}/crosscheck/").json()

        assert [c["verdict"] for c in conflicts] == ["conflict"]
        assert report["verdict"] == "conflict"
        assert [(p["a"], p["b"]) for p in report["conflicts"]] == [(first.pk, second.pk)]
        assert "lies entirely below" in report["conflicts"][0]["reason"]

    def test_adhoc_crosscheck_of_claim_ids(self, api_client) -> None:
        a = claim_with_evidence()
        b = claim_with_evidence()

        response = api_client.post("/api/v1/crosscheck/", {"claims": [a.pk, b.pk]}, format="json")

        assert response.json()["verdict"] == "consistent"

    def test_adhoc_crosscheck_of_unknown_claims_is_a_400(self, api_client, db) -> None:
        response = api_client.post("/api/v1/crosscheck/", {"claims": [999999]}, format="json")

        assert response.status_code == 400
        assert "claims" in response.json()
