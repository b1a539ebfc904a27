"""How a case is scored: Sanad's mentions against the expectation, and dateparser on date cases."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import importlib.util
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from benchmarks.evaluation.cases import (
    Case,
    DateInterval,
    NumberRange,
    fmt_dec,
)


@dataclass(slots=True)
class Outcome:
    case: Case
    sanad_pass: bool | None  # None: extractor unavailable
    sanad_got: str = ""
    sanad_reason: str = ""
    dateparser_pass: bool | None = None  # None: not a date case, or not run
    dateparser_got: str = ""


def _kind_of(mention: Any) -> str:
    return str(getattr(mention, "kind", ""))


def _date_matches(value: Any, want: DateInterval) -> bool:
    lower, upper = getattr(value, "lower", None), getattr(value, "upper", None)
    if lower is None or upper is None:
        return False
    if want.yearless:
        return (lower.month, lower.day, upper.month, upper.day) == (
            want.lower.month,
            want.lower.day,
            want.upper.month,
            want.upper.day,
        )
    return lower == want.lower and upper == want.upper


def _range_matches(value: Any, want: NumberRange) -> bool:
    if getattr(value, "lower", None) != want.lower or getattr(value, "upper", None) != want.upper:
        return False
    one_sided = want.lower is None or want.upper is None
    if one_sided and want.lower_open is not None and bool(value.lower_open) != want.lower_open:
        return False
    return not (one_sided and want.upper_open is not None and bool(value.upper_open) != want.upper_open)


def score_sanad(case: Case, mentions: list[Any]) -> tuple[bool, str, str]:
    """(passed, what Sanad returned, why it failed)."""
    quantities = [m for m in mentions if _kind_of(m) == "quantity"]
    dates = [m for m in mentions if _kind_of(m) == "date"]
    got = "; ".join(_describe(m) for m in mentions) or "nothing"
    if case.kind in ("number", "range"):
        if case.expected is None:
            return (not quantities, got, "" if not quantities else "false positive")
        for m in quantities:
            for want in case.accepted():
                if isinstance(want, NumberRange) and _range_matches(m.value, want):
                    return True, got, ""
                if isinstance(want, Decimal) and m.value.nominal == want:
                    return True, got, ""
        if not quantities:
            if dates:
                return False, got, "read as a date"
            if any(_kind_of(m) == "identifier" for m in mentions):
                return False, got, "read as an identifier"
            return False, got, "missed"
        if case.kind == "range":
            if all(m.value.lower == m.value.upper for m in quantities):
                return False, got, "point instead of range"
            return False, got, "wrong bounds"
        if len(quantities) > 1:
            return False, got, "split into several figures"
        return False, got, "wrong value"
    # dates
    if case.expected is None:
        return (not dates, got, "" if not dates else "false positive")
    accepted = [w for w in case.accepted() if isinstance(w, DateInterval)]
    for m in dates:
        if any(_date_matches(m.value, want) for want in accepted):
            return True, got, ""
    if not dates:
        return False, got, ("read as a number" if quantities else "missed")
    want = accepted[0]
    values = [m.value for m in dates]
    if all(v.lower is None for v in values):
        return False, got, "unresolved (no bounds)"
    bounded = [v for v in values if v.lower is not None and v.upper is not None]
    if want.yearless and bounded:
        # Compare a year-less expectation in the year Sanad chose.
        year = bounded[0].lower.year
        with contextlib.suppress(ValueError):  # 29 February
            want = DateInterval(want.lower.replace(year=year), want.upper.replace(year=year))
    if (
        len(bounded) > 1
        and want.lower != want.upper
        and min(v.lower for v in bounded) == want.lower
        and max(v.upper for v in bounded) == want.upper
    ):
        return False, got, "range split into two dates"
    for v in values:
        if v.lower is None or v.upper is None:
            continue
        if (v.lower.month, v.lower.day, v.upper.month, v.upper.day) == (
            want.lower.month,
            want.lower.day,
            want.upper.month,
            want.upper.day,
        ):
            return False, got, "wrong year"
        if v.lower <= want.lower and v.upper >= want.upper:
            return False, got, "too wide"
        if v.lower >= want.lower and v.upper <= want.upper:
            return False, got, "too narrow"
    return False, got, "wrong date"


def _describe(mention: Any) -> str:
    value = mention.value
    kind = _kind_of(mention)
    if kind == "quantity":
        if value.lower == value.upper == value.nominal:
            return f"Q {fmt_dec(value.nominal)}"
        lo = "-inf" if value.lower is None else fmt_dec(value.lower)
        hi = "inf" if value.upper is None else fmt_dec(value.upper)
        left = "(" if value.lower_open else "["
        right = ")" if value.upper_open else "]"
        return f"Q {fmt_dec(value.nominal)} {left}{lo},{hi}{right}"
    if kind == "date":
        if value.lower is None:
            return f"D {value.nominal} (unresolved)"
        if value.lower == value.upper:
            return f"D {value.lower.isoformat()}"
        return f"D {value.lower.isoformat()}..{value.upper.isoformat()}"
    return f"{kind[:1].upper()} {getattr(value, 'nominal', value)}"


def dateparser_days(text: str, language: str, reference: dt.date | None) -> list[dt.date]:
    """Every day dateparser finds in `text` (search_dates, then parse on the whole text)."""
    import dateparser
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(reference, dt.time(12, 0))
    days: list[dt.date] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(text, languages=[language], settings=dict(settings)) or []
        except Exception:  # a third-party parser: a crash is a miss
            found = []
        days.extend(when.date() for _, when in found)
        try:
            parsed = dateparser.parse(text, languages=[language], settings=dict(settings))
        except Exception:
            parsed = None
        if parsed is not None:
            days.append(parsed.date())
        # dateparser reads Lunar and Solar Hijri dates only through its calendar add-ons; give it
        # that chance (the Jalali one needs `convertdate`, which may not be installed).
        for module, cls in (
            ("dateparser.calendars.hijri", "HijriCalendar"),
            ("dateparser.calendars.jalali", "JalaliCalendar"),
        ):
            if (cls == "HijriCalendar") != (language == "ar"):
                continue
            try:
                calendar_cls = getattr(importlib.import_module(module), cls)
                data = calendar_cls(text).get_date()
            except Exception:  # a missing optional dependency or a crash
                continue
            if data is not None and data.date_obj is not None:
                days.append(data.date_obj.date())
    return days


def score_dateparser(case: Case) -> tuple[bool, str]:
    days = dateparser_days(case.text, case.language, case.reference_date)
    got = ", ".join(sorted({d.isoformat() for d in days})) or "nothing"
    if case.expected is None:
        return not days, got
    for want in case.accepted():
        if not isinstance(want, DateInterval):
            continue
        for day in days:
            if want.yearless:
                if (want.lower.month, want.lower.day) <= (day.month, day.day) <= (want.upper.month, want.upper.day):
                    return True, got
            elif want.lower <= day <= want.upper:
                return True, got
    return False, got
