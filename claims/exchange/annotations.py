"""Claims out as W3C Web Annotations (JSON-LD), for annotation tools that know nothing of Sanad."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claims.models import ValueType


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


ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation_collection_chunks(rows: Iterable[dict[str, Any]], *, total: int) -> Iterator[str]:
    """The rows as one `AnnotationCollection` with a single page, as JSON text in pieces (one
    annotation at a time), so a large collection is written or streamed without being held.

    `total` is the number of rows, which the collection states before its items.
    """
    head = {
        "@context": ANNOTATION_CONTEXT,
        "id": "urn:sanad:annotations",
        "type": "AnnotationCollection",
        "label": "Sanad claims and their evidence",
        "total": total,
    }
    page = {"id": "urn:sanad:annotations:page:1", "type": "AnnotationPage", "startIndex": 0}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "first": ' + json.dumps(page, ensure_ascii=False)[:-1]
    yield ', "items": ['
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(annotation(row), ensure_ascii=False)
    yield "\n]}}\n"


def write_annotations(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """The rows (from `export_rows`) as one `AnnotationCollection` with a single page."""
    items = list(rows)
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(annotation_collection_chunks(items, total=len(items)))
    return len(items)
