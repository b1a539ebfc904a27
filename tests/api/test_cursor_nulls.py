"""Cursor pages ordered by a column that may be NULL (`as_of`, `lower`, `upper`) follow through.

DRF's cursor wrote the position of a NULL as `None` and compared it with the column: following
such a `next` link was a 500 (then a 400 once forged cursors were refused). NULL now sorts below
every value on both databases, so the pages are the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from tests.factories import claim_with_evidence


@pytest.fixture
def claims(db) -> list:
    """Six claims, every other one without `as_of`; `lower` NULL on two."""
    made = []
    for n in range(1, 7):
        made.append(
            claim_with_evidence(
                quote=f"{n} بلداً",
                nominal=str(n),
                as_of=None if n % 2 else dt.date(2020, 1, n),
                lower=None if n in (2, 5) else Decimal(n),
                upper=Decimal(n),
            )
        )
    return made


def _walk(client: APIClient, url: str | None, params: dict | None, link: str) -> list[int]:
    seen: list[int] = []
    while url:
        response = client.get(url, params)
        assert response.status_code == 200, response.json()
        body = response.json()
        seen += [row["id"] for row in body["results"]]
        url, params = body[link], None
    return seen


@pytest.mark.parametrize("ordering", ["as_of", "-as_of", "lower", "-lower"])
@pytest.mark.parametrize("page_size", [1, 2, 4])
def test_next_links_visit_every_claim_once_in_order(api_client, claims, ordering, page_size) -> None:
    seen = _walk(
        api_client, "/api/v1/claims/", {"status": "proposed", "ordering": ordering, "page_size": page_size}, "next"
    )

    assert sorted(seen) == sorted(c.pk for c in claims)
    field = ordering.lstrip("-")
    values = [getattr(next(c for c in claims if c.pk == pk), field) for pk in seen]
    nulls = [v is None for v in values]
    # NULLs first going up, last going down; the values between them in order.
    assert nulls == sorted(nulls, reverse=not ordering.startswith("-"))
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=ordering.startswith("-"))


@pytest.mark.parametrize("ordering", ["as_of", "-lower"])
def test_previous_links_walk_back_over_the_same_claims(api_client, claims, ordering) -> None:
    params = {"status": "proposed", "ordering": ordering, "page_size": 2}
    forward = _walk(api_client, "/api/v1/claims/", params, "next")
    last_page = api_client.get("/api/v1/claims/", params)
    while last_page.json()["next"]:
        last_page = api_client.get(last_page.json()["next"])

    backward = _walk(api_client, last_page.json()["previous"], None, "previous")

    assert sorted(backward + [row["id"] for row in last_page.json()["results"]]) == sorted(forward)
