"""The article's own date, and how much to trust it.

News pages carry several dates: a dateline (`القاهرة - بوابة الوسط الأربعاء 26 يونيو 2019`),
a "published" label (`تاریخ نشر 08/07/2019`), and often a page-header date that is only the
day the page was rendered or saved (`الجمعة 29 مارس 2024` above an article of March 2021).
Only a date the article states about itself is `stated`. A page-header date is recorded as
`page_header` and is never used to resolve relative dates; it is also checked against the
text: if the article, read as written on that day, contradicts itself ("yesterday, Monday"
on a Friday), the note says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.domain.chrome import Line
from corpus.domain.text import normalize
from corpus.extraction.dates import find_dates
from corpus.extraction.extraction import blocked_spans
from corpus.extraction.mentions import DateValue, Mention, Modifier, Precision

STATED = "stated"
PAGE_HEADER = "page_header"
INFERRED = "inferred"
UNKNOWN = "unknown"

_LINE_BASIS = {"dateline": STATED, "page_header": PAGE_HEADER}


@dataclass(frozen=True, slots=True)
class PublishedDate:
    date: dt.date | None
    precision: str | None
    basis: str
    note: str


def detect_published(text: str, *, lines: Sequence[Line], language: str) -> PublishedDate:
    """Find the article date in its dateline or page header; never guess silently."""
    for kind in ("dateline", "page_header"):
        for line in lines:
            if line.chrome != kind:
                continue
            mention = _first_absolute_date(line.text, language)
            if mention is None:
                continue
            value = mention.value
            assert isinstance(value, DateValue)
            basis = _LINE_BASIS[kind]
            note = f"{kind} line {line.text.strip()!r}"
            contradiction = contradicting_mention(text, lines=lines, language=language, on=value.lower)
            if contradiction is not None:
                basis = PAGE_HEADER
                note += (
                    f"; not the article date: read on {value.lower:%A %Y-%m-%d}, "
                    f"{contradiction.text!r} names the wrong weekday"
                )
            return PublishedDate(value.lower, str(value.precision), basis, note)
    return PublishedDate(None, None, UNKNOWN, "no dateline or page-header date found")


def contradicting_mention(text: str, *, lines: Sequence[Line], language: str, on: dt.date | None) -> Mention | None:
    """A relative date in the article body whose weekday contradicts the article being dated `on`."""
    if on is None:
        return None
    for line in lines:
        if line.chrome is not None:
            continue
        norm = normalize(line.text)
        for mention in find_dates(norm, language=language, reference_date=on, blocked=blocked_spans(norm)):
            if mention.extra.get("weekday_mismatch"):
                return mention
    return None


def _first_absolute_date(line: str, language: str) -> Mention | None:
    norm = normalize(line)
    for mention in find_dates(norm, language=language, reference_date=None, blocked=blocked_spans(norm)):
        value = mention.value
        if (
            isinstance(value, DateValue)
            and mention.modifier == Modifier.EXACT
            and value.precision == Precision.DAY
            and value.lower is not None
        ):
            return mention
    return None
