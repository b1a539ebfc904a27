"""API tokens: lifetime, last use, revocation (command and admin), and who may manage them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import ApiToken
from claims.tokens import TokenLifetimeInvalid, token_create


def _get(key: str):
    client = APIClient()
    return client.get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {key}")


@pytest.mark.django_db
class TestLifetime:
    @pytest.mark.parametrize("days", [0, -1, 100_000])
    def test_a_lifetime_outside_1_to_3650_days_is_refused(self, curator, days) -> None:
        with pytest.raises(TokenLifetimeInvalid):
            token_create(user=curator, name="x", days=days)

        assert ApiToken.objects.count() == 0

    def test_the_command_refuses_it_with_a_message(self, curator) -> None:
        with pytest.raises(CommandError, match="--days -1"):
            call_command("create_token", curator.username, "--days", "-1")

        assert ApiToken.objects.count() == 0


@pytest.mark.django_db
class TestLastUsed:
    def test_is_written_on_first_use_and_then_at_most_once_a_minute(self, curator) -> None:
        token, key = token_create(user=curator, name="x")

        assert _get(key).status_code == 200
        first = ApiToken.objects.get().last_used_at
        assert _get(key).status_code == 200
        second = ApiToken.objects.get().last_used_at
        ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
        _get(key)
        third = ApiToken.objects.get().last_used_at

        assert first is not None
        assert second == first
        assert third > first

    def test_a_use_within_the_minute_costs_no_write(self, curator, django_assert_num_queries) -> None:
        _, key = token_create(user=curator, name="x")
        _get(key)

        # 1. the token with its user
        # 2. COUNT(*) of properties for the paginator
        # 3. the page of properties
        with django_assert_num_queries(3):
            APIClient().get("/api/v1/properties/", HTTP_AUTHORIZATION=f"Token {key}")


@pytest.mark.django_db
class TestRevoke:
    def test_by_prefix_the_token_stops_working(self, curator) -> None:
        token, key = token_create(user=curator, name="x")
        other, other_key = token_create(user=curator, name="y")

        call_command("revoke_token", token.prefix)

        assert _get(key).status_code == 401
        assert _get(other_key).status_code == 200

    def test_all_of_a_users_tokens(self, curator, capsys) -> None:
        token_create(user=curator, name="x")
        token_create(user=curator, name="y")

        call_command("revoke_token", "--user", curator.username)

        assert ApiToken.objects.count() == 0
        assert "revoked 2 token(s)" in capsys.readouterr().out

    def test_an_unknown_prefix_is_an_error(self, db) -> None:
        with pytest.raises(CommandError, match="no such token"):
            call_command("revoke_token", "nothere0")

    def test_list_shows_prefix_owner_and_last_use(self, curator, capsys) -> None:
        token, _ = token_create(user=curator, name="dashboard")

        call_command("revoke_token", "--list")

        line = capsys.readouterr().out.strip()
        assert line.startswith(f"{token.prefix}  {curator.username}  'dashboard'")
        assert line.endswith("last used never")


@pytest.mark.django_db
class TestAdmin:
    def test_a_superuser_lists_and_revokes_tokens(self, client, curator) -> None:
        admin = User.objects.create_superuser("root", password="x-root-pass-1")
        token, _ = token_create(user=curator, name="x")
        client.force_login(admin)

        listing = client.get("/admin/claims/apitoken/")
        revoke = client.post(
            "/admin/claims/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
        )

        assert listing.status_code == 200
        assert token.prefix in listing.content.decode()
        assert revoke.status_code == 200
        assert ApiToken.objects.count() == 0

    def test_curators_cannot_see_or_revoke_tokens(self, client, curator) -> None:
        curator.is_staff = True
        curator.save()
        token, _ = token_create(user=curator, name="x")
        client.force_login(curator)

        listing = client.get("/admin/claims/apitoken/")
        revoke = client.post("/admin/claims/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
        index = client.get("/admin/").content.decode()

        assert listing.status_code == 403
        assert revoke.status_code == 403
        assert "apitoken" not in index
        assert ApiToken.objects.count() == 1
        assert not curator.has_perm("claims.view_apitoken")
        assert not curator.has_perm("claims.delete_apitoken")


@pytest.mark.django_db
class TestTokenEndpoint:
    def test_a_username_and_password_get_a_working_key(self, api_client, curator) -> None:
        response = api_client.post(
            "/api/v1/tokens/",
            {"username": curator.username, "password": "x-curator-pass-1", "name": "ci", "days": 7},
            format="json",
        )

        assert response.status_code == 201, response.json()
        body = response.json()
        assert _get(body["key"]).status_code == 200
        token = ApiToken.objects.get()
        assert (token.name, token.prefix) == ("ci", body["prefix"])
        assert dt.timedelta(days=6) < token.expires_at - timezone.now() <= dt.timedelta(days=7)

    @pytest.mark.parametrize("days", [0, -3])
    def test_a_lifetime_under_a_day_is_a_400(self, api_client, curator, days) -> None:
        response = api_client.post(
            "/api/v1/tokens/",
            {"username": curator.username, "password": "x-curator-pass-1", "days": days},
            format="json",
        )

        assert response.status_code == 400
        assert "days" in response.json()

    def test_a_wrong_password_is_a_400(self, api_client, curator) -> None:
        response = api_client.post(
            "/api/v1/tokens/", {"username": curator.username, "password": "wrong"}, format="json"
        )

        assert response.status_code == 400
        assert "non_field_errors" in response.json()
        assert ApiToken.objects.count() == 0


@pytest.mark.django_db
def test_a_key_never_starts_with_a_dash_so_its_prefix_is_no_option(curator, monkeypatch) -> None:
    # One key in 64 began with `-`: `revoke_token -_NBqYjO` was then read as an unknown option.
    import secrets

    keys = iter(["-" + "a" * 39, "b" * 40])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(keys))

    token, key = token_create(user=curator, name="x")

    assert key == "b" * 40
    call_command("revoke_token", token.prefix)
    assert not ApiToken.objects.filter(pk=token.pk).exists()
