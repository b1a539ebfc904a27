"""Claims in and out: CSV / JSON Lines rows, Django fixtures and W3C Web Annotations.

**Row format** (CSV with a header, or JSON Lines with one object per line and the same keys;
JSON values may be typed, CSV values are text): one claim with one evidence span per row.

| column | import | meaning |
|---|---|---|
| `document_sha256` | required | the document, which must already be stored (ingest it first) |
| `start`, `end` | required | code-point span `[start, end)` of the document text |
| `quote` | required | the text at that span; a row whose quote differs is refused |
| `subject` | optional | entity slug; created from `subject_name`/`subject_kind` if unknown |
| `property` | optional | property slug (must exist) |
| `qualifiers` | optional | JSON object, e.g. `{"year": 2021}` |
| `value_type` … `confidence` | optional | the claim fields (`nominal`, `lower`, `upper`, `lower_open`, `upper_open`, `modifier`, `rule`, `unit`, `noun`, `date_lower`, `date_upper`, `date_precision`, `calendar`, `as_of`, `status`) |
| `claim_id`, `origin`, `source`, `document_file_name`, `document_url`, `language`, `sentence_index`, `prefix`, `suffix` | ignored | written by export for readers |

A row is keyed by (document sha256, start, end, property), the claim's identity, which the
database enforces (`Claim`'s unique constraints): importing a row whose key exists updates
that claim if a field differs and skips it otherwise, so importing a file twice changes
nothing. Imported and updated claims get `origin=imported`. Each row's value passes the same
check as every other write (`claims.domain.values`).

**Concurrent imports.** Any number of imports of the same rows at once store each claim once:
a batch whose insert loses the race to another import fails on the identity constraint (on
PostgreSQL after waiting for that import's commit), re-reads the claims at its spans and
retries, finding them stored; new entities and facts are inserted skipping conflicts and read
back by key.

**Batches.** Rows are read in batches (`batch_size`; by default 10,000 on PostgreSQL, 1000 on
SQLite). Each batch is validated completely before anything is written; a batch with a bad row
is not written at all (its bad rows are reported by line and reason, its good rows as held back)
and the import goes on with the next batch. A clean batch is written in one transaction:
entities, facts, claims, evidence and one `Revision` per created or updated claim
(`via="import"`). On PostgreSQL the rows go in by binary `COPY` (ids reserved from the sequence
first), on SQLite by `executemany` under the write lock. Fact verdicts are refreshed once,
after the last batch, so a large import does not re-read the same facts once per batch.

**Modules.** `parsing` (reading a file and checking each row on its own), `validation` (rows
against the stored documents), `importing` (the service), `postgres` and `sqlite` (the writers),
`export` (rows, CSV, JSON Lines and Django fixtures out), `annotations` (W3C Web Annotations),
`columns` (what import and export share). The names below are the public API.
"""

from claims.exchange.annotations import annotation, write_annotations
from claims.exchange.columns import CLAIM_FIELDS, COLUMNS, EXPORTED_MODELS
from claims.exchange.export import export_rows, write_csv, write_fixture, write_jsonl
from claims.exchange.importing import ImportResult, claims_import
from claims.exchange.parsing import BadRow, RowError, parse_row, read_rows

__all__ = [
    "CLAIM_FIELDS",
    "COLUMNS",
    "EXPORTED_MODELS",
    "BadRow",
    "ImportResult",
    "RowError",
    "annotation",
    "claims_import",
    "export_rows",
    "parse_row",
    "read_rows",
    "write_annotations",
    "write_csv",
    "write_fixture",
    "write_jsonl",
]
