"""List filters that refuse nonsense instead of answering it (issue 13, item 5).

A claim whose date could not be resolved is on no day: it matches no date range and has its
own `date_resolved=false` filter. Reversed ranges, unknown `ordering` terms and a `page_size`
outside 1 … 500 are a 400 naming the parameter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from claims.models import Claim, Property
from tests.factories import DocumentFactory, claim_with_evidence


def _date_claim(quote: str, lower: dt.date | None, upper: dt.date | None, modifier: str = "exact") -> Claim:
    return claim_with_evidence(
        quote=quote,
        property=Property.objects.get(slug="occurred_on"),
        value_type="date",
        nominal=lower.isoformat() if lower else "",
        date_lower=lower,
        date_upper=upper,
        lower=Decimal(lower.toordinal()) if lower else None,
        upper=Decimal(upper.toordinal()) if upper else None,
        unit="",
        modifier=modifier,
        rule="relative.yesterday" if lower is None and upper is None else "date",
    )


@pytest.fixture
def dated(db) -> dict[str, Claim]:
    return {
        "unresolved": _date_claim("أمس", None, None, modifier="relative"),
        "march": _date_claim("4 مارس 2019", dt.date(2019, 3, 4), dt.date(2019, 3, 4)),
        "since_2020": _date_claim("منذ 2020", dt.date(2020, 1, 1), None, modifier="since"),
        "until_2010": _date_claim("حتى 2010", None, dt.date(2010, 12, 31), modifier="until"),
    }


def _ids(api_client, **params) -> set[int]:
    response = api_client.get("/api/v1/claims/", {"status": "proposed", **params})
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.django_db
class TestUnresolvedDates:
    def test_a_range_no_claim_falls_in_matches_nothing(self, api_client, dated) -> None:
        # Was every unresolved claim: a missing bound read as "unbounded" on both sides.
        assert _ids(api_client, date_from="2011-06-01", date_to="2011-06-02") == set()

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"date_from": "2019-01-01", "date_to": "2019-12-31"}, {"march"}),
            ({"date_from": "2021-06-01"}, {"since_2020"}),
            ({"date_to": "2009-01-01"}, {"until_2010"}),
            ({"date_from": "2000-01-01"}, {"march", "since_2020", "until_2010"}),
        ],
    )
    def test_open_ends_still_reach_as_far_as_they_go(self, api_client, dated, params, expected) -> None:
        assert _ids(api_client, **params) == {dated[name].pk for name in expected}

    def test_date_resolved_false_lists_the_unresolved_ones(self, api_client, dated) -> None:
        claim_with_evidence(quote="70 بلداً", nominal="70")  # a quantity: not a date claim at all

        assert _ids(api_client, date_resolved="false") == {dated["unresolved"].pk}

    def test_date_resolved_true_lists_the_others(self, api_client, dated) -> None:
        expected = {dated[name].pk for name in ("march", "since_2020", "until_2010")}

        assert _ids(api_client, date_resolved="true") == expected

    def test_date_resolved_must_be_a_boolean(self, api_client, dated) -> None:
        response = api_client.get("/api/v1/claims/", {"date_resolved": "perhaps"})

        assert response.status_code == 400
        assert "date_resolved" in response.json()


@pytest.mark.django_db
class TestReversedRanges:
    @pytest.mark.parametrize(
        ("url", "params", "name"),
        [
            ("/api/v1/claims/", {"date_from": "2024-03-01", "date_to": "2024-01-01"}, "date_from"),
            ("/api/v1/claims/", {"value_min": "100", "value_max": "50"}, "value_min"),
            (
                "/api/v1/documents/",
                {"published_after": "2024-03-01", "published_before": "2024-01-01"},
                "published_after",
            ),
        ],
    )
    def test_is_400_naming_the_parameter(self, api_client, db, url, params, name) -> None:
        response = api_client.get(url, params)

        assert response.status_code == 400
        assert list(response.json()) == [name]
        assert "reversed" in response.json()[name][0]

    def test_a_range_of_one_value_is_not_reversed(self, api_client, db) -> None:
        claim = claim_with_evidence()

        assert _ids(api_client, value_min="80", value_max="80") == {claim.pk}

    def test_a_one_day_document_range_is_not_reversed(self, api_client, db) -> None:
        document = DocumentFactory(published_on=dt.date(2024, 1, 5), published_precision="day")

        response = api_client.get(
            "/api/v1/documents/", {"published_after": "2024-01-05", "published_before": "2024-01-05"}
        )

        assert [row["id"] for row in response.json()["results"]] == [document.pk]


@pytest.mark.django_db
class TestOrdering:
    @pytest.mark.parametrize(
        ("url", "ordering"),
        [
            ("/api/v1/claims/", "colour"),
            ("/api/v1/claims/", "-id,evidence__quote"),
            ("/api/v1/facts/", "verdict"),
            ("/api/v1/documents/", "-nonsense"),
            ("/api/v1/entities/", "password"),
        ],
    )
    def test_an_unknown_term_is_400_naming_ordering(self, api_client, db, url, ordering) -> None:
        # DRF ignored it and answered in the default order, as if it had been honoured.
        response = api_client.get(url, {"ordering": ordering})

        assert response.status_code == 400
        assert list(response.json()) == ["ordering"]
        assert ordering.split(",")[-1] in response.json()["ordering"][0]

    def test_a_known_term_orders(self, api_client, db) -> None:
        low = claim_with_evidence(quote="70 بلداً", nominal="70", lower=Decimal(70), upper=Decimal(70))
        high = claim_with_evidence(quote="90 بلداً", nominal="90", lower=Decimal(90), upper=Decimal(90))

        rows = api_client.get("/api/v1/claims/", {"status": "proposed", "ordering": "-lower"}).json()["results"]

        assert [row["id"] for row in rows] == [high.pk, low.pk]


@pytest.mark.django_db
class TestPageSize:
    @pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/documents/", "/api/v1/facts/", "/api/v1/conflicts/"])
    @pytest.mark.parametrize("page_size", ["0", "-1", "abc", "1.5", "501", "9" * 5000, "٣"])
    def test_outside_one_to_five_hundred_is_400_naming_page_size(self, api_client, db, url, page_size) -> None:
        response = api_client.get(url, {"page_size": page_size})

        assert response.status_code == 400
        assert response.json() == {"page_size": ["A whole number from 1 to 500."]}

    @pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/documents/"])
    def test_one_and_five_hundred_are_pages(self, api_client, db, url) -> None:
        claim_with_evidence()
        claim_with_evidence(quote="70 بلداً", nominal="70")

        one = api_client.get(url, {"page_size": "1", "status": "proposed"})
        most = api_client.get(url, {"page_size": "500", "status": "proposed"})

        assert (one.status_code, len(one.json()["results"])) == (200, 1)
        assert (most.status_code, len(most.json()["results"])) == (200, 2)
