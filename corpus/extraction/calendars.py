"""Month, weekday and era lexicons, and calendar arithmetic for the date extractor.

Why a separate module: the lexicon is data a curator may want to read (which spelling means
which month in which tradition, and which spellings are also ordinary words), while
`dates.py` holds the grammar. Names are written in their natural spelling and folded with
`corpus.domain.text.fold` at import, so they match the normalized text whatever yeh, kaf or
hamza form a source used.

Calendar conversions go through libraries that know the real calendars: `jdatetime` for the
solar hijri (Afghan and Iranian) calendar and `hijridate` (Umm al-Qura) for the lunar hijri
calendar. Every function returns plain `datetime.date` values.
"""

from __future__ import annotations

import calendar as _gregorian_calendar
import datetime as dt
from dataclasses import dataclass

import jdatetime
from hijridate import Gregorian, Hijri

from corpus.domain.text import fold
from corpus.extraction.mentions import Calendar

GREGORIAN = Calendar.GREGORIAN
SOLAR = Calendar.SOLAR_HIJRI
LUNAR = Calendar.LUNAR_HIJRI


@dataclass(frozen=True, slots=True)
class MonthName:
    """One spelling of a month and how much context it needs to count as a date.

    `alone`: the word is a date by itself (`يونيو`, `حزيران`): no common word shares it.
    `qualifier`: it may take a relative qualifier (`كانون الثاني الماضي`, `مايو الماضي`) even
    if it may not stand alone (`مايو` is also part of the name `دي مايو`).
    `strict`: a very common word or verb prefix (`می`, `مه`, `صفر`, English `may`): next to a
    day number only, it needs a year or punctuation after it (`۸۰ می باشد` is not a date).
    Every other month name is a date when a day or a year is next to it, when it is paired
    with another name of the same month (`آب/أغسطس`) or when `شهر`/`ماه` introduces it.
    """

    month: int
    calendar: Calendar
    alone: bool = False
    qualifier: bool = False
    strict: bool = False


def _names(
    cal: Calendar, spellings: list[str | tuple[str, ...]], *, alone: bool, qualifier: bool | None = None
) -> dict[str, MonthName]:
    """Month i+1 for the i-th entry; an entry may be a tuple of variant spellings."""
    out: dict[str, MonthName] = {}
    for index, entry in enumerate(spellings):
        for spelling in (entry,) if isinstance(entry, str) else entry:
            out[fold(spelling)] = MonthName(
                index + 1, cal, alone=alone, qualifier=alone if qualifier is None else qualifier
            )
    return out


def _build_months() -> dict[str, MonthName]:
    table: dict[str, MonthName] = {}

    def add(entries: dict[str, MonthName]) -> None:
        for key, value in entries.items():
            previous = table.get(key)
            if previous is not None and (previous.month, previous.calendar) != (value.month, value.calendar):
                raise ValueError(f"month name {key!r} means two months")
            if previous is None or (value.alone and not previous.alone):
                table[key] = value

    # Words that are also common words or names: a date only next to a number, paired or after شهر.
    ambiguous: dict[str, MonthName] = {}
    # Arabic (Egypt, Gulf): unambiguous except مارس (the verb "practised") and مايو (Di Maio).
    add(
        _names(
            GREGORIAN,
            [
                "يناير",
                "فبراير",
                (),
                ("أبريل", "إبريل", "ابريل"),
                (),
                ("يونيو", "يونيه"),
                ("يوليو", "يوليه"),
                ("أغسطس", "اغسطس"),
                "سبتمبر",
                ("أكتوبر", "اكتوبر"),
                "نوفمبر",
                "ديسمبر",
            ],
            alone=True,
        )
    )
    # Levantine and Iraqi.
    add(
        _names(
            GREGORIAN,
            [
                "كانون الثاني",
                "شباط",
                "آذار",
                (),
                "أيار",
                "حزيران",
                (),
                (),
                "أيلول",
                "تشرين الأول",
                "تشرين الثاني",
                "كانون الأول",
            ],
            alone=True,
        )
    )
    # Maghrebi (Algeria, Tunisia).
    add(
        _names(
            GREGORIAN,
            ["جانفي", "فيفري", (), "أفريل", (), (), ("جويلية", "جويليه"), (), (), (), (), ()],
            alone=True,
        )
    )
    # Dari transliterations of the Gregorian months.
    add(
        _names(
            GREGORIAN,
            ["جنوری", "فبروری", "مارچ", "اپریل", (), (), "جولای", "اگست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر"],
            alone=True,
        )
    )
    # Iranian Persian spellings.
    add(
        _names(
            GREGORIAN,
            ["ژانویه", "فوریه", (), "آوریل", (), "ژوئن", "ژوئیه", (), "سپتامبر", "اکتبر", "نوامبر", "دسامبر"],
            alone=True,
        )
    )
    # Levantine names that are also names of things (Nissan, Tammuz) and مايو (Di Maio): they
    # take a relative qualifier but never stand alone.
    add(
        _names(
            GREGORIAN,
            [(), (), (), "نیسان", "مايو", (), "تموز", (), (), (), (), ()],
            alone=False,
            qualifier=True,
        )
    )
    # Common words: مارس (practised), ماي, می (the verb prefix), مه (fog), جوان (Juan), جون (John),
    # آب (water), أوت.
    ambiguous.update(
        _names(
            GREGORIAN,
            [(), (), "مارس", (), ("ماي", "می", "مه"), ("جوان", "جون"), (), ("آب", "أوت", "اوت")],
            alone=False,
        )
    )
    english = [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ]
    add(_names(GREGORIAN, [names[0] for names in english], alone=True))
    for index, names in enumerate(english):
        for abbreviation in names[1:]:
            ambiguous[abbreviation] = MonthName(index + 1, GREGORIAN)
    # Afghan solar months (zodiac names): every one is also an ordinary word.
    ambiguous.update(
        _names(
            SOLAR,
            [
                "حمل",
                "ثور",
                ("جوزا", "جوزاء"),
                "سرطان",
                "اسد",
                "سنبله",
                "میزان",
                "عقرب",
                "قوس",
                "جدی",
                "دلو",
                "حوت",
            ],
            alone=False,
        )
    )
    # Iranian solar months: some are names or words (تیر arrow, مهر seal, آبان, آذر, بهمن).
    ambiguous.update(
        _names(
            SOLAR,
            [
                "فروردین",
                "اردیبهشت",
                "خرداد",
                "تیر",
                ("مرداد", "امرداد"),
                "شهریور",
                "مهر",
                "آبان",
                "آذر",
                "دی",
                "بهمن",
                "اسفند",
            ],
            alone=False,
        )
    )
    # Lunar hijri months: personal names (رجب، شعبان، رمضان) or words; they need a number or شهر.
    ambiguous.update(
        _names(
            LUNAR,
            [
                ("محرم", "المحرم"),
                "صفر",
                ("ربيع الأول", "ربيع الاول", "ربیع‌الاول"),
                ("ربيع الثاني", "ربيع الآخر", "ربیع‌الثانی"),
                ("جمادى الأولى", "جمادى الاولى", "جمادی‌الاول"),
                ("جمادى الآخرة", "جمادى الثانية", "جمادی‌الثانی"),
                "رجب",
                "شعبان",
                "رمضان",
                "شوال",
                ("ذو القعدة", "ذي القعدة", "ذی‌القعده"),
                ("ذو الحجة", "ذي الحجة", "ذی‌الحجه"),
            ],
            alone=False,
        )
    )
    add(ambiguous)
    # Very common words and the Persian verb prefix: stricter still (see MonthName.strict).
    for word in ("می", "مه", "صفر", "دی", "may", "march", "mar"):
        key = fold(word)
        table[key] = MonthName(table[key].month, table[key].calendar, strict=True)
    return table


MONTHS: dict[str, MonthName] = _build_months()

# Weekday names (Monday = 0, as `datetime.date.weekday`). Keys are folded and written without
# the inner space or ZWNJ of Persian compounds: the text may have `سه شنبه`, `سه‌شنبه` or
# `سهشنبه`, and the grammar allows all three (see `weekday_index`).
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS: dict[str, int] = {
    fold(name).replace(" ", ""): index
    for index, names in enumerate(
        [
            ("الاثنين", "الإثنين", "دوشنبه", "monday"),
            ("الثلاثاء", "سه شنبه", "tuesday"),
            ("الأربعاء", "چهارشنبه", "wednesday"),
            ("الخميس", "پنجشنبه", "thursday"),
            ("الجمعة", "جمعه", "friday"),
            ("السبت", "شنبه", "saturday"),
            ("الأحد", "یکشنبه", "sunday"),
        ]
    )
    for name in names
}
# Persian weekday names that are a number word + شنبه: the space or ZWNJ between is optional.
PERSIAN_WEEKDAY_PREFIXES = tuple(fold(p) for p in ("یک", "دو", "سه", "چهار", "پنج"))


def weekday_index(matched: str) -> int:
    """The weekday (Monday = 0) of a name as matched in the normalized text."""
    return WEEKDAYS["".join(matched.split()).replace("\u200c", "")]


# --- Calendar arithmetic -------------------------------------------------------------------
YEAR_RANGE: dict[Calendar, tuple[int, int]] = {
    GREGORIAN: (1000, 2100),
    SOLAR: (1200, 1499),
    LUNAR: (1343, 1500),  # the Umm al-Qura tables hijridate ships
}


# Why every `jdatetime.date` gets a locale: without one, each new object probes the process
# locale (`locale.getlocale()`, twice), which made a solar-hijri conversion cost ~4 µs. The locale
# only chooses the month and weekday names jdatetime prints; `fa_IR` is the one value it accepts
# without probing. Conversions and validation do not depend on it.
_JALALI_LOCALE = jdatetime.FA_LOCALE


def _jalali(year: int, month: int, day: int) -> jdatetime.date:
    return jdatetime.date(year, month, day, locale=_JALALI_LOCALE)


def year_in_range(cal: Calendar, year: int) -> bool:
    """Whether `year` is a plausible year of `cal` (and convertible): 2254 is not a year."""
    low, high = YEAR_RANGE[cal]
    return low <= year <= high


def month_length(cal: Calendar, year: int, month: int) -> int:
    if cal is GREGORIAN:
        # `calendar.monthrange(year, month)[1]` without the weekday it also computes (half its cost).
        if not 1 <= month <= 12:
            raise _gregorian_calendar.IllegalMonthError(month)
        return _gregorian_calendar.mdays[month] + (month == 2 and _gregorian_calendar.isleap(year))
    if cal is SOLAR:
        return jdatetime.j_days_in_month[month - 1] + (1 if month == 12 and _jalali(year, 1, 1).isleap() else 0)
    return Hijri(year, month, 1).month_length()


MAX_MONTH_LENGTH: dict[Calendar, tuple[int, ...]] = {
    GREGORIAN: (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    SOLAR: (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30),
    LUNAR: (30,) * 12,
}


class NoSuchDay(ValueError):
    """A day that its month does not have (31 Hoot 1398, 30 February 2021); the message says why."""


def no_such_day(cal: Calendar, year: int | None, month: int, day: int) -> str | None:
    """Why day `day` of month `month` (1-12) of `year` in `cal` does not exist, or None if it does.

    Without a year the day must exist in that month of some year: 29 February passes, 30
    February does not. Lengths come from the calendar libraries (`month_length`): Hoot/Esfand
    has 30 days only in a leap solar year (1399, 1403), a lunar month 29 or 30 by the Umm
    al-Qura tables.
    """
    if 1 <= day <= 28:  # every month of every calendar has these (cheap: no library call)
        return None
    if year is None:
        most = MAX_MONTH_LENGTH[cal][month - 1]
        if 1 <= day <= most:
            return None
        return f"month {month} of the {cal} calendar never has a day {day} (at most {most} days)"
    length = month_length(cal, year, month)
    if 1 <= day <= length:
        return None
    return f"month {month} of {year} in the {cal} calendar has {length} days: there is no day {day}"


def to_gregorian(cal: Calendar, year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of a day written in `cal`.

    Raises `NoSuchDay` if the month lacks that day, and ValueError if the year or month cannot
    be converted at all (a lunar year outside the Umm al-Qura tables).
    """
    try:
        if cal is GREGORIAN:
            return dt.date(year, month, day)
        if cal is SOLAR:
            g = _jalali(year, month, day).togregorian()
            return dt.date(g.year, g.month, g.day)
        g = Hijri(year, month, day).to_gregorian()
    except OverflowError as exc:
        raise ValueError(str(exc)) from exc
    except ValueError as exc:
        reason = no_such_day(cal, year, month, day) if 1 <= month <= 12 and year_in_range(cal, year) else None
        if reason is None:
            raise
        raise NoSuchDay(reason) from exc
    return dt.date(g.year, g.month, g.day)


def from_gregorian(cal: Calendar, day: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian day in `cal`."""
    if cal is GREGORIAN:
        return day.year, day.month, day.day
    if cal is SOLAR:
        j = jdatetime.date.fromgregorian(date=day, locale=_JALALI_LOCALE)
        return j.year, j.month, j.day
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return h.year, h.month, h.day


def month_bounds(cal: Calendar, year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a month of `cal`."""
    return to_gregorian(cal, year, month, 1), to_gregorian(cal, year, month, month_length(cal, year, month))


def year_bounds(cal: Calendar, year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a year of `cal` (1393 solar: 2014-03-21 … 2015-03-20)."""
    return to_gregorian(cal, year, 1, 1), to_gregorian(cal, year, 12, month_length(cal, year, 12))
