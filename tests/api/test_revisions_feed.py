"""`GET /api/v1/revisions/`: every change in commit order, a cursor that never skips a row."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import connection

from claims.models import Revision
from claims.services import claim_update
from tests.concurrency.conftest import starter_vocabulary  # noqa: F401  (a fixture)
from tests.factories import EntityFactory, claim_with_evidence


def _poll(client, after: str | None = None, *, expect: int = 0, **params) -> dict:
    """One poll; with `expect`, polled again (for up to 10 s) until that many changes show.

    Why again: on PostgreSQL the feed shows a committed change once every transaction older than
    it has ended, on the whole server; another test run on the same server can hold one open for
    a moment. The feed may be late, never wrong: the assertions check what finally shows.
    """
    query = {**params, **({"after": after} if after else {})}
    deadline = time.monotonic() + 10
    while True:
        response = client.get("/api/v1/revisions/", query)
        assert response.status_code == 200, response.json()
        if len(response.json()["results"]) >= expect or time.monotonic() > deadline:
            return response.json()
        time.sleep(0.1)


def _walk(client, **params) -> list[dict]:
    """Every change, polled page by page from the start."""
    seen, after = [], None
    while True:
        page = _poll(client, after, expect=1 if not seen else 0, **params)
        seen += page["results"]
        after = page["cursor"]
        if not page["more"]:
            return seen


@pytest.fixture
def quiet_feed(starter_vocabulary) -> None:  # noqa: F811  (the imported fixture)
    """The vocabulary put back, without its loading in the feed: each test reads its own changes."""
    Revision.objects.all().delete()


# Committed for real: on PostgreSQL the feed shows only committed transactions' rows, and a
# test wrapped in one open transaction would see none of its own.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("quiet_feed")
class TestFeed:
    def test_lists_every_change_oldest_first_and_pages_with_the_cursor(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        for n in range(3):
            claim_update(claim=claim, expected_version=claim.version, user=curator, via="api", nominal=str(81 + n))

        walked = _walk(api_client, limit=2)

        assert [r["changes"]["nominal"] for r in walked] == [["80", "81"], ["81", "82"], ["82", "83"]]
        assert [r["id"] for r in walked] == sorted(r["id"] for r in walked)
        assert len({r["cursor"] for r in walked}) == 3

    def test_a_poll_after_the_last_cursor_returns_only_what_came_since(self, api_client, curator) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        claim_update(claim=claim, expected_version=1, user=curator, via="api", nominal="81")
        cursor = _poll(api_client, expect=1)["cursor"]

        quiet = _poll(api_client, cursor)
        claim_update(claim=claim, expected_version=2, user=curator, via="api", status="accepted")
        news = _poll(api_client, cursor, expect=1)

        assert quiet["results"] == []
        assert quiet["cursor"] == cursor
        assert f"after={cursor}" in quiet["next"]
        assert [r["changes"] for r in news["results"]] == [{"status": ["proposed", "accepted"]}]

    def test_filters_by_kind_object_and_action(self, api_client, curator) -> None:
        one, two = claim_with_evidence(), claim_with_evidence()
        claim_update(claim=one, expected_version=1, user=curator, via="api", nominal="81")
        claim_update(claim=two, expected_version=1, user=curator, via="api", nominal="82")
        Revision.objects.create(via="api", model="fact", object_id=one.pk, object_repr="f", action="update")

        by_object = _poll(api_client, kind="claim", object=two.pk, expect=1)["results"]
        facts = _poll(api_client, kind="fact", expect=1)["results"]
        deletes = _poll(api_client, action="delete")["results"]

        assert [(r["kind"], r["object_id"]) for r in by_object] == [("claim", two.pk)]
        assert [r["kind"] for r in facts] == ["fact"]
        assert deletes == []

    def test_who_made_a_change_is_shown_to_signed_in_clients_only(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        claim_update(claim=claim, expected_version=1, user=curator, via="api", nominal="81")

        anonymous = _poll(api_client, expect=1)["results"][0]["user"]
        api_client.force_authenticate(curator)
        signed_in = _poll(api_client)["results"][0]["user"]

        assert (anonymous, signed_in) == (None, curator.username)

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ({"after": "12"}, "after"),
            ({"after": "1-99999999999999999999"}, "after"),
            ({"kind": "Claim;"}, "kind"),
            ({"object": "-3"}, "object"),
            ({"limit": "0"}, "limit"),
            ({"limit": "²"}, "limit"),
            ({"action": "merge"}, "action"),
        ],
    )
    def test_bad_parameters_are_a_400_naming_them(self, api_client, db, query, field) -> None:
        response = api_client.get("/api/v1/revisions/", query)

        assert response.status_code == 400
        assert field in response.json()

    def test_one_query_per_poll(self, api_client, curator, django_assert_num_queries) -> None:
        claim = claim_with_evidence()
        claim_update(claim=claim, expected_version=1, user=curator, via="api", nominal="81")
        claim_update(claim=claim, expected_version=2, user=curator, via="api", nominal="82")

        _poll(api_client, expect=2)

        # 1. the revisions after the cursor, with their users joined
        with django_assert_num_queries(1):
            results = _poll(api_client)["results"]

        assert len(results) == 2


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="overlapping writers: SQLite serializes them")
@pytest.mark.django_db(transaction=True)
def test_a_row_that_commits_after_a_later_row_is_not_skipped(api_client) -> None:
    """A (lower id) commits after B (higher id): an id cursor would skip A; the feed holds B back."""
    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    )
    try:
        with other.cursor() as cursor:  # transaction A stays open
            cursor.execute(
                "INSERT INTO claims_revision (created_at, via, model, object_id, object_repr, action, changes) "
                "VALUES (now(), 'test', 'claim', 1, 'A', 'update', '{}') RETURNING id"
            )
            (a_id,) = cursor.fetchone()
        b = Revision.objects.create(via="test", model="claim", object_id=2, object_repr="B", action="update")
        assert a_id < b.pk

        while_open = _poll(api_client)
        other.commit()
        after_commit = _poll(api_client, while_open["cursor"], expect=2)
    finally:
        other.close()

    assert while_open["results"] == []
    assert [r["object_repr"] for r in after_commit["results"]] == ["A", "B"]
