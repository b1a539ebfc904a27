"""From what the date grammar read to a date mention: calendars, relative dates, refusals.

`dates` finds where a date is and reads its parts into a `Parse` (a day, a month of some
calendar, a year, a season, a relative expression, a since/until word); this module turns a
`Parse` into the closed interval of Gregorian days it denotes (`DateValue`), with the rule that
set the bounds, or into a `Refusal` when the day does not exist. Nothing here depends on the
language: the locale's words were spent by the grammar.

Values:
- `nominal` is always Gregorian: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` of the interval's lower bound
  at the mention's precision, whatever calendar it was written in. The value as written in its
  own calendar is kept in `extra["written"]` ("1393", "1398-04-04").
- `since`: lower = the date's lower bound, upper = the reference date (None without one).
  `until`: lower None, upper = the date's upper bound.
- A relative expression resolved against the reference keeps modifier `relative`, fills the
  bounds and sets `DateValue.reference`. Without a reference it has nominal, lower and upper
  None and says what it was in `extra["relative"]` (and `extra["month"]`/`["day"]`).
- A year-less day and month (or month) takes the year that puts it closest before (not after)
  the reference (`policy.toml [relative] yearless_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from corpus.domain.text import NormalizedText
from corpus.extraction import calendars as cals
from corpus.extraction.calendars import GREGORIAN, LUNAR, SOLAR, WEEKDAY_NAMES
from corpus.extraction.mentions import Calendar, DateValue, Kind, Mention, Modifier, Precision, Refusal
from corpus.extraction.policy import POLICY

NO_SUCH_DAY = "date.no_such_day"
"""The rule of a `Refusal` for a date whose day does not exist."""
# A relative date counted past the first or last day the Gregorian tables hold (a reference
# date at the calendar's edge): refused like a day that does not exist, since none does.
BEYOND_CALENDAR = "the day falls before 0001-01-01 or after 9999-12-31, outside the calendar"

_MARKS_AFTER_RE = re.compile("[\u0640\u064b-\u065f\u0670]+")
_WEEK_START = WEEKDAY_NAMES.index(POLICY["relative"]["week_starts_on"])
_EARLY_WEEK_DAYS = int(POLICY["relative"]["early_week_days"])
_WEEK_AGO_TOLERANCE = int(POLICY["relative"]["week_ago_tolerance_days"])


@dataclass(slots=True)
class Parse:
    """What the grammar read at a span of the normalized text, before it is resolved."""

    start: int
    end: int
    cal: Calendar = GREGORIAN
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    relative: str | None = None  # a `relative.*` rule without its prefix
    weekday: int | None = None  # a weekday stated beside the date (checked) or as the date
    modifier: Modifier = Modifier.EXACT
    numeric_rule: str | None = None
    offset: tuple[int, str] | None = None  # `قبل 5 أيام`: (-5, "day")
    part: str | None = None  # `منتصف 2019`: "mid" (policy.toml [part.*])
    year_to: int | None = None  # `1441/1442 هـ`: the second year
    year_offset: int | None = None  # `مارس من العام الماضي`: the year counted from the reference
    day_to: int | None = None  # `19-20 نوفمبر`: the last day of a span of days
    refusal: str | None = None  # why the day does not exist: the span is refused, not reported
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def to_mention(norm: NormalizedText, p: Parse, reference: dt.date | None) -> Mention | Refusal | None:
    """The mention of a chosen parse, or its refusal when its day does not exist."""
    refusal = p.refusal
    if refusal is None:
        try:
            resolved = _resolve(p, reference)
        except cals.NoSuchDay as exc:  # `29 فبراير` resolved to a common year
            refusal = str(exc)
        except OverflowError:  # `yesterday` on 0001-01-01: a day before year 1 or after 9999
            refusal = BEYOND_CALENDAR
        except ValueError:  # a year the calendar tables do not reach
            return None
    if refusal is not None:
        start, end = _original_span(norm, p)
        return Refusal(start, end, norm.original[start:end], Kind.DATE, NO_SUCH_DAY, refusal)
    if resolved is None:
        return None
    value, rule, extra = resolved
    relative = p.relative is not None or rule.startswith("relative.") or value.lower is None
    modifier = Modifier.RELATIVE if relative else Modifier.EXACT
    if p.part and modifier is not Modifier.RELATIVE:
        modifier = Modifier(POLICY["part"][p.part].get("modifier", "about"))  # bounds from the policy
    elif p.year_to is not None or p.day_to is not None:
        modifier = Modifier.RANGE
    if p.modifier is Modifier.SINCE:
        modifier = Modifier.SINCE
        upper = reference if value.lower is not None else None
        value = DateValue(
            value.nominal, value.lower, upper, value.precision, value.calendar, reference if upper else value.reference
        )
    elif p.modifier is Modifier.UNTIL:
        modifier = Modifier.UNTIL
        value = DateValue(value.nominal, None, value.upper, value.precision, value.calendar, value.reference)
    start, end = _original_span(norm, p)
    return Mention(
        start=start,
        end=end,
        text=norm.original[start:end],
        kind=Kind.DATE,
        modifier=modifier,
        rule=rule,
        value=value,
        extra=extra,
    )


def year_mention(norm: NormalizedText, start: int, end: int, cal: Calendar, year: int) -> Mention:
    """A bare year the quantity finder found no count in (`انتخابات 2018`, `بودجه ۱۴۰۱`): rule `date.year_alone`."""
    lower, upper = cals.year_bounds(cal, year)
    extra = {"written": f"{year:04d}"} if cal is not GREGORIAN else {}
    ostart, oend = norm.to_original(start, end)
    value = _value(lower, upper, Precision.YEAR, cal)
    return Mention(ostart, oend, norm.original[ostart:oend], Kind.DATE, Modifier.EXACT, "date.year_alone", value, extra)


def _original_span(norm: NormalizedText, p: Parse) -> tuple[int, int]:
    start, end = norm.to_original(p.start, p.end)
    # A tatweel or a diacritic right after the last letter belongs to it (`هـ`, `أيارَ`).
    tail = _MARKS_AFTER_RE.match(norm.original, end)
    if tail:
        end = tail.end()
    return start, end


def _nominal(day: dt.date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return day.isoformat()
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _value(
    lower: dt.date, upper: dt.date, precision: Precision, cal: Calendar, reference: dt.date | None = None
) -> DateValue:
    return DateValue(_nominal(lower, precision), lower, upper, precision, cal, reference)


_CAL_RULE = {GREGORIAN: "date", SOLAR: "date.solar", LUNAR: "date.lunar"}


def _resolve(p: Parse, reference: dt.date | None) -> tuple[DateValue, str, dict[str, Any]] | None:
    extra = dict(p.extra)
    if p.relative is not None:
        resolved = _resolve_relative(p, reference, extra)
        if p.part and resolved[0].lower is not None:
            return _narrowed(p, *resolved)
        return resolved
    if p.season is not None:
        assert p.year is not None
        lower, upper = _season_bounds(p.season, p.cal, p.year)
        if p.cal is not GREGORIAN:
            extra["written"] = str(p.year)
        return _value(lower, upper, Precision.SEASON, p.cal), f"season.{p.season}", extra
    if p.year is None:
        resolved = _resolve_yearless(p, reference, extra)
        return _narrowed(p, *resolved) if p.part and resolved[0].lower is not None else resolved
    if p.year_to is not None:
        lower, _ = cals.year_bounds(p.cal, p.year)
        _, upper = cals.year_bounds(p.cal, p.year_to)
        if p.cal is not GREGORIAN:
            extra["written"] = f"{p.year:04d}/{p.year_to:04d}"
        return _value(lower, upper, Precision.YEAR, p.cal), "date.year_span", extra
    prefix = "date" if p.cal is GREGORIAN else _CAL_RULE[p.cal]
    if p.day is not None and p.month is not None:
        value = _dated(p, p.year, Precision.DAY, None)
        rule = p.numeric_rule or (f"{prefix}.day" if p.cal is GREGORIAN else f"{prefix}_day")
        if p.day_to is not None:
            rule = "date.day_range"
        written = f"{p.year:04d}-{p.month:02d}-{p.day:02d}"
    elif p.month is not None:
        lower, upper = cals.month_bounds(p.cal, p.year, p.month)
        value = _value(lower, upper, Precision.MONTH, p.cal)
        rule = f"{prefix}.month" if p.cal is GREGORIAN else f"{prefix}_month"
        written = f"{p.year:04d}-{p.month:02d}"
    else:
        lower, upper = cals.year_bounds(p.cal, p.year)
        value = _value(lower, upper, Precision.YEAR, p.cal)
        rule = f"{prefix}.year" if p.cal is GREGORIAN else f"{prefix}_year"
        written = f"{p.year:04d}"
    if p.cal is not GREGORIAN:
        extra["written"] = written
    _check_weekday(p, value, extra)
    if p.part:
        return _narrowed(p, value, rule, extra)
    return value, rule, extra


def _narrowed(p: Parse, value: DateValue, rule: str, extra: dict[str, Any]) -> tuple[DateValue, str, dict[str, Any]]:
    """The part of a month or a year a part word names (`منتصف 2019`, `أواخر مارس`): policy [part.*]."""
    assert p.part is not None
    assert value.lower is not None
    assert value.upper is not None
    table = POLICY["part"][p.part]
    extra["whole"] = [value.lower.isoformat(), value.upper.isoformat()]
    if value.precision is Precision.MONTH:
        if "month" not in table:  # a quarter of a month: no such thing
            return value, rule, extra
        first, last = table["month"]
        y, m, _ = cals.from_gregorian(p.cal, value.lower)
        length = cals.month_length(p.cal, y, m)
        lower = cals.to_gregorian(p.cal, y, m, min(first, length))
        upper = cals.to_gregorian(p.cal, y, m, min(last, length))
        narrowed = DateValue(value.nominal, lower, upper, Precision.DAY, p.cal, value.reference)
    else:
        y = cals.from_gregorian(p.cal, value.lower)[0]
        (sm, sd), (em, ed) = ((int(x) for x in bound.split("-")) for bound in table["year"])
        lower = cals.to_gregorian(p.cal, y, sm, min(sd, cals.month_length(p.cal, y, sm)))
        upper = cals.to_gregorian(p.cal, y, em, min(ed, cals.month_length(p.cal, y, em)))
        narrowed = DateValue(value.nominal, lower, upper, Precision.SEASON, p.cal, value.reference)
    return narrowed, f"part.{p.part}", extra


def _check_weekday(p: Parse, value: DateValue, extra: dict[str, Any]) -> None:
    if p.weekday is None:
        return
    extra["weekday"] = WEEKDAY_NAMES[p.weekday]
    if value.lower is not None and value.lower == value.upper:
        extra["weekday_matches"] = value.lower.weekday() == p.weekday


def _resolve_yearless(
    p: Parse, reference: dt.date | None, extra: dict[str, Any]
) -> tuple[DateValue, str, dict[str, Any]]:
    """A day and month, or a month, without a year: closest not after the reference."""
    assert p.month is not None
    precision = Precision.DAY if p.day is not None else Precision.MONTH
    rule = "date.yearless_closest_before"
    if reference is None:
        extra.update({"month": p.month, **({"day": p.day} if p.day is not None else {})})
        if p.weekday is not None:
            extra["weekday"] = WEEKDAY_NAMES[p.weekday]
        return DateValue(None, None, None, precision, p.cal), rule, extra
    ref_y, ref_m, ref_d = cals.from_gregorian(p.cal, reference)
    year = ref_y if (p.month, p.day or 1) <= (ref_m, ref_d) else ref_y - 1
    value = _dated(p, year, precision, reference)
    if p.cal is not GREGORIAN:
        extra["written"] = _written(p, year)
    _check_weekday(p, value, extra)
    return value, rule, extra


def _dated(p: Parse, year: int, precision: Precision, reference: dt.date | None) -> DateValue:
    assert p.month is not None
    if p.day is not None:
        day = cals.to_gregorian(p.cal, year, p.month, p.day)
        last = cals.to_gregorian(p.cal, year, p.month, p.day_to) if p.day_to is not None else day
        return _value(day, last, precision, p.cal, reference)
    lower, upper = cals.month_bounds(p.cal, year, p.month)
    return _value(lower, upper, precision, p.cal, reference)


def _written(p: Parse, year: int) -> str:
    return f"{year:04d}-{p.month:02d}" + (f"-{p.day:02d}" if p.day is not None else "")


def _resolve_relative(
    p: Parse, reference: dt.date | None, extra: dict[str, Any]
) -> tuple[DateValue, str, dict[str, Any]]:
    kind = p.relative
    assert kind is not None
    rule = f"relative.{kind}"
    precision = _RELATIVE_PRECISION.get(kind, Precision.DAY)
    if kind.startswith("named_month"):
        precision = Precision.DAY if p.day is not None else Precision.MONTH
    if reference is None:
        extra["relative"] = kind
        if p.month is not None:
            extra["month"] = p.month
        if p.day is not None:
            extra["day"] = p.day
        if p.weekday is not None:
            extra["weekday"] = WEEKDAY_NAMES[p.weekday]
        return DateValue(None, None, None, precision, p.cal), rule, extra
    ref = reference
    if kind == "month_of_year":
        assert p.year_offset is not None
        year = cals.from_gregorian(p.cal, ref)[0] + p.year_offset
        value = _dated(p, year, Precision.DAY if p.day is not None else Precision.MONTH, ref)
        if p.cal is not GREGORIAN:
            extra["written"] = _written(p, year)
        return value, rule, extra
    if kind in _DAY_OFFSETS:
        day = ref + dt.timedelta(days=_DAY_OFFSETS[kind])
        value = _value(day, day, Precision.DAY, GREGORIAN, ref)
        if p.weekday is not None:
            extra["weekday"] = WEEKDAY_NAMES[p.weekday]
            extra["weekday_matches"] = day.weekday() == p.weekday
            if day.weekday() != p.weekday:
                extra["weekday_mismatch"] = True
        return value, rule, extra
    if kind in ("weekday", "last_weekday", "next_weekday"):
        assert p.weekday is not None
        if kind == "next_weekday":
            day = ref + dt.timedelta(days=(p.weekday - ref.weekday()) % 7 or 7)
        else:
            back = (ref.weekday() - p.weekday) % 7
            day = ref - dt.timedelta(days=back or (7 if kind == "last_weekday" else 0))
        extra["weekday"] = WEEKDAY_NAMES[p.weekday]
        return _value(day, day, Precision.DAY, GREGORIAN, ref), rule, extra
    week_start = ref - dt.timedelta(days=(ref.weekday() - _WEEK_START) % 7)
    if kind == "early_week":
        upper = min(week_start + dt.timedelta(days=_EARLY_WEEK_DAYS - 1), ref)
        return _value(week_start, upper, Precision.DAY, GREGORIAN, ref), rule, extra
    if kind == "week_ago":
        day = ref - dt.timedelta(days=7)
        tolerance = dt.timedelta(days=_WEEK_AGO_TOLERANCE)
        value = DateValue(day.isoformat(), day - tolerance, day + tolerance, Precision.DAY, GREGORIAN, ref)
        return value, rule, extra
    if kind in ("last_week", "this_week", "next_week"):
        first = week_start + dt.timedelta(days=7 * {"last_week": -1, "this_week": 0, "next_week": 1}[kind])
        return _value(first, first + dt.timedelta(days=6), Precision.DAY, GREGORIAN, ref), rule, extra
    if kind in ("last_month", "this_month", "next_month"):
        return _months_away(p.cal, ref, {"last_month": -1, "this_month": 0, "next_month": 1}[kind], extra), rule, extra
    if kind in ("last_year", "this_year", "next_year"):
        return _years_away(p.cal, ref, {"last_year": -1, "this_year": 0, "next_year": 1}[kind], extra), rule, extra
    if kind == "period":
        assert p.offset is not None
        count, unit = p.offset
        extra.update({"offset": count, "unit": unit})
        other = _shifted(ref, count, unit)
        lower, upper = (other, ref) if count < 0 else (ref, other)
        return DateValue(lower.isoformat(), lower, upper, Precision.DAY, GREGORIAN, ref), rule, extra
    if kind == "offset":
        assert p.offset is not None
        count, unit = p.offset
        extra.update({"offset": count, "unit": unit})
        if unit == "month":
            return _months_away(p.cal, ref, count, extra), rule, extra
        if unit == "year":
            return _years_away(p.cal, ref, count, extra), rule, extra
        day = ref + dt.timedelta(days=count * (7 if unit == "week" else 1))
        tolerance = dt.timedelta(days=_WEEK_AGO_TOLERANCE if unit == "week" else 0)
        return DateValue(day.isoformat(), day - tolerance, day + tolerance, Precision.DAY, GREGORIAN, ref), rule, extra
    # A named month with a qualifier, in the month's own calendar.
    assert p.month is not None
    ref_y, ref_m, _ = cals.from_gregorian(p.cal, ref)
    if kind == "named_month_past":
        year = ref_y if p.month < ref_m else ref_y - 1
    elif kind == "named_month_next":
        year = ref_y if p.month > ref_m else ref_y + 1
    else:
        year = ref_y
    value = _dated(p, year, precision, ref)
    if p.cal is not GREGORIAN:
        extra["written"] = _written(p, year)
    _check_weekday(p, value, extra)
    return value, rule, extra


_DAY_OFFSETS = {"today": 0, "yesterday": -1, "day_before_yesterday": -2, "tomorrow": 1}
_RELATIVE_PRECISION = {
    "last_month": Precision.MONTH,
    "this_month": Precision.MONTH,
    "next_month": Precision.MONTH,
    "last_year": Precision.YEAR,
    "this_year": Precision.YEAR,
    "next_year": Precision.YEAR,
}


def _shifted(day: dt.date, count: int, unit: str) -> dt.date:
    """`day` moved by `count` days, weeks, months or years (a month end kept in range)."""
    if unit in ("day", "week"):
        return day + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1)
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, cals.month_length(GREGORIAN, year, month)))


def _months_away(cal: Calendar, ref: dt.date, months: int, extra: dict[str, Any]) -> DateValue:
    """The month `months` months from the reference's, in `cal` (Persian news counts solar months)."""
    ref_y, ref_m, _ = cals.from_gregorian(cal, ref)
    index = ref_y * 12 + ref_m - 1 + months
    year, month = index // 12, index % 12 + 1
    lower, upper = cals.month_bounds(cal, year, month)
    if cal is not GREGORIAN:
        extra["written"] = f"{year:04d}-{month:02d}"
    return _value(lower, upper, Precision.MONTH, cal, ref)


def _years_away(cal: Calendar, ref: dt.date, years: int, extra: dict[str, Any]) -> DateValue:
    """The year `years` years from the reference's, in `cal` (`سال گذشته` is the last solar year)."""
    year = cals.from_gregorian(cal, ref)[0] + years
    lower, upper = cals.year_bounds(cal, year)
    if cal is not GREGORIAN:
        extra["written"] = f"{year:04d}"
    return _value(lower, upper, Precision.YEAR, cal, ref)


def _season_bounds(season: str, cal: Calendar, year: int) -> tuple[dt.date, dt.date]:
    """Season bounds from the policy: Gregorian month-days, or solar ones for a solar year."""
    entry = POLICY["season"][season]
    start_key, end_key = ("start", "end") if cal is GREGORIAN else ("solar_start", "solar_end")
    start_m, start_d = (int(x) for x in entry[start_key].split("-"))
    end_m, end_d = (int(x) for x in entry[end_key].split("-"))
    end_year = year if (end_m, end_d) >= (start_m, start_d) else year + 1  # winter crosses the year
    if cal is GREGORIAN and (end_m, end_d) == (2, 28):
        end_d = 29  # "02-28" is the last day of February: 02-29 in a leap year (policy comment)
    end_d = min(end_d, cals.month_length(cal, end_year, end_m))
    return cals.to_gregorian(cal, year, start_m, start_d), cals.to_gregorian(cal, end_year, end_m, end_d)
