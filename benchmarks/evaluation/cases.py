"""The uniform case every external suite is mapped to, and the small parsers the loaders share."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]

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
        lo = "-inf" if self.lower is None else fmt_dec(self.lower)
        hi = "inf" if self.upper is None else fmt_dec(self.upper)
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

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

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


def fmt_dec(value: Decimal) -> str:
    return format(value.normalize(), "f")


def dec(value: Any) -> Decimal | None:
    """A Decimal from an int/float/str as the suites write them; None if not a plain number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().translate(DIGITS).replace("٬", ",").replace("٫", ".")
        text = text.replace(",", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return None


def usable_number(value: Decimal | None) -> bool:
    """Whether a figure can fairly be asked of a news extractor (see module constants)."""
    if value is None or not value.is_finite():
        return False
    if abs(value) >= MAX_ABS_NUMBER:
        return False
    exponent = value.normalize().as_tuple().exponent
    return not (isinstance(exponent, int) and -exponent >= _REPEATING_DECIMALS)


def clean(text: str) -> str:
    """NFC and collapsed whitespace (Humanizer writes "مليون و   ألف")."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def number_tag(text: str, value: Decimal | None) -> str:
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


def date_tag(text: str, relative: bool = False) -> str:
    """A coarse category for date cases: written with digits, month names, weekdays, relative."""
    parts = []
    if relative:
        parts.append("relative")
    if any(w in text for w in AR_WEEKDAYS):
        parts.append("weekday")
    if any(m in text for m in AR_MONTHS) or any(m in text for m in AR_LEVANT_MONTHS):
        parts.append("month-name")
    if re.search(r"\d+\s*[/.\-]\s*\d+", text.translate(DIGITS)):
        parts.append("numeric")
    elif re.search(r"\d", text.translate(DIGITS)):
        parts.append("digits")
    else:
        parts.append("words")
    return ",".join(parts)


def iso_day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


def month_interval(year: int, month: int) -> DateInterval:
    last = calendar.monthrange(year, month)[1]
    return DateInterval(dt.date(year, month, 1), dt.date(year, month, last))


def year_interval(year: int) -> DateInterval:
    return DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31))


def has_year(text: str) -> bool:
    return bool(re.search(r"(?<!\d)\d{4}(?!\d)", text.translate(DIGITS))) or "عام" in text or "سنة" in text


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8-sig") as fh:
        return json.load(fh)


def dedupe(cases: Iterable[Case]) -> list[Case]:
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
