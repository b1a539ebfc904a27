"""Fixtures for tests that really commit (`transaction=True`)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection


@pytest.fixture
def starter_vocabulary(transactional_db) -> None:
    """The properties data migration 0002 creates, put back.

    A transactional test empties every table when it ends, so the next one cannot count on
    data from migrations. (`serialized_rollback` would restore it, but clashes with the content
    types that another transactional test's flush recreates.)
    """
    migration = importlib.import_module("claims.migrations.0002_starter_vocabulary")
    migration.add_properties(apps, SimpleNamespace(connection=connection))
