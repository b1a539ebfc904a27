"""Environment parsers used by the settings module."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from project.settings import env_bool, env_int, env_list


class TestEnvBool:
    @pytest.mark.parametrize(
        ("raw", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("no", False)]
    )
    def test_reads_known_spellings(self, monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
        monkeypatch.setenv("SANAD_TEST_FLAG", raw)

        assert env_bool("SANAD_TEST_FLAG", default=not expected) is expected

    def test_unset_gives_the_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("SANAD_TEST_FLAG", raising=False)

        assert env_bool("SANAD_TEST_FLAG", default=True) is True

    def test_unknown_spelling_is_a_configuration_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SANAD_TEST_FLAG", "maybe")

        with pytest.raises(ImproperlyConfigured, match="SANAD_TEST_FLAG"):
            env_bool("SANAD_TEST_FLAG", default=False)


def test_env_int_refuses_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANAD_TEST_INT", "ten")

    with pytest.raises(ImproperlyConfigured):
        env_int("SANAD_TEST_INT", 1)


def test_env_list_splits_and_trims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANAD_TEST_LIST", " a.example , b.example,,")

    assert env_list("SANAD_TEST_LIST", []) == ["a.example", "b.example"]
