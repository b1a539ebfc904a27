"""The article's own date (pure, no database): stated in a dateline, inferred from the body, or unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.domain import chrome
from corpus.domain.dating import INFERRED, PAGE_HEADER, STATED, UNKNOWN, detect_published
from corpus.extraction.article import analyze_article

D = dt.date.fromisoformat


def published(text: str, language: str):
    return detect_published(text, lines=chrome.classify_lines(text), language=language)


class TestInferredFromTheBody:
    @pytest.mark.parametrize(
        ("text", "language", "day"),
        [
            # Yesterday was Monday 29 March: among 2020-2022 only 2021 has 29 March on a Monday.
            ("قال الوزير أمس الاثنين 29 مارس إن اجتماع يناير 2021 كان ناجحا.", "ar", "2021-03-30"),
            ("وأعلنت الوزارة اليوم السبت 5 يونيو أن خطة 2021 تأخرت عن موعد 2019.", "ar", "2021-06-05"),
            # Today is 21 Azar, and the article names one solar year, 1401.
            ("امروز (21 آذرماه) اعلام شد که بودجه ۱۴۰۱ کسری دارد.", "fa", "2022-12-12"),
            # Today is Saturday 29 Saur: of 1402-1404 only 1403 has it on a Saturday.
            ("امروز شنبه، ۲۹ ثور، باران شدید آمد و از ابتدای ۱۴۰۳ بیش از صد نفر کشته شده‌اند.", "fa", "2024-05-18"),
            ("The ministry said today, Tuesday, June 7, that its 2022 budget was spent.", "en", "2022-06-07"),
        ],
    )
    def test_today_or_yesterday_naming_a_date_the_years_fix(self, text: str, language: str, day: str) -> None:
        found = published(text, language)

        assert (found.date, found.basis) == (D(day), INFERRED)
        assert found.note.startswith("inferred from the text: ")

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("قال الوزير أمس الاثنين إن الاجتماع كان ناجحا.", "ar"),  # no date named
            ("قال الوزير أمس الاثنين 29 مارس إن الاجتماع كان ناجحا.", "ar"),  # no year mentioned
            ("امروز (21 آذرماه) اعلام شد که بودجه ۱۴۰۰ و ۱۴۰۱ کسری دارد.", "fa"),  # two years: not fixed
            ("قال الوزير الاثنين 29 مارس إن اجتماع 2021 كان ناجحا.", "ar"),  # not today or yesterday
        ],
    )
    def test_nothing_is_inferred_unless_exactly_one_day_fits(self, text: str, language: str) -> None:
        assert (published(text, language).date, published(text, language).basis) == (None, UNKNOWN)

    @staticmethod
    def lines(first: str, kind: str, body: str) -> list[chrome.Line]:
        return [
            chrome.Line(0, len(first), first, kind),
            chrome.Line(len(first) + 1, len(first) + 1 + len(body), body, None),
        ]

    BODY = "قال الوزير أمس الاثنين 29 مارس إن اجتماع يناير 2021 كان ناجحا."

    def test_a_stated_dateline_wins(self) -> None:
        lines = self.lines("القاهرة - الأربعاء 26 يونيو 2019", "dateline", self.BODY)

        found = detect_published("\n".join(line.text for line in lines), lines=lines, language="ar")

        assert (found.date, found.basis) == (D("2019-06-26"), STATED)

    def test_the_body_wins_over_a_page_header(self) -> None:
        lines = self.lines("الجمعة 29 مارس 2024", "page_header", self.BODY)

        found = detect_published("\n".join(line.text for line in lines), lines=lines, language="ar")

        assert (found.date, found.basis) == (D("2021-03-30"), INFERRED)

    def test_a_page_header_is_kept_when_the_body_fixes_nothing(self) -> None:
        lines = self.lines("الجمعة 29 مارس 2024", "page_header", "قال الوزير إن الاجتماع كان ناجحا.")

        found = detect_published("\n".join(line.text for line in lines), lines=lines, language="ar")

        assert (found.date, found.basis) == (D("2024-03-29"), PAGE_HEADER)

    def test_an_inferred_date_resolves_the_articles_relative_dates(self) -> None:
        text = "قال الوزير أمس الاثنين 29 مارس إن اجتماع يناير 2021 كان ناجحا. وسيعود الأسبوع المقبل."

        analysis = analyze_article(text, language="ar")

        assert analysis.reference_date == D("2021-03-30")
        (next_week,) = [m.mention for m in analysis.mentions if m.mention.text == "الأسبوع المقبل"]
        assert next_week.value.lower == D("2021-04-04")
