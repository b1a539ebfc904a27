"""Clock times (pure, no database): their own kind of mention, never a figure or a date."""

from __future__ import annotations

import pytest

from corpus.extraction.extraction import extract
from corpus.extraction.mentions import Kind, TimeValue


def kinds(text: str, language: str) -> list[tuple[str, Kind]]:
    return [(m.text, m.kind) for m in extract(text, language)]


class TestClockTimes:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "nominal"),
        [
            ("وقع الانفجار في الساعة 10 صباحا", "ar", "الساعة 10 صباحا", "10:00"),
            ("بدأ الاجتماع الساعة 10:30", "ar", "الساعة 10:30", "10:30"),
            ("عند الساعة 8 مساءً أعلن", "ar", "الساعة 8 مساءً", "20:00"),
            ("حوالى 05:49 مساء", "ar", "05:49 مساء", "17:49"),
            ("ساعت ۱۸:۳۰ روز دوشنبه", "fa", "ساعت ۱۸:۳۰", "18:30"),
            ("ساعت ۱۰ صبح", "fa", "ساعت ۱۰ صبح", "10:00"),
            ("at 10:30 a.m. on Monday", "en", "10:30 a.m.", "10:30"),
            ("shortly after 5 p.m.", "en", "5 p.m.", "17:00"),
            ("by 12 am", "en", "12 am", "00:00"),
        ],
    )
    def test_a_clock_time_is_a_time_mention(self, text: str, language: str, quote: str, nominal: str) -> None:
        (m,) = [m for m in extract(text, language) if m.kind is Kind.TIME]

        assert (m.text, m.rule) == (quote, "time")
        assert isinstance(m.value, TimeValue)
        assert m.value.nominal == nominal
        assert text[m.start : m.end] == quote

    @pytest.mark.parametrize(
        ("text", "language"),
        [("الساعة 10 صباحا", "ar"), ("ساعت ۱۸:۳۰", "fa"), ("at 5 p.m.", "en"), ("at 10:30", "en")],
    )
    def test_the_digits_of_a_time_are_never_a_figure(self, text: str, language: str) -> None:
        assert [k for _, k in kinds(text, language)] == [Kind.TIME]

    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("استمر القصف 24 ساعة", "ar", [("24 ساعة", Kind.QUANTITY)]),  # hours counted, not a clock
            ("مدت ۱۰ ساعت طول کشید", "fa", [("۱۰ ساعت", Kind.QUANTITY)]),
            ("I am 5 years old", "en", [("5 years", Kind.QUANTITY)]),
            ("the score was 25:61", "en", []),  # no such clock time, and no figure either
        ],
    )
    def test_durations_and_other_numbers_are_not_times(self, text: str, language: str, expected: list) -> None:
        assert kinds(text, language) == expected

    def test_a_date_with_a_time_after_it_keeps_both_apart(self) -> None:
        found = kinds("الأربعاء 26 يونيو 2019, 05:49 مساء", "ar")

        assert found == [("الأربعاء 26 يونيو 2019", Kind.DATE), ("05:49 مساء", Kind.TIME)]
