"""Every list endpoint runs a constant number of queries, at 2 rows and at 50."""

from __future__ import annotations

import pytest

from claims.models import Entity, EntityAlias, Fact, Property
from claims.services import fact_for

ROWS = [2, 50]


def _entities(n: int, kind: str = "organization") -> list[Entity]:
    entities = Entity.objects.bulk_create(Entity(name=f"Entity {i}", slug=f"entity-{i}", kind=kind) for i in range(n))
    EntityAlias.objects.bulk_create(
        EntityAlias(entity=e, name=f"كيان {e.pk}", language="ar", normalized=f"كيان {e.pk}") for e in entities
    )
    return entities


def _facts(n: int, verdict: str = "consistent") -> list[Fact]:
    prop = Property.objects.get(slug="member_count")
    facts = [fact_for(subject=e, prop=prop, qualifiers={}) for e in _entities(n)]
    Fact.objects.filter(pk__in=[f.pk for f in facts]).update(verdict=verdict)
    return facts


@pytest.mark.django_db
class TestListQueryCounts:
    @pytest.mark.parametrize("rows", ROWS)
    def test_entities(self, api_client, django_assert_num_queries, rows) -> None:
        _entities(rows, kind="person")  # the default packs hold countries, places and organizations, no person

        # 1. COUNT(*)  2. the page of entities  3. their aliases (one prefetch)
        with django_assert_num_queries(3):
            response = api_client.get("/api/v1/entities/", {"kind": "person"})

        assert len(response.json()["results"]) == rows

    def test_properties(self, api_client, django_assert_num_queries) -> None:
        # 1. COUNT(*)  2. the page of properties (the general pack's, loaded by a migration)
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/properties/", {"page_size": 100})

        assert len(response.json()["results"]) == Property.objects.count() > 40

    @pytest.mark.parametrize("rows", ROWS)
    def test_facts(self, api_client, django_assert_num_queries, rows) -> None:
        _facts(rows)

        # 1. COUNT(*)  2. the page of facts with subject and property joined  3. the page's
        # accepted claims, for each fact's report
        with django_assert_num_queries(3):
            response = api_client.get("/api/v1/facts/")

        assert len(response.json()["results"]) == rows

    @pytest.mark.parametrize("rows", ROWS)
    def test_conflicts(self, api_client, django_assert_num_queries, rows) -> None:
        _facts(rows, verdict="conflict")

        # 1. the page of conflicting facts with subject and property joined (cursor: no COUNT)
        # 2. the page's accepted claims, for each fact's report
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/conflicts/")

        assert len(response.json()["results"]) == rows
