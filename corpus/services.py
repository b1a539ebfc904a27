"""Corpus write operations: ingesting articles.

Ingestion is one transaction per document: a document is stored with all its sentences or
not at all. A file is identified by the sha256 of its raw bytes, so a second ingest of the
same bytes reports `unchanged` and writes nothing, even when two processes race (the unique
constraint decides, and the loser reports `unchanged`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from corpus.domain import chrome, dating, segmentation
from corpus.domain.language import detect_language
from corpus.domain.text import nfc
from corpus.extraction.article import sentence_mentions
from corpus.extraction.mentions import DateValue, IdentifierValue, QuantityValue
from corpus.extraction.mentions import Mention as FoundMention
from corpus.extraction.version import EXTRACTOR_VERSION
from corpus.models import DateBasis, DatePrecision, Document, Language, Mention, Sentence, Source

UNKNOWN_SOURCE = "Unknown source"


class DocumentRejected(Exception):
    """A file that cannot become a document; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class IngestStatus(StrEnum):
    INGESTED = "ingested"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What a sidecar file may say about a document; empty strings mean "not given".

    `published_on` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the precision follows, or
    `published_precision` says it); a stated date wins over the one detected in the text.
    Build it from untrusted input with `metadata_from_mapping`, which checks every value.
    """

    source: str = ""
    source_url: str = ""
    source_country: str = ""
    language: str = ""
    title: str = ""
    url: str = ""
    published_on: str = ""
    published_precision: str = ""


METADATA_KEYS = frozenset(f.name for f in fields(DocumentMetadata))
_DATE_FORMATS = ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-\d{2}", "month"), (r"\d{4}", "year"))


def metadata_from_mapping(data: Mapping[str, Any]) -> DocumentMetadata:
    """Checked metadata from a sidecar, a `metadata.json` entry or an API body.

    Raises `DocumentRejected` naming the first bad entry: an unknown key, a value that is not a
    string, a URL that is not one, a language that is not Arabic, Persian/Dari or English
    (`fa-IR`, `ar_EG`, `EN` are read as their language), a date that is not one.
    """
    unknown = set(data) - METADATA_KEYS
    if unknown:
        raise DocumentRejected(f"unknown metadata keys: {', '.join(sorted(unknown))}")
    bad = sorted(k for k, v in data.items() if not isinstance(v, str))
    if bad:
        raise DocumentRejected(f"metadata values must be strings: {', '.join(bad)}")
    values = {k: v.strip() for k, v in data.items()}
    if values.get("language"):
        code = re.split(r"[-_]", values["language"], maxsplit=1)[0].lower()
        if code not in Language.values:
            raise DocumentRejected(
                f"unknown language {values['language']!r} (expected one of {', '.join(Language.values)}, "
                "optionally with a region such as fa-IR)"
            )
        values["language"] = code
    validate_url = URLValidator(schemes=["http", "https"])
    for key in ("url", "source_url"):
        if values.get(key):
            try:
                validate_url(values[key])
            except ValidationError as exc:
                raise DocumentRejected(f"{key} {values[key]!r} is not a valid http(s) URL") from exc
    if values.get("published_on"):
        stated = values["published_on"]
        precision = next((p for pattern, p in _DATE_FORMATS if re.fullmatch(pattern, stated)), None)
        try:
            dt.date.fromisoformat(
                {"day": stated, "month": f"{stated}-01", "year": f"{stated}-01-01"}[precision or "day"]
            )
        except (KeyError, ValueError) as exc:
            raise DocumentRejected(f"published_on {stated!r} is not a YYYY-MM-DD, YYYY-MM or YYYY date") from exc
        given = values.get("published_precision")
        if given and given not in DatePrecision.values:
            raise DocumentRejected(f"published_precision {given!r} is not one of {', '.join(DatePrecision.values)}")
        values["published_precision"] = given or precision or "day"
    elif values.get("published_precision"):
        raise DocumentRejected("published_precision without published_on")
    return DocumentMetadata(**values)


def _stated_date(metadata: DocumentMetadata) -> dating.PublishedDate | None:
    if not metadata.published_on:
        return None
    padded = {"day": "", "month": "-01", "year": "-01-01"}
    text = metadata.published_on[: {"day": 10, "month": 7, "year": 4}[metadata.published_precision or "day"]]
    day = dt.date.fromisoformat(text + padded[metadata.published_precision or "day"])
    return dating.PublishedDate(
        day, metadata.published_precision or "day", DateBasis.STATED, "stated in the metadata (wins over detection)"
    )


@dataclass(frozen=True, slots=True)
class IngestResult:
    status: IngestStatus
    document: Document


def decode_article(raw: bytes, *, file_name: str) -> str:
    """Check raw bytes and return the article text (NFC), or raise `DocumentRejected`.

    HTML is reduced to its main text by trafilatura; everything else must be UTF-8 text.
    """
    limit = settings.SANAD_MAX_DOCUMENT_BYTES
    if not raw.strip():
        raise DocumentRejected("empty file")
    if len(raw) > limit:
        raise DocumentRejected(f"file is {len(raw):,} bytes, over the {limit:,}-byte limit")
    if b"\x00" in raw:
        raise DocumentRejected("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentRejected(f"not UTF-8 (invalid byte at offset {exc.start})") from exc
    if _looks_like_html(text, file_name):
        text = _html_main_text(text)
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > len(text) // 100:
        raise DocumentRejected("binary file (too many control characters)")
    text = nfc(text)
    if not text.strip():
        raise DocumentRejected("no text after decoding")
    return text


def _looks_like_html(text: str, file_name: str) -> bool:
    if file_name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _html_main_text(html: str) -> str:
    import trafilatura  # imported lazily: slow to import and only needed for HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text:
        raise DocumentRejected("HTML page has no main text")
    return text


@transaction.atomic
def document_ingest(*, raw: bytes, file_name: str, metadata: DocumentMetadata | None = None) -> IngestResult:
    """Store one article with its sentences, or report that the same bytes are already stored.

    Raises `DocumentRejected` (nothing stored) when the bytes are not an article.
    """
    metadata = metadata or DocumentMetadata()
    sha256 = hashlib.sha256(raw).hexdigest()
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        return IngestResult(IngestStatus.UNCHANGED, existing)

    text = decode_article(raw, file_name=file_name)
    language = metadata.language or detect_language(text)
    if language not in Language.values:
        raise DocumentRejected(f"unsupported language {language!r} (expected one of {', '.join(Language.values)})")
    lines = chrome.classify_lines(text)
    spans = segmentation.sentences(text, lines=lines)
    if not spans:
        raise DocumentRejected("no sentences: every line is page chrome")
    published = _stated_date(metadata) or dating.detect_published(text, lines=lines, language=language)
    headline = chrome.find_headline(lines)

    source = _source_for(metadata)
    document = Document(
        source=source,
        url=metadata.url,
        title=(metadata.title or (headline.text if headline else ""))[:500],
        language=language,
        text=text,
        sha256=sha256,
        file_name=file_name[:255],
        published_on=published.date,
        published_precision=published.precision or "",
        published_basis=published.basis,
        published_note=published.note[:500],
    )
    # sha256 uniqueness is left to the constraint below: checking it here too would be a second
    # read-then-insert race, and its ValidationError would bypass the `unchanged` answer.
    document.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # Another process stored the same bytes between our check and our insert.
        return IngestResult(IngestStatus.UNCHANGED, Document.objects.get(sha256=sha256))
    sentences = Sentence.objects.bulk_create(
        Sentence(document=document, index=i, start=s.start, end=s.end, text=s.text) for i, s in enumerate(spans)
    )
    Mention.objects.bulk_create(_mention_rows(document, sentences))
    return IngestResult(IngestStatus.INGESTED, document)


def _source_for(metadata: DocumentMetadata) -> Source:
    name = metadata.source.strip() or UNKNOWN_SOURCE
    source, created = Source.objects.get_or_create(
        name=name, defaults={"homepage": metadata.source_url, "country": metadata.source_country}
    )
    if created:
        source.full_clean()
    return source


# --- mentions -----------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """`extra` as JSON: the extractor notes Decimals, dates and nested values."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def mention_fields(found: FoundMention) -> dict[str, Any]:
    """The value columns of a stored mention, from what the extractor returned."""
    value = found.value
    fields: dict[str, Any] = {
        "start": found.start,
        "end": found.end,
        "text": found.text,
        "kind": str(found.kind),
        "modifier": str(found.modifier),
        "rule": found.rule[:60],
        "extra": _jsonable(found.extra),
    }
    if isinstance(value, QuantityValue):
        fields |= {
            "nominal": format(value.nominal, "f")[:60],
            "lower": value.lower,
            "upper": value.upper,
            "lower_open": value.lower_open,
            "upper_open": value.upper_open,
            "unit": value.unit or "",
            "noun": (value.noun or "")[:120],
        }
    elif isinstance(value, DateValue):
        fields |= {
            "nominal": (value.nominal or "")[:60],
            "date_lower": value.lower,
            "date_upper": value.upper,
            "date_precision": str(value.precision),
            "calendar": str(value.calendar),
        }
        if value.reference is not None:
            fields["extra"] = {**fields["extra"], "reference": value.reference.isoformat()}
    elif isinstance(value, IdentifierValue):
        fields |= {"nominal": value.nominal[:60]}
        if value.scheme:
            fields["extra"] = {**fields["extra"], "scheme": value.scheme}
    else:  # a kind the extractor added later: keep what it says, never fail the ingest
        fields |= {"nominal": str(getattr(value, "nominal", "") or "")[:60]}
    return fields


def _mention_rows(document: Document, sentences: Sequence[Sentence]) -> list[Mention]:
    """Unsaved mentions of a document's sentences, found against its trusted date."""
    found, _refused = sentence_mentions(sentences, language=document.language, reference_date=document.trusted_date)
    by_index = {s.index: s for s in sentences}
    return [
        Mention(
            document=document,
            sentence=by_index[item.sentence_index],
            extractor_version=EXTRACTOR_VERSION,
            **mention_fields(item.mention),
        )
        for item in found
    ]


_COMPARED = (
    "text",
    "nominal",
    "lower",
    "upper",
    "lower_open",
    "upper_open",
    "modifier",
    "rule",
    "unit",
    "noun",
    "date_lower",
    "date_upper",
    "date_precision",
    "calendar",
    "extra",
)


@dataclass(slots=True)
class ReextractResult:
    """What re-running the extractor on one document changed, mention by mention."""

    document_id: int
    added: list[int] = field(default_factory=list)
    removed: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, kind) of deleted rows
    changed: dict[int, dict[str, tuple[Any, Any]]] = field(default_factory=dict)  # id -> {field: (old, new)}
    unchanged: int = 0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@transaction.atomic
def document_reextract(*, document: Document) -> ReextractResult:
    """Bring a document's stored mentions up to the current extractor, and say what changed.

    A mention is the same mention when its span and kind are: its value columns are updated
    in place (so whatever refers to it, such as a claim, keeps referring to it); spans the
    extractor no longer finds are deleted, new ones added. Claims are not touched: their
    evidence keeps its span and quote, and a claim whose mention was deleted simply loses the
    link (the claims app decides what that means for it).
    """
    sentences = list(document.sentences.order_by("index"))
    fresh = {(m.start, m.end, m.kind): m for m in _mention_rows(document, sentences)}
    stored = {(m.start, m.end, m.kind): m for m in Mention.objects.filter(document=document)}
    result = ReextractResult(document_id=document.pk)
    to_update: list[Mention] = []
    for key, old in stored.items():
        new = fresh.get(key)
        if new is None:
            result.removed.append(key)
            continue
        diff = {
            name: (getattr(old, name), getattr(new, name))
            for name in _COMPARED
            if _comparable(getattr(old, name)) != _comparable(getattr(new, name))
        }
        if diff:
            result.changed[old.pk] = diff
            for name in _COMPARED:
                setattr(old, name, getattr(new, name))
        if diff or old.extractor_version != EXTRACTOR_VERSION:
            old.extractor_version = EXTRACTOR_VERSION
            to_update.append(old)
        if not diff:
            result.unchanged += 1
    if result.removed:
        Mention.objects.filter(pk__in=[stored[key].pk for key in result.removed]).delete()
    if to_update:
        Mention.objects.bulk_update(to_update, [*_COMPARED, "extractor_version"])
    added = [mention for key, mention in fresh.items() if key not in stored]
    result.added.extend(m.pk for m in Mention.objects.bulk_create(added))
    return result


def _comparable(value: Any) -> Any:
    """Decimals compare by value (`80` and `80.000000` are the same bound)."""
    return value.normalize() if isinstance(value, Decimal) else value


def documents_needing_reextract(documents: Iterable[Document] | None = None) -> list[Document]:
    """Documents with a mention found by another extractor version, or with no mention at all
    (loaded from a fixture, or stored before mentions were): those `reextract` refreshes."""
    queryset = (
        Document.objects.all() if documents is None else Document.objects.filter(pk__in=[d.pk for d in documents])
    )
    stale = Mention.objects.filter(document__in=queryset).exclude(extractor_version=EXTRACTOR_VERSION)
    ids = set(stale.values_list("document_id", flat=True))
    ids |= set(queryset.filter(mentions__isnull=True).values_list("pk", flat=True))
    return list(Document.objects.filter(pk__in=ids).order_by("pk"))
