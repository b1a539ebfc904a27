"""The whole-article pipeline without storage: language, date, chrome, sentences, mentions.

Used by `manage.py extract`, `POST /api/v1/extract/` and, through the services, by ingest, so
all three see the same mentions at the same offsets. Mentions are found sentence by sentence
(chrome has no sentences, so it has no mentions) and shifted to offsets of the whole text.
Spans the extractor refused (a date whose day does not exist) are kept apart, with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from corpus.domain import chrome, dating, segmentation
from corpus.domain.language import detect_language
from corpus.extraction.extraction import extract
from corpus.extraction.mentions import Mention, Refusal


@dataclass(frozen=True, slots=True)
class SentenceMention:
    sentence_index: int
    mention: Mention

    def as_dict(self) -> dict[str, Any]:
        data = self.mention.as_dict()
        return {**{k: data[k] for k in ("start", "end", "text")}, "sentence_index": self.sentence_index, **data}


@dataclass(frozen=True, slots=True)
class SentenceRefusal:
    sentence_index: int
    refusal: Refusal

    def as_dict(self) -> dict[str, Any]:
        return {**self.refusal.as_dict(), "sentence_index": self.sentence_index}


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    language: str
    published: dating.PublishedDate
    reference_date: dt.date | None
    sentences: list[segmentation.SentenceSpan]
    mentions: list[SentenceMention]
    refused: list[SentenceRefusal] = field(default_factory=list)


def analyze_article(
    text: str, *, language: str | None = None, reference_date: dt.date | None = None
) -> ArticleAnalysis:
    """Run the ingest pipeline on `text` (already NFC) and return what it finds.

    Without `reference_date` the article's own date is used when it is trusted (`stated` or
    `inferred`); a page-header date is not, so relative dates then stay unresolved.
    """
    language = language or detect_language(text)
    lines = chrome.classify_lines(text)
    published = dating.detect_published(text, lines=lines, language=language)
    if reference_date is None and published.basis in (dating.STATED, dating.INFERRED):
        reference_date = published.date
    spans = segmentation.sentences(text, lines=lines)
    mentions, refused = sentence_mentions(spans, language=language, reference_date=reference_date)
    return ArticleAnalysis(language, published, reference_date, spans, mentions, refused)


class SentenceLike(Protocol):
    """What `sentence_mentions` reads of a sentence: a segmenter span or a stored row."""

    @property
    def index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def text(self) -> str: ...


def sentence_mentions(
    spans: Sequence[SentenceLike], *, language: str, reference_date: dt.date | None
) -> tuple[list[SentenceMention], list[SentenceRefusal]]:
    """The mentions (and refused spans) of each sentence, with offsets into the whole text.

    Ingest, which has its sentences already, calls this directly; `analyze_article` calls it
    after segmenting, so both find the same mentions at the same offsets.
    """
    mentions: list[SentenceMention] = []
    refused: list[SentenceRefusal] = []
    for span in spans:
        found: list[Refusal] = []
        mentions.extend(
            SentenceMention(span.index, shift(mention, span.start))
            for mention in extract(span.text, language, reference_date, refused=found)
        )
        refused.extend(SentenceRefusal(span.index, shift(refusal, span.start)) for refusal in found)
    return mentions, refused


_Spanned = TypeVar("_Spanned", Mention, Refusal)


def shift(mention: _Spanned, offset: int) -> _Spanned:
    """The same mention (or refusal) with offsets into the enclosing text."""
    return replace(mention, start=mention.start + offset, end=mention.end + offset)
