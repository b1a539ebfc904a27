"""Parsed rows checked against what is stored: the document, the quote at its span, the
sentence around it, the property and the subject. Reads only; never writes."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from claims.domain.values import ClaimValue, PropertyRules, claim_errors
from claims.exchange.parsing import BadRow, ParsedRow, RowError, finish_value
from claims.models import Entity, Property
from claims.services import CONTEXT_CHARS, property_rules, unit_families
from corpus.models import Document, Sentence


@dataclass(slots=True)
class Lookups:
    """What earlier batches of one import already fetched: documents with their sentences,
    entities, properties and facts, so each is read once per file rather than once per batch."""

    properties: dict[str, Property]
    documents: dict[str, tuple[int, str]] = field(default_factory=dict)  # sha256 → (id, text)
    missing_documents: set[str] = field(default_factory=set)
    sentences: dict[int, tuple[list[int], list[tuple[int, int, int]]]] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)  # fact key → id
    rules: dict[str, PropertyRules] = field(default_factory=dict)  # property slug → its value rules

    def rules_for(self, prop: Property | None) -> PropertyRules | None:
        """What `prop` lets a value be (`claims.domain.values`)."""
        return None if prop is None else self.rules[prop.slug]

    @classmethod
    def for_import(cls) -> Lookups:
        """Lookups that start with every property and its value rules: a vocabulary of a few
        dozen rows."""
        properties = {p.slug: p for p in Property.objects.all()}
        families = unit_families()
        rules = {slug: property_rules(prop, families) for slug, prop in properties.items()}
        return cls(properties=properties, rules=rules)

    def load(self, batch: list[ParsedRow]) -> None:
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
        """The id of the sentence that holds `[start, end)`, if one does."""
        starts, spans = self.sentences[document_id]
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and spans[index][1] >= end:
            return spans[index][2]
        return None


@dataclass(slots=True)
class ReadyRow:
    """A row that passed every check, with the stored ids and context its evidence needs."""

    parsed: ParsedRow
    document_id: int
    sentence_id: int
    prefix: str
    suffix: str


def validate_batch(
    parsed: list[ParsedRow], lookups: Lookups, seen: dict[tuple, int]
) -> tuple[list[ReadyRow], list[BadRow]]:
    """Every parsed row of a batch checked against the stored documents; no writes.

    `seen` maps each row key of the file so far to its line, so a file that states the same
    claim twice is refused at the second line instead of importing whichever comes last.
    """
    lookups.load(parsed)
    ready: list[ReadyRow] = []
    errors: list[BadRow] = []
    for item in parsed:
        try:
            ready.append(_check_against_store(item, lookups, seen))
        except RowError as exc:
            errors.append(BadRow(item.line, str(exc)))
    return ready, errors


def _check_against_store(item: ParsedRow, lookups: Lookups, seen: dict[tuple, int]) -> ReadyRow:
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
    finish_value(item, prop)
    # The value check every write of a claim runs (`claims.domain.values`).
    errors = claim_errors(
        ClaimValue.of(item.fields),
        lookups.rules_for(prop),
        status=item.fields["status"],
        has_subject=bool(item.subject),
        has_property=prop is not None,
    )
    if errors:
        raise RowError("; ".join(f"{name}: {message}" for name, message in errors.items()))
    key = (item.sha256, item.start, item.end, item.property)
    if key in seen:
        raise RowError(f"same document, span and property as line {seen[key]}")
    seen[key] = item.line
    return ReadyRow(
        item,
        document_id,
        sentence_id,
        prefix=text[max(0, item.start - CONTEXT_CHARS) : item.start],
        suffix=text[item.end : item.end + CONTEXT_CHARS],
    )
