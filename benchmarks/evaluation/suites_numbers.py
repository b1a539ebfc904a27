"""Loaders of the number-word suites (Humanizer, persian-tools, num2words, num2fawords) and dateparser's own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from benchmarks.evaluation.cases import (
    AR_MONTHS,
    DIGITS,
    Case,
    DateInterval,
    clean,
    date_tag,
    dec,
    dedupe,
    iso_day,
    load_json,
    month_interval,
    number_tag,
    usable_number,
)


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
        for row in load_json(path)["cases"]:
            name = row.get("theory_data") or ""
            lang = row.get("culture")
            if lang not in ("ar", "fa") or "Ordinal" in name or name == "TupleCases":
                continue
            fields = row["fields"]
            if name == "WordsToNumberCases":
                words, number = fields[0], fields[-1]
            else:
                number, words = fields[0], fields[-1]
            value = dec(number)
            if not isinstance(words, str) or not usable_number(value):
                continue
            text = clean(words)
            tag = number_tag(text, value) + (",long-scale" if re.search("بیلیون|بیلیارد", text) else "")
            cases.append(
                Case(suite, "cardinal", text, lang, "number", value, tag=tag, origin=f"{path.stem}:{row['line']}")
            )
    for row in load_json(base / "WordsToNumberTests.json")["cases"]:
        lang = "fa" if "Persian" in row["test_class"] else "ar"
        value = dec(row["expected_number"])
        if usable_number(value):
            text = clean(row["words"])
            cases.append(Case(suite, "words-to-number", text, lang, "number", value, tag=number_tag(text, value)))
    return dedupe(cases)


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
    for row in load_json(ts / "wordsToNumber.spec.json")["cases"]:
        args = row.get("args") or []
        if not args or not isinstance(args[0], str) or not args[0].strip() or row.get("negated"):
            continue
        text = clean(args[0])
        if _persian_ordinal(text) or "هزارم" in text or "دهم" in text:
            continue
        value = dec(row["expected"]) if not isinstance(row["expected"], dict) else None
        if value is None:
            continue
        if value == 0 and not re.search(r"\d|صفر", text):
            cases.append(Case(suite, "wordsToNumber", text, "fa", "number", None, tag="negative"))
            continue
        cases.append(Case(suite, "wordsToNumber", text, "fa", "number", value, tag=number_tag(text, value)))
    for row in load_json(ts / "NumberToWords.spec.json")["cases"]:
        args = row.get("args") or []
        if len(args) != 1:
            continue  # option objects: ordinal output
        words = row["expected"]
        if isinstance(words, dict):
            words = str(words.get("raw", "")).strip().rstrip(",").strip('"')
        value = dec(args[0])
        if not isinstance(words, str) or not usable_number(value):
            continue
        text = clean(words)
        cases.append(Case(suite, "numberToWords", text, "fa", "number", value, tag=number_tag(text, value)))
    for row in load_json(ts / "moneyWordsToNumber.spec.json")["cases"]:
        args = row.get("args") or []
        if not args or not isinstance(args[0], str) or not args[0].strip():
            continue
        opts = args[1].get("raw", "") if len(args) > 1 and isinstance(args[1], dict) else ""
        text = clean(args[0])
        stated = ("formal: true" in opts and "to:" not in opts) or (
            not opts and re.search("هزار|میلیون|میلیارد", text) and re.search("تومان|تومن|ریال", text)
        )
        value = dec(row["expected"])
        if not stated or not usable_number(value):
            continue
        cases.append(Case(suite, "moneyWordsToNumber", text, "fa", "number", value, tag=number_tag(text, value)))
    for row in load_json(ts / "digits.spec.json")["cases"]:
        case = _digit_case(suite, row.get("args") or [], "digits")
        if case:
            cases.append(case)

    py = root / "py-persian-tools" / "tests" / "test_digis.json"
    for row in load_json(py)["cases"]:
        fn = row.get("function", "")
        args = row.get("args") or []
        kwargs = row.get("kwargs") or {}
        expected = row.get("expected")
        if row.get("op") != "==" or not args:
            continue
        if fn == "digits.convert_from_word":
            if not isinstance(args[0], str):
                continue
            text = clean(args[0])
            if isinstance(expected, dict) and "expr" in expected:
                expected = _safe_product(expected["expr"])
            value = dec(expected)
            if _persian_ordinal(text) or "هزارم" in text or value is None:
                continue
            if value == 0 and not re.search(r"\d|صفر", text):
                cases.append(Case(suite, "py:convert_from_word", text, "fa", "number", None, tag="negative"))
                continue
            tag = number_tag(text, value)
            cases.append(Case(suite, "py:convert_from_word", text, "fa", "number", value, tag=tag))
        elif fn == "digits.convert_to_word" and not kwargs.get("ordinal"):
            value = dec(args[0])
            if isinstance(expected, str) and usable_number(value):
                text = clean(expected)
                cases.append(
                    Case(suite, "py:convert_to_word", text, "fa", "number", value, tag=number_tag(text, value))
                )
        elif fn.startswith("digits.convert_to_"):
            case = _digit_case(suite, args, "py:digits")
            if case:
                cases.append(case)
    return dedupe(cases)


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
    if not re.fullmatch(r"[\d]+", raw) or len(scripts) != 1 or raw.translate(DIGITS).startswith("0"):
        return None
    value = dec(raw)
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
        for row in load_json(root / suite / "tests" / f"test_{lang}.json")["cases"]:
            kwargs = row.get("kwargs") or {}
            to = kwargs.get("to", "cardinal")
            words = row.get("expected")
            if to not in ("cardinal", "currency") or not isinstance(words, str) or row.get("op") != "==":
                continue
            value = dec(row["args"][0]) if row.get("args") else None
            if not usable_number(value) or " , " in words or "ألف ألف" in words or "میلیونیم" in words:
                continue
            text = clean(words)
            tag = number_tag(text, value) + ("," + to if to != "cardinal" else "")
            cases.append(Case(suite, f"{lang}:{to}", text, lang, "number", value, tag=tag, origin=str(row.get("line"))))
    return dedupe(cases)


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
    for row in load_json(root / suite / "test" / "__main__.json")["cases"]:
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
        value = dec(raw)
        words = row.get("expected")
        if not isinstance(words, str) or not usable_number(value) or "توان" in words or "روی" in words:
            continue
        if value is not None and value.normalize().as_tuple().exponent < -4:
            continue  # "یک هزار و یکصد و یازده میلیاردم" = 0.000001111: not a news figure
        text = clean(words)
        cases.append(Case(suite, "words", text, "fa", "number", value, tag=number_tag(text, value)))
    return dedupe(cases)


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
    for row in load_json(base / "test_jalali.json")["cases"]:
        kw = row.get("kwargs") or {}
        fn = row.get("test_function")
        if fn == "test_get_date":
            day = iso_day(kw["dt"]["datetime"])
            text = clean(kw["date_string"])
            cases.append(Case(suite, "jalali", text, "fa", "date", DateInterval(day, day), tag="jalali"))
        elif fn == "test_replace_day_literal_with_numerals":
            text = clean(kw["persian"])
            if _persian_ordinal(text) or "ثانیه" in text:
                continue
            value = dec(kw["numeral"])
            cases.append(Case(suite, "jalali:day-words", text, "fa", "number", value, tag=number_tag(text, value)))
    for row in load_json(base / "test_hijri.json")["cases"]:
        kw = row.get("kwargs") or {}
        day = iso_day(kw["dt_obj"]["datetime"])
        text = clean(kw["dt_string"])
        cases.append(Case(suite, "hijri", text, "ar", "date", DateInterval(day, day), tag="hijri,numeric"))
    for row in load_json(base / "test_search.json")["cases"]:
        args = row.get("args") or []
        fn = row.get("test_function")
        if fn == "test_search_and_parse":
            lang, text, pairs = args[0], clean(args[1]), args[2]
            ref = iso_day(row["kwargs"]["settings"]["RELATIVE_BASE"]["datetime"])
            for substring, when in pairs:
                day = iso_day(when["datetime"])
                has_day = bool(re.match(r"^(في )?\d", substring.strip()))
                interval = DateInterval(day, day) if has_day else month_interval(day.year, day.month)
                cases.append(Case(suite, "search", text, lang, "date", interval, ref, tag=date_tag(substring)))
        elif fn == "test_search_date_string":
            lang, text = args[0], clean(args[1])
            day = _translation_day(text)
            if day:
                cases.append(Case(suite, "search", text, lang, "date", DateInterval(day, day), tag=date_tag(text)))
    for row in load_json(base / "test_languages.json")["cases"]:
        args = row.get("args") or []
        fn = row.get("test_function")
        if fn == "test_translation":
            text = clean(args[1])
            day = _translation_day(text)
            if day:
                cases.append(
                    Case(suite, "languages", text, args[0], "date", DateInterval(day, day), tag=date_tag(text))
                )
        elif fn == "test_freshness_translation":
            m = re.fullmatch(r"(\d+) day ago", args[2])
            if m:
                day = fresh_ref - dt.timedelta(days=int(m.group(1)))
                text = clean(args[1])
                interval = DateInterval(day, day)
                cases.append(Case(suite, "languages", text, args[0], "date", interval, fresh_ref, tag="relative"))
    for row in load_json(base / "test_freshness_date_parser.json")["cases"]:
        ago = (row.get("kwargs") or {}).get("ago") or {}
        if set(ago) != {"days"}:
            continue
        day = fresh_ref - dt.timedelta(days=ago["days"])
        text = clean(row["args"][0])
        cases.append(Case(suite, "freshness", text, "ar", "date", DateInterval(day, day), fresh_ref, tag="relative"))
    return dedupe(cases)


def _translation_day(text: str) -> dt.date | None:
    """dateparser's translation strings: "6 يناير، 2015، الساعة ..." -> 2015-01-06."""
    m = re.match(r"(\d{1,2}) (\S+?)،? (\d{4})", text.translate(DIGITS))
    if not m or m.group(2) not in AR_MONTHS:
        return None
    return dt.date(int(m.group(3)), AR_MONTHS[m.group(2)], int(m.group(1)))
