"""Corpus write operations: ingesting articles.

Ingestion is one transaction per document: a document is stored with all its sentences or
not at all. A file is identified by the sha256 of its raw bytes, so a second ingest of the
same bytes reports `unchanged` and writes nothing, even when two processes race (the unique
constraint decides, and the loser reports `unchanged`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction

from corpus.domain import chrome, dating, segmentation
from corpus.domain.language import detect_language
from corpus.domain.text import nfc
from corpus.models import Document, Language, Sentence, Source

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
    """What a sidecar file may say about a document; empty strings mean "not given"."""

    source: str = ""
    source_url: str = ""
    source_country: str = ""
    language: str = ""
    title: str = ""
    url: str = ""


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
    published = dating.detect_published(text, lines=lines, language=language)
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
    Sentence.objects.bulk_create(
        Sentence(document=document, index=i, start=s.start, end=s.end, text=s.text) for i, s in enumerate(spans)
    )
    return IngestResult(IngestStatus.INGESTED, document)


def _source_for(metadata: DocumentMetadata) -> Source:
    name = metadata.source.strip() or UNKNOWN_SOURCE
    source, created = Source.objects.get_or_create(
        name=name, defaults={"homepage": metadata.source_url, "country": metadata.source_country}
    )
    if created:
        source.full_clean()
    return source
