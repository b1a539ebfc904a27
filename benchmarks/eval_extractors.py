"""Score the Sanad extractor (and dateparser) on external, held-out test suites.

Why: the extractor's own unit tests are written by the people who wrote the rules, so they
share their blind spots. The suites in `../shared/external-tests/` come from other projects
(Microsoft Recognizers-Text, Duckling, NeMo, Humanizer, persian-tools, num2words, num2fawords,
dateparser), each with its own idea of what a number or a date in Arabic or Persian looks like.
This script turns every case that states a value Sanad can be compared on into one uniform
`Case`, runs `extract()` on it and reports the pass rate per suite, next to dateparser on the
same date cases, so the extractor authors can see where they stand and what to fix first.

It is an evaluation, not a test: `make test` never needs the suites, and nothing here imports
Django. Run from the repository root:

    .venv/bin/python -m benchmarks.eval_extractors [--suite NAME] [--show-failures N]

What is compared (see each loader for the cases it skips and why):

* number cases: pass when a quantity mention's `nominal` equals the expected value
  (`Decimal` equality, so 7.50 == 7.5);
* range cases: pass when a quantity mention's `lower`/`upper` equal the stated bounds
  (open/closed is compared only for one-sided ranges, where it is the meaning: "more than"
  vs "at least"; for two-sided ranges the suites' open ends are a convention);
* date cases: pass when a date mention's `lower..upper` equals the expected interval (for a
  day, lower == upper == that day). Year-less expectations compare month and day only.
  Where a suite resolves a year-less or weekday expression to the future and Sanad's policy
  resolves it to the past, both readings are accepted;
* negative cases (`expected is None`): pass when no mention of that kind is found.

dateparser is scored on the date cases only (it does not parse numbers): a case passes when
`search_dates()` or `parse()` returns a datetime whose day lies in an accepted interval (for a
day-precision expectation that is equality; for a month or a range this is more lenient to
dateparser than to Sanad, which must produce the exact interval).
"""

from __future__ import annotations

import argparse
import calendar
import collections
import contextlib
import datetime as dt
import importlib
import importlib.util
import json
import platform
import re
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DEFAULT_SUITES_DIR = REPO_ROOT.parent / "shared" / "external-tests"
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "eval.md"
DEFAULT_EXTRACTOR = "corpus.extraction.extraction:extract"

# Figures of a quadrillion and more never occur in news, and their names differ between the
# short and the long scale (and between libraries); cases above this are skipped.
MAX_ABS_NUMBER = Decimal(10) ** 15

# A resolution printed with this many decimals is a repeating fraction cut off by the suite
# (0.333333333333333); no extractor can be expected to produce that exact Decimal.
_REPEATING_DECIMALS = 12


# --------------------------------------------------------------------------------------------
# The uniform case
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateInterval:
    """A closed interval of days. `yearless` compares month and day only (the suite gave none)."""

    lower: dt.date
    upper: dt.date
    yearless: bool = False

    def __str__(self) -> str:
        fmt = (lambda d: d.strftime("--%m-%d")) if self.yearless else (lambda d: d.isoformat())
        if self.lower == self.upper:
            return fmt(self.lower)
        return f"{fmt(self.lower)}..{fmt(self.upper)}"


@dataclass(frozen=True, slots=True)
class NumberRange:
    """Stated bounds of a range; `None` bound is unbounded, `None` openness is "not stated"."""

    lower: Decimal | None
    upper: Decimal | None
    lower_open: bool | None = None
    upper_open: bool | None = None

    def __str__(self) -> str:
        lo = "-inf" if self.lower is None else _fmt_dec(self.lower)
        hi = "inf" if self.upper is None else _fmt_dec(self.upper)
        if self.lower_open is None and self.upper_open is None:
            return f"{lo}..{hi}"  # openness not stated by the suite
        left = "(" if self.lower is None or self.lower_open else "["
        right = ")" if self.upper is None or self.upper_open else "]"
        return f"{left}{lo},{hi}{right}"


Expected = Decimal | NumberRange | DateInterval | None


@dataclass(frozen=True, slots=True)
class Case:
    """One comparable expectation: `text` in `language` should yield `expected`."""

    suite: str
    group: str
    text: str
    language: str
    kind: str  # "number" | "range" | "date"
    expected: Expected
    reference_date: dt.date | None = None
    alternatives: tuple[Expected, ...] = ()
    tag: str = ""  # a category for the failure report: "words", "weekday", "hijri", ...
    origin: str = ""  # where the case came from, for tracing

    def accepted(self) -> tuple[Expected, ...]:
        return (self.expected, *self.alternatives)


# --------------------------------------------------------------------------------------------
# Small parsing helpers shared by the loaders
# --------------------------------------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

AR_MONTHS: dict[str, int] = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "ابريل": 4,
    "إبريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
# Levantine / Iraqi month names as used by Duckling's corpus.
AR_LEVANT_MONTHS = ("كانون", "شباط", "اذار", "آذار", "نيسان", "ايار", "أيار", "حزيران", "تموز", "آب", "ايلول", "أيلول")
HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الأول": 3,
    "ربيع الثاني": 4,
    "جمادى الأولى": 5,
    "جمادى الآخرة": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11,
    "ذي القعدة": 11,
    "ذو الحجة": 12,
    "ذي الحجة": 12,
}
AR_WEEKDAYS = ("الاثنين", "الإثنين", "الثلاثاء", "الثلاثا", "الاربعاء", "الأربعاء", "اربعا", "الخميس", "الجمعة")
AR_WEEKDAYS += ("الجمعه", "السبت", "الاحد", "الأحد", "اثنين", "ثلاثاء", "احد")


def _fmt_dec(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _dec(value: Any) -> Decimal | None:
    """A Decimal from an int/float/str as the suites write them; None if not a plain number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().translate(_DIGITS).replace("٬", ",").replace("٫", ".")
        text = text.replace(",", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return None


def _usable_number(value: Decimal | None) -> bool:
    """Whether a figure can fairly be asked of a news extractor (see module constants)."""
    if value is None or not value.is_finite():
        return False
    if abs(value) >= MAX_ABS_NUMBER:
        return False
    exponent = value.normalize().as_tuple().exponent
    return not (isinstance(exponent, int) and -exponent >= _REPEATING_DECIMALS)


def _clean(text: str) -> str:
    """NFC and collapsed whitespace (Humanizer writes "مليون و   ألف")."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _number_tag(text: str, value: Decimal | None) -> str:
    """A coarse category for the failure report: how the figure is written."""
    has_digit = bool(re.search(r"\d", text))
    has_letter = bool(re.search(r"[^\W\d_]", text))
    tag = "digits" if has_digit and not has_letter else ("words" if not has_digit else "digits+words")
    if value is not None:
        if value < 0:
            tag += ",negative"
        elif value != value.to_integral_value():
            tag += ",decimal"
    return tag


def _date_tag(text: str, relative: bool = False) -> str:
    """A coarse category for date cases: written with digits, month names, weekdays, relative."""
    parts = []
    if relative:
        parts.append("relative")
    if any(w in text for w in AR_WEEKDAYS):
        parts.append("weekday")
    if any(m in text for m in AR_MONTHS) or any(m in text for m in AR_LEVANT_MONTHS):
        parts.append("month-name")
    if re.search(r"\d+\s*[/.\-]\s*\d+", text.translate(_DIGITS)):
        parts.append("numeric")
    elif re.search(r"\d", text.translate(_DIGITS)):
        parts.append("digits")
    else:
        parts.append("words")
    return ",".join(parts)


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


def _month_interval(year: int, month: int) -> DateInterval:
    last = calendar.monthrange(year, month)[1]
    return DateInterval(dt.date(year, month, 1), dt.date(year, month, last))


def _year_interval(year: int) -> DateInterval:
    return DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _has_year(text: str) -> bool:
    return bool(re.search(r"(?<!\d)\d{4}(?!\d)", text.translate(_DIGITS))) or "عام" in text or "سنة" in text


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8-sig") as fh:
        return json.load(fh)


def _dedupe(cases: Iterable[Case]) -> list[Case]:
    """Drop repeated (language, text, kind, expected) cases: suites repeat inputs across tests."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for case in cases:
        key = (case.language, case.text, case.kind, case.expected)
        if key in seen:
            continue
        seen.add(key)
        out.append(case)
    return out


# --------------------------------------------------------------------------------------------
# Loaders, one per suite folder. Each documents what it skips and why.
# --------------------------------------------------------------------------------------------


def load_recognizers(root: Path) -> list[Case]:
    """Microsoft Recognizers-Text Arabic specs.

    Used: Number/NumberModel (numbers; empty `Results` = no number in the sentence),
    NumberRangeModel (ranges), PercentModel (the percentage's number), NumberWithUnit
    CurrencyModel (the amount; informational, an unmerged PR), DateTime DateParser (dates),
    DatePeriodParser (date intervals), DateTimeModel and MergedParser (their `date` and
    `daterange` results only). Cases marked `NotSupported: dotnet` are kept: they still state
    a value, the reference implementation just fails them.

    Skipped: the *Extractor files (span only, no value); Ordinal models (ordinals are not
    quantities in Sanad); Duration, Time, TimePeriod, DateTime(Period), Set models (durations,
    times of day and recurrences are out of Sanad's scope); HolidayParser (US/Chinese holidays,
    and several stated values are wrong, e.g. عيد الاستقلال 2019 -> 2015-06-21); within the
    number files: powers and e-notation ("١,١^٢٣"), repeating fractions printed to 15 digits
    ("واحد على ثلاثة" = 0.333333333333333), figures >= 10^15, numbers inside dates, IP
    addresses and phone numbers ("٥/١٧/٢٠١٨" -> 5, 17, 2018: Sanad reads the date or blocks the
    span by design), and the "no number" cases whose text has digits glued to a word ("20دولار",
    "١مليون ليست رقم": Recognizers' tokenization rule, not a statement that there is no figure);
    within the date files: weeks
    (Sanad has no week precision and its weeks start on Sunday), seasons (Sanad's season
    bounds are its own policy), open-ended "since/before" ranges, unresolved values, and two
    decade readings of a plain year ("في 1970" -> the 1970s) that are simply wrong.
    """
    suite = "recognizers-text"
    base = root / suite / "Specs"
    cases: list[Case] = []
    num = base / "Number" / "Arabic"

    for path in (num / "NumberModel.json", num / "PercentModel.json"):
        group = path.stem
        for i, spec in enumerate(_load_json(path)):
            text = _clean(spec["Input"])
            origin = f"{group}#{i}"
            if not spec["Results"]:
                if group == "NumberModel" and not re.search(r"\d", text.translate(_DIGITS)):
                    cases.append(Case(suite, group, text, "ar", "number", None, tag="negative", origin=origin))
                continue
            if _RECOGNIZERS_NOT_A_FIGURE.search(text.translate(_DIGITS)):
                continue
            for res in spec["Results"]:
                resolution = res.get("Resolution") or {}
                raw = str(resolution.get("value", "")).rstrip("%")
                if resolution.get("subtype") == "power" or "^" in res["Text"] or re.search(r"\de", res["Text"]):
                    continue
                value = _dec(raw)
                if not _usable_number(value):
                    continue
                tag = _number_tag(res["Text"], value)
                if resolution.get("subtype") == "fraction":
                    tag += ",fraction"
                if group == "PercentModel":
                    tag += ",percent"
                cases.append(Case(suite, group, text, "ar", "number", value, tag=tag, origin=origin))

    for i, spec in enumerate(_load_json(num / "NumberRangeModel.json")):
        text = _clean(spec["Input"])
        for res in spec["Results"]:
            rng = _parse_interval_notation(str((res.get("Resolution") or {}).get("value", "")))
            if rng is None:
                continue
            one_sided = rng.lower is None or rng.upper is None
            tag = "one-sided" if one_sided else ("equal" if rng.lower == rng.upper else "two-sided")
            tag += "," + _number_tag(res["Text"], None)
            cases.append(Case(suite, "NumberRangeModel", text, "ar", "range", rng, tag=tag, origin=f"NumberRange#{i}"))

    currency = root / suite / "Specs" / "NumberWithUnit" / "Arabic" / "CurrencyModel.json"
    if currency.exists():
        for i, spec in enumerate(_load_json(currency)):
            text = _clean(spec["Input"])
            for res in spec["Results"]:
                value = _dec((res.get("Resolution") or {}).get("value"))
                if _usable_number(value):
                    tag = _number_tag(res["Text"], value) + ",currency"
                    cases.append(Case(suite, "CurrencyModel", text, "ar", "number", value, tag=tag, origin=f"Cur#{i}"))

    dtdir = base / "DateTime" / "Arabic"
    for name in ("DateParser", "DatePeriodParser", "DateTimeModel", "MergedParser"):
        path = dtdir / f"{name}.json"
        if not path.exists():
            continue
        for i, spec in enumerate(_load_json(path)):
            text = _clean(spec["Input"])
            if (name, text) in _RECOGNIZERS_KNOWN_BAD:
                continue
            ref_raw = (spec.get("Context") or {}).get("ReferenceDateTime")
            ref = _day(ref_raw) if ref_raw else None
            for res in spec["Results"]:
                accepted = _recognizers_date_values(res)
                if not accepted:
                    continue
                timex = _recognizers_timex(res)
                relative = "XXXX" in timex or not re.match(r"^\(?\d{4}", timex)
                case = Case(
                    suite,
                    name,
                    text,
                    "ar",
                    "date",
                    accepted[0],
                    reference_date=ref,
                    alternatives=tuple(accepted[1:]),
                    tag=_date_tag(res.get("Text", text), relative) + ("" if "(" not in timex else ",range"),
                    origin=f"{name}#{i}",
                )
                cases.append(case)
    return _dedupe(cases)


# Numbers Recognizers expects inside a date, an IP address or a phone number: Sanad reads the
# date, or blocks the span, by design.
_RECOGNIZERS_NOT_A_FIGURE = re.compile(r"\d+[/.]\d+[/.]\d+|\+\d[\d\-/ ]{6,}|هاتف")

_RECOGNIZERS_KNOWN_BAD = {
    ("DatePeriodParser", "في 1970"),  # a plain year read as the 1970s
    ("DatePeriodParser", "من مواليد ألفين"),  # "born in 2000" read as the 2000s
    ("MergedParser", "2015-1-32"),  # invalid dates: robustness tests, not a stated date
    ("MergedParser", "2017-13-12"),
}


def _parse_interval_notation(value: str) -> NumberRange | None:
    """Recognizers' "(20,35]" / "[30,)" / "(,100]" notation."""
    m = re.fullmatch(r"\s*([(\[])\s*([^,]*)\s*,\s*([^,]*)\s*([)\]])\s*", value)
    if not m:
        return None
    lower = _dec(m.group(2)) if m.group(2).strip() else None
    upper = _dec(m.group(3)) if m.group(3).strip() else None
    if (m.group(2).strip() and lower is None) or (m.group(3).strip() and upper is None):
        return None
    if lower is None and upper is None:
        return None
    if any(b is not None and not _usable_number(b) for b in (lower, upper)):
        return None  # "200 to 3000000/2008" = 1494.02390438247...
    return NumberRange(
        lower,
        upper,
        lower_open=None if lower is None else m.group(1) == "(",
        upper_open=None if upper is None else m.group(4) == ")",
    )


def _recognizers_timex(res: dict[str, Any]) -> str:
    value = res.get("Value") or {}
    if "Timex" in value:
        return str(value["Timex"])
    resolution = res.get("Resolution") or value
    values = resolution.get("values") if isinstance(resolution, dict) else None
    return str(values[0].get("timex", "")) if values else ""


def _recognizers_date_values(res: dict[str, Any]) -> list[DateInterval]:
    """Accepted intervals for a Recognizers date/daterange result, past reading first."""
    timex = _recognizers_timex(res)
    kind = (res.get("Type") or res.get("TypeName") or "").split(".")[-1]
    if kind not in ("date", "daterange") or "T" in timex or re.search(r"W|SU|SP|FA|WI|not resolved", timex):
        return []
    if kind == "daterange" and not timex.startswith("(") and re.search("أسبوع|اسبوع", res.get("Text", "")):
        return []  # "the week of 30 November": a week
    pairs: list[tuple[str, str | None]] = []
    value = res.get("Value")
    if isinstance(value, dict) and "PastResolution" in value:
        for key in ("PastResolution", "FutureResolution"):
            resolution = value.get(key) or {}
            if "date" in resolution:
                pairs.append((resolution["date"], None))
            elif "startDate" in resolution and "endDate" in resolution:
                pairs.append((resolution["startDate"], resolution["endDate"]))
    else:
        resolution = res.get("Resolution") or value or {}
        if not isinstance(resolution, dict):
            return []
        for item in resolution.get("values") or []:
            if item.get("Mod") or item.get("value") == "not resolved":
                continue
            if item.get("type") == "date" and "value" in item:
                pairs.append((item["value"], None))
            elif "start" in item and "end" in item:
                pairs.append((item["start"], item["end"]))
    out: list[DateInterval] = []
    # "from 4 to 22", "2014-2018": the suite's exclusive end may be meant inclusively.
    explicit_range = timex.startswith("(") and bool(re.search(r"إلى|الى|حتى|بين|\d\s*-\s*\d", res.get("Text", "")))
    for start, end in pairs:
        if start.startswith("0001"):
            continue
        try:
            lower = _day(start)
            if end is None:
                candidates = [DateInterval(lower, lower)]
            else:
                # Recognizers' end is exclusive; a closed interval ends the day before. For an
                # explicit range ("from 4 to 22") the inclusive reading is accepted as well.
                end_day = _day(end)
                candidates = [DateInterval(lower, end_day - dt.timedelta(days=1))]
                if explicit_range:
                    candidates.append(DateInterval(lower, end_day))
                    if timex.endswith("Y)"):
                        candidates.append(DateInterval(lower, dt.date(end_day.year, 12, 31)))
        except ValueError:
            continue
        out.extend(c for c in candidates if c not in out and c.lower <= c.upper)
    return out


def load_duckling(root: Path) -> list[Case]:
    """Duckling `ar` and `fa` corpora.

    Used: Numeral AR, AR/EG (dialect additions; inputs already in AR are dropped as
    duplicates) and FA; AmountOfMoney, Temperature, Volume, Quantity (the stated figure; money
    intervals as ranges); Time cases of grain day, month and year, and day-grain intervals
    (reference date 2013-02-12, Duckling's test "now"); the negative examples of Quantity and
    Time (nothing of that kind may be found).

    Skipped: Ordinal (not quantities in Sanad); Duration (out of scope); Time cases of grain
    hour/minute/second (times of day, "now") and week (no week precision in Sanad; Duckling's
    weeks start on Monday, Sanad's on Sunday); Quantity inputs whose figure is written in
    another unit than the expected one ("0.002 كيلوغرام" -> 2 g: Sanad reports the figure as
    written, it does not convert units).

    Duckling resolves a year-less date or a bare weekday to the future ("الاثنين" -> the next
    Monday); Sanad's policy takes the closest date not after the reference. For those cases
    the past reading (a week or a year earlier) is accepted too.
    """
    suite = "duckling"
    base = root / suite / "Duckling"
    ref = dt.date(2013, 2, 12)
    cases: list[Case] = []
    for rel, lang in (("Numeral/AR", "ar"), ("Numeral/AR/EG", "ar"), ("Numeral/FA", "fa")):
        data = _load_json(base / rel / "Corpus.json")
        for case in data["cases"]:
            value = _dec(case["expected"]["value"])
            if not _usable_number(value):
                continue
            for text in case["inputs"]:
                text = _clean(text)
                group = "Numeral/" + rel.split("/", 1)[1]
                cases.append(Case(suite, group, text, lang, "number", value, tag=_number_tag(text, value)))

    unit_dims = ("AmountOfMoney", "Temperature", "Volume", "Quantity")
    for dim in unit_dims:
        data = _load_json(base / dim / "AR" / "Corpus.json")
        for case in data["cases"]:
            exp = case["expected"]
            for text in case["inputs"]:
                text = _clean(text)
                if dim == "Quantity" and re.search(r"كيلو|كغ|ملغ|ملج", text) and exp.get("unit") == "Gram":
                    continue  # written in kg/mg, expected in grams: a unit conversion
                if exp["type"] == "interval":
                    rng = NumberRange(_dec(exp.get("from")), _dec(exp.get("to")))
                    tag = ("one-sided" if rng.lower is None or rng.upper is None else "two-sided") + ",money"
                    cases.append(Case(suite, dim, text, "ar", "range", rng, tag=tag))
                    continue
                value = _dec(exp["value"])
                if not _usable_number(value):
                    continue
                tag = _number_tag(text, value) + "," + dim.lower()
                cases.append(Case(suite, dim, text, "ar", "number", value, tag=tag))
        for text in data.get("negative_examples") or []:
            cases.append(Case(suite, dim, _clean(text), "ar", "number", None, tag="negative"))

    data = _load_json(base / "Time" / "AR" / "Corpus.json")
    for case in data["cases"]:
        exp = case["expected"]
        grain = exp.get("grain")
        holiday = bool(exp.get("holiday"))
        if exp["type"] == "time":
            start = _day(exp["value"])
            if grain == "day":
                interval = DateInterval(start, start)
            elif grain == "month":
                interval = _month_interval(start.year, start.month)
            elif grain == "year":
                interval = _year_interval(start.year)
            else:
                continue
        elif exp["type"] == "time-interval" and grain == "day":
            interval = DateInterval(_day(exp["from"]), _day(exp["to"]) - dt.timedelta(days=1))
        else:
            continue
        for text in case["inputs"]:
            text = _clean(text)
            if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
                # Duckling's corpus lists "2/2013" under 1 February; it names the month.
                month = _month_interval(int(m.group(2)), int(m.group(1)))
                cases.append(Case(suite, "Time", text, "ar", "date", month, ref, tag="numeric,month"))
                continue
            alts = _duckling_past_readings(text, interval, ref) if grain == "day" else ()
            if re.fullmatch(r"(قبل|من|منذ) اسبوع", text):
                alts += (_week_ago_policy(ref),)
            tag = "holiday" if holiday else _date_tag(text, relative=not _has_year(text))
            cases.append(Case(suite, "Time", text, "ar", "date", interval, ref, alts, tag=tag))
    for text in data.get("negative_examples") or []:
        cases.append(Case(suite, "Time", _clean(text), "ar", "date", None, ref, tag="negative"))
    return _dedupe(cases)


def _week_ago_policy(ref: dt.date) -> DateInterval:
    """Sanad's documented reading of "a week ago": seven days back, give or take the tolerance."""
    import tomllib

    with (REPO_ROOT / "corpus" / "extraction" / "policy.toml").open("rb") as fh:
        tolerance = int(tomllib.load(fh).get("relative", {}).get("week_ago_tolerance_days", 0))
    day = ref - dt.timedelta(days=7)
    return DateInterval(day - dt.timedelta(days=tolerance), day + dt.timedelta(days=tolerance))


def _duckling_past_readings(text: str, interval: DateInterval, ref: dt.date) -> tuple[DateInterval, ...]:
    """The past reading of a future-resolved year-less date or bare weekday (see load_duckling)."""
    if interval.lower <= ref or _has_year(text) or interval.lower != interval.upper:
        return ()
    if re.search("القادم|المقبل|التالي|الجاي|هذا الشهر", text):
        return ()  # explicitly the future: no past reading
    day = interval.lower
    has_month = any(m in text for m in AR_MONTHS) or any(m in text for m in AR_LEVANT_MONTHS) or "شهر" in text
    bare = re.sub("|".join(AR_WEEKDAYS) + r"|\bهذا\b|\bيوم\b|\s", "", text)
    if any(w in text for w in AR_WEEKDAYS) and not bare:
        past = day - dt.timedelta(days=7)
        while past > ref:
            past -= dt.timedelta(days=7)
        return (DateInterval(past, past),)
    if (has_month or re.search(r"\d", text)) and not any(w in text for w in AR_WEEKDAYS if not has_month):
        try:
            past = day.replace(year=day.year - 1)
        except ValueError:
            return ()
        return (DateInterval(past, past),)
    return ()


def load_nemo(root: Path) -> list[Case]:
    """NVIDIA NeMo Arabic text-normalization cases (`input~expected`).

    Used: ITN cardinal, decimal, measure (the number before "في المائة"/unit), money, fraction
    (only mixed numbers with a terminating decimal value, e.g. "عشرة و نصف" = 10.5) and date;
    TN cardinal, decimal, measure, money and date inverted (the spoken side is the text, the
    written side gives the value); for TN dates the written form ("01/11/2010", "3-9-2019",
    "نوفمبر 2010") is a case of its own too. Year-less dates ("الأول من شهر نوفمبر") are run
    with a fixed reference date and compared on month and day. Hijri dates ("15/09/1445 هـ")
    are converted to the Gregorian interval.

    Skipped: time (times of day), whitelist (no values), bare fraction words ("ربع", "سبع",
    "سبعين" = 2/7 — ambiguous with cardinals and proportions rather than figures), fractions
    with a repeating value ("عشرون و ثلث"), bare years as dates ("2010" -> year: a bare figure
    is a number as much as a year). Money written in cents only ("تسعة وتسعون سنت" -> $0.99)
    accepts the stated count (99) as well.
    """
    suite = "nemo"
    base = root / "nemo-text-processing" / "tests" / "nemo_text_processing" / "ar"
    yearless_ref = dt.date(2024, 6, 15)
    cases: list[Case] = []

    def pairs(direction: str, cat: str) -> Iterator[tuple[str, str, str]]:
        path = base / direction / f"test_cases_{cat}.txt"
        if not path.exists():
            return
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "~" not in line:
                continue
            left, right = line.split("~", 1)
            spoken, written = (left, right) if direction.startswith("data_inverse") else (right, left)
            yield _clean(spoken), written.strip(), f"{direction[5:8]}:{cat}:{n}"

    for direction in ("data_inverse_text_normalization", "data_text_normalization"):
        tn = direction == "data_text_normalization"
        for cat in ("cardinal", "decimal", "measure", "money", "fraction"):
            for spoken, written, origin in pairs(direction, cat):
                value, alts = _nemo_number(cat, written, spoken, comma_decimal=tn)
                if value is None:
                    continue
                tag = _number_tag(spoken, value) + "," + cat
                cases.append(Case(suite, cat, spoken, "ar", "number", value, alternatives=alts, tag=tag, origin=origin))
        for spoken, written, origin in pairs(direction, "date"):
            interval = _nemo_date(written)
            if interval is None:
                continue
            ref = yearless_ref if interval.yearless else None
            tag = ("hijri," if "هـ" in written or "هجري" in written else "") + (
                "yearless," if interval.yearless else ""
            )
            cases.append(Case(suite, "date", spoken, "ar", "date", interval, ref, tag=tag + "words", origin=origin))
            if tn:
                w_tag = tag + _date_tag(written)
                cases.append(
                    Case(suite, "date", _clean(written), "ar", "date", interval, ref, tag=w_tag, origin=origin)
                )
    return _dedupe(cases)


def _nemo_number(
    cat: str, written: str, spoken: str, comma_decimal: bool
) -> tuple[Decimal | None, tuple[Expected, ...]]:
    """The value of a NeMo written form for a number-like category, and accepted alternatives."""
    text = written.translate(_DIGITS).strip()
    if cat == "fraction":
        m = re.fullmatch(r"(\d+) (\d+)/(\d+)", text)
        if not m:
            return None, ()  # bare fractions: see load_nemo
        num, den = int(m.group(2)), int(m.group(3))
        value = Decimal(m.group(1)) + Decimal(num) / Decimal(den)
        return (value, ()) if _terminates(num, den) else (None, ())
    # Keep the figure: strip currency symbols/codes, "%", "f" (Fahrenheit).
    m = re.search(r"-?\d[\d.,]*", text)
    if not m:
        return None, ()
    # TN writes decimal commas ("7,99"); ITN writes thousands separators.
    figure = m.group(0).replace(",", "." if comma_decimal else "")
    value = _dec(figure)
    if not _usable_number(value):
        return None, ()
    alts: tuple[Expected, ...] = ()
    if cat == "money" and value is not None and value < 1 and ("سنت" in spoken or "سنتات" in spoken):
        alts = (value * 100,)
    return value, alts


def _terminates(num: int, den: int) -> bool:
    """Whether num/den has a finite decimal expansion."""
    from math import gcd

    den //= gcd(num, den) or 1
    for p in (2, 5):
        while den % p == 0:
            den //= p
    return den == 1


def _nemo_date(written: str) -> DateInterval | None:
    """Parse NeMo's written dates: D/M/Y, D-M-Y, D.M.Y, Y-M-D, M-Y, "D month [Y]", Hijri "هـ"."""
    text = written.translate(_DIGITS).strip()
    hijri = "هـ" in text or "هجري" in text
    text = text.replace("هـ", "").replace("هجري", "").strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})", text):
            d, mo = int(m.group(1)), int(m.group(2))
            day = dt.date(2000, mo, d)
            return DateInterval(day, day, yearless=True)
        elif m := re.fullmatch(r"(\d{1,2})-(\d{4})", text):
            return _month_interval(int(m.group(2)), int(m.group(1)))
        elif m := re.fullmatch(r"(\S+) (\d{4})", text):
            month = AR_MONTHS.get(m.group(1))
            return _month_interval(int(m.group(2)), month) if month else None
        elif m := re.fullmatch(r"(\d{1,2}) (\S+)(?: (\d{4}))?", text):
            month = AR_MONTHS.get(m.group(2))
            if not month:
                return None
            if not m.group(3):
                day = dt.date(2000, month, int(m.group(1)))
                return DateInterval(day, day, yearless=True)
            d, mo, y = int(m.group(1)), month, int(m.group(3))
        else:
            return None  # bare years and anything else
        if hijri:
            from hijridate import Hijri

            day = Hijri(y, mo, d).to_gregorian()
            day = dt.date(day.year, day.month, day.day)
        else:
            day = dt.date(y, mo, d)
    except (ValueError, OverflowError):
        return None
    return DateInterval(day, day)


def load_humanizer(root: Path) -> list[Case]:
    """Humanizer ar/fa number data, inverted (words -> number).

    Used: every cardinal theory row (CardinalCases, AddAnd, WordForm, Gender, Magnitude,
    Extended, HighRange, Additional*) and WordsToNumber rows; whitespace is collapsed.

    Skipped: ordinal rows (not quantities in Sanad), TupleCases (names of tuples, "double"),
    figures >= 10^15. Persian rows use the long scale ("بیلیون" = 10^12) — tagged, because
    Iranian usage mostly says "تریلیون" for 10^12.
    """
    suite = "humanizer"
    base = root / suite / "tests" / "Humanizer.Tests"
    cases: list[Case] = []
    for path in sorted((base / "Localisation").glob("*.json")):
        for row in _load_json(path)["cases"]:
            name = row.get("theory_data") or ""
            lang = row.get("culture")
            if lang not in ("ar", "fa") or "Ordinal" in name or name == "TupleCases":
                continue
            fields = row["fields"]
            if name == "WordsToNumberCases":
                words, number = fields[0], fields[-1]
            else:
                number, words = fields[0], fields[-1]
            value = _dec(number)
            if not isinstance(words, str) or not _usable_number(value):
                continue
            text = _clean(words)
            tag = _number_tag(text, value) + (",long-scale" if re.search("بیلیون|بیلیارد", text) else "")
            cases.append(
                Case(suite, "cardinal", text, lang, "number", value, tag=tag, origin=f"{path.stem}:{row['line']}")
            )
    for row in _load_json(base / "WordsToNumberTests.json")["cases"]:
        lang = "fa" if "Persian" in row["test_class"] else "ar"
        value = _dec(row["expected_number"])
        if _usable_number(value):
            text = _clean(row["words"])
            cases.append(Case(suite, "words-to-number", text, lang, "number", value, tag=_number_tag(text, value)))
    return _dedupe(cases)


def _persian_ordinal(text: str) -> bool:
    return bool(re.search(r"(م|مین|ام|اُم)$", text.strip())) or text.strip() in ("اول", "نخست")


def load_persian_tools(root: Path) -> list[Case]:
    """persian-tools (TypeScript) and py-persian-tools (PyPI) assertions, Persian.

    Used: wordsToNumber / convert_from_word (text -> number; "سلام دنیا" -> 0 means "no number
    here" and becomes a negative case); numberToWords / convert_to_word inverted (words ->
    number); moneyWordsToNumber only where the expected value is the figure as stated (the
    `formal` option, or amounts written with a magnitude word: "پنجاه هزار تومان" = 50000);
    digit-conversion cases whose input is a plain number in one digit script ("٤٥٦").

    Skipped: ordinal inputs/outputs ("هزارمین", "سی و سوم"); the colloquial toman rule
    ("یک تومن" -> 1000) and toman/rial conversions (Sanad reports the stated figure); fuzzy
    typo correction (outputs are words); ordinal-suffix helpers; digit strings with leading
    zeros or mixed scripts inside one token (transliteration tests, not figures).
    """
    suite = "persian-tools"
    cases: list[Case] = []
    ts = root / "persian-tools" / "test"
    for row in _load_json(ts / "wordsToNumber.spec.json")["cases"]:
        args = row.get("args") or []
        if not args or not isinstance(args[0], str) or not args[0].strip() or row.get("negated"):
            continue
        text = _clean(args[0])
        if _persian_ordinal(text) or "هزارم" in text or "دهم" in text:
            continue
        value = _dec(row["expected"]) if not isinstance(row["expected"], dict) else None
        if value is None:
            continue
        if value == 0 and not re.search(r"\d|صفر", text):
            cases.append(Case(suite, "wordsToNumber", text, "fa", "number", None, tag="negative"))
            continue
        cases.append(Case(suite, "wordsToNumber", text, "fa", "number", value, tag=_number_tag(text, value)))
    for row in _load_json(ts / "NumberToWords.spec.json")["cases"]:
        args = row.get("args") or []
        if len(args) != 1:
            continue  # option objects: ordinal output
        words = row["expected"]
        if isinstance(words, dict):
            words = str(words.get("raw", "")).strip().rstrip(",").strip('"')
        value = _dec(args[0])
        if not isinstance(words, str) or not _usable_number(value):
            continue
        text = _clean(words)
        cases.append(Case(suite, "numberToWords", text, "fa", "number", value, tag=_number_tag(text, value)))
    for row in _load_json(ts / "moneyWordsToNumber.spec.json")["cases"]:
        args = row.get("args") or []
        if not args or not isinstance(args[0], str) or not args[0].strip():
            continue
        opts = args[1].get("raw", "") if len(args) > 1 and isinstance(args[1], dict) else ""
        text = _clean(args[0])
        stated = ("formal: true" in opts and "to:" not in opts) or (
            not opts and re.search("هزار|میلیون|میلیارد", text) and re.search("تومان|تومن|ریال", text)
        )
        value = _dec(row["expected"])
        if not stated or not _usable_number(value):
            continue
        cases.append(Case(suite, "moneyWordsToNumber", text, "fa", "number", value, tag=_number_tag(text, value)))
    for row in _load_json(ts / "digits.spec.json")["cases"]:
        case = _digit_case(suite, row.get("args") or [], "digits")
        if case:
            cases.append(case)

    py = root / "py-persian-tools" / "tests" / "test_digis.json"
    for row in _load_json(py)["cases"]:
        fn = row.get("function", "")
        args = row.get("args") or []
        kwargs = row.get("kwargs") or {}
        expected = row.get("expected")
        if row.get("op") != "==" or not args:
            continue
        if fn == "digits.convert_from_word":
            if not isinstance(args[0], str):
                continue
            text = _clean(args[0])
            if isinstance(expected, dict) and "expr" in expected:
                expected = _safe_product(expected["expr"])
            value = _dec(expected)
            if _persian_ordinal(text) or "هزارم" in text or value is None:
                continue
            if value == 0 and not re.search(r"\d|صفر", text):
                cases.append(Case(suite, "py:convert_from_word", text, "fa", "number", None, tag="negative"))
                continue
            tag = _number_tag(text, value)
            cases.append(Case(suite, "py:convert_from_word", text, "fa", "number", value, tag=tag))
        elif fn == "digits.convert_to_word" and not kwargs.get("ordinal"):
            value = _dec(args[0])
            if isinstance(expected, str) and _usable_number(value):
                text = _clean(expected)
                cases.append(
                    Case(suite, "py:convert_to_word", text, "fa", "number", value, tag=_number_tag(text, value))
                )
        elif fn.startswith("digits.convert_to_"):
            case = _digit_case(suite, args, "py:digits")
            if case:
                cases.append(case)
    return _dedupe(cases)


def _safe_product(expr: str) -> int | None:
    """Evaluate "627 * 1000 * 1000" without eval()."""
    if not re.fullmatch(r"[\d\s*]+", expr):
        return None
    product = 1
    for part in expr.split("*"):
        product *= int(part)
    return product


def _digit_case(suite: str, args: list[Any], group: str) -> Case | None:
    """A digit-conversion input that is a plain number in a single digit script."""
    if not args or not isinstance(args[0], str):
        return None
    raw = args[0].strip()
    scripts = {("ar" if c in "٠١٢٣٤٥٦٧٨٩" else "fa" if c in "۰۱۲۳۴۵۶۷۸۹" else "en") for c in raw if c.isdigit()}
    if not re.fullmatch(r"[\d]+", raw) or len(scripts) != 1 or raw.translate(_DIGITS).startswith("0"):
        return None
    value = _dec(raw)
    lang = "ar" if scripts == {"ar"} else "fa"
    return Case(suite, group, raw, lang, "number", value, tag="digits," + scripts.pop())


def load_num2words(root: Path) -> list[Case]:
    """num2words ar/fa tests, inverted (words -> number).

    Used: cardinal and currency outputs (the figure; amounts with a sub-unit such as
    "ستمائة و اثنان و خمسون ريالاً و اثنتا عشرة هللة" keep num2words' decimal value 652.12),
    Persian decimals written "دوازده و نیم".

    Skipped: ordinal and ordinal_num outputs, `to=year` ("ألفا" for 2000 is not a number on
    its own), num2words' Arabic decimal style "اثنا عشر , ثلاثون" (not how anyone writes
    12.3), the known-wrong "مائة و ألف ألف و عشرة" (101010), figures >= 10^15, and
    "یک میلیونیم" (10^-6, a fraction word).
    """
    suite = "num2words"
    cases: list[Case] = []
    for lang in ("ar", "fa"):
        for row in _load_json(root / suite / "tests" / f"test_{lang}.json")["cases"]:
            kwargs = row.get("kwargs") or {}
            to = kwargs.get("to", "cardinal")
            words = row.get("expected")
            if to not in ("cardinal", "currency") or not isinstance(words, str) or row.get("op") != "==":
                continue
            value = _dec(row["args"][0]) if row.get("args") else None
            if not _usable_number(value) or " , " in words or "ألف ألف" in words or "میلیونیم" in words:
                continue
            text = _clean(words)
            tag = _number_tag(text, value) + ("," + to if to != "cardinal" else "")
            cases.append(Case(suite, f"{lang}:{to}", text, lang, "number", value, tag=tag, origin=str(row.get("line"))))
    return _dedupe(cases)


def load_num2fawords(root: Path) -> list[Case]:
    """num2fawords (Persian) tests, inverted (words -> number).

    Used: `words()` of integers, negative numbers ("منفی پنج", "منهای دو"), explicit plus
    ("مثبت هفت") and decimals read as fractions of ten ("یک و یک دهم" = 1.1,
    "پنج و چهل و پنج صدم" = 5.45, "یک هزارم" = 0.001).

    Skipped: `ordinal_words`; fractions ("یک دوم", "منفی هشت چهارم"); scientific notation
    ("یک در ده به توان منفی شش"); custom separators; figures >= 10^15.
    """
    suite = "num2fawords"
    cases: list[Case] = []
    for row in _load_json(root / suite / "test" / "__main__.json")["cases"]:
        if row.get("function") != "words" or row.get("op") != "==":
            continue
        kwargs = row.get("kwargs") or {}
        if any(k.endswith("separator") or k == "ordinal_denominator" for k in kwargs):
            continue
        args = row.get("args") or []
        if not args:
            continue
        raw = args[0]
        if isinstance(raw, dict):
            m = re.fullmatch(r"Decimal\('([-\d.]+)'\)", str(raw.get("expr", "")))
            if not m:
                continue
            raw = m.group(1)
        if isinstance(raw, str) and ("/" in raw or "e" in raw.lower()):
            continue
        value = _dec(raw)
        words = row.get("expected")
        if not isinstance(words, str) or not _usable_number(value) or "توان" in words or "روی" in words:
            continue
        if value is not None and value.normalize().as_tuple().exponent < -4:
            continue  # "یک هزار و یکصد و یازده میلیاردم" = 0.000001111: not a news figure
        text = _clean(words)
        cases.append(Case(suite, "words", text, "fa", "number", value, tag=_number_tag(text, value)))
    return _dedupe(cases)


def load_dateparser(root: Path) -> list[Case]:
    """dateparser's own Arabic/Persian test parameters (not held out for dateparser).

    Used: Jalali `test_get_date` (the Gregorian day; Solar Hijri month names and Persian
    ordinal day words), Hijri `test_datetime_parsing` (the day), `test_search_and_parse`
    (each expected substring's date in the paragraph; "سپتامبر 1939" is a month), the Arabic
    date strings of `test_translation`/`test_search_date_string`, relative days of
    `test_freshness_date_parser` / `test_freshness_translation` ("منذ 3 أيام", "أمس") against a
    fixed reference date, and the Persian cardinal day words of
    `test_replace_day_literal_with_numerals` as number cases.

    Skipped: month/weekday/digit translation tables (no date), ordinal day words, the
    table's own slip "بیست ثانیه" -> 22, durations and hours ("يومين" = 2 days, "منذ ساعتين"),
    the mixed "1 عام, 1 شهر, 1 أسبوع, ..." offset, language detection cases.
    """
    suite = "dateparser"
    base = root / suite / "tests"
    fresh_ref = dt.date(2015, 6, 15)
    cases: list[Case] = []
    for row in _load_json(base / "test_jalali.json")["cases"]:
        kw = row.get("kwargs") or {}
        fn = row.get("test_function")
        if fn == "test_get_date":
            day = _day(kw["dt"]["datetime"])
            text = _clean(kw["date_string"])
            cases.append(Case(suite, "jalali", text, "fa", "date", DateInterval(day, day), tag="jalali"))
        elif fn == "test_replace_day_literal_with_numerals":
            text = _clean(kw["persian"])
            if _persian_ordinal(text) or "ثانیه" in text:
                continue
            value = _dec(kw["numeral"])
            cases.append(Case(suite, "jalali:day-words", text, "fa", "number", value, tag=_number_tag(text, value)))
    for row in _load_json(base / "test_hijri.json")["cases"]:
        kw = row.get("kwargs") or {}
        day = _day(kw["dt_obj"]["datetime"])
        text = _clean(kw["dt_string"])
        cases.append(Case(suite, "hijri", text, "ar", "date", DateInterval(day, day), tag="hijri,numeric"))
    for row in _load_json(base / "test_search.json")["cases"]:
        args = row.get("args") or []
        fn = row.get("test_function")
        if fn == "test_search_and_parse":
            lang, text, pairs = args[0], _clean(args[1]), args[2]
            ref = _day(row["kwargs"]["settings"]["RELATIVE_BASE"]["datetime"])
            for substring, when in pairs:
                day = _day(when["datetime"])
                has_day = bool(re.match(r"^(في )?\d", substring.strip()))
                interval = DateInterval(day, day) if has_day else _month_interval(day.year, day.month)
                cases.append(Case(suite, "search", text, lang, "date", interval, ref, tag=_date_tag(substring)))
        elif fn == "test_search_date_string":
            lang, text = args[0], _clean(args[1])
            day = _translation_day(text)
            if day:
                cases.append(Case(suite, "search", text, lang, "date", DateInterval(day, day), tag=_date_tag(text)))
    for row in _load_json(base / "test_languages.json")["cases"]:
        args = row.get("args") or []
        fn = row.get("test_function")
        if fn == "test_translation":
            text = _clean(args[1])
            day = _translation_day(text)
            if day:
                cases.append(
                    Case(suite, "languages", text, args[0], "date", DateInterval(day, day), tag=_date_tag(text))
                )
        elif fn == "test_freshness_translation":
            m = re.fullmatch(r"(\d+) day ago", args[2])
            if m:
                day = fresh_ref - dt.timedelta(days=int(m.group(1)))
                text = _clean(args[1])
                interval = DateInterval(day, day)
                cases.append(Case(suite, "languages", text, args[0], "date", interval, fresh_ref, tag="relative"))
    for row in _load_json(base / "test_freshness_date_parser.json")["cases"]:
        ago = (row.get("kwargs") or {}).get("ago") or {}
        if set(ago) != {"days"}:
            continue
        day = fresh_ref - dt.timedelta(days=ago["days"])
        text = _clean(row["args"][0])
        cases.append(Case(suite, "freshness", text, "ar", "date", DateInterval(day, day), fresh_ref, tag="relative"))
    return _dedupe(cases)


def _translation_day(text: str) -> dt.date | None:
    """dateparser's translation strings: "6 يناير، 2015، الساعة ..." -> 2015-01-06."""
    m = re.match(r"(\d{1,2}) (\S+?)،? (\d{4})", text.translate(_DIGITS))
    if not m or m.group(2) not in AR_MONTHS:
        return None
    return dt.date(int(m.group(3)), AR_MONTHS[m.group(2)], int(m.group(1)))


LOADERS: dict[str, Callable[[Path], list[Case]]] = {
    "recognizers-text": load_recognizers,
    "duckling": load_duckling,
    "nemo": load_nemo,
    "humanizer": load_humanizer,
    "persian-tools": load_persian_tools,
    "num2words": load_num2words,
    "num2fawords": load_num2fawords,
    "dateparser": load_dateparser,
}


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


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
            return f"Q {_fmt_dec(value.nominal)}"
        lo = "-inf" if value.lower is None else _fmt_dec(value.lower)
        hi = "inf" if value.upper is None else _fmt_dec(value.upper)
        left = "(" if value.lower_open else "["
        right = ")" if value.upper_open else "]"
        return f"Q {_fmt_dec(value.nominal)} {left}{lo},{hi}{right}"
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


# --------------------------------------------------------------------------------------------
# Running and reporting
# --------------------------------------------------------------------------------------------


def load_extractor(spec: str) -> Callable[..., list[Any]]:
    """`module:function` or `path/to/file.py:function` (a stand-in extractor for testing)."""
    target, _, func = spec.rpartition(":")
    if not target:
        raise SystemExit(f"--extractor must look like module:function, got {spec!r}")
    if target.endswith(".py"):
        module_spec = importlib.util.spec_from_file_location("_eval_stand_in", target)
        if module_spec is None or module_spec.loader is None:
            raise SystemExit(f"cannot load {target}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    return getattr(module, func)


def run(
    cases: list[Case],
    extract: Callable[..., list[Any]] | None,
    with_dateparser: bool,
) -> tuple[list[Outcome], str | None]:
    """Score every case; returns outcomes and, if the extractor could not run, why."""
    outcomes: list[Outcome] = []
    unavailable: str | None = None
    for case in cases:
        outcome = Outcome(case, sanad_pass=None)
        if extract is not None and unavailable is None:
            try:
                mentions = extract(case.text, case.language, case.reference_date)
            except ImportError as exc:
                unavailable = f"extractor not importable yet: {exc}"
            else:
                outcome.sanad_pass, outcome.sanad_got, outcome.sanad_reason = score_sanad(case, mentions)
        if with_dateparser and case.kind == "date":
            outcome.dateparser_pass, outcome.dateparser_got = score_dateparser(case)
        outcomes.append(outcome)
    return outcomes, unavailable


def _pct(passed: int, total: int) -> str:
    return f"{100 * passed / total:.1f}" if total else "–"


@dataclass(slots=True)
class Row:
    suite: str
    group: str
    kind: str
    cases: int = 0
    sanad_passed: int = 0
    sanad_scored: int = 0
    dp_passed: int = 0
    dp_scored: int = 0
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        if outcome.sanad_pass is not None:
            self.sanad_scored += 1
            self.sanad_passed += int(outcome.sanad_pass)
            if not outcome.sanad_pass:
                self.failures.append(outcome)
        if outcome.dateparser_pass is not None:
            self.dp_scored += 1
            self.dp_passed += int(outcome.dateparser_pass)

    def cells(self) -> list[str]:
        sanad = _pct(self.sanad_passed, self.sanad_scored) if self.sanad_scored else "–"
        if self.kind == "all":
            dp = "(dates only, above)" if self.dp_scored else "n/a"
        elif self.kind == "date" or self.dp_scored:
            dp = _pct(self.dp_passed, self.dp_scored) if self.dp_scored else "not run"
        else:
            dp = "n/a"
        return [self.suite, self.group, self.kind, str(self.cases), sanad, dp]


def summarize(outcomes: list[Outcome]) -> tuple[list[Row], list[Row], list[Row]]:
    """Rows per (suite, group, kind), per (suite, kind), and totals per kind and overall."""
    detail: dict[tuple[str, str, str], Row] = {}
    per_suite: dict[tuple[str, str], Row] = {}
    totals: dict[str, Row] = {}
    for o in outcomes:
        c = o.case
        detail.setdefault((c.suite, c.group, c.kind), Row(c.suite, c.group, c.kind)).add(o)
        per_suite.setdefault((c.suite, c.kind), Row(c.suite, "(all)", c.kind)).add(o)
        totals.setdefault(c.kind, Row("all suites", "(all)", c.kind)).add(o)
        totals.setdefault("all", Row("all suites", "(all)", "all")).add(o)
    ordered = [totals[k] for k in ("number", "range", "date", "all") if k in totals]
    return list(detail.values()), list(per_suite.values()), ordered


def failure_categories(rows: Iterable[Row], top: int = 6) -> dict[str, list[tuple[str, int, Outcome]]]:
    """Per suite: the most common (case tag, failure reason) pairs with one example each."""
    by_suite: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    example: dict[tuple[str, str], Outcome] = {}
    for row in rows:
        for o in row.failures:
            key = f"{o.case.kind}: {o.sanad_reason} [{o.case.tag}]"
            by_suite[row.suite][key] += 1
            example.setdefault((row.suite, key), o)
    return {
        suite: [(key, n, example[(suite, key)]) for key, n in counter.most_common(top)]
        for suite, counter in by_suite.items()
    }


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)
    return "\n".join(lines)


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows)
    return "\n".join(lines)


HEADER = ["suite", "group", "kind", "cases", "Sanad pass %", "dateparser pass %"]


def render_markdown(
    detail: list[Row],
    per_suite: list[Row],
    totals: list[Row],
    categories: dict[str, list[tuple[str, int, Outcome]]],
    command: str,
    unavailable: str | None,
    elapsed: float,
) -> str:
    today = dt.date.today().isoformat()
    parts = [
        "# External evaluation of the extractor",
        "",
        f"Run on {today} (Python {platform.python_version()}, {elapsed:.0f} s) with:",
        "",
        f"    {command}",
        "",
        "Generated by `python -m benchmarks.eval_extractors`; the suites live in `../shared/external-tests/` and each "
        "loader's docstring says which case types are used and which are skipped and why. A number case passes "
        "when a quantity mention's `nominal` equals the expected value; a range case when the mention's bounds "
        "equal the stated ones; a date case when a date mention's `lower..upper` equals the expected interval. "
        "dateparser is scored on the date cases only (it does not parse numbers: `n/a`), and passes when "
        "`search_dates()` or `parse()` returns a day inside an accepted interval — more lenient than the "
        "exact interval asked of Sanad. No pure-Python number-word library is installed in the project's "
        "virtualenv, so no third column is scored for numbers.",
        "",
    ]
    if unavailable:
        parts += [f"**Sanad not scored:** {unavailable}", ""]
    rows = [r.cells() for r in sorted(per_suite, key=_row_key)] + [r.cells() for r in totals]
    parts += ["## Per suite", "", _md_table(HEADER, rows), "", "## Per group", ""]
    parts += [_md_table(HEADER, [r.cells() for r in sorted(detail, key=_row_key)])]
    if categories:
        parts += ["", "## Most common Sanad failures", "", "`kind: reason [case tag]` — count — one example.", ""]
        for suite in sorted(categories):
            parts += [f"### {suite}", ""]
            for key, n, o in categories[suite]:
                parts.append(
                    f"- {key} — {n} — `{o.case.text[:80]}` expected `{_show_expected(o.case)}`, got `{o.sanad_got[:80]}`"
                )
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _row_key(row: Row) -> tuple[str, str, str]:
    return row.suite, row.kind, row.group


def _show_expected(case: Case) -> str:
    if case.expected is None:
        return "nothing"
    shown = [str(_fmt_dec(w) if isinstance(w, Decimal) else w) for w in case.accepted()]
    return " or ".join(shown)


def print_failures(detail: list[Row], limit: int) -> None:
    """The first `limit` Sanad failures per suite, to work on the extractor."""
    by_suite: dict[str, list[Outcome]] = collections.defaultdict(list)
    for row in sorted(detail, key=_row_key):
        by_suite[row.suite].extend(row.failures)
    for suite, failures in sorted(by_suite.items()):
        print(f"\n== {suite}: {len(failures)} failures (first {min(limit, len(failures))}) ==")
        for o in failures[:limit]:
            c = o.case
            ref = f" ref={c.reference_date}" if c.reference_date else ""
            print(f"- [{c.group}/{c.kind}/{c.tag}] {c.language}{ref} {c.text!r}")
            print(f"    expected {_show_expected(c)}; got {o.sanad_got} ({o.sanad_reason})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--suites-dir", type=Path, default=DEFAULT_SUITES_DIR, help="external test suites folder")
    parser.add_argument("--suite", action="append", choices=sorted(LOADERS), help="run only this suite (repeatable)")
    parser.add_argument(
        "--show-failures", type=int, default=0, metavar="N", help="print the first N failures per suite"
    )
    parser.add_argument("--no-dateparser", action="store_true", help="skip the (slow) dateparser column")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function or file.py:function")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"Markdown report (default {DEFAULT_OUTPUT.relative_to(REPO_ROOT)} on a full run; not written with --suite)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write the Markdown report")
    parser.add_argument("--list-cases", action="store_true", help="print the mapped cases and exit")
    args = parser.parse_args(argv)

    suites_dir: Path = args.suites_dir
    if not suites_dir.is_dir():
        print(
            f"error: external test suites not found at {suites_dir}\n"
            "They are not part of the repository; pass --suites-dir to point at a copy.",
            file=sys.stderr,
        )
        return 2

    names = args.suite or list(LOADERS)
    cases: list[Case] = []
    for name in names:
        loaded = LOADERS[name](suites_dir)
        cases.extend(loaded)
        kinds = collections.Counter(c.kind for c in loaded)
        print(f"loaded {name}: {len(loaded)} cases ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    if args.list_cases:
        for c in cases:
            ref = f" ref={c.reference_date}" if c.reference_date else ""
            print(f"{c.suite}\t{c.group}\t{c.kind}\t{c.language}\t{c.text}\t{_show_expected(c)}{ref}\t{c.tag}")
        return 0

    extract: Callable[..., list[Any]] | None
    unavailable: str | None = None
    try:
        extract = load_extractor(args.extractor)
    except ImportError as exc:
        extract, unavailable = None, f"extractor not importable yet: {exc}"

    started = time.perf_counter()
    outcomes, run_unavailable = run(cases, extract, with_dateparser=not args.no_dateparser)
    elapsed = time.perf_counter() - started
    unavailable = unavailable or run_unavailable
    if unavailable:
        print(f"\nwarning: Sanad not scored — {unavailable}", file=sys.stderr)

    detail, per_suite, totals = summarize(outcomes)
    print()
    print(_table(HEADER, [r.cells() for r in sorted(per_suite, key=_row_key)] + [r.cells() for r in totals]))
    print()
    print(_table(HEADER, [r.cells() for r in sorted(detail, key=_row_key)]))
    categories = failure_categories(detail)
    if categories:
        print("\nMost common Sanad failures per suite (kind: reason [case tag] — count):")
        for suite in sorted(categories):
            print(f"  {suite}")
            for key, n, _ in categories[suite]:
                print(f"    {n:4d}  {key}")
    if args.show_failures:
        print_failures(detail, args.show_failures)

    output: Path | None = args.output
    if output is None and not args.suite:
        output = DEFAULT_OUTPUT
    if output is not None and not args.no_write:
        command = ".venv/bin/python -m benchmarks.eval_extractors " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        markdown = render_markdown(detail, per_suite, totals, categories, command.strip(), unavailable, elapsed)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown, encoding="utf-8")
        print(f"\nwrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
