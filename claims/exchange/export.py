"""Claims out: rows in the import format, written as CSV, JSON Lines or a Django fixture."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from claims.exchange.columns import CLAIM_FIELDS, COLUMNS, EXPORTED_MODELS, jsonable
from claims.models import Claim, Evidence

# What a row carries of its claim besides the subject and property, which it names by slug.
_VALUE_FIELDS = tuple(n for n in CLAIM_FIELDS if n not in ("subject_id", "property_id"))


def export_rows(claims: QuerySet[Claim] | None = None, *, batch_size: int = 2000) -> Iterator[dict[str, Any]]:
    """One row per claim (with its first evidence), in the import format, in id order; claims
    without evidence cannot be re-found in a text and are left out.

    `claims` narrows the export (the API passes its list's filters). Rows are read in batches of
    `batch_size` claims, each batch's evidence with it (two queries a batch), so memory stays
    bounded however many claims there are: the API streams an export as it is read.
    """
    queryset = (claims if claims is not None else Claim.objects.all()).order_by("id")
    last_id = 0
    while True:
        batch = list(
            queryset.filter(id__gt=last_id).values(
                "id",
                *_VALUE_FIELDS,
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
            )[:batch_size]
        )
        if not batch:
            return
        last_id = batch[-1]["id"]
        first: dict[int, dict] = {}
        evidence = (
            Evidence.objects.filter(claim_id__in=[c["id"] for c in batch])
            .order_by("claim_id", "id")
            .values("claim_id", "start", "end", "quote", "prefix", "suffix", "sentence__index")
        )
        for row in evidence:
            first.setdefault(row["claim_id"], row)
        for claim in batch:
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
                **{n: claim[n] for n in _VALUE_FIELDS},
            }


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(jsonable(value))


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The rows as CSV text, header first, one line (or quoted multi-line record) at a time."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(row.get(k)) for k in COLUMNS})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The rows as JSON Lines, one object per line."""
    for row in rows:
        yield json.dumps({k: jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n"


def write_csv(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(csv_lines(counted()))
    return count


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for line in jsonl_lines(rows):
            handle.write(line)
            count += 1
    return count


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
