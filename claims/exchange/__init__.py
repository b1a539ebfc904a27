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

A row is keyed by (document sha256, start, end, property): importing a row whose key exists
updates that claim if a field differs and skips it otherwise, so importing a file twice
changes nothing. Imported and updated claims get `origin=imported`.

**Batches.** Rows are read in batches (`batch_size`). Each batch is validated completely
before anything is written; a batch with a bad row is not written at all (its bad rows are
reported by line and reason, its good rows as held back) and the import goes on with the next
batch. A clean batch is written in one transaction: entities, facts, claims, evidence and one
`Revision` per created or updated claim (`via="import"`). On PostgreSQL the rows go in by
`COPY` (ids reserved from the sequence first), on SQLite by `executemany` under the write
lock. Fact verdicts are refreshed once, after the last batch, so a large import does not
re-read the same facts once per batch.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import orjson
from django.db import connection, transaction
from django.utils import timezone

from claims.models import (
    CLAIM_VALUE_FIELDS,
    Calendar,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    DatePrecision,
    Entity,
    EntityKind,
    Evidence,
    Fact,
    Modifier,
    Property,
    Revision,
    ValueType,
)
from claims.services import CONTEXT_CHARS, fact_key, facts_refresh
from corpus.models import Document, Sentence

COLUMNS = (
    "claim_id",
    "document_sha256",
    "document_file_name",
    "source",
    "document_url",
    "language",
    "sentence_index",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "subject",
    "subject_name",
    "subject_kind",
    "property",
    "qualifiers",
    "value_type",
    *CLAIM_VALUE_FIELDS,
    "as_of",
    "status",
    "origin",
    "confidence",
)
# The claim columns an import writes (besides document, fact, origin and bookkeeping).
CLAIM_FIELDS = (
    "subject_id",
    "property_id",
    "qualifiers",
    "value_type",
    *CLAIM_VALUE_FIELDS,
    "as_of",
    "status",
    "confidence",
)
EXPORTED_MODELS = (
    "corpus.Source",
    "corpus.Document",
    "corpus.Sentence",
    "claims.Entity",
    "claims.EntityAlias",
    "claims.Property",
    "claims.Fact",
    "claims.Claim",
    "claims.Evidence",
)
# Enum `.values` builds a list on every call; rows check against these sets instead.
_VALUES = {
    choices: frozenset(choices.values)
    for choices in (Modifier, ClaimStatus, DatePrecision, Calendar, EntityKind, ValueType)
}
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"", "0", "false", "f", "no", "n"}


class RowError(ValueError):
    """A row that cannot be imported; the message is the reason."""


def _dumps(value: Any) -> str:
    """JSON text for a JSON column: orjson, because an import writes two per row."""
    return "{}" if not value else orjson.dumps(value).decode()


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str


@dataclass(slots=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    held_back: int = 0  # good rows of batches that were not written because of a bad row
    entities_created: int = 0
    facts_created: int = 0
    errors: list[BadRow] = field(default_factory=list)


# --- reading rows -------------------------------------------------------------------------


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs of a CSV file (`.csv`) or a JSON Lines file (anything else).

    A JSON line that does not parse is yielded as `{"__error__": reason}` so it is reported
    like any other bad row instead of stopping the import.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(handle)
            line = reader.line_num
            for row in reader:
                yield line + 1, row
                line = reader.line_num
            return
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, {"__error__": f"not valid JSON ({exc.msg})"}
                continue
            yield number, row if isinstance(row, dict) else {"__error__": "expected a JSON object"}


def _batched(rows: Iterable[tuple[int, dict]], size: int) -> Iterator[list[tuple[int, dict]]]:
    batch: list[tuple[int, dict]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- parsing one row (no queries) -------------------------------------------------------------


def _text(row: dict, key: str, *, max_length: int | None = None) -> str:
    value = row.get(key)
    text = "" if value is None else str(value)
    if max_length is not None and len(text) > max_length:
        raise RowError(f"{key} is longer than {max_length} characters")
    return text


def _int(row: dict, key: str) -> int:
    value = row.get(key)
    if value is None or value == "":
        raise RowError(f"{key} is missing")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RowError(f"{key} {value!r} is not an integer") from None


def _decimal(row: dict, key: str) -> Decimal | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RowError(f"{key} {value!r} is not a number") from None
    if not number.is_finite():
        raise RowError(f"{key} {value!r} is not a finite number")
    return number


def _bool(row: dict, key: str) -> bool:
    value = row.get(key)
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError(f"{key} {value!r} is not true or false")


def _date(row: dict, key: str) -> dt.date | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RowError(f"{key} {value!r} is not a date (YYYY-MM-DD)") from None


def _choice(row: dict, key: str, choices, default: str) -> str:
    value = _text(row, key) or default
    if value not in _VALUES[choices]:
        raise RowError(f"{key} {value!r} is not one of {', '.join(choices.values)}")
    return value


def _qualifiers(row: dict) -> dict[str, Any]:
    value = row.get("qualifiers")
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise RowError(f"qualifiers {value!r} is not JSON") from None
    if not isinstance(value, dict):
        raise RowError("qualifiers must be a JSON object")
    return value


@dataclass(slots=True)
class _Parsed:
    line: int
    sha256: str
    start: int
    end: int
    quote: str
    subject: str
    subject_name: str
    subject_kind: str
    property: str
    fields: dict[str, Any]


def parse_row(line: int, row: dict[str, Any]) -> _Parsed:
    """Check one row on its own (types, choices, bounds); raises `RowError`."""
    if "__error__" in row:
        raise RowError(row["__error__"])
    sha256 = _text(row, "document_sha256").strip().lower()
    if len(sha256) != 64:
        raise RowError("document_sha256 must be 64 hex digits")
    start, end = _int(row, "start"), _int(row, "end")
    if not 0 <= start < end:
        raise RowError(f"span [{start}, {end}) is empty or negative")
    quote = _text(row, "quote")
    if not quote:
        raise RowError("quote is missing")
    value_type = _text(row, "value_type")
    if value_type and value_type not in _VALUES[ValueType]:
        raise RowError(f"value_type {value_type!r} is not one of {', '.join(ValueType.values)}")
    fields: dict[str, Any] = {
        "qualifiers": _qualifiers(row),
        "value_type": value_type,
        "nominal": _text(row, "nominal", max_length=40),
        "lower": _decimal(row, "lower"),
        "upper": _decimal(row, "upper"),
        "lower_open": _bool(row, "lower_open"),
        "upper_open": _bool(row, "upper_open"),
        "modifier": _choice(row, "modifier", Modifier, Modifier.EXACT),
        "rule": _text(row, "rule", max_length=60),
        "unit": _text(row, "unit", max_length=20),
        "noun": _text(row, "noun", max_length=120),
        "date_lower": _date(row, "date_lower"),
        "date_upper": _date(row, "date_upper"),
        "date_precision": _text(row, "date_precision"),
        "calendar": _text(row, "calendar"),
        "as_of": _date(row, "as_of"),
        "status": _choice(row, "status", ClaimStatus, ClaimStatus.PROPOSED),
        "confidence": _decimal(row, "confidence") or Decimal(0),
    }
    if fields["date_precision"] and fields["date_precision"] not in _VALUES[DatePrecision]:
        raise RowError(f"date_precision {fields['date_precision']!r} is not one of {', '.join(DatePrecision.values)}")
    if fields["calendar"] and fields["calendar"] not in _VALUES[Calendar]:
        raise RowError(f"calendar {fields['calendar']!r} is not one of {', '.join(Calendar.values)}")
    if not 0 <= fields["confidence"] <= 1:
        raise RowError(f"confidence {fields['confidence']} is not between 0 and 1")
    subject_kind = _text(row, "subject_kind")
    if subject_kind and subject_kind not in _VALUES[EntityKind]:
        raise RowError(f"subject_kind {subject_kind!r} is not one of {', '.join(EntityKind.values)}")
    return _Parsed(
        line=line,
        sha256=sha256,
        start=start,
        end=end,
        quote=quote,
        subject=_text(row, "subject").strip(),
        subject_name=_text(row, "subject_name", max_length=300),
        subject_kind=subject_kind,
        property=_text(row, "property").strip(),
        fields=fields,
    )


def _finish_value(parsed: _Parsed, prop: Property | None) -> None:
    """Settle the value type and interval once the property is known (no queries)."""
    fields = parsed.fields
    if prop is not None:
        if fields["value_type"] and fields["value_type"] != prop.value_type:
            raise RowError(
                f"value_type {fields['value_type']!r} does not match property {prop.slug} ({prop.value_type})"
            )
        fields["value_type"] = prop.value_type
    fields["value_type"] = fields["value_type"] or ValueType.QUANTITY
    if fields["value_type"] == ValueType.DATE:
        # Date claims keep their interval as day ordinals too (see `claims.models`).
        fields["lower"] = Decimal(fields["date_lower"].toordinal()) if fields["date_lower"] else None
        fields["upper"] = Decimal(fields["date_upper"].toordinal()) if fields["date_upper"] else None
    lower, upper = fields["lower"], fields["upper"]
    if lower is not None and upper is not None and lower > upper:
        raise RowError(f"lower bound {lower} lies above upper bound {upper}")
    if (lower is None and fields["lower_open"]) or (upper is None and fields["upper_open"]):
        raise RowError("an unbounded end cannot be open")
    for name, limit in (("lower", 24), ("upper", 24)):
        value = fields[name]
        if value is not None and (value.adjusted() >= limit or value.as_tuple().exponent < -6):
            raise RowError(f"{name} {value} does not fit 24 digits and 6 decimal places")


# --- the import service ---------------------------------------------------------------------


@dataclass(slots=True)
class _Lookups:
    """What earlier batches already fetched: documents, sentences, entities, properties."""

    documents: dict[str, tuple[int, str]] = field(default_factory=dict)  # sha256 → (id, text)
    missing_documents: set[str] = field(default_factory=set)
    sentences: dict[int, tuple[list[int], list[tuple[int, int, int]]]] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)

    def load(self, batch: list[_Parsed]) -> None:
        """Fetch the documents (with their sentences) and entities a batch names for the first time."""
        shas = {p.sha256 for p in batch} - self.documents.keys() - self.missing_documents
        if shas:
            found = {
                sha: (pk, text)
                for pk, sha, text in Document.objects.filter(sha256__in=shas).values_list("id", "sha256", "text")
            }
            self.documents |= found
            self.missing_documents |= shas - found.keys()
            by_document: dict[int, list[tuple[int, int, int]]] = {pk: [] for pk, _ in found.values()}
            sentences = Sentence.objects.filter(document_id__in=list(by_document)).order_by("document_id", "start")
            for document_id, pk, start, end in sentences.values_list("document_id", "id", "start", "end"):
                by_document[document_id].append((start, end, pk))
            for document_id, spans in by_document.items():
                self.sentences[document_id] = ([s for s, _, _ in spans], spans)
        slugs = {p.subject for p in batch if p.subject} - self.entities.keys()
        if slugs:
            self.entities |= dict(Entity.objects.filter(slug__in=slugs).values_list("slug", "id"))

    def sentence_for(self, document_id: int, start: int, end: int) -> int | None:
        starts, spans = self.sentences[document_id]
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and spans[index][1] >= end:
            return spans[index][2]
        return None


@dataclass(slots=True)
class _Ready:
    parsed: _Parsed
    document_id: int
    sentence_id: int
    prefix: str
    suffix: str


def _validate(
    batch: list[tuple[int, dict]], lookups: _Lookups, seen: dict[tuple, int]
) -> tuple[list[_Ready], list[BadRow]]:
    """Every row of a batch checked against the stored documents; no writes."""
    parsed: list[_Parsed] = []
    errors: list[BadRow] = []
    for line, row in batch:
        try:
            parsed.append(parse_row(line, row))
        except RowError as exc:
            errors.append(BadRow(line, str(exc)))
    lookups.load(parsed)
    ready: list[_Ready] = []
    for item in parsed:
        try:
            ready.append(_check_against_store(item, lookups, seen))
        except RowError as exc:
            errors.append(BadRow(item.line, str(exc)))
    return ready, errors


def _check_against_store(item: _Parsed, lookups: _Lookups, seen: dict[tuple, int]) -> _Ready:
    if item.sha256 not in lookups.documents:
        raise RowError(f"no stored document has sha256 {item.sha256[:16]}… (ingest it first)")
    document_id, text = lookups.documents[item.sha256]
    if item.end > len(text):
        raise RowError(f"span [{item.start}, {item.end}) lies outside the document (length {len(text)})")
    if text[item.start : item.end] != item.quote:
        raise RowError(f"quote does not match document text at [{item.start}, {item.end})")
    sentence_id = lookups.sentence_for(document_id, item.start, item.end)
    if sentence_id is None:
        raise RowError(f"span [{item.start}, {item.end}) is not inside one sentence")
    prop = None
    if item.property:
        prop = lookups.properties.get(item.property)
        if prop is None:
            raise RowError(f"unknown property {item.property!r}")
    if item.subject and item.subject not in lookups.entities and not (item.subject_name and item.subject_kind):
        raise RowError(f"unknown subject {item.subject!r} (give subject_name and subject_kind to create it)")
    _finish_value(item, prop)
    key = (item.sha256, item.start, item.end, item.property)
    if key in seen:
        raise RowError(f"same document, span and property as line {seen[key]}")
    seen[key] = item.line
    return _Ready(
        item,
        document_id,
        sentence_id,
        prefix=text[max(0, item.start - CONTEXT_CHARS) : item.start],
        suffix=text[item.end : item.end + CONTEXT_CHARS],
    )


def claims_import(
    *,
    rows: Iterable[tuple[int, dict[str, Any]]],
    batch_size: int = 1000,
    user=None,
    via: str = "import",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Create or update claims with their evidence from (line, row) pairs; see the module docstring.

    Not one `atomic` around everything on purpose: each clean batch commits on its own, so a
    bad batch late in a large file does not undo the good ones (re-running the file is safe,
    the import is idempotent). The number of queries per batch does not depend on its rows.
    """
    result = ImportResult()
    lookups = _Lookups(properties={p.slug: p for p in Property.objects.all()})
    seen: dict[tuple, int] = {}
    touched: set[int] = set()
    for batch in _batched(rows, batch_size):
        ready, errors = _validate(batch, lookups, seen)
        if errors:
            result.errors.extend(sorted(errors, key=lambda e: e.line))
            result.held_back += len(ready)
        else:
            with transaction.atomic():
                if _is_postgres():
                    # A batch need not wait for its WAL flush: a crash can lose the last batches
                    # (never half of one), and re-running the idempotent import restores them.
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                _write_batch(ready, lookups, result, touched, user=user, via=via)
        if progress is not None:
            progress(len(batch))
    ids = sorted(touched)
    with transaction.atomic():
        for index in range(0, len(ids), 500):
            facts_refresh(fact_ids=ids[index : index + 500])
    return result


def _write_batch(
    ready: list[_Ready], lookups: _Lookups, result: ImportResult, touched: set[int], *, user, via: str
) -> None:
    # Entities named for the first time (one insert).
    new_entities = {}
    for item in ready:
        p = item.parsed
        if p.subject and p.subject not in lookups.entities and p.subject not in new_entities:
            new_entities[p.subject] = Entity(slug=p.subject, name=p.subject_name, kind=p.subject_kind)
    if new_entities:
        for entity in Entity.objects.bulk_create(new_entities.values()):
            lookups.entities[entity.slug] = entity.pk
        result.entities_created += len(new_entities)

    for item in ready:
        p = item.parsed
        p.fields["subject_id"] = lookups.entities[p.subject] if p.subject else None
        p.fields["property_id"] = lookups.properties[p.property].pk if p.property else None

    # Facts: one lookup by key, one insert for the missing ones.
    keys: dict[str, tuple[int, int, dict]] = {}
    for item in ready:
        f = item.parsed.fields
        if f["subject_id"] and f["property_id"]:
            key = fact_key(subject_id=f["subject_id"], property_id=f["property_id"], qualifiers=f["qualifiers"])
            keys[key] = (f["subject_id"], f["property_id"], f["qualifiers"])
            f["_fact_key"] = key
    facts = dict(Fact.objects.filter(key__in=list(keys)).values_list("key", "id")) if keys else {}
    missing = [
        Fact(key=key, subject_id=s, property_id=pr, qualifiers=q)
        for key, (s, pr, q) in keys.items()
        if key not in facts
    ]
    if missing:
        for fact in Fact.objects.bulk_create(missing):
            facts[fact.key] = fact.pk
        result.facts_created += len(missing)

    # Claims already stated at the batch's spans (one query on the evidence index, no join),
    # then, only if there are any, their fields (one query); the key adds the property.
    document_ids = {item.document_id for item in ready}
    starts = {item.parsed.start for item in ready}
    spans = {(item.document_id, item.parsed.start, item.parsed.end) for item in ready}
    at_spans: dict[int, tuple[int, int, int]] = {
        claim_id: (document_id, start, end)
        for document_id, start, end, claim_id in Evidence.objects.filter(
            document_id__in=document_ids, start__in=starts
        ).values_list("document_id", "start", "end", "claim_id")
        if (document_id, start, end) in spans
    }
    existing: dict[tuple[int, int, int, int | None], dict[str, Any]] = {}
    if at_spans:
        for row in Claim.objects.filter(pk__in=list(at_spans)).values("id", "fact_id", "origin", *CLAIM_FIELDS):
            existing[(*at_spans[row["id"]], row["property_id"])] = row
    now = timezone.now()
    creates: list[_Ready] = []
    revisions: list[tuple] = []
    updates: list[tuple[int, dict[str, Any], dict[str, list]]] = []
    for item in ready:
        p = item.parsed
        row = existing.get((item.document_id, p.start, p.end, p.fields["property_id"]))
        if row is None:
            creates.append(item)
            continue
        new = {name: p.fields[name] for name in CLAIM_FIELDS}
        new["fact_id"] = facts.get(p.fields.get("_fact_key"))
        new["origin"] = ClaimOrigin.IMPORTED
        diff = {
            name: [_jsonable(row[name]), _jsonable(value)]
            for name, value in new.items()
            if name != "origin" and _jsonable(row[name]) != _jsonable(value)
        }
        if not diff:
            result.skipped += 1
            continue
        if row["origin"] != ClaimOrigin.IMPORTED:
            diff["origin"] = [row["origin"], ClaimOrigin.IMPORTED]
        touched.update(i for i in (row["fact_id"], new["fact_id"]) if i)
        updates.append((row["id"], new, diff))
        revisions.append(_revision(row["id"], new, Revision.Action.UPDATE, diff, now, user, via))
    if updates:
        _update_claims(updates, now)
        result.updated += len(updates)

    if creates:
        ids = _reserve_ids(len(creates))
        claim_rows = []
        evidence_rows = []
        for claim_id, item in zip(ids, creates, strict=True):
            f = item.parsed.fields
            fact_id = facts.get(f.get("_fact_key"))
            if fact_id:
                touched.add(fact_id)
            claim_rows.append(
                (
                    claim_id,
                    item.document_id,
                    fact_id,
                    *(_dumps(f[name]) if name == "qualifiers" else f[name] for name in CLAIM_FIELDS),
                    ClaimOrigin.IMPORTED,
                    "",
                    1,
                    now,
                    now,
                )
            )
            evidence_rows.append(
                (
                    claim_id,
                    item.document_id,
                    item.sentence_id,
                    item.parsed.start,
                    item.parsed.end,
                    item.parsed.quote,
                    item.prefix,
                    item.suffix,
                )
            )
            changes = {"status": [None, f["status"]], "nominal": [None, f["nominal"]], "origin": [None, "imported"]}
            revisions.append(_revision(claim_id, f, Revision.Action.CREATE, changes, now, user, via))
        _insert(
            Claim,
            ["id", "document_id", "fact_id", *CLAIM_FIELDS, "origin", "cue", "version", "created_at", "updated_at"],
            claim_rows,
        )
        _insert(
            Evidence,
            ["claim_id", "document_id", "sentence_id", "start", "end", "quote", "prefix", "suffix"],
            evidence_rows,
        )
        result.created += len(creates)
    if revisions:
        _insert(
            Revision,
            ["created_at", "user_id", "via", "model", "object_id", "object_repr", "action", "changes"],
            revisions,
        )


def _revision(claim_id: int, fields: dict, action: str, changes: dict, now, user, via: str) -> tuple:
    user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    label = f"claim {claim_id}: {fields['nominal']} {fields['unit']}".strip()[:200]
    return (now, user_id, via, "claim", claim_id, label, action, _dumps(changes))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _reserve_ids(count: int) -> list[int]:
    """Claim ids for `count` new rows, known before the insert so evidence can point at them.

    PostgreSQL hands them out from the sequence (safe under concurrency). SQLite continues
    after the largest id; the IMMEDIATE transaction holds the write lock, so no one else can
    take them meanwhile.
    """
    table = Claim._meta.db_table
    with connection.cursor() as cursor:
        if _is_postgres():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        base = cursor.fetchone()[0]
    return list(range(base + 1, base + 1 + count))


def _column(model, name: str) -> str:
    names = {f.attname: f.column for f in model._meta.concrete_fields}
    return connection.ops.quote_name(names[name])


def _insert(model, names: list[str], rows: list[tuple]) -> None:
    """Insert many rows in one statement: COPY on PostgreSQL, executemany elsewhere."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(_column(model, name) for name in names)
    with connection.cursor() as cursor:
        if _is_postgres():
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        converted = [tuple(_sqlite_value(v) for v in row) for row in rows]
        placeholders = ", ".join(["%s"] * len(names))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", converted)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _update_claims(updates: list[tuple[int, dict[str, Any], dict]], now) -> None:
    """One executemany UPDATE for the changed claims, bumping their optimistic-lock version."""
    names = [*CLAIM_FIELDS, "fact_id", "origin"]
    table = connection.ops.quote_name(Claim._meta.db_table)
    cast = "CAST(%s AS jsonb)" if _is_postgres() else "%s"
    assignments = ", ".join(f"{_column(Claim, name)} = {cast if name == 'qualifiers' else '%s'}" for name in names)
    sql = f"UPDATE {table} SET {assignments}, version = version + 1, updated_at = %s WHERE id = %s"
    stamp = now if _is_postgres() else connection.ops.adapt_datetimefield_value(now)
    params = [
        (*(_dumps(new[n]) if n == "qualifiers" else new[n] for n in names), stamp, claim_id)
        for claim_id, new, _ in updates
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# --- export -----------------------------------------------------------------------------------


def export_rows() -> Iterator[dict[str, Any]]:
    """One row per claim (with its first evidence), in the import format; claims without
    evidence cannot be re-found in a text and are left out."""
    first: dict[int, dict] = {}
    evidence = Evidence.objects.order_by("claim_id", "id").values(
        "claim_id", "start", "end", "quote", "prefix", "suffix", "sentence__index"
    )
    for row in evidence:
        first.setdefault(row["claim_id"], row)
    claims = Claim.objects.order_by("id").values(
        "id",
        *[n for n in CLAIM_FIELDS if n not in ("subject_id", "property_id")],
        "origin",
        "subject__slug",
        "subject__name",
        "subject__kind",
        "property__slug",
        "document__sha256",
        "document__file_name",
        "document__url",
        "document__language",
        "document__source__name",
    )
    for claim in claims:
        ev = first.get(claim["id"])
        if ev is None:
            continue
        yield {
            "claim_id": claim["id"],
            "document_sha256": claim["document__sha256"],
            "document_file_name": claim["document__file_name"],
            "source": claim["document__source__name"],
            "document_url": claim["document__url"],
            "language": claim["document__language"],
            "sentence_index": ev["sentence__index"],
            "start": ev["start"],
            "end": ev["end"],
            "quote": ev["quote"],
            "prefix": ev["prefix"],
            "suffix": ev["suffix"],
            "subject": claim["subject__slug"] or "",
            "subject_name": claim["subject__name"] or "",
            "subject_kind": claim["subject__kind"] or "",
            "property": claim["property__slug"] or "",
            "origin": claim["origin"],
            **{n: claim[n] for n in CLAIM_FIELDS if n not in ("subject_id", "property_id")},
        }


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(_jsonable(value))


def write_csv(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(row.get(k)) for k in COLUMNS})
            count += 1
    return count


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
            count += 1
    return count


def annotation(row: dict[str, Any]) -> dict[str, Any]:
    """One claim's evidence as a W3C Web Annotation: the claim is the body, the span the target.

    Offsets are code points, which is what `TextPositionSelector` counts.
    """
    value = (
        f"[{row['date_lower']}, {row['date_upper']}]"
        if row["value_type"] == ValueType.DATE
        else f"{row['nominal']} {row['unit']}".strip()
    )
    return {
        "id": f"urn:sanad:claim:{row['claim_id']}",
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": f"{row['subject'] or '?'} {row['property'] or '?'}: {row['modifier']} {value} ({row['status']})",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": row["property"] or "unassigned"},
        ],
        "target": {
            "source": row["document_url"] or f"urn:sha256:{row['document_sha256']}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": row["quote"], "prefix": row["prefix"], "suffix": row["suffix"]},
                {"type": "TextPositionSelector", "start": row["start"], "end": row["end"]},
            ],
        },
    }


def write_annotations(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    items = [annotation(row) for row in rows]
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:sanad:annotations",
        "type": "AnnotationCollection",
        "label": "Sanad claims and their evidence",
        "total": len(items),
        "first": {"id": "urn:sanad:annotations:page:1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    path.write_text(json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(items)


def write_fixture(path: Path) -> int:
    """The corpus, vocabulary and claims as one Django JSON fixture (`loaddata` reads it)."""
    from django.apps import apps
    from django.core import serializers

    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for label in EXPORTED_MODELS:
            queryset = apps.get_model(label).objects.order_by("pk")
            for obj in serializers.serialize("python", queryset.iterator(chunk_size=2000)):
                handle.write((",\n" if count else "") + json.dumps(obj, ensure_ascii=False, cls=_Encoder))
                count += 1
        handle.write("\n]\n")
    return count


class _Encoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        from django.core.serializers.json import DjangoJSONEncoder

        return DjangoJSONEncoder().default(o)
