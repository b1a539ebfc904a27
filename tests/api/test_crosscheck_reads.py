"""A cross-check reads its claims as plain rows: two queries whatever the number of claims."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims import selectors
from claims.models import Claim, Fact, Property
from claims.services import fact_key
from tests.factories import EntityFactory, claim_with_evidence


def _fact_with_claims(n: int) -> Fact:
    subject = EntityFactory()
    prop = Property.objects.get(slug="member_count")
    fact = Fact.objects.create(
        subject=subject,
        property=prop,
        qualifiers={},
        key=fact_key(subject_id=subject.pk, property_id=prop.pk, qualifiers={}),
    )
    for k in range(n):
        figure = (80, 95)[k % 2]
        claim_with_evidence(
            quote=f"{figure} بلداً", subject=subject, fact=fact, status="accepted", nominal=str(figure),
            lower=Decimal(figure), upper=Decimal(figure),
        )  # fmt: skip
    return fact


@pytest.mark.django_db
class TestCrosscheckReads:
    @pytest.mark.parametrize("claims", [2, 12])
    def test_a_facts_crosscheck_runs_two_queries(self, api_client, django_assert_num_queries, claims) -> None:
        fact = _fact_with_claims(claims)

        # 1. the fact with its subject and property (the view's get_object)
        # 2. its claims with document language, source name, property and first quote
        with django_assert_num_queries(2):
            response = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/")

        assert response.status_code == 200
        assert len(response.json()["claims"]) == claims
        assert response.json()["verdict"] == "conflict"

    def test_report_rows_carry_what_the_report_shows(self, db) -> None:
        fact = _fact_with_claims(2)
        claim = Claim.objects.filter(fact=fact).select_related("document__source", "property").order_by("id").first()

        row = selectors.claims_by_id(fact_id=fact.pk)[claim.pk]

        assert (row.pk, row.nominal, row.lower, row.unit, row.status, row.document_id) == (
            claim.pk, claim.nominal, claim.lower, claim.unit, claim.status, claim.document_id,
        )  # fmt: skip
        assert row.document.source.name == claim.document.source.name
        assert row.document.language == claim.document.language
        assert row.property.time_varying == claim.property.time_varying
        assert [e.quote for e in row.evidence.all()] == [claim.evidence.order_by("id").first().quote]
        assert selectors.claim_value_of(row) == selectors.claim_value_of(claim)

    def test_a_claim_without_property_or_evidence_reads_as_none_and_empty(self, db) -> None:
        claim = claim_with_evidence(property=None)
        claim.evidence.all().delete()

        row = selectors.claims_by_id(ids=[claim.pk])[claim.pk]

        assert row.property is None
        assert list(row.evidence.all()) == []
