"""Failed logins are limited per user and per address (django-axes), for the admin and for tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

LIMIT = 3


@pytest.fixture(autouse=True)
def _limits(settings) -> None:
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user("editor", password="x-editor-pass-1", is_staff=True)


def _admin_login(client: Client, username: str, password: str, address: str = "203.0.113.5"):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _token(username: str, password: str, address: str = "203.0.113.5"):
    return APIClient().post(
        "/api/v1/tokens/", {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


@pytest.mark.django_db
class TestAdminLogin:
    def test_after_the_limit_even_the_right_password_is_refused(self, client, staff) -> None:
        for _ in range(LIMIT - 1):
            assert _admin_login(client, "editor", "wrong").status_code == 200  # the form again, with an error
        assert _admin_login(client, "editor", "wrong").status_code == 429  # the failure that reaches the limit

        locked = _admin_login(client, "editor", "x-editor-pass-1")

        assert locked.status_code == 429
        assert "Too many failed logins" in locked.content.decode()
        assert "_auth_user_id" not in client.session

    def test_the_user_is_locked_from_any_address(self, client, staff) -> None:
        for n in range(LIMIT):
            _admin_login(client, "editor", "wrong", address=f"198.51.100.{n}")

        assert _admin_login(Client(), "editor", "x-editor-pass-1", address="192.0.2.77").status_code == 429

    def test_an_address_is_locked_for_every_user(self, client, staff) -> None:
        User.objects.create_user("other", password="x-other-pass-1", is_staff=True)
        for n in range(LIMIT):
            _admin_login(client, f"guess{n}", "wrong")

        assert _admin_login(Client(), "other", "x-other-pass-1").status_code == 429
        assert _admin_login(Client(), "other", "x-other-pass-1", address="192.0.2.9").status_code == 302

    def test_a_success_before_the_limit_starts_the_count_again(self, client, staff) -> None:
        for _ in range(LIMIT - 1):
            _admin_login(client, "editor", "wrong")
        assert _admin_login(Client(), "editor", "x-editor-pass-1").status_code == 302

        for _ in range(LIMIT - 1):
            _admin_login(client, "editor", "wrong")

        assert _admin_login(Client(), "editor", "x-editor-pass-1").status_code == 302


@pytest.mark.django_db
class TestTokenCreation:
    def test_is_limited_per_user_with_the_apis_error_shape(self, staff) -> None:
        for n in range(LIMIT - 1):
            assert _token("editor", "wrong", address=f"198.51.100.{n}").status_code == 400
        assert _token("editor", "wrong", address="198.51.100.99").status_code == 429

        locked = _token("editor", "x-editor-pass-1", address="192.0.2.1")

        assert locked.status_code == 429
        assert set(locked.json()) == {"detail"}
        assert int(locked["Retry-After"]) > 0

    def test_counts_with_the_admin_login(self, client, staff) -> None:
        for _ in range(LIMIT - 1):
            _admin_login(client, "editor", "wrong")
        _token("editor", "wrong")

        assert _token("editor", "x-editor-pass-1").status_code == 429
