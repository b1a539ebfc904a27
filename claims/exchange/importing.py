"""The import service: batches of rows parsed, checked against the store, then written.

The database work of a batch goes through a writer module per engine (`postgres`: binary
`COPY`; `sqlite`: `executemany`); this module decides what to write and keeps the guarantees
(a batch is all or nothing, one revision per created or updated claim, importing twice changes
nothing).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from types import ModuleType
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from claims.exchange import postgres, sqlite
from claims.exchange.columns import CLAIM_FIELDS, jsonable
from claims.exchange.parsing import BadRow, ParsedRow, RowFile, batched, parse_batch
from claims.exchange.validation import Lookups, ReadyRow, validate_batch
from claims.models import CLAIM_IDENTITY_CONSTRAINTS, Claim, ClaimOrigin, Entity, Evidence, Fact, Property, Revision
from claims.services import fact_key, facts_refresh
from corpus.models import Document, Sentence

CLAIM_COLUMNS = [
    "id",
    "document_id",
    "span_start",
    "span_end",
    "fact_id",
    *CLAIM_FIELDS,
    "origin",
    "cue",
    "version",
    "created_at",
    "updated_at",
]
EVIDENCE_COLUMNS = ["claim_id", "document_id", "sentence_id", "start", "end", "quote", "prefix", "suffix"]
REVISION_COLUMNS = ["created_at", "user_id", "via", "model", "object_id", "object_repr", "action", "changes"]
# What an update may change: the imported fields, the fact they belong to and the origin.
UPDATE_COLUMNS = [*CLAIM_FIELDS, "fact_id", "origin"]
_claim_values = itemgetter(*CLAIM_FIELDS)
# How many times a batch re-reads the claims at its spans after a concurrent import stored some
# of them first; each round trip sees what that import committed, so two rounds settle it.
IDENTITY_RETRIES = 5


@dataclass(slots=True)
class ImportResult:
    """What an import did, for the command's summary: counts, and the bad rows by line."""

    created: int = 0
    updated: int = 0
    skipped: int = 0
    held_back: int = 0  # good rows of batches that were not written because of a bad row
    entities_created: int = 0
    facts_created: int = 0
    errors: list[BadRow] = field(default_factory=list)


def writer() -> ModuleType:
    """The writer module of the default database's engine."""
    return postgres if connection.vendor == "postgresql" else sqlite


def insert_rows(model: type[Model], names: Sequence[str], rows: list[tuple]) -> None:
    """Insert many rows in one statement with the engine's writer.

    Every insert of claims, evidence and revisions goes through here, one call per table and
    batch, so a test can fail a batch half-way and show that nothing of it stays.
    """
    writer().insert_rows(model, names, rows)


def claims_import(
    *,
    rows: Iterable[tuple[int, dict[str, Any]]],
    batch_size: int | None = None,
    user: Any = None,
    via: str = "import",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Create or update claims with their evidence from (line, row) pairs; see `claims.exchange`.

    Not one `atomic` around everything on purpose: each clean batch commits on its own, so a
    bad batch late in a large file does not undo the good ones (re-running the file is safe,
    the import is idempotent). The number of queries per batch does not depend on its rows.
    `batch_size` defaults to the writer's (larger on PostgreSQL, where a batch's fixed cost is
    a dozen round trips and a commit).
    """
    engine = writer()
    checks_references = engine.checks_references_itself()
    result = ImportResult()
    lookups = Lookups.for_import()
    seen: dict[tuple, int] = {}
    touched: set[int] = set()
    with _collector_paused(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-parse") as pool:
        batches = _ParseAhead(rows, batch_size or engine.BATCH_SIZE, pool if engine.PARSES_AHEAD else None)
        while (batch := batches.take()) is not None:
            count, parsed, errors = batch
            ready, store_errors = validate_batch(parsed, lookups, seen)
            errors += store_errors
            if errors:
                result.errors.extend(sorted(errors, key=lambda e: e.line))
                result.held_back += len(ready)
            else:
                with transaction.atomic():
                    engine.begin_batch(checks_references=checks_references)
                    _write_batch(
                        ready,
                        lookups,
                        result,
                        touched,
                        user=user,
                        via=via,
                        checks_references=checks_references,
                        before_storing=batches.start_next,
                    )
            if progress is not None:
                progress(count)
    ids = sorted(touched)
    with transaction.atomic():
        for index in range(0, len(ids), 500):
            facts_refresh(fact_ids=ids[index : index + 500])
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No automatic garbage collection while importing (restored after, even on error).

    Why: a batch is thousands of small containers (rows, parsed rows, row tuples) that all live
    until the batch is written, so the cyclic collector scanned them again and again and freed
    nothing: a fifth of the import's Python time. Reference counting still frees each batch;
    whatever is left in a reference cycle is collected once the import is over.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


Parsed = tuple[int, list[ParsedRow], list[BadRow]]  # rows in the batch, parsed rows, bad rows


class _ParseAhead:
    """The batches of `rows`, parsed; on PostgreSQL the next one in a helper thread while this
    one is stored.

    Why: a batch's `COPY` keeps the PostgreSQL server busy for longer than Python takes to send
    it, and Python would only wait. `start_next()`, called just before that wait, hands the next
    batch's parsing to a helper thread, so it runs on the second core while the server stores
    (a thread that parsed the whole time would instead fight the writer for the interpreter
    lock). Without a `pool` (SQLite, which stores in-process and hands the interpreter lock back
    and forth on every row) each batch is parsed when taken. A `RowFile` is read in the helper
    too; other rows are read in the caller's thread, because they may come from the database
    (`export_rows`), which the helper must not touch. Validation and writing stay with the
    caller: they use its connection.
    """

    def __init__(self, rows: Iterable[tuple[int, dict[str, Any]]], size: int, pool: ThreadPoolExecutor | None) -> None:
        self._batches = batched(rows, size)
        self._read_in_helper = isinstance(rows, RowFile)
        self._pool = pool
        self._next: Future[Parsed | None] | None = None

    def take(self) -> Parsed | None:
        """The next parsed batch (parsed now unless `start_next` started it), or None at the end."""
        if self._pool is None:
            return self._parse(next(self._batches, None))
        if self._next is None:
            self.start_next()
        assert self._next is not None
        parsed, self._next = self._next.result(), None
        return parsed

    def start_next(self) -> None:
        """Start parsing the batch after the one last taken, unless that has started already."""
        if self._pool is None or self._next is not None:
            return
        if self._read_in_helper:
            self._next = self._pool.submit(self._read_and_parse)
            return
        batch = next(self._batches, None)
        self._next = self._pool.submit(self._parse, batch)

    def _read_and_parse(self) -> Parsed | None:
        return self._parse(next(self._batches, None))

    @staticmethod
    def _parse(batch: list[tuple[int, dict[str, Any]]] | None) -> Parsed | None:
        return None if batch is None else (len(batch), *parse_batch(batch))


def _write_batch(
    ready: list[ReadyRow],
    lookups: Lookups,
    result: ImportResult,
    touched: set[int],
    *,
    user: Any,
    via: str,
    checks_references: bool,
    before_storing: Callable[[], None],
) -> None:
    """Write one validated batch inside the caller's transaction; a fixed number of statements.

    `before_storing` is called once every row is built, just before the inserts.
    """
    engine = writer()
    user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    _create_entities(ready, lookups, result)
    entities, properties = lookups.entities, lookups.properties
    for item in ready:
        p = item.parsed
        p.fields["subject_id"] = entities[p.subject] if p.subject else None
        p.fields["property_id"] = properties[p.property].pk if p.property else None
    fact_ids = _fact_ids(ready, lookups, result)
    if checks_references:
        engine.lock_references(_references(ready, fact_ids, user_id))
    before_storing()
    for attempt in range(IDENTITY_RETRIES):
        counts = ImportResult()
        try:
            with transaction.atomic():  # a savepoint: a lost race undoes only this attempt
                _store_claims(ready, fact_ids, counts, touched, user_id=user_id, via=via)
        except IntegrityError as exc:
            if not _is_identity_violation(exc) or attempt == IDENTITY_RETRIES - 1:
                raise
            continue  # another import stored some of these claims first: read them and retry
        result.created += counts.created
        result.updated += counts.updated
        result.skipped += counts.skipped
        return


def _is_identity_violation(exc: IntegrityError) -> bool:
    """Whether `exc` is the claim identity's unique constraint refusing a row (PostgreSQL names
    it; SQLite, whose batches hold the only write lock, never races)."""
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) in CLAIM_IDENTITY_CONSTRAINTS


def _store_claims(
    ready: list[ReadyRow],
    fact_ids: list[int | None],
    result: ImportResult,
    touched: set[int],
    *,
    user_id: int | None,
    via: str,
) -> None:
    """Create the batch's new claims and update the changed ones; a fixed number of statements.

    The claims already stored at the batch's spans are read first; a claim another import
    stores between that read and the insert makes the insert fail on the identity constraint
    (PostgreSQL waits for that import to commit first), and the caller retries, so any number
    of imports of the same rows at once store each claim once.
    """
    engine = writer()
    existing = _claims_at_spans(ready)
    now = timezone.now()
    creates: list[tuple[ReadyRow, int | None]] = []
    revisions: list[tuple] = []
    updates: list[tuple] = []
    for item, fact_id in zip(ready, fact_ids, strict=True):
        p = item.parsed
        row = existing.get((item.document_id, p.start, p.end, p.fields["property_id"]))
        if row is None:
            creates.append((item, fact_id))
            continue
        new = {name: p.fields[name] for name in CLAIM_FIELDS}
        new["fact_id"] = fact_id
        new["origin"] = ClaimOrigin.IMPORTED
        diff = {
            name: [jsonable(row[name]), jsonable(value)]
            for name, value in new.items()
            if name != "origin" and jsonable(row[name]) != jsonable(value)
        }
        if not diff:
            result.skipped += 1
            continue
        if row["origin"] != ClaimOrigin.IMPORTED:
            diff["origin"] = [row["origin"], ClaimOrigin.IMPORTED]
        touched.update(i for i in (row["fact_id"], fact_id) if i)
        updates.append((*(new[name] for name in UPDATE_COLUMNS), row["id"]))
        revisions.append(_revision(row["id"], new, Revision.Action.UPDATE, diff, now, user_id, via))

    claim_rows: list[tuple] = []
    evidence_rows: list[tuple] = []
    ids = engine.reserve_ids(Claim, len(creates)) if creates else []
    for claim_id, (item, fact_id) in zip(ids, creates, strict=True):
        p = item.parsed
        f = p.fields
        if fact_id:
            touched.add(fact_id)
        claim_rows.append(
            (
                claim_id,
                item.document_id,
                p.start,
                p.end,
                fact_id,
                *_claim_values(f),
                ClaimOrigin.IMPORTED,
                "",
                1,
                now,
                now,
            )
        )
        evidence_rows.append(
            (claim_id, item.document_id, item.sentence_id, p.start, p.end, p.quote, item.prefix, item.suffix)
        )
        changes = {"status": [None, f["status"]], "nominal": [None, f["nominal"]], "origin": [None, "imported"]}
        revisions.append(_revision(claim_id, f, Revision.Action.CREATE, changes, now, user_id, via))

    if updates:
        engine.update_claims(UPDATE_COLUMNS, updates, now)
        result.updated += len(updates)
    if creates:
        insert_rows(Claim, CLAIM_COLUMNS, claim_rows)
        insert_rows(Evidence, EVIDENCE_COLUMNS, evidence_rows)
        result.created += len(creates)
    if revisions:
        insert_rows(Revision, REVISION_COLUMNS, revisions)


def _references(ready: list[ReadyRow], fact_ids: list[int | None], user_id: int | None) -> dict[type[Model], set[int]]:
    """The stored rows a batch's claims, evidence, facts and revisions point at; the claims the
    evidence points at are the batch's own."""
    references: dict[type[Model], set[int]] = {
        Document: {item.document_id for item in ready},
        Sentence: {item.sentence_id for item in ready},
        Entity: {i for item in ready if (i := item.parsed.fields["subject_id"])},
        Property: {i for item in ready if (i := item.parsed.fields["property_id"])},
        Fact: {i for i in fact_ids if i},
    }
    if user_id is not None:
        references[get_user_model()] = {user_id}
    return references


def _create_entities(ready: list[ReadyRow], lookups: Lookups, result: ImportResult) -> None:
    """Entities the batch names for the first time, in one insert."""
    new_entities: dict[str, Entity] = {}
    for item in ready:
        p = item.parsed
        if p.subject and p.subject not in lookups.entities and p.subject not in new_entities:
            new_entities[p.subject] = Entity(slug=p.subject, name=p.subject_name, kind=p.subject_kind)
    if new_entities:
        # Race-free: a slug another import stores meanwhile is skipped by the unique constraint
        # (PostgreSQL waits for that import's commit), and every id is read back afterwards.
        # Sorted, so concurrent imports take the row locks in one order and cannot deadlock.
        slugs = sorted(new_entities)
        present = set(Entity.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        missing = [new_entities[slug] for slug in slugs if slug not in present]
        Entity.objects.bulk_create(missing, ignore_conflicts=True)
        lookups.entities |= dict(Entity.objects.filter(slug__in=slugs).values_list("slug", "id"))
        result.entities_created += len(missing)


def _fact_ids(ready: list[ReadyRow], lookups: Lookups, result: ImportResult) -> list[int | None]:
    """Each row's fact (None without subject or property): facts the import already knows from
    earlier batches, then one lookup and one insert for the others."""
    keys: list[str | None] = []
    wanted: dict[str, tuple[int, int, dict]] = {}
    unqualified: dict[tuple[int, int], str] = {}  # most rows: the key depends on two ids alone
    for item in ready:
        f = item.parsed.fields
        subject_id, property_id = f["subject_id"], f["property_id"]
        if not (subject_id and property_id):
            keys.append(None)
            continue
        qualifiers = f["qualifiers"]
        if qualifiers:
            key = fact_key(subject_id=subject_id, property_id=property_id, qualifiers=qualifiers)
        elif (key := unqualified.get((subject_id, property_id))) is None:
            key = unqualified[subject_id, property_id] = fact_key(
                subject_id=subject_id, property_id=property_id, qualifiers=qualifiers
            )
        keys.append(key)
        if key not in lookups.facts:
            wanted[key] = (subject_id, property_id, f["qualifiers"])
    if wanted:
        lookups.facts |= dict(Fact.objects.filter(key__in=list(wanted)).values_list("key", "id"))
        missing = [
            Fact(key=key, subject_id=s, property_id=pr, qualifiers=q)
            for key, (s, pr, q) in sorted(wanted.items())
            if key not in lookups.facts
        ]
        if missing:
            # Race-free as for entities: conflicts skipped, ids read back.
            Fact.objects.bulk_create(missing, ignore_conflicts=True)
            created = [fact.key for fact in missing]
            lookups.facts |= dict(Fact.objects.filter(key__in=created).values_list("key", "id"))
            result.facts_created += len(missing)
    facts = lookups.facts
    return [facts[key] if key is not None else None for key in keys]


def _claims_at_spans(ready: list[ReadyRow]) -> dict[tuple[int, int, int, int | None], dict[str, Any]]:
    """Claims already stated at the batch's spans, by their identity (document, start, end,
    property): one query on the identity's unique index."""
    spans = {(item.document_id, item.parsed.start, item.parsed.end) for item in ready}
    # A range of starts rather than each one: a batch holds thousands, and a list that long
    # costs more to build and plan than the few extra rows a range lets through.
    claims = Claim.objects.filter(
        document_id__in={document_id for document_id, _, _ in spans},
        span_start__range=(min(start for _, start, _ in spans), max(start for _, start, _ in spans)),
    )
    existing: dict[tuple[int, int, int, int | None], dict[str, Any]] = {}
    for row in claims.values("id", "document_id", "span_start", "span_end", "fact_id", "origin", *CLAIM_FIELDS):
        span = (row["document_id"], row["span_start"], row["span_end"])
        if span in spans:
            existing[(*span, row["property_id"])] = row
    return existing


def _revision(
    claim_id: int, fields: dict[str, Any], action: str, changes: dict, now: Any, user_id: int | None, via: str
) -> tuple:
    label = f"claim {claim_id}: {fields['nominal']} {fields['unit']}".strip()[:200]
    return (now, user_id, via, "claim", claim_id, label, action, changes)
