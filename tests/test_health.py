"""`/healthz` answers from the database, and tells anonymous callers only up or down."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError


@pytest.fixture
def broken_database(monkeypatch) -> None:
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("connection to server at 10.0.0.7, port 5432 failed: password authentication failed")

    monkeypatch.setattr(CursorWrapper, "execute", broken)


@pytest.mark.django_db
def test_healthz_tells_an_anonymous_caller_only_that_it_is_up(client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_names_the_database_to_staff(client) -> None:
    client.force_login(User.objects.create_user("ops", is_staff=True))

    response = client.get("/healthz")

    assert response.json()["database"] in ("sqlite", "postgresql")


@pytest.mark.django_db
def test_healthz_does_not_name_the_database_to_a_signed_in_non_staff_user(client) -> None:
    client.force_login(User.objects.create_user("reader"))

    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_without_the_error_text_when_the_database_fails(client, broken_database) -> None:
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    assert "10.0.0.7" not in response.content.decode()
