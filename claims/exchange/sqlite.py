"""The import's SQLite writer: ids after the largest one, rows by `executemany`.

The batch's transaction is IMMEDIATE (see the settings), so it holds the write lock from its
first statement: nobody else can take the ids it counts on, or write between its inserts.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

from claims.exchange.columns import json_bytes
from claims.models import Claim

# Rows per batch: SQLite writes in-process, so a larger batch saves little and holds the write
# lock (which every other writer waits on) for longer.
BATCH_SIZE = 1000
# Parsing ahead in a thread made the import 25-40% slower: sqlite3 releases and retakes the
# interpreter lock around every row it stores, and each time waited for the parsing thread.
PARSES_AHEAD = False


def checks_references_itself() -> bool:
    """Never: SQLite checks a transaction's foreign keys at commit, in-process and cheaply."""
    return False


def begin_batch(*, checks_references: bool) -> None:
    """Nothing to set: the transaction mode and busy timeout come with the connection."""


def lock_references(references: dict[type[Model], set[int]]) -> None:
    """Nothing to lock: the batch holds the database's only write lock."""


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """Ids for `count` new rows, continuing after the largest; the write lock keeps them ours."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        base = cursor.fetchone()[0]
    return list(range(base + 1, base + 1 + count))


def _adapters(model: type[Model], names: Sequence[str]) -> list[tuple[int, Callable[[Any], Any]]]:
    """(column index, adapter) for the columns whose Python values sqlite3 cannot store as they
    are: JSON, and datetimes, whose time zone must be settled (Django registers adapters for
    decimals and dates). A batch stamps all its rows with one datetime, so it is adapted once."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    adapters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(names):
        kind = fields[name].get_internal_type()
        if kind == "JSONField":
            adapters.append((index, lambda value: json_bytes(value).decode()))
        elif kind == "DateTimeField":
            adapters.append((index, functools.lru_cache(maxsize=4)(connection.ops.adapt_datetimefield_value)))
    return adapters


def _adapt(rows: list[tuple], adapters: list[tuple[int, Callable[[Any], Any]]]) -> list[tuple] | list[list]:
    """The rows with their adapted columns replaced (the others untouched)."""
    if not adapters:
        return rows
    adapted = []
    for row in rows:
        values = list(row)
        for index, adapt in adapters:
            values[index] = adapt(values[index])
        adapted.append(values)
    return adapted


def insert_rows(model: type[Model], names: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `names`; JSON columns as Python objects) by one
    executemany."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(fields[n].column) for n in names)
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", _adapt(rows, _adapters(model, names))
        )


def update_claims(names: Sequence[str], rows: list[tuple], now: dt.datetime) -> None:
    """One executemany UPDATE of the claim columns `names` (each row: their values, then the
    claim id), bumping each claim's optimistic-lock version."""
    fields = {f.attname: f for f in Claim._meta.concrete_fields}
    assignments = ", ".join(f"{connection.ops.quote_name(fields[n].column)} = %s" for n in names)
    table = connection.ops.quote_name(Claim._meta.db_table)
    sql = f"UPDATE {table} SET {assignments}, version = version + 1, updated_at = %s WHERE id = %s"
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = _adapt([row[:-1] for row in rows], _adapters(Claim, names))
    params = [(*row, stamp, claim_id) for row, (*_, claim_id) in zip(values, rows, strict=True)]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
