"""Verdicts that explain themselves through the API, and cumulative tolls as a timeline.

Tolls here are made-up figures in sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from claims import selectors, services
from claims.models import Fact, Property
from claims.services import fact_key
from tests.factories import DocumentFactory, EntityFactory, SourceFactory, claim_with_evidence


def _fact(prop_slug: str, rows: list[tuple[str, int, str | None]], *, as_of: dict[int, str] | None = None) -> Fact:
    """A fact of `prop_slug` with one accepted claim per (outlet, figure, article date) row."""
    subject = EntityFactory(name="Test Flood", kind="event")
    prop = Property.objects.get(slug=prop_slug)
    fact = Fact.objects.create(
        subject=subject,
        property=prop,
        qualifiers={},
        key=fact_key(subject_id=subject.pk, property_id=prop.pk, qualifiers={}),
    )
    for index, (outlet, figure, published) in enumerate(rows):
        quote = f"{figure} قتيلاً"
        document = DocumentFactory(
            source=SourceFactory(name=outlet),
            text=f"العنوان\nوأعلنت السلطات سقوط {quote} في الفيضان.",
            published_on=published,
            published_precision="day" if published else "",
            published_basis="stated" if published else "unknown",
        )
        claim_with_evidence(
            document=document,
            quote=quote,
            subject=subject,
            property=prop,
            fact=fact,
            status="accepted",
            nominal=str(figure),
            lower=Decimal(figure),
            upper=Decimal(figure),
            unit=prop.unit,
            as_of=dt.date.fromisoformat(as_of[index]) if as_of and index in as_of else None,
        )
    services.facts_refresh(fact_ids=[fact.pk])
    fact.refresh_from_db()
    return fact


@pytest.mark.django_db
class TestCumulativeTolls:
    def test_the_killed_toll_is_cumulative_in_the_general_pack(self) -> None:
        cumulative = set(Property.objects.filter(cumulative=True).values_list("slug", flat=True))

        assert {"killed", "injured", "missing", "displaced", "returnees"} <= cumulative

    def test_a_toll_rising_over_days_is_stored_and_reported_as_a_timeline(self, api_client) -> None:
        fact = _fact("killed", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 1500, "2024-04-03")])

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert fact.verdict == "timeline"
        assert report["verdict"] == "timeline"
        assert report["timeline_kind"] == "moments"
        assert [p["period"] for p in report["timeline"]] == [["2024-04-01", "2024-04-01"], ["2024-04-03", "2024-04-03"]]
        assert (report["latest_text"], report["latest_on"]) == ("[1,500, 1,500] people", "2024-04-03")
        assert report["findings"][-1] == "The latest figure is [1,500, 1,500] people (2024-04-03)."
        assert report["conflicts"] == []
        assert selectors.facts_in_conflict() == []

    def test_two_outlets_disagreeing_about_one_day_conflict(self, api_client) -> None:
        fact = _fact("killed", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 1500, "2024-04-01")])

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert fact.verdict == report["verdict"] == "conflict"
        assert [c["kind"] for c in report["conflicts"]] == ["disagree"]
        assert selectors.facts_in_conflict() == [fact.pk]

    def test_a_toll_that_falls_is_flagged_with_its_reason(self, api_client) -> None:
        fact = _fact("killed", [("Outlet A", 1500, "2024-04-01"), ("Outlet B", 900, "2024-04-02")])

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert fact.verdict == "conflict"
        [conflict] = report["conflicts"]
        assert conflict["kind"] == "falls"
        assert conflict["reason"].startswith(
            "900 people (Outlet B in Arabic, exact) on 2024-04-02 is lower than 1,500 people (Outlet A in Arabic, "
            "exact) reported on 2024-04-01: a cumulative figure cannot fall"
        )
        assert selectors.facts_in_conflict() == [fact.pk]

    def test_as_of_places_a_figure_before_its_article_date(self, api_client) -> None:
        # Outlet B's article is later, but its 900 holds as of 1 April: the series rises.
        fact = _fact(
            "killed",
            [("Outlet A", 1500, "2024-04-02"), ("Outlet B", 900, "2024-04-05")],
            as_of={1: "2024-04-01"},
        )

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert fact.verdict == report["verdict"] == "timeline"
        by_id = {c["id"]: c for c in report["claims"]}
        assert sorted(c["holds_on"] for c in by_id.values()) == ["2024-04-01", "2024-04-02"]

    def test_one_outlets_earlier_count_on_the_same_day_is_set_aside(self, api_client) -> None:
        fact = _fact("killed", [("Outlet A", 900, "2024-04-01"), ("Outlet A", 1500, "2024-04-01")])
        low, high = fact.claims.order_by("id").values_list("id", flat=True)

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert fact.verdict == report["verdict"] == "single"
        assert report["superseded"] == [{"claim": low, "by": high}]
        assert report["consensus_text"] == "[1,500, 1,500] people"
        assert selectors.facts_in_conflict() == []

    def test_a_non_cumulative_property_with_the_same_figures_conflicts(self) -> None:
        fact = _fact("evacuated", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 1500, "2024-04-03")])

        assert fact.verdict == "conflict"


@pytest.mark.django_db
class TestExplainedReports:
    def test_two_claims_of_one_outlet_do_not_make_a_majority(self, api_client) -> None:
        fact = _fact(
            "evacuated",
            [("Outlet A", 900, "2024-04-01"), ("Outlet A", 900, "2024-04-02"), ("Outlet B", 1500, "2024-04-01")],
        )

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert report["verdict"] == "conflict"
        assert report["sources"] == 2
        assert (report["majority"], report["outliers"]) == ([], [])
        assert "No majority: no two of the 2 sources agree." in report["findings"]

    def test_a_tie_between_outlets_names_no_majority(self, api_client) -> None:
        fact = _fact(
            "evacuated",
            [
                ("Outlet A", 900, "2024-04-01"),
                ("Outlet B", 900, "2024-04-01"),
                ("Outlet C", 1500, "2024-04-01"),
                ("Outlet D", 1500, "2024-04-01"),
            ],
        )

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert report["tie"] is True
        assert report["majority"] == []
        assert len(report["tied_groups"]) == 2
        assert "No majority: 2 groups of 2 sources each tie (Outlet A and Outlet B; Outlet C and Outlet D)." in [
            f.replace(" in Arabic", "") for f in report["findings"]
        ]

    def test_fact_detail_and_list_carry_unit_value_type_and_the_report(self, api_client) -> None:
        fact = _fact("killed", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 1500, "2024-04-03")])

        detail = api_client.get(f"/api/v1/facts/{fact.pk}/").json()
        [listed] = api_client.get("/api/v1/facts/", {"property": "killed"}).json()["results"]

        assert (detail["value_type"], detail["unit"]) == ("quantity", "person")
        assert detail["report"] == listed["report"]
        assert detail["report"]["latest_text"] == "[1,500, 1,500] people"
        assert detail["report"]["findings"][0] == (
            "The figure is cumulative, ordered by when each claim holds: "
            "[900, 900] people on 2024-04-01, then [1,500, 1,500] people on 2024-04-03."
        )
        assert [c["text"] for c in detail["report"]["claims"]] == ["900 people", "1,500 people"]

    def test_a_consistent_fact_carries_its_consensus_in_its_unit(self, api_client) -> None:
        fact = _fact("evacuated", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 900, "2024-04-01")])

        detail = api_client.get(f"/api/v1/facts/{fact.pk}/").json()

        assert detail["consensus_text"] == "[900, 900] people"
        assert detail["report"]["findings"] == [
            "All 2 claims from 2 sources agree: together they say [900, 900] people."
        ]

    def test_date_conflicts_read_as_iso_dates_never_day_numbers(self, api_client) -> None:
        subject = EntityFactory(name="Test Summit", kind="event")
        prop = Property.objects.get(slug="occurred_on")
        fact = Fact.objects.create(
            subject=subject,
            property=prop,
            qualifiers={},
            key=fact_key(subject_id=subject.pk, property_id=prop.pk, qualifiers={}),
        )
        for outlet, day in (("Outlet A", dt.date(2024, 3, 1)), ("Outlet B", dt.date(2024, 3, 9))):
            claim_with_evidence(
                document=DocumentFactory(source=SourceFactory(name=outlet), text="العنوان\nعقدت القمة في آذار."),
                quote="في آذار",
                subject=subject,
                property=prop,
                fact=fact,
                status="accepted",
                value_type="date",
                nominal=day.isoformat(),
                lower=Decimal(day.toordinal()),
                upper=Decimal(day.toordinal()),
                date_lower=day,
                date_upper=day,
                date_precision="day",
                unit="",
            )

        report = api_client.get(f"/api/v1/facts/{fact.pk}/crosscheck/").json()

        assert report["value_type"] == "date"
        [conflict] = report["conflicts"]
        assert conflict["reason"] == (
            "2024-03-01 (Outlet A in Arabic, exact) lies entirely below 2024-03-09 (Outlet B in Arabic, exact): "
            "2024-03-01 against 2024-03-09"
        )
        text = str(report)
        assert str(dt.date(2024, 3, 1).toordinal()) not in text.replace(",", "")

    def test_an_ad_hoc_crosscheck_explains_itself_too(self, api_client) -> None:
        fact = _fact("evacuated", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 1500, "2024-04-01")])
        ids = list(fact.claims.order_by("id").values_list("id", flat=True))

        report = api_client.post("/api/v1/crosscheck/", {"claims": ids}, format="json").json()

        assert report["verdict"] == "conflict"
        assert report["unit"] == "person"
        assert report["conflicts"][0]["reason"].startswith("900 people (Outlet A in Arabic, exact) lies entirely below")
