"""Relative dates counted from a reference at the calendar's first or last days never crash.

`datetime.date` holds years 1 to 9999; `yesterday` on 0001-01-01 or `next week` in late 9999
raised OverflowError from the date arithmetic, a 500 from `POST /api/v1/extract/`. Such a day
is refused with a reason, like a day that does not exist; a day inside the range resolves.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from corpus.extraction.article import analyze_article
from corpus.extraction.datevalues import BEYOND_CALENDAR

PHRASES = {
    "en": ["yesterday", "tomorrow", "last week", "next week", "last month", "next month", "last year",
           "next year", "5 days ago", "in 3 days", "two weeks ago", "3 months ago", "last Monday",
           "next Friday", "a week ago", "the day before yesterday", "the day after tomorrow"],
    "ar": ["أمس", "غدا", "الأسبوع الماضي", "الأسبوع المقبل", "الشهر الماضي", "العام المقبل",
           "قبل 5 أيام", "بعد 3 أيام", "قبل أسبوعين", "قبل أسبوع", "أول أمس", "بعد غد"],
    "fa": ["دیروز", "فردا", "هفته گذشته", "هفته آینده", "ماه گذشته", "سال آینده", "۵ روز پیش",
           "دو هفته پیش", "پریروز", "پس‌فردا"],
}  # fmt: skip
EDGES = [dt.date(1, 1, 1), dt.date(1, 1, 3), dt.date(1, 1, 9), dt.date(9999, 12, 25), dt.date(9999, 12, 31)]


@pytest.mark.parametrize(("language", "reference"), list(itertools.product(PHRASES, EDGES)))
def test_no_relative_phrase_crashes_at_the_edges(language, reference) -> None:
    for phrase in PHRASES[language]:
        analysis = analyze_article(f"{phrase}.", language=language, reference_date=reference)

        for mention in analysis.mentions:
            mention.as_dict()  # every reported day exists


@pytest.mark.parametrize(
    ("text", "language", "reference"),
    [
        ("yesterday.", "en", dt.date(1, 1, 1)),
        ("tomorrow.", "en", dt.date(9999, 12, 31)),
        ("دیروز.", "fa", dt.date(1, 1, 1)),
    ],
)
def test_a_day_past_the_edge_is_refused_with_the_reason(text, language, reference) -> None:
    analysis = analyze_article(text, language=language, reference_date=reference)

    assert [m for m in analysis.mentions if m.as_dict()["kind"] == "date"] == []
    assert [r.as_dict()["reason"] for r in analysis.refused] == [BEYOND_CALENDAR]


def test_the_last_day_inside_still_resolves() -> None:
    analysis = analyze_article("tomorrow.", language="en", reference_date=dt.date(9999, 12, 30))

    (mention,) = analysis.mentions
    assert mention.as_dict()["value"]["lower"] == "9999-12-31"
