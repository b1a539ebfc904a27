"""Calendar arithmetic for the date extractor: month lengths, conversions, year ranges.

The month and weekday names are locale data (`corpus.extraction.locale`, `locales/*.toml`);
this module knows only the calendars. Calendar conversions go through libraries that know the real calendars: `jdatetime` for the
solar hijri (Afghan and Iranian) calendar and `hijridate` (Umm al-Qura) for the lunar hijri
calendar. Every function returns plain `datetime.date` values.
"""

from __future__ import annotations

import calendar as _gregorian_calendar
import datetime as dt
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri

from corpus.extraction.mentions import Calendar

GREGORIAN = Calendar.GREGORIAN
SOLAR = Calendar.SOLAR_HIJRI
LUNAR = Calendar.LUNAR_HIJRI


# Weekday names (Monday = 0, as `datetime.date.weekday`), as mentions report them.
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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


_GREGORIAN_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=4096)
def month_length(cal: Calendar, year: int, month: int) -> int:
    if cal is GREGORIAN:
        # `calendar.monthrange(year, month)[1]` without the weekday it also computes (half its cost).
        if not 1 <= month <= 12:
            raise _gregorian_calendar.IllegalMonthError(month)
        return _GREGORIAN_MONTH_DAYS[month] + (month == 2 and _gregorian_calendar.isleap(year))
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


@lru_cache(maxsize=16384)
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


# Why caches: news names the same few years and months over and over (a year's bounds for every
# `2019` of every article), and a solar or lunar conversion costs microseconds. The functions are
# pure and their arguments a small, bounded set.
@lru_cache(maxsize=4096)
def month_bounds(cal: Calendar, year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a month of `cal`."""
    return to_gregorian(cal, year, month, 1), to_gregorian(cal, year, month, month_length(cal, year, month))


@lru_cache(maxsize=1024)
def year_bounds(cal: Calendar, year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a year of `cal` (1393 solar: 2014-03-21 … 2015-03-20)."""
    return to_gregorian(cal, year, 1, 1), to_gregorian(cal, year, 12, month_length(cal, year, 12))
