"""The import's PostgreSQL writer: ids from the sequence, rows by binary `COPY`, references
checked once per batch instead of once per row.

**References.** Django declares every foreign key `DEFERRABLE INITIALLY DEFERRED`, so at commit
PostgreSQL runs one trigger per row and foreign key (seven per imported claim with its
evidence), each a query that finds the referenced row and locks it `FOR KEY SHARE`: more than
half of the server's work in an import. Where the role may set `session_replication_role`, a
batch instead turns those triggers off for its own transaction (`SET LOCAL`) and does their job
itself, in one statement: lock every referenced row `FOR KEY SHARE` (so a concurrent delete
waits for the batch, and then fails on its own foreign-key check because the batch's rows point
at it) and refuse the batch if one is gone. The constraints stay declared; every other writer is
checked as before. Roles without the privilege keep the triggers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connection
from django.db.models import Model
from psycopg import postgres
from psycopg.adapt import Dumper
from psycopg.pq import Format

from claims.exchange.columns import json_bytes
from claims.models import Claim

# Rows per batch: each batch costs about a dozen round trips and a commit whatever its size, so
# larger batches are cheaper per row (10,000 measured best; see docs/import-bench.md), at the
# price of more good rows held back with a bad one.
BATCH_SIZE = 10_000
# The server stores a batch in its own process, so the next batch is parsed meanwhile (see
# `importing._ParseAhead`): 7-11% faster in an A/B on 100,000 claims.
PARSES_AHEAD = True
_JSONB = postgres.types["jsonb"]


class _JsonbDumper(Dumper):
    """JSON values for a binary `COPY` into a `jsonb` column: version byte 1, then the text.

    orjson, because every imported claim writes two JSON values (qualifiers and the revision).
    """

    format = Format.BINARY
    oid = _JSONB.oid

    def dump(self, obj: Any) -> bytes:
        return b"\x01" + json_bytes(obj)


def checks_references_itself() -> bool:
    """Whether batches may turn the foreign-key triggers off and check references themselves
    (see the module docstring): superusers, and roles granted `SET` on the parameter."""
    with connection.cursor() as cursor:
        if connection.pg_version >= 150000:
            cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        else:  # parameter privileges are new in PostgreSQL 15
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return bool(cursor.fetchone()[0])


def begin_batch(*, checks_references: bool) -> None:
    """Settings of one batch's transaction, undone at its end.

    A batch need not wait for its WAL flush: a crash can lose the last batches (never half of
    one), and re-running the idempotent import restores them.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        if checks_references:
            cursor.execute("SET LOCAL session_replication_role TO replica")


def lock_references(references: dict[type[Model], set[int]]) -> None:
    """Lock the rows a batch points at `FOR KEY SHARE`, as the foreign-key triggers would, and
    raise `IntegrityError` (rolling the batch back) if one no longer exists.

    One statement for all the tables, so a batch costs the same round trips whatever it holds.
    """
    models = list(references)
    quote = connection.ops.quote_name
    locks = ", ".join(
        f"t{i} AS (SELECT {quote(m._meta.pk.column)} AS id FROM {quote(m._meta.db_table)} "
        f"WHERE {quote(m._meta.pk.column)} = ANY(%s) FOR KEY SHARE)"
        for i, m in enumerate(models)
    )
    found = " UNION ALL ".join(f"SELECT {i}, id FROM t{i}" for i in range(len(models)))
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {locks} {found}", [sorted(references[m]) for m in models])
        locked: dict[type[Model], set[int]] = {m: set() for m in models}
        for index, pk in cursor.fetchall():
            locked[models[index]].add(pk)
    for model in models:
        if missing := references[model] - locked[model]:
            raise IntegrityError(
                f"{model._meta.label} {sorted(missing)[:5]} no longer exist: deleted while the batch was written"
            )


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """Ids for `count` new rows, known before the insert so other rows can point at them;
    the sequence hands them out, so concurrent writers never get the same."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _column_types(model: type[Model], names: Sequence[str]) -> tuple[list[str], list[int]]:
    """Quoted column names and the type oids a binary `COPY` must send, from the model fields."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    columns, oids = [], []
    for name in names:
        field = fields[name]
        columns.append(connection.ops.quote_name(field.column))
        db_type = field.db_type(connection) or ""
        oids.append(postgres.types[db_type.split("(", 1)[0].strip()].oid)
    return columns, oids


def insert_rows(model: type[Model], names: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `names`; JSON columns as Python objects) by one
    binary `COPY`."""
    columns, oids = _column_types(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    # The raw driver cursor raises the driver's errors; wrapped, they are Django's, as from any
    # other statement (the import tells the claim identity's violation by them).
    with connection.cursor() as cursor, connection.wrap_database_errors:
        raw = cursor.cursor
        raw.adapters.register_dumper(None, _JsonbDumper)
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(oids)
            for row in rows:
                copy.write_row(row)


def update_claims(names: Sequence[str], rows: list[tuple], now: dt.datetime) -> None:
    """One executemany UPDATE of the claim columns `names` (each row: their values, then the
    claim id), bumping each claim's optimistic-lock version."""
    fields = {f.attname: f for f in Claim._meta.concrete_fields}
    is_json = [fields[n].get_internal_type() == "JSONField" for n in names]
    assignments = ", ".join(
        f"{connection.ops.quote_name(fields[n].column)} = {'CAST(%s AS jsonb)' if json else '%s'}"
        for n, json in zip(names, is_json, strict=True)
    )
    table = connection.ops.quote_name(Claim._meta.db_table)
    sql = f"UPDATE {table} SET {assignments}, version = version + 1, updated_at = %s WHERE id = %s"
    params = [
        (*(json_bytes(v).decode() if json else v for v, json in zip(row, is_json, strict=False)), now, row[-1])
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
