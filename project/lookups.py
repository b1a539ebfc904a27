"""`<foreign key>__in_array`: membership in a list of ids bound as one parameter.

Why not `__in`: `claim_id__in=[...]` writes one placeholder per id, so a page of 500 claims
compiles 500 parameters and sends a statement whose text changes with the page's length; the
database plans it anew on every page and psycopg never prepares it. Bound as one array (one
JSON array on SQLite), the statement's text is the same for every page: compiled cheaply,
prepared once per connection on PostgreSQL, planned once.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import ForeignKey, Lookup


@ForeignKey.register_lookup
class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        ids = [int(i) for i in value]
        return "%s", [ids if connection.vendor == "postgresql" else json.dumps(ids)]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _, rhs_params = self.get_db_prep_lookup(self.rhs, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, *rhs_params]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _, rhs_params = self.get_db_prep_lookup(self.rhs, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, *rhs_params]
