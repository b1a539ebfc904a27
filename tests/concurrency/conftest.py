"""Fixtures for tests that really commit (`transaction=True`)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections


@pytest.fixture
def starter_vocabulary(transactional_db) -> None:
    """The vocabulary the data migrations create (the starter properties and the default packs:
    general and gazetteer), put back.

    A transactional test empties every table when it ends, so the next one cannot count on
    data from migrations. (`serialized_rollback` would restore it, but clashes with the content
    types that another transactional test's flush recreates.)
    """
    from claims.domain.packs import read_pack
    from claims.vocabulary.packs import pack_load

    for name in ("0002_starter_vocabulary", "0004_curated_vocabulary"):
        migration = importlib.import_module(f"claims.migrations.{name}")
        migration.add_properties(apps, SimpleNamespace(connection=connection))
    defaults = importlib.import_module("claims.migrations.0010_default_vocabulary")
    for name in defaults.DEFAULT_PACKS:
        pack_load(pack=read_pack(name), via="test")


@pytest.fixture
def file_database(transactional_db, tmp_path) -> Iterator[None]:
    """On SQLite, run the test on a migrated database file, as the project runs; elsewhere, as is.

    Why: pytest-django's SQLite test database is a shared-cache in-memory database, whose locks
    are per table and fail at once ("database table is locked") instead of waiting out the busy
    timeout, so two threads writing at once fail there where the WAL file the project runs on
    queues them. For the length of the test every new connection, in any thread, opens a
    migrated temporary file with the project's own options (WAL, IMMEDIATE transactions, the
    busy timeout). The in-memory database stays alive behind its original connection, which
    is put back afterwards, so the flush that ends a transactional test empties it as usual.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connections.settings[DEFAULT_DB_ALIAS]  # what every new connection opens
    memory = connections[DEFAULT_DB_ALIAS]
    memory.ensure_connection()  # an in-memory database lives while one connection to it is open
    memory_name = settings_dict["NAME"]
    settings_dict["NAME"] = str(tmp_path / "sanad.sqlite3")
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    ContentType.objects.clear_cache()  # its ids are the other database's
    try:
        call_command("migrate", verbosity=0, interactive=False)
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        settings_dict["NAME"] = memory_name
        connections[DEFAULT_DB_ALIAS] = memory
        ContentType.objects.clear_cache()
