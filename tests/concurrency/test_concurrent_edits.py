"""Two curators editing the same claim at the same moment: one wins, the other gets 412.

The optimistic lock is a conditional UPDATE (`WHERE id = … AND version = …`), so it must hold
when two requests carrying the same `If-Match` really run at once, each on its own database
connection, not only when they come one after the other. Threads stand in for two server
workers; a barrier releases both PATCHes together. On SQLite the test runs on a migrated WAL
database file (the `file_database` fixture), where writers queue on the busy timeout as they do
in production; the in-memory test database fails them at once instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from rest_framework.test import APIClient

from claims import services
from claims.accounts import groups_ensure
from claims.models import Claim, Revision
from tests.factories import claim_with_evidence

ROUNDS = 10
TIMEOUT = 30.0


@dataclass(slots=True)
class Outcome:
    status: int | None = None
    body: dict[str, Any] | None = None
    error: BaseException | None = None


@pytest.fixture
def two_curators(file_database) -> tuple[User, User]:
    curator_group, _ = groups_ensure()
    users = (User.objects.create_user("alice"), User.objects.create_user("bob"))
    for user in users:
        user.groups.add(curator_group)
    return users


def _value(figure: int) -> dict[str, str]:
    return {"nominal": str(figure), "lower": str(figure), "upper": str(figure)}


def _patch_in_thread(user_id: int, claim_id: int, body: dict, barrier: threading.Barrier, outcome: Outcome) -> None:
    """One worker: its own client and database connection, released by the barrier."""
    try:
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=user_id))
        barrier.wait(TIMEOUT)
        response = client.patch(f"/api/v1/claims/{claim_id}/", body, format="json", HTTP_IF_MATCH='"1"')
        outcome.status, outcome.body = response.status_code, response.json()
    except BaseException as exc:  # reported by the main thread, which re-raises it
        outcome.error = exc
        barrier.abort()
    finally:
        connection.close()


def race(users: tuple[User, User], claim: Claim, bodies: tuple[dict, dict]) -> tuple[Outcome, Outcome]:
    """Send both PATCHes (same If-Match) at once; return each curator's outcome."""
    barrier = threading.Barrier(2)
    outcomes = (Outcome(), Outcome())
    threads = [
        threading.Thread(target=_patch_in_thread, args=(user.pk, claim.pk, body, barrier, outcome))
        for user, body, outcome in zip(users, bodies, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    for outcome in outcomes:
        if outcome.error is not None:
            raise outcome.error
    return outcomes


def _hold_both_inside_claim_update(monkeypatch) -> None:
    """Make both requests pass the view's early version check before either UPDATE runs."""
    barrier = threading.Barrier(2)
    original: Callable[..., Claim] = services.claim_update

    def held(**kwargs: Any) -> Claim:
        barrier.wait(TIMEOUT)
        return original(**kwargs)

    monkeypatch.setattr(services, "claim_update", held)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("starter_vocabulary")
class TestConcurrentEdits:
    def test_same_if_match_at_once_gives_one_200_and_one_412(self, two_curators) -> None:
        """Ten rounds, so the requests really overlap in some of them."""
        for round_number in range(ROUNDS):
            claim = claim_with_evidence()
            bodies = (_value(100 + round_number), _value(200 + round_number))

            outcomes = race(two_curators, claim, bodies)

            self.assert_one_winner(claim, bodies, outcomes)

    def test_the_conditional_update_refuses_the_loser_even_after_both_passed_the_early_check(
        self, two_curators, monkeypatch
    ) -> None:
        """The view compares versions before calling the service; that check alone is a
        read-then-write race. Holding both requests at the service's door proves the
        conditional UPDATE is what keeps the second write out."""
        _hold_both_inside_claim_update(monkeypatch)
        claim = claim_with_evidence()
        bodies = (_value(300), _value(400))

        outcomes = race(two_curators, claim, bodies)

        self.assert_one_winner(claim, bodies, outcomes)

    @staticmethod
    def assert_one_winner(claim: Claim, bodies: tuple[dict, dict], outcomes: tuple[Outcome, Outcome]) -> None:
        assert sorted(o.status for o in outcomes) == [200, 412], [(o.status, o.body) for o in outcomes]
        winner = next(i for i, o in enumerate(outcomes) if o.status == 200)
        stored = APIClient().get(f"/api/v1/claims/{claim.pk}/")
        assert stored.json() == outcomes[winner].body
        assert stored.json()["value"]["nominal"] == bodies[winner]["nominal"]
        assert stored["ETag"] == '"2"'
        updates = Revision.objects.filter(model="claim", object_id=claim.pk, action=Revision.Action.UPDATE)
        assert updates.count() == 1
