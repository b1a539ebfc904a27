"""An isolated database to load fixtures into, so the audit never touches the user's data."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def scratch_database(purpose: str = "audit") -> Iterator[str]:
    """A migrated, empty database next to `default` (same engine and server), dropped on exit.

    Yields its connection alias. SQLite gets a private in-memory database; PostgreSQL a database
    named after `default` plus the purpose and process id, so concurrent runs and the test
    database never collide. The user's data is never touched.
    """
    from django.db import connections

    alias = f"sanad_{purpose}_{os.getpid()}"
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    test = dict(settings_dict.get("TEST") or {})
    if settings_dict["ENGINE"].endswith("sqlite3"):
        test["NAME"] = None  # in memory, named after the alias
    else:
        test["NAME"] = f"{settings_dict['NAME']}_{purpose}_{os.getpid()}"
    settings_dict["TEST"] = test
    connections.settings[alias] = settings_dict
    connection = connections[alias]
    old_name = settings_dict["NAME"]
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        yield alias
    finally:
        try:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        finally:
            connection.close()
            del connections[alias]
            del connections.settings[alias]
