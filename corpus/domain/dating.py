"""The article's own date, and how much to trust it.

News pages carry several dates: a dateline (`القاهرة - بوابة الوسط الأربعاء 26 يونيو 2019`),
a "published" label (`تاریخ نشر 08/07/2019`), and often a page-header date that is only the
day the page was rendered or saved (`الجمعة 29 مارس 2024` above an article of March 2021).
Only a date the article states about itself is `stated`. A page-header date is recorded as
`page_header` and is never used to resolve relative dates; it is also checked against the
text: if the article, read as written on that day, contradicts itself ("yesterday, Monday"
on a Friday), the note says so.

When the article states no date, its text may still fix it: `أمس الاثنين 29 مارس` says that
yesterday was Monday 29 March, and among the years the article mentions only one has 29 March
on a Monday; `امروز (21 آذرماه)` says today is 21 Azar, and the article mentions one solar
year. Such a date is `inferred`, and the note gives the reasoning. It comes from the body only,
never from a page header, and only when exactly one day fits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.domain.chrome import Line
from corpus.domain.text import normalize
from corpus.extraction import calendars
from corpus.extraction.calendars import WEEKDAY_NAMES
from corpus.extraction.dates import find_dates
from corpus.extraction.extraction import blocked_spans, extract
from corpus.extraction.mentions import Calendar, DateValue, Mention, Modifier, Precision

STATED = "stated"
PAGE_HEADER = "page_header"
INFERRED = "inferred"
UNKNOWN = "unknown"

_LINE_BASIS = {"dateline": STATED, "page_header": PAGE_HEADER}
# Between "today" or "yesterday" and the date that names it: `أمس الاثنين، 29 مارس`, `امروز (21 آذرماه)`.
_BETWEEN_RE = re.compile(r"[\s,،:(\-–—]*")
_DAY_OFFSET = {"today": 0, "yesterday": -1}


@dataclass(frozen=True, slots=True)
class PublishedDate:
    date: dt.date | None
    precision: str | None
    basis: str
    note: str


def detect_published(text: str, *, lines: Sequence[Line], language: str) -> PublishedDate:
    """Find the article date in its dateline, else infer it from the body, else take the page header."""
    header: PublishedDate | None = None
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
            found = PublishedDate(value.lower, str(value.precision), basis, note)
            if basis == STATED:
                return found
            header = header or found
            break
        if header is not None:
            break
    inferred = infer_published(lines=lines, language=language)
    if inferred is not None:
        return inferred
    return header or PublishedDate(None, None, UNKNOWN, "no dateline or page-header date found")


def infer_published(*, lines: Sequence[Line], language: str) -> PublishedDate | None:
    """The article's day when its body fixes it (module docstring), else None.

    The body's mentions are read without a reference. A relative today or yesterday followed by
    a date without a year (`أمس الاثنين 29 مارس`) names that date; its year is the one year that
    fits: with a weekday, the one year among those the article mentions (and one on either side)
    in which the date falls on that weekday; without one, the one year of that calendar the
    article mentions.
    """
    by_line = [
        (line.text, [m for m in extract(line.text, language) if m.kind == "date"])
        for line in lines
        if line.chrome is None
    ]
    years = _mentioned_years(m for _, mentions in by_line for m in mentions)
    pairs = [
        (first, second)
        for text, mentions in by_line
        for first, second in zip(mentions, mentions[1:], strict=False)
        if _BETWEEN_RE.fullmatch(text, first.end, second.start) is not None
    ]
    found: set[dt.date] = set()
    notes: list[str] = []
    for first, second in pairs:
        kind = first.extra.get("relative")
        if (
            kind not in _DAY_OFFSET
            or second.extra.get("relative")
            or not isinstance(second.value, DateValue)
            or second.value.lower is not None
        ):
            continue
        # `اليوم السبت 5 يونيو`, `أمس الاثنين 29 مارس`: the weekday names the date that follows.
        weekday = second.extra.get("weekday") or first.extra.get("weekday")
        day = _the_one_day(second, years, weekday)
        if day is None:
            continue
        article_day = day - dt.timedelta(days=_DAY_OFFSET[kind])
        why = f"{first.text!r} and {second.text!r} name {day:%Y-%m-%d}"
        if weekday:
            why += f", the one {weekday.capitalize()} of that day and month in the years the article mentions"
        else:
            why += ", in the one year of that calendar the article mentions"
        found.add(article_day)
        notes.append(why)
    if len(found) != 1:
        return None
    (day,) = found
    return PublishedDate(day, str(Precision.DAY), INFERRED, "inferred from the text: " + "; ".join(notes))


def _mentioned_years(mentions: Iterable[Mention]) -> dict[Calendar, set[int]]:
    """The years the article states, per calendar (a solar year as written, `1401`)."""
    years: dict[Calendar, set[int]] = {}
    for m in mentions:
        value = m.value
        if not isinstance(value, DateValue) or value.lower is None or m.modifier is Modifier.RELATIVE:
            continue
        written = m.extra.get("written")
        if value.calendar is not Calendar.GREGORIAN and written:
            years.setdefault(value.calendar, set()).add(int(str(written)[:4]))
        elif value.calendar is Calendar.GREGORIAN:
            found = years.setdefault(Calendar.GREGORIAN, set())
            found.add(value.lower.year)
            if value.upper is not None:
                found.add(value.upper.year)
    return years


def _the_one_day(mention: Mention, years: dict[Calendar, set[int]], weekday: str | None) -> dt.date | None:
    """The one day a year-less date can be, given its weekday or the years the article mentions."""
    value = mention.value
    month, day = mention.extra.get("month"), mention.extra.get("day")
    if not isinstance(value, DateValue) or month is None or day is None:
        return None
    cal = value.calendar
    mentioned = years.get(cal, set())
    if not mentioned:
        return None
    # With a weekday, a year on either side of those mentioned too: the article may be of the
    # year after the last one it names.
    candidates = sorted(mentioned) if weekday is None else list(range(min(mentioned) - 1, max(mentioned) + 2))
    days = []
    for year in candidates:
        try:
            date = calendars.to_gregorian(cal, year, month, day)
        except ValueError:
            continue
        if weekday is None or WEEKDAY_NAMES[date.weekday()] == weekday:
            days.append(date)
    return days[0] if len(days) == 1 else None


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
