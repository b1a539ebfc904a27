"""Loaders of the Arabic-heavy suites (Recognizers-Text, Duckling, NeMo). Each documents what it skips and why."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks.evaluation.cases import (
    AR_LEVANT_MONTHS,
    AR_MONTHS,
    AR_WEEKDAYS,
    DIGITS,
    REPO_ROOT,
    Case,
    DateInterval,
    Expected,
    NumberRange,
    clean,
    date_tag,
    dec,
    dedupe,
    has_year,
    iso_day,
    load_json,
    month_interval,
    number_tag,
    usable_number,
    year_interval,
)


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
        for i, spec in enumerate(load_json(path)):
            text = clean(spec["Input"])
            origin = f"{group}#{i}"
            if not spec["Results"]:
                if group == "NumberModel" and not re.search(r"\d", text.translate(DIGITS)):
                    cases.append(Case(suite, group, text, "ar", "number", None, tag="negative", origin=origin))
                continue
            if _RECOGNIZERS_NOT_A_FIGURE.search(text.translate(DIGITS)):
                continue
            for res in spec["Results"]:
                resolution = res.get("Resolution") or {}
                raw = str(resolution.get("value", "")).rstrip("%")
                if resolution.get("subtype") == "power" or "^" in res["Text"] or re.search(r"\de", res["Text"]):
                    continue
                value = dec(raw)
                if not usable_number(value):
                    continue
                tag = number_tag(res["Text"], value)
                if resolution.get("subtype") == "fraction":
                    tag += ",fraction"
                if group == "PercentModel":
                    tag += ",percent"
                cases.append(Case(suite, group, text, "ar", "number", value, tag=tag, origin=origin))

    for i, spec in enumerate(load_json(num / "NumberRangeModel.json")):
        text = clean(spec["Input"])
        for res in spec["Results"]:
            rng = _parse_interval_notation(str((res.get("Resolution") or {}).get("value", "")))
            if rng is None:
                continue
            one_sided = rng.lower is None or rng.upper is None
            tag = "one-sided" if one_sided else ("equal" if rng.lower == rng.upper else "two-sided")
            tag += "," + number_tag(res["Text"], None)
            cases.append(Case(suite, "NumberRangeModel", text, "ar", "range", rng, tag=tag, origin=f"NumberRange#{i}"))

    currency = root / suite / "Specs" / "NumberWithUnit" / "Arabic" / "CurrencyModel.json"
    if currency.exists():
        for i, spec in enumerate(load_json(currency)):
            text = clean(spec["Input"])
            for res in spec["Results"]:
                value = dec((res.get("Resolution") or {}).get("value"))
                if usable_number(value):
                    tag = number_tag(res["Text"], value) + ",currency"
                    cases.append(Case(suite, "CurrencyModel", text, "ar", "number", value, tag=tag, origin=f"Cur#{i}"))

    dtdir = base / "DateTime" / "Arabic"
    for name in ("DateParser", "DatePeriodParser", "DateTimeModel", "MergedParser"):
        path = dtdir / f"{name}.json"
        if not path.exists():
            continue
        for i, spec in enumerate(load_json(path)):
            text = clean(spec["Input"])
            if (name, text) in _RECOGNIZERS_KNOWN_BAD:
                continue
            ref_raw = (spec.get("Context") or {}).get("ReferenceDateTime")
            ref = iso_day(ref_raw) if ref_raw else None
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
                    tag=date_tag(res.get("Text", text), relative) + ("" if "(" not in timex else ",range"),
                    origin=f"{name}#{i}",
                )
                cases.append(case)
    return dedupe(cases)


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
    lower = dec(m.group(2)) if m.group(2).strip() else None
    upper = dec(m.group(3)) if m.group(3).strip() else None
    if (m.group(2).strip() and lower is None) or (m.group(3).strip() and upper is None):
        return None
    if lower is None and upper is None:
        return None
    if any(b is not None and not usable_number(b) for b in (lower, upper)):
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
            lower = iso_day(start)
            if end is None:
                candidates = [DateInterval(lower, lower)]
            else:
                # Recognizers' end is exclusive; a closed interval ends the day before. For an
                # explicit range ("from 4 to 22") the inclusive reading is accepted as well.
                end_day = iso_day(end)
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
        data = load_json(base / rel / "Corpus.json")
        for case in data["cases"]:
            value = dec(case["expected"]["value"])
            if not usable_number(value):
                continue
            for text in case["inputs"]:
                text = clean(text)
                group = "Numeral/" + rel.split("/", 1)[1]
                cases.append(Case(suite, group, text, lang, "number", value, tag=number_tag(text, value)))

    unit_dims = ("AmountOfMoney", "Temperature", "Volume", "Quantity")
    for dim in unit_dims:
        data = load_json(base / dim / "AR" / "Corpus.json")
        for case in data["cases"]:
            exp = case["expected"]
            for text in case["inputs"]:
                text = clean(text)
                if dim == "Quantity" and re.search(r"كيلو|كغ|ملغ|ملج", text) and exp.get("unit") == "Gram":
                    continue  # written in kg/mg, expected in grams: a unit conversion
                if exp["type"] == "interval":
                    rng = NumberRange(dec(exp.get("from")), dec(exp.get("to")))
                    tag = ("one-sided" if rng.lower is None or rng.upper is None else "two-sided") + ",money"
                    cases.append(Case(suite, dim, text, "ar", "range", rng, tag=tag))
                    continue
                value = dec(exp["value"])
                if not usable_number(value):
                    continue
                tag = number_tag(text, value) + "," + dim.lower()
                cases.append(Case(suite, dim, text, "ar", "number", value, tag=tag))
        for text in data.get("negative_examples") or []:
            cases.append(Case(suite, dim, clean(text), "ar", "number", None, tag="negative"))

    data = load_json(base / "Time" / "AR" / "Corpus.json")
    for case in data["cases"]:
        exp = case["expected"]
        grain = exp.get("grain")
        holiday = bool(exp.get("holiday"))
        if exp["type"] == "time":
            start = iso_day(exp["value"])
            if grain == "day":
                interval = DateInterval(start, start)
            elif grain == "month":
                interval = month_interval(start.year, start.month)
            elif grain == "year":
                interval = year_interval(start.year)
            else:
                continue
        elif exp["type"] == "time-interval" and grain == "day":
            interval = DateInterval(iso_day(exp["from"]), iso_day(exp["to"]) - dt.timedelta(days=1))
        else:
            continue
        for text in case["inputs"]:
            text = clean(text)
            if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
                # Duckling's corpus lists "2/2013" under 1 February; it names the month.
                month = month_interval(int(m.group(2)), int(m.group(1)))
                cases.append(Case(suite, "Time", text, "ar", "date", month, ref, tag="numeric,month"))
                continue
            alts = _duckling_past_readings(text, interval, ref) if grain == "day" else ()
            if re.fullmatch(r"(قبل|من|منذ) اسبوع", text):
                alts += (_week_ago_policy(ref),)
            tag = "holiday" if holiday else date_tag(text, relative=not has_year(text))
            cases.append(Case(suite, "Time", text, "ar", "date", interval, ref, alts, tag=tag))
    for text in data.get("negative_examples") or []:
        cases.append(Case(suite, "Time", clean(text), "ar", "date", None, ref, tag="negative"))
    return dedupe(cases)


def _week_ago_policy(ref: dt.date) -> DateInterval:
    """Sanad's documented reading of "a week ago": seven days back, give or take the tolerance."""
    import tomllib

    with (REPO_ROOT / "corpus" / "extraction" / "policy.toml").open("rb") as fh:
        tolerance = int(tomllib.load(fh).get("relative", {}).get("week_ago_tolerance_days", 0))
    day = ref - dt.timedelta(days=7)
    return DateInterval(day - dt.timedelta(days=tolerance), day + dt.timedelta(days=tolerance))


def _duckling_past_readings(text: str, interval: DateInterval, ref: dt.date) -> tuple[DateInterval, ...]:
    """The past reading of a future-resolved year-less date or bare weekday (see load_duckling)."""
    if interval.lower <= ref or has_year(text) or interval.lower != interval.upper:
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
            yield clean(spoken), written.strip(), f"{direction[5:8]}:{cat}:{n}"

    for direction in ("data_inverse_text_normalization", "data_text_normalization"):
        tn = direction == "data_text_normalization"
        for cat in ("cardinal", "decimal", "measure", "money", "fraction"):
            for spoken, written, origin in pairs(direction, cat):
                value, alts = _nemo_number(cat, written, spoken, comma_decimal=tn)
                if value is None:
                    continue
                tag = number_tag(spoken, value) + "," + cat
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
                w_tag = tag + date_tag(written)
                cases.append(Case(suite, "date", clean(written), "ar", "date", interval, ref, tag=w_tag, origin=origin))
    return dedupe(cases)


def _nemo_number(
    cat: str, written: str, spoken: str, comma_decimal: bool
) -> tuple[Decimal | None, tuple[Expected, ...]]:
    """The value of a NeMo written form for a number-like category, and accepted alternatives."""
    text = written.translate(DIGITS).strip()
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
    value = dec(figure)
    if not usable_number(value):
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
    text = written.translate(DIGITS).strip()
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
            return month_interval(int(m.group(2)), int(m.group(1)))
        elif m := re.fullmatch(r"(\S+) (\d{4})", text):
            month = AR_MONTHS.get(m.group(1))
            return month_interval(int(m.group(2)), month) if month else None
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
