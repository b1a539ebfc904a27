"""The date half of the extractor (pure, no database): month names of four traditions, solar and
lunar hijri calendars, relative dates against the article's date, and the ambiguity rules that
keep common words (`می`, `آب`, `سرطان`, `جون`) and identifiers (`رقم 2254`) out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jdatetime
import pytest

from corpus.domain.text import normalize
from corpus.extraction.article import analyze_article
from corpus.extraction.calendars import NoSuchDay, no_such_day, to_gregorian
from corpus.extraction.dates import NO_SUCH_DAY, find_dates
from corpus.extraction.extraction import blocked_spans, extract
from corpus.extraction.mentions import Calendar, Kind, Mention, Modifier, Precision, Refusal

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
D = dt.date.fromisoformat
G, S, L = Calendar.GREGORIAN, Calendar.SOLAR_HIJRI, Calendar.LUNAR_HIJRI
DAY, MONTH, SEASON, YEAR = Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR


def dates(text: str, *, language: str = "ar", reference: dt.date | None = None) -> list[Mention]:
    norm = normalize(text)
    return find_dates(norm, language=language, reference_date=reference, blocked=blocked_spans(norm))


def one(text: str, *, language: str = "ar", reference: dt.date | None = None) -> Mention:
    found = dates(text, language=language, reference=reference)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def by_text(found: list[Mention], text: str) -> Mention:
    matches = [m for m in found if m.text == text]
    assert len(matches) == 1, (text, [m.text for m in found])
    return matches[0]


def check(mention: Mention, nominal: str | None, lower: str | None, upper: str | None, precision, calendar) -> None:
    value = mention.value
    assert mention.kind is Kind.DATE
    assert (value.nominal, value.lower, value.upper, value.precision, value.calendar) == (
        nominal,
        D(lower) if lower else None,
        D(upper) if upper else None,
        precision,
        calendar,
    )


class TestMonthNames:
    @pytest.mark.parametrize(
        ("text", "language", "nominal"),
        [
            # Egyptian / MSA
            ("1 يناير 2020", "ar", "2020-01-01"),
            ("2 فبراير 2020", "ar", "2020-02-02"),
            ("23 مارس 2019", "ar", "2019-03-23"),
            ("4 أبريل 2020", "ar", "2020-04-04"),
            ("5 إبريل 2020", "ar", "2020-04-05"),
            ("5 مايو 2020", "ar", "2020-05-05"),
            ("26 يونيو 2019", "ar", "2019-06-26"),
            ("7 يوليو 2020", "ar", "2020-07-07"),
            ("8 أغسطس 2020", "ar", "2020-08-08"),
            ("9 سبتمبر 2020", "ar", "2020-09-09"),
            ("10 أكتوبر 2020", "ar", "2020-10-10"),
            ("11 نوفمبر 2020", "ar", "2020-11-11"),
            ("12 ديسمبر 2020", "ar", "2020-12-12"),
            # Levantine
            ("5 كانون الثاني 2020", "ar", "2020-01-05"),
            ("3 شباط 2020", "ar", "2020-02-03"),
            ("1 آذار 2020", "ar", "2020-03-01"),
            ("10 نيسان 2020", "ar", "2020-04-10"),
            ("11 أيار 2022", "ar", "2022-05-11"),
            ("6 حزيران 2020", "ar", "2020-06-06"),
            ("14 تموز 2020", "ar", "2020-07-14"),
            ("26 آب 2021", "ar", "2021-08-26"),
            ("9 أيلول 2020", "ar", "2020-09-09"),
            ("6 تشرين الأول 2020", "ar", "2020-10-06"),
            ("6 تشرين الثاني 2020", "ar", "2020-11-06"),
            ("25 كانون الأول 2020", "ar", "2020-12-25"),
            # Maghrebi
            ("15 جانفي 2020", "ar", "2020-01-15"),
            ("15 فيفري 2020", "ar", "2020-02-15"),
            ("15 أفريل 2020", "ar", "2020-04-15"),
            ("15 ماي 2020", "ar", "2020-05-15"),
            ("15 جوان 2020", "ar", "2020-06-15"),
            ("15 جويلية 2020", "ar", "2020-07-15"),
            ("15 أوت 2020", "ar", "2020-08-15"),
            # Dari transliterations
            ("۵ جنوری ۲۰۲۰", "fa", "2020-01-05"),
            ("۵ فبروری ۲۰۲۰", "fa", "2020-02-05"),
            ("۲۳ مارچ ۲۰۱۹", "fa", "2019-03-23"),
            ("۵ اپریل ۲۰۲۰", "fa", "2020-04-05"),
            ("۵ می ۲۰۲۰", "fa", "2020-05-05"),
            ("۲۵ جون ۲۰۱۹", "fa", "2019-06-25"),
            ("۵ جولای ۲۰۲۰", "fa", "2020-07-05"),
            ("۵ اگست ۲۰۲۰", "fa", "2020-08-05"),
            ("۵ سپتمبر ۲۰۲۰", "fa", "2020-09-05"),
            ("۵ اکتوبر ۲۰۲۰", "fa", "2020-10-05"),
            ("۵ نومبر ۲۰۲۰", "fa", "2020-11-05"),
            ("۵ دسمبر ۲۰۲۰", "fa", "2020-12-05"),
            # Iranian spellings
            ("۵ ژانویه ۲۰۲۰", "fa", "2020-01-05"),
            ("۵ فوریه ۲۰۲۰", "fa", "2020-02-05"),
            ("۵ مارس ۲۰۲۰", "fa", "2020-03-05"),
            ("۵ آوریل ۲۰۲۰", "fa", "2020-04-05"),
            ("۵ مه ۲۰۲۰", "fa", "2020-05-05"),
            ("۵ ژوئن ۲۰۲۰", "fa", "2020-06-05"),
            ("۵ ژوئیه ۲۰۲۰", "fa", "2020-07-05"),
            ("۵ اوت ۲۰۲۰", "fa", "2020-08-05"),
            ("۵ سپتامبر ۲۰۲۰", "fa", "2020-09-05"),
            ("۵ اکتبر ۲۰۲۰", "fa", "2020-10-05"),
            ("۵ نوامبر ۲۰۲۰", "fa", "2020-11-05"),
            ("۵ دسامبر ۲۰۲۰", "fa", "2020-12-05"),
            # English
            ("25 June 2019", "en", "2019-06-25"),
            ("June 25, 2019", "en", "2019-06-25"),
            ("25th of June 2019", "en", "2019-06-25"),
            ("5 May 2019", "en", "2019-05-05"),
            ("March 5, 2019", "en", "2019-03-05"),
            ("Sept 9, 2020", "en", "2020-09-09"),
            # Arabic-Indic digits
            ("٢٦ يونيو ٢٠١٩", "ar", "2019-06-26"),
        ],
    )
    def test_a_gregorian_day_month_and_year_is_that_day(self, text: str, language: str, nominal: str) -> None:
        mention = one(text, language=language)
        check(mention, nominal, nominal, nominal, DAY, G)
        assert mention.text == text
        assert mention.modifier is Modifier.EXACT
        assert mention.rule == "date.day"

    @pytest.mark.parametrize(
        ("text", "language", "nominal", "lower", "upper"),
        [
            ("حزيران 2021", "ar", "2021-06", "2021-06-01", "2021-06-30"),
            ("فبراير 2020", "ar", "2020-02", "2020-02-01", "2020-02-29"),
            ("شباط 2021", "ar", "2021-02", "2021-02-01", "2021-02-28"),
            ("ژوئن ۲۰۱۹", "fa", "2019-06", "2019-06-01", "2019-06-30"),
            ("ماه می ۲۰۱۹", "fa", "2019-05", "2019-05-01", "2019-05-31"),
            ("September 2020", "en", "2020-09", "2020-09-01", "2020-09-30"),
            ("May 2019", "en", "2019-05", "2019-05-01", "2019-05-31"),
        ],
    )
    def test_a_month_and_year_is_the_interval_of_its_days(self, text, language, nominal, lower, upper) -> None:
        mention = one(text, language=language)
        check(mention, nominal, lower, upper, MONTH, G)
        assert mention.rule == "date.month"

    @pytest.mark.parametrize(
        "text",
        ["26 آب/أغسطس 2021", "26 آب / أغسطس 2021", "26 أغسطس/آب 2021"],
    )
    def test_a_paired_month_name_is_one_mention(self, text: str) -> None:
        mention = one(text)
        assert mention.text == text
        check(mention, "2021-08-26", "2021-08-26", "2021-08-26", DAY, G)

    def test_min_between_day_and_month_is_part_of_the_date(self) -> None:
        mention = one("في 11 من أيار 2022 عقد", reference=None)
        assert mention.text == "11 من أيار 2022"
        check(mention, "2022-05-11", "2022-05-11", "2022-05-11", DAY, G)

    def test_a_tatweel_after_the_era_marker_stays_in_the_quote(self) -> None:
        assert one("في 15 رمضان 1442 هـ وقع").text == "15 رمضان 1442 هـ"


class TestSolarAndLunarCalendars:
    @pytest.mark.parametrize(
        ("text", "nominal", "written"),
        [
            ("۴ سرطان ۱۳۹۸", "2019-06-25", "1398-04-04"),
            ("۳ حمل ۱۳۹۸", "2019-03-23", "1398-01-03"),
            ("۱ حمل ۱۳۹۸", "2019-03-21", "1398-01-01"),
            ("۱ ثور ۱۳۹۸", "2019-04-21", "1398-02-01"),
            ("۴ سرطان ۱۳۹۸ هجری شمسی", "2019-06-25", "1398-04-04"),
            ("۱ فروردین ۱۴۰۰", "2021-03-21", "1400-01-01"),
            ("۱ مهر ۱۳۹۹", "2020-09-22", "1399-07-01"),
            ("۱۳۹۸/۰۴/۰۴", "2019-06-25", "1398-04-04"),
        ],
    )
    def test_a_solar_hijri_day_converts_to_its_gregorian_day(self, text: str, nominal: str, written: str) -> None:
        mention = one(text, language="fa")
        check(mention, nominal, nominal, nominal, DAY, S)
        assert mention.rule == "date.solar_day"
        assert mention.extra["written"] == written

    @pytest.mark.parametrize(
        ("text", "nominal", "lower", "upper", "precision", "rule"),
        [
            ("سال ۱۳۹۳ هجری شمسی", "2014", "2014-03-21", "2015-03-20", YEAR, "date.solar_year"),
            ("(سال ۱۳۹۳ هجری شمسی)", "2014", "2014-03-21", "2015-03-20", YEAR, "date.solar_year"),
            ("۱۳۹۸ ه.ش", "2019", "2019-03-21", "2020-03-19", YEAR, "date.solar_year"),
            ("سال ۱۳۹۸", "2019", "2019-03-21", "2020-03-19", YEAR, "date.solar_year"),
            ("جدی ۱۳۹۸", "2019-12", "2019-12-22", "2020-01-20", MONTH, "date.solar_month"),
        ],
    )
    def test_a_solar_year_or_month_keeps_exact_bounds_and_a_gregorian_nominal(
        self, text, nominal, lower, upper, precision, rule
    ) -> None:
        mention = one(text, language="fa")
        check(mention, nominal, lower, upper, precision, S)
        assert mention.rule == rule
        assert mention.text == text.strip("()")

    @pytest.mark.parametrize(
        ("text", "nominal", "lower", "upper", "precision"),
        [
            ("15 رمضان 1442 هـ", "2021-04-27", "2021-04-27", "2021-04-27", DAY),
            ("1 محرم 1443 هـ", "2021-08-09", "2021-08-09", "2021-08-09", DAY),
            ("10 ذو الحجة 1442 هـ", "2021-07-20", "2021-07-20", "2021-07-20", DAY),
            ("ربيع الأول 1442", "2020-10", "2020-10-18", "2020-11-15", MONTH),
            ("عام 1442 هـ", "2020", "2020-08-20", "2021-08-08", YEAR),
            ("1442هـ", "2020", "2020-08-20", "2021-08-08", YEAR),
        ],
    )
    def test_a_lunar_hijri_date_converts_by_umm_al_qura(self, text, nominal, lower, upper, precision) -> None:
        check(one(text), nominal, lower, upper, precision, L)

    def test_the_calendar_of_an_unmarked_13xx_year_follows_the_language(self) -> None:
        assert one("سال ۱۳۹۸", language="fa").value.calendar is S
        assert one("عام 1398", language="ar").value.calendar is G


class TestEraMarkers:
    @pytest.mark.parametrize(
        ("text", "language", "calendar"),
        [
            ("سال ۲۰۱۸ میلادی", "fa", G),
            ("۲۰۱۹ میلادی", "fa", G),
            ("2019م", "ar", G),
            ("سنة 2019 م", "ar", G),
            ("1442 هـ", "ar", L),
            ("۱۳۹۸ ه.ش", "fa", S),
            ("۱۳۹۸ هجری شمسی", "fa", S),
        ],
    )
    def test_an_era_marker_makes_a_year_and_sets_its_calendar(self, text, language, calendar) -> None:
        mention = one(text, language=language)
        assert mention.text == text
        assert mention.value.precision is YEAR
        assert mention.value.calendar is calendar


class TestNumericDates:
    @pytest.mark.parametrize(
        ("text", "nominal", "rule"),
        [
            ("08/07/2019", "2019-07-08", "date.numeric_day_first"),
            ("8.7.2019", "2019-07-08", "date.numeric_day_first"),
            ("12/25/2019", "2019-12-25", "date.numeric_month_first"),
            ("2019-06-25", "2019-06-25", "date.day"),
        ],
    )
    def test_numeric_dates_read_day_first_unless_impossible(self, text: str, nominal: str, rule: str) -> None:
        mention = one(f"تاریخ نشر {text}", language="fa")
        assert mention.text == text
        check(mention, nominal, nominal, nominal, DAY, G)
        assert mention.rule == rule

    @pytest.mark.parametrize("text", ["31/02/2019", "1/13/2019/5", "https://example.org/2019/06/25/x"])
    def test_impossible_dates_and_paths_are_not_dates(self, text: str) -> None:
        assert dates(text) == []


class TestAmbiguousWords:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("وقدم المبعوث الأمريكي الخاص بالإنابة للتحالف الدولي جون غودفري، تقريرا", "ar"),
            ("ونظيره الإيطالي، لويجي دي مايو، في رئاسة اجتماع", "ar"),
            ("بذریعهء آن می خواهد تا به تحمیل ضربات", "fa"),
            ("داخل اقدامات لازمه می گردد.", "fa"),
            ("این کار را می‌خواهد", "fa"),
            ("۸۰ می باشد", "fa"),
            ("محاسبة المذنبين بارتكاب جرائم", "ar"),
            ("مرض سرطان", "fa"),
            ("سرطان", "ar"),
            ("شرب آب", "ar"),
            ("آب", "ar"),
            ("میزان کمک ها", "fa"),
            ("قوس قزح", "ar"),
            ("عقرب", "ar"),
            ("ثور", "ar"),
            ("حمل السلاح", "ar"),
            ("حمل السلاح 2019", "ar"),
            ("صفر", "ar"),
            ("مه غليظ", "fa"),
            ("قرار مجلس الأمن التابع للأمم المتحدة رقم (2254)", "ar"),
            ("وفقا لقرار مجلس الأمن رقم 2254.", "ar"),
            ("2254", "ar"),
            ("عام 2254", "ar"),
            ("يستمر نزوح الآلاف من المنطقة", "ar"),
            ("110 آلاف كيلومتر مربع", "ar"),
            ("في 2000 منزل", "ar"),
            ("حتى 2000 شخص", "ar"),
            ("ارتفاع 2000 م", "ar"),
            ("Article 5 may be applied", "en"),
            ("the march on Washington", "en"),
            ("بين الاثنين", "ar"),
            ("صلاة الجمعة", "ar"),
            ("اليوم التالي", "ar"),
            ("الربيع العربي", "ar"),
            ("منذ عام", "ar"),
        ],
    )
    def test_a_common_word_or_an_identifier_is_not_a_date(self, text: str, language: str) -> None:
        assert dates(text, language=language, reference=D("2022-05-12")) == []

    @pytest.mark.parametrize(
        ("text", "language", "quote", "nominal"),
        [
            ("(۲۵ جون ۲۰۱۹ / ۴ سرطان ۱۳۹۸)", "fa", "۴ سرطان ۱۳۹۸", "2019-06-25"),
            ("في 26 آب/أغسطس في العاصمة", "ar", "26 آب/أغسطس", "2021-08-26"),
            ("في حزيران/يونيو، حول", "ar", "حزيران/يونيو", "2021-06"),
            ("وفي حزيران 2021، شارك", "ar", "حزيران 2021", "2021-06"),
            ("روز ۲۵ جون", "fa", "۲۵ جون", "2021-06-25"),
            ("در ۵ می، جلسه", "fa", "۵ می", "2021-05-05"),
            ("۱۰ حمل", "fa", "۱۰ حمل", "2021-03-30"),
            ("في شهر رمضان", "ar", "شهر رمضان", "2021-04"),
            ("مايو الماضي", "ar", "مايو الماضي", "2021-05"),
        ],
    )
    def test_an_ambiguous_month_is_a_date_next_to_a_number_paired_or_qualified(
        self, text, language, quote, nominal
    ) -> None:
        found = dates(text, language=language, reference=D("2021-10-01"))
        assert by_text(found, quote).value.nominal == nominal

    @pytest.mark.parametrize(
        ("text", "language"), [("يونيو", "ar"), ("في حزيران", "ar"), ("كانون الثاني", "ar"), ("June", "en")]
    )
    def test_an_unambiguous_month_alone_is_a_yearless_month(self, text: str, language: str) -> None:
        mention = one(text, language=language, reference=D("2021-10-01"))
        assert mention.rule == "date.yearless_closest_before"
        assert mention.value.precision is MONTH


REF_2022 = D("2022-05-12")  # a Thursday
REF_2021 = D("2021-03-30")  # a Tuesday


class TestRelativeDates:
    @pytest.mark.parametrize(
        ("text", "language", "reference", "rule", "lower", "upper", "precision"),
        [
            ("اليوم", "ar", REF_2021, "relative.today", "2021-03-30", "2021-03-30", DAY),
            ("امروز", "fa", REF_2021, "relative.today", "2021-03-30", "2021-03-30", DAY),
            ("today", "en", REF_2021, "relative.today", "2021-03-30", "2021-03-30", DAY),
            ("أمس", "ar", REF_2021, "relative.yesterday", "2021-03-29", "2021-03-29", DAY),
            ("دیروز", "fa", REF_2021, "relative.yesterday", "2021-03-29", "2021-03-29", DAY),
            ("yesterday", "en", REF_2021, "relative.yesterday", "2021-03-29", "2021-03-29", DAY),
            ("أول أمس", "ar", REF_2021, "relative.day_before_yesterday", "2021-03-28", "2021-03-28", DAY),
            ("مطلع الأسبوع", "ar", REF_2021, "relative.early_week", "2021-03-28", "2021-03-30", DAY),
            ("مطلع الأسبوع", "ar", D("2021-04-01"), "relative.early_week", "2021-03-28", "2021-03-30", DAY),
            ("منذ أسبوع", "ar", REF_2021, "relative.week_ago", "2021-03-22", "2021-03-24", DAY),
            ("last week", "en", REF_2022, "relative.last_week", "2022-05-01", "2022-05-07", DAY),
            ("الأسبوع الماضي", "ar", REF_2022, "relative.last_week", "2022-05-01", "2022-05-07", DAY),
            ("الشهر الماضي", "ar", REF_2022, "relative.last_month", "2022-04-01", "2022-04-30", MONTH),
            ("الشهر الماضي", "ar", D("2022-01-15"), "relative.last_month", "2021-12-01", "2021-12-31", MONTH),
            # Persian news counts solar months: the month before Ordibehesht 1401 is Farvardin.
            ("ماه گذشته", "fa", REF_2022, "relative.last_month", "2022-03-21", "2022-04-20", MONTH),
            ("العام الماضي", "ar", REF_2022, "relative.last_year", "2021-01-01", "2021-12-31", YEAR),
            ("هذا العام", "ar", REF_2022, "relative.this_year", "2022-01-01", "2022-12-31", YEAR),
            ("كانون الثاني الماضي", "ar", REF_2022, "relative.named_month_past", "2022-01-01", "2022-01-31", MONTH),
            ("أيار الماضي", "ar", REF_2022, "relative.named_month_past", "2021-05-01", "2021-05-31", MONTH),
            ("أيار الحالي", "ar", REF_2022, "relative.named_month_current", "2022-05-01", "2022-05-31", MONTH),
            ("يونيو المقبل", "ar", REF_2022, "relative.named_month_next", "2022-06-01", "2022-06-30", MONTH),
            ("last January", "en", REF_2022, "relative.named_month_past", "2022-01-01", "2022-01-31", MONTH),
            ("11 من أيار الحالي", "ar", REF_2022, "relative.named_month_current", "2022-05-11", "2022-05-11", DAY),
        ],
    )
    def test_a_relative_date_resolves_against_the_reference(
        self, text, language, reference, rule, lower, upper, precision
    ) -> None:
        mention = one(text, language=language, reference=reference)
        assert mention.text == text
        assert mention.rule == rule
        assert mention.modifier is Modifier.RELATIVE
        assert (mention.value.lower, mention.value.upper) == (D(lower), D(upper))
        assert mention.value.precision is precision
        assert mention.value.reference == reference

    @pytest.mark.parametrize(
        "text", ["اليوم", "أمس", "مطلع الأسبوع", "منذ أسبوع", "الشهر الماضي", "كانون الثاني الماضي", "yesterday"]
    )
    def test_without_a_reference_a_relative_date_has_no_bounds(self, text: str) -> None:
        mention = one(text, language="en" if text.isascii() else "ar", reference=None)
        assert mention.modifier is Modifier.RELATIVE
        assert (mention.value.nominal, mention.value.lower, mention.value.upper) == (None, None, None)
        assert mention.value.reference is None
        assert mention.extra["relative"] == mention.rule.removeprefix("relative.")

    @pytest.mark.parametrize(
        ("text", "language", "reference", "day", "mismatch"),
        [
            ("انتهى بسيطرته عليها أمس الاثنين، حسب بيان", "ar", REF_2021, "2021-03-29", False),
            ("أمس الأحد", "ar", REF_2021, "2021-03-29", True),
            ("دیروز دوشنبه", "fa", REF_2021, "2021-03-29", False),
        ],
    )
    def test_yesterday_with_a_weekday_checks_the_weekday(self, text, language, reference, day, mismatch) -> None:
        mention = one(text, language=language, reference=reference)
        assert mention.rule == "relative.yesterday"
        assert mention.value.lower == mention.value.upper == D(day)
        assert mention.extra.get("weekday_mismatch", False) is mismatch
        assert mention.extra["weekday_matches"] is not mismatch

    @pytest.mark.parametrize(
        ("text", "reference", "nominal"),
        [
            ("18 فبراير", REF_2021, "2021-02-18"),
            ("18 أبريل", REF_2021, "2020-04-18"),
            ("30 مارس", REF_2021, "2021-03-30"),
            ("11 من أيار", REF_2022, "2022-05-11"),
            ("مساء الأربعاء 11 من أيار", REF_2022, "2022-05-11"),
        ],
    )
    def test_a_yearless_date_takes_the_year_closest_before_the_reference(self, text, reference, nominal) -> None:
        mention = one(text, reference=reference)
        assert mention.text == text
        assert mention.rule == "date.yearless_closest_before"
        assert mention.modifier is Modifier.EXACT
        assert mention.value.nominal == nominal
        assert mention.value.reference == reference

    def test_a_yearless_date_without_a_reference_is_relative_and_unbounded(self) -> None:
        mention = one("18 فبراير", reference=None)
        assert mention.modifier is Modifier.RELATIVE
        assert (mention.value.lower, mention.value.upper) == (None, None)
        assert (mention.extra["month"], mention.extra["day"]) == (2, 18)


class TestWeekdays:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "nominal", "rule"),
        [
            (
                "وأكد وزراء خارجية دول التحالف الدولي لهزيمة داعش، الثلاثاء، التزامهم",
                "ar",
                "الثلاثاء",
                "2021-03-30",
                None,
            ),
            ("اجتمعوا يوم الأحد في بغداد", "ar", "يوم الأحد", "2021-03-28", None),
            ("وقع الهجوم مساء الجمعة", "ar", "مساء الجمعة", "2021-03-26", None),
            ("الثلاثاء الماضي", "ar", "الثلاثاء الماضي", "2021-03-23", "relative.last_weekday"),
            ("مساء الجمعة الماضية", "ar", "مساء الجمعة الماضية", "2021-03-26", "relative.last_weekday"),
            ("الخميس المقبل", "ar", "الخميس المقبل", "2021-04-01", "relative.next_weekday"),
            ("they met on Tuesday", "en", "on Tuesday", "2021-03-30", None),
            ("روز سه‌شنبه", "fa", "روز سه‌شنبه", "2021-03-30", None),
        ],
    )
    def test_a_weekday_used_as_a_date_is_the_latest_such_day_not_after_the_reference(
        self, text, language, quote, nominal, rule
    ) -> None:
        mention = by_text(dates(text, language=language, reference=REF_2021), quote)
        assert mention.value.nominal == nominal
        assert mention.rule == (rule or "relative.weekday")
        assert mention.modifier is Modifier.RELATIVE

    @pytest.mark.parametrize("text", ["الثلاثاء هو يوم", "بين الاثنين والثلاثاء خلاف", "كتاب الأحد"])
    def test_a_weekday_word_without_date_context_is_not_reported(self, text: str) -> None:
        assert dates(text, reference=REF_2021) == []

    @pytest.mark.parametrize(
        ("text", "language", "quote", "weekday", "matches"),
        [
            (
                "القاهرة - بوابة الوسط الأربعاء 26 يونيو 2019, 05:49 مساء",
                "ar",
                "الأربعاء 26 يونيو 2019",
                "wednesday",
                True,
            ),
            ("بروز سه شنبه ۲۵ جون ۲۰۱۹ میلادی (۴", "fa", "بروز سه شنبه ۲۵ جون ۲۰۱۹ میلادی", "tuesday", True),
            ("سه‌شنبه ۲۵ جون ۲۰۱۹", "fa", "سه‌شنبه ۲۵ جون ۲۰۱۹", "tuesday", True),
            ("الجمعة 29 مارس 2024", "ar", "الجمعة 29 مارس 2024", "friday", True),
            ("الخميس 29 مارس 2024", "ar", "الخميس 29 مارس 2024", "thursday", False),
        ],
    )
    def test_a_weekday_before_a_date_joins_the_mention_and_is_checked(
        self, text, language, quote, weekday, matches
    ) -> None:
        mention = by_text(dates(text, language=language), quote)
        assert mention.value.precision is DAY
        assert mention.extra["weekday"] == weekday
        assert mention.extra["weekday_matches"] is matches


class TestSeasonsAndYears:
    @pytest.mark.parametrize(
        ("text", "language", "rule", "lower", "upper", "calendar"),
        [
            ("في صيف عام 2014 بهدف", "ar", "season.summer", "2014-06-01", "2014-08-31", G),
            ("تابستان سال ۲۰۱۴ میلادی", "fa", "season.summer", "2014-06-01", "2014-08-31", G),
            ("summer of 2014", "en", "season.summer", "2014-06-01", "2014-08-31", G),
            ("ربيع عام 2011", "ar", "season.spring", "2011-03-01", "2011-05-31", G),
            ("خريف 2020", "ar", "season.autumn", "2020-09-01", "2020-11-30", G),
            ("شتاء 2019", "ar", "season.winter", "2019-12-01", "2020-02-29", G),
            ("شتاء 2020", "ar", "season.winter", "2020-12-01", "2021-02-28", G),
            ("تابستان ۱۳۹۸", "fa", "season.summer", "2019-06-22", "2019-09-22", S),
        ],
    )
    def test_a_season_with_a_year_takes_its_bounds_from_the_policy(
        self, text, language, rule, lower, upper, calendar
    ) -> None:
        mention = one(text, language=language)
        assert mention.rule == rule
        assert mention.value.precision is SEASON
        assert (mention.value.lower, mention.value.upper) == (D(lower), D(upper))
        assert mention.value.calendar is calendar

    @pytest.mark.parametrize(
        ("text", "quote", "year"),
        [
            ("عام 2018", "عام 2018", "2018"),
            ("تأمين 670 مليون دولار للعام 2021.", "للعام 2021", "2021"),
            ("منذ هزيمة داعش في عام 2019، كثف", "في عام 2019", "2019"),
            ("سيبدأ العمل فيه عام 2024.", "عام 2024", "2024"),
            ("سنة 2019", "سنة 2019", "2019"),
            ("در سال ۲۰۱۸", "در سال ۲۰۱۸", "2018"),
            ("in 2019", "in 2019", "2019"),
            ("in the year 2019", "in the year 2019", "2019"),
            ("وقع ذلك في 2019، ثم", "في 2019", "2019"),
        ],
    )
    def test_a_year_with_a_cue_is_the_whole_year(self, text: str, quote: str, year: str) -> None:
        mention = one(text, language="fa" if "سال" in text else "en" if text.isascii() else "ar")
        assert mention.text == quote
        check(mention, year, f"{year}-01-01", f"{year}-12-31", YEAR, G)
        assert mention.rule == "date.year"
        assert mention.modifier is Modifier.EXACT


class TestSinceAndUntil:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "lower"),
        [
            ("ومنذ عام 2018، حرصت فرنسا", "ar", "منذ عام 2018", "2018-01-01"),
            ("منذ 2018", "ar", "منذ 2018", "2018-01-01"),
            ("since 2018", "en", "since 2018", "2018-01-01"),
            ("منذ 23 مارس 2019", "ar", "منذ 23 مارس 2019", "2019-03-23"),
            ("از سال ۲۰۱۸ میلادی (سال ۱۳۹۷ هجری شمسی) بدینسو، تمویل", "fa", "از سال ۲۰۱۸ میلادی", "2018-01-01"),
            ("از سال ۲۰۱۸ میلادی (سال ۱۳۹۷ هجری شمسی) بدینسو، تمویل", "fa", "سال ۱۳۹۷ هجری شمسی", "2018-03-21"),
            ("از سال ۲۰۱۴ تاکنون", "fa", "از سال ۲۰۱۴", "2014-01-01"),
        ],
    )
    def test_since_runs_from_the_date_to_the_reference(self, text, language, quote, lower) -> None:
        reference = D("2019-06-26")
        mention = by_text(dates(text, language=language, reference=reference), quote)
        assert mention.modifier is Modifier.SINCE
        assert (mention.value.lower, mention.value.upper) == (D(lower), reference)
        assert mention.value.reference == reference

    def test_since_without_a_reference_is_open_ended(self) -> None:
        mention = one("منذ عام 2018", reference=None)
        assert mention.modifier is Modifier.SINCE
        assert (mention.value.nominal, mention.value.lower, mention.value.upper) == ("2018", D("2018-01-01"), None)

    def test_persian_az_without_a_closing_word_is_not_since(self) -> None:
        mention = one("از سال ۲۰۱۴ تا سال", language="fa")
        assert mention.text == "سال ۲۰۱۴"
        assert mention.modifier is Modifier.EXACT

    @pytest.mark.parametrize(
        ("text", "quote", "upper"),
        [("حتى عام 2020", "حتى عام 2020", "2020-12-31"), ("until June 2020", "until June 2020", "2020-06-30")],
    )
    def test_until_runs_to_the_end_of_the_date(self, text: str, quote: str, upper: str) -> None:
        mention = one(text, language="en" if text.isascii() else "ar")
        assert mention.text == quote
        assert mention.modifier is Modifier.UNTIL
        assert (mention.value.lower, mention.value.upper) == (None, D(upper))


# Each row: seed, reference, language, quote, nominal, lower, upper, precision, calendar, modifier.
SEED_ROWS = [
    ("000", None, "ar", "الأربعاء 26 يونيو 2019", "2019-06-26", "2019-06-26", "2019-06-26", DAY, G, "exact"),
    ("000", None, "ar", "صيف عام 2014", "2014", "2014-06-01", "2014-08-31", SEASON, G, "exact"),
    ("000", None, "ar", "23 مارس 2019", "2019-03-23", "2019-03-23", "2019-03-23", DAY, G, "exact"),
    ("000", None, "ar", "منذ عام 2018", "2018", "2018-01-01", None, YEAR, G, "since"),
    ("001", None, "fa", "۲۵ جون ۲۰۱۹", "2019-06-25", "2019-06-25", "2019-06-25", DAY, G, "exact"),
    ("001", None, "fa", "۴ سرطان ۱۳۹۸", "2019-06-25", "2019-06-25", "2019-06-25", DAY, S, "exact"),
    ("001", None, "fa", "بروز سه شنبه ۲۵ جون ۲۰۱۹ میلادی", "2019-06-25", "2019-06-25", "2019-06-25", DAY, G, "exact"),
    ("001", None, "fa", "۴ سرطان ۱۳۹۸ هجری شمسی", "2019-06-25", "2019-06-25", "2019-06-25", DAY, S, "exact"),
    ("001", None, "fa", "تابستان سال ۲۰۱۴ میلادی", "2014", "2014-06-01", "2014-08-31", SEASON, G, "exact"),
    ("001", None, "fa", "۲۳ مارچ ۲۰۱۹ میلادی", "2019-03-23", "2019-03-23", "2019-03-23", DAY, G, "exact"),
    ("001", None, "fa", "۳ حمل ۱۳۹۸ هجری شمسی", "2019-03-23", "2019-03-23", "2019-03-23", DAY, S, "exact"),
    ("001", None, "fa", "08/07/2019", "2019-07-08", "2019-07-08", "2019-07-08", DAY, G, "exact"),
    ("001", None, "fa", "از سال ۲۰۱۴ میلادی", "2014", "2014-01-01", None, YEAR, G, "since"),
    ("001", None, "fa", "از سال ۲۰۱۸ میلادی", "2018", "2018-01-01", None, YEAR, G, "since"),
    ("002", "2021-10-01", "ar", "26 آب/أغسطس", "2021-08-26", "2021-08-26", "2021-08-26", DAY, G, "exact"),
    ("002", "2021-10-01", "ar", "حزيران/يونيو", "2021-06", "2021-06-01", "2021-06-30", MONTH, G, "exact"),
    ("002", "2021-10-01", "ar", "للعام 2021", "2021", "2021-01-01", "2021-12-31", YEAR, G, "exact"),
    ("003", "2022-05-12", "ar", "مساء الأربعاء 11 من أيار", "2022-05-11", "2022-05-11", "2022-05-11", DAY, G, "exact"),
    ("003", "2022-05-12", "ar", "كانون الثاني الماضي", "2022-01", "2022-01-01", "2022-01-31", MONTH, G, "relative"),
    ("003", "2022-05-12", "ar", "11 من أيار الحالي", "2022-05-11", "2022-05-11", "2022-05-11", DAY, G, "relative"),
    ("003", "2022-05-12", "ar", "9 من أيار الحالي", "2022-05-09", "2022-05-09", "2022-05-09", DAY, G, "relative"),
    ("003", "2022-05-12", "ar", "حزيران 2021", "2021-06", "2021-06-01", "2021-06-30", MONTH, G, "exact"),
    ("004", "2021-03-30", "ar", "أمس الاثنين", "2021-03-29", "2021-03-29", "2021-03-29", DAY, G, "relative"),
    ("004", "2021-03-30", "ar", "الثلاثاء", "2021-03-30", "2021-03-30", "2021-03-30", DAY, G, "relative"),
    ("004", "2021-03-30", "ar", "18 فبراير", "2021-02-18", "2021-02-18", "2021-02-18", DAY, G, "exact"),
    ("004", "2021-03-30", "ar", "منذ أسبوع", "2021-03-23", "2021-03-22", "2021-03-24", DAY, G, "relative"),
    ("004", "2021-03-30", "ar", "مطلع الأسبوع", "2021-03-28", "2021-03-28", "2021-03-30", DAY, G, "relative"),
    ("004", "2021-03-30", "ar", "عام 2024", "2024", "2024-01-01", "2024-12-31", YEAR, G, "exact"),
    ("004", "2021-03-30", "ar", "في عام 2019", "2019", "2019-01-01", "2019-12-31", YEAR, G, "exact"),
    ("004", "2021-03-30", "ar", "الجمعة 29 مارس 2024", "2024-03-29", "2024-03-29", "2024-03-29", DAY, G, "exact"),
]


def seed_text(seed: str) -> str:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return path.read_text(encoding="utf-8")


class TestSeeds:
    @pytest.mark.parametrize(
        ("seed", "reference", "language", "quote", "nominal", "lower", "upper", "precision", "calendar", "modifier"),
        SEED_ROWS,
        ids=[f"{row[0]}-{row[3]}" for row in SEED_ROWS],
    )
    def test_the_seed_dates_come_out_right(
        self, seed, reference, language, quote, nominal, lower, upper, precision, calendar, modifier
    ) -> None:
        ref = D(reference) if reference else None
        mention = by_text(dates(seed_text(seed), language=language, reference=ref), quote)
        check(mention, nominal, lower, upper, precision, calendar)
        assert mention.modifier is Modifier(modifier)

    @pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
    def test_every_mention_quotes_the_original_and_none_is_in_a_url(self, seed: str) -> None:
        text = seed_text(seed)
        norm = normalize(text)
        found = find_dates(
            norm, language="fa" if seed == "001" else "ar", reference_date=D("2021-10-01"), blocked=blocked_spans(norm)
        )
        assert found
        url_start = text.find("https://")
        url_end = text.find("\n", url_start) if url_start >= 0 else -1
        for mention in found:
            assert text[mention.start : mention.end] == mention.text
            assert mention.kind is Kind.DATE
            if url_start >= 0:
                assert not (url_start <= mention.start < url_end)
        assert [m.start for m in found] == sorted(m.start for m in found)

    def test_the_solar_year_in_brackets_of_seed_001_spans_two_gregorian_years(self) -> None:
        found = dates(seed_text("001"), language="fa")
        years = [m for m in found if m.text == "سال ۱۳۹۳ هجری شمسی"]
        assert len(years) == 2
        assert all((m.value.lower, m.value.precision) == (D("2014-03-21"), YEAR) for m in years)
        assert years[0].value.upper == D("2015-03-20")
        assert [m.modifier for m in years] == [Modifier.EXACT, Modifier.SINCE]

    def test_the_names_in_the_seeds_are_not_dates(self) -> None:
        quotes = {m.text for seed in ("002", "003", "004") for m in dates(seed_text(seed), reference=REF_2022)}
        assert not any("جون" in q or "مايو" in q or "2254" in q for q in quotes)


class TestBlockedSpans:
    def test_nothing_is_reported_inside_a_blocked_span(self) -> None:
        text = "في 26 يونيو 2019 اجتمعوا"
        norm = normalize(text)
        assert find_dates(norm, language="ar", reference_date=None, blocked=[(3, 8)]) == []

    def test_a_time_of_day_after_a_date_stays_out_of_it(self) -> None:
        mention = one("الأربعاء 26 يونيو 2019, 05:49 مساء")
        assert mention.text == "الأربعاء 26 يونيو 2019"


class TestEnglishMonthFirst:
    @pytest.mark.parametrize(("text", "quote"), [("on May 5.", "May 5"), ("by Jan 5, 2020", "Jan 5, 2020")])
    def test_an_english_month_before_its_day_is_a_date(self, text: str, quote: str) -> None:
        assert one(text, language="en", reference=REF_2022).text == quote

    def test_a_verb_spelled_like_a_month_before_a_number_is_not_a_date(self) -> None:
        assert dates("troops march 5 miles", language="en") == []

    def test_two_different_months_joined_by_a_slash_are_two_mentions(self) -> None:
        found = dates("حزيران/تموز 2021", reference=REF_2022)
        assert [m.text for m in found] == ["حزيران", "تموز 2021"]


def extracted(text: str, language: str, reference: dt.date | None = None) -> tuple[list[Mention], list[Refusal]]:
    """The whole extractor (dates, figures, identifiers) and what it refused."""
    refused: list[Refusal] = []
    mentions = extract(text, language, reference, refused=refused)
    return mentions, refused


# Each row: text, language, the refused quote, and words the reason must hold (the month's length).
NO_SUCH_DAY_ROWS = [
    # Afghan Dari zodiac months: Hoot (month 12) has 29 days in the common year 1398.
    ("۳۱ حوت ۱۳۹۸", "fa", "۳۱ حوت ۱۳۹۸", "has 29 days"),
    ("۳۰ حوت ۱۳۹۸", "fa", "۳۰ حوت ۱۳۹۸", "has 29 days"),
    ("۳۲ حمل ۱۳۹۸", "fa", "۳۲ حمل ۱۳۹۸", "has 31 days"),
    ("۳۱ میزان ۱۳۹۸", "fa", "۳۱ میزان ۱۳۹۸", "has 30 days"),
    # Iranian month names: Esfand 1398 likewise.
    ("۳۱ اسفند ۱۳۹۸", "fa", "۳۱ اسفند ۱۳۹۸", "has 29 days"),
    ("۳۰ اسفند ۱۳۹۸ هجری شمسی", "fa", "۳۰ اسفند ۱۳۹۸ هجری شمسی", "has 29 days"),
    ("۱۳۹۸/۱۲/۳۰", "fa", "۱۳۹۸/۱۲/۳۰", "has 29 days"),
    # Gregorian, in Arabic script with Arabic-Indic digits, in Levantine names, in Dari.
    ("٣٠ فبراير ٢٠٢١", "ar", "٣٠ فبراير ٢٠٢١", "has 28 days"),
    ("29 فبراير 2021", "ar", "29 فبراير 2021", "has 28 days"),
    ("31 حزيران 2021", "ar", "31 حزيران 2021", "has 30 days"),
    ("۳۱ اپریل ۲۰۲۱", "fa", "۳۱ اپریل ۲۰۲۱", "has 30 days"),
    # Numeric and English.
    ("2021-02-30", "en", "2021-02-30", "has 28 days"),
    ("30/02/2021", "ar", "30/02/2021", "has 28 days"),
    ("02/30/2021", "en", "02/30/2021", "has 28 days"),
    ("February 30, 2021", "en", "February 30, 2021", "has 28 days"),
    ("31 April 2021", "en", "31 April 2021", "has 30 days"),
    # Lunar hijri: Dhu al-Hijja 1442 has 29 days in the Umm al-Qura tables.
    ("30 ذي الحجة 1442 هـ", "ar", "30 ذي الحجة 1442 هـ", "has 29 days"),
    # Without a year: a day the month has in no year.
    ("31 أبريل", "ar", "31 أبريل", "at most 30 days"),
    ("30 فبراير", "ar", "30 فبراير", "at most 29 days"),
]


class TestDaysThatDoNotExist:
    """A day-month-year that does not exist is refused whole: no coarser date, no bare figure."""

    @pytest.mark.parametrize(
        ("text", "language", "quote", "reason"), NO_SUCH_DAY_ROWS, ids=[row[0] for row in NO_SUCH_DAY_ROWS]
    )
    def test_a_day_that_does_not_exist_yields_no_mention_and_one_refusal(self, text, language, quote, reason) -> None:
        mentions, refused = extracted(text, language, REF_2021)

        assert [m.text for m in mentions] == []
        assert [(r.text, r.kind, r.rule) for r in refused] == [(quote, Kind.DATE, NO_SUCH_DAY)]
        assert reason in refused[0].reason
        assert text[refused[0].start : refused[0].end] == quote

    @pytest.mark.parametrize(
        ("text", "language", "nominal", "calendar"),
        [
            ("۲۹ حوت ۱۳۹۸", "fa", "2020-03-19", S),
            ("۳۰ حوت ۱۳۹۹", "fa", "2021-03-20", S),
            ("۳۰ اسفند ۱۳۹۹", "fa", "2021-03-20", S),
            ("۳۰ اسفند ۱۴۰۳", "fa", "2025-03-20", S),
            ("۳۱ حمل ۱۳۹۸", "fa", "2019-04-20", S),
            ("٢٨ فبراير ٢٠٢١", "ar", "2021-02-28", G),
            ("29 فبراير 2020", "ar", "2020-02-29", G),
            ("2020-02-29", "en", "2020-02-29", G),
            ("30 رمضان 1442", "ar", "2021-05-12", L),
        ],
    )
    def test_the_same_day_in_a_month_that_has_it_is_a_date(self, text, language, nominal, calendar) -> None:
        mentions, refused = extracted(text, language, REF_2021)

        assert refused == []
        (mention,) = mentions
        assert mention.text == text
        check(mention, nominal, nominal, nominal, DAY, calendar)

    @pytest.mark.parametrize("name", ["حوت", "اسفند"])
    @pytest.mark.parametrize("year", range(1390, 1411))
    def test_the_thirtieth_of_the_last_solar_month_exists_exactly_in_leap_years(self, name: str, year: int) -> None:
        leap = jdatetime.date(year, 1, 1).isleap()
        text = f"30 {name} {year}"

        mentions, refused = extracted(text, "fa")

        assert (len(mentions), len(refused)) == ((1, 0) if leap else (0, 1))
        if leap:
            assert mentions[0].value.lower == jdatetime.date(year, 12, 30).togregorian()

    @pytest.mark.parametrize("year", range(2015, 2026))
    def test_the_twenty_ninth_of_february_exists_exactly_in_leap_years(self, year: int) -> None:
        mentions, refused = extracted(f"29 فبراير {year}", "ar")

        assert (len(mentions), len(refused)) == ((1, 0) if year % 4 == 0 else (0, 1))

    def test_the_day_number_of_a_refused_date_is_not_read_as_a_figure(self) -> None:
        text = "في 30 فبراير 2021 قتل 5 أشخاص"

        mentions, refused = extracted(text, "ar")

        assert [(m.text, m.kind) for m in mentions] == [("5 أشخاص", Kind.QUANTITY)]
        assert [r.text for r in refused] == ["30 فبراير 2021"]

    def test_a_since_word_and_a_weekday_before_it_are_refused_with_it(self) -> None:
        mentions, refused = extracted("منذ الأربعاء 30 فبراير 2021", "ar")

        assert mentions == []
        assert [r.text for r in refused] == ["منذ الأربعاء 30 فبراير 2021"]

    def test_a_yearless_29_february_that_resolves_to_a_common_year_is_refused(self) -> None:
        mentions, refused = extracted("29 فبراير", "ar", D("2021-03-30"))

        assert mentions == []
        assert [r.text for r in refused] == ["29 فبراير"]
        assert "month 2 of 2021" in refused[0].reason

    def test_find_dates_reports_refusals_only_when_asked(self) -> None:
        norm = normalize("۳۱ حوت ۱۳۹۸")
        refused: list[Refusal] = []

        found = find_dates(norm, language="fa", reference_date=None, blocked=[], refused=refused)

        assert found == []
        assert [r.as_dict()["rule"] for r in refused] == [NO_SUCH_DAY]
        assert find_dates(norm, language="fa", reference_date=None, blocked=[]) == []

    def test_the_article_pipeline_keeps_refusals_with_their_sentence_and_offsets(self) -> None:
        text = "اجتمعوا في 26 يونيو 2019. وقالوا إن الهجوم وقع في 31 حزيران 2019."

        analysis = analyze_article(text, language="ar")

        assert [m.mention.text for m in analysis.mentions] == ["26 يونيو 2019"]
        (refusal,) = analysis.refused
        assert refusal.sentence_index == 1
        assert text[refusal.refusal.start : refusal.refusal.end] == "31 حزيران 2019"
        assert refusal.as_dict()["sentence_index"] == 1


class TestNoSuchDay:
    @pytest.mark.parametrize(
        ("calendar", "year", "month", "day", "exists"),
        [
            (S, 1398, 12, 29, True),
            (S, 1398, 12, 30, False),
            (S, 1399, 12, 30, True),
            (S, 1398, 7, 31, False),
            (S, 1398, 6, 31, True),
            (G, 2021, 2, 29, False),
            (G, 2024, 2, 29, True),
            (G, 1900, 2, 29, False),
            (G, 2000, 2, 29, True),
            (L, 1442, 12, 30, False),
            (L, 1442, 9, 30, True),
            (G, None, 2, 29, True),
            (G, None, 2, 30, False),
            (S, None, 12, 30, True),
            (S, None, 12, 31, False),
            (G, 2021, 1, 0, False),
        ],
    )
    def test_a_day_exists_as_the_calendar_library_says(self, calendar, year, month, day, exists) -> None:
        assert (no_such_day(calendar, year, month, day) is None) is exists

    def test_converting_a_day_that_does_not_exist_says_why(self) -> None:
        with pytest.raises(NoSuchDay, match="month 12 of 1398 in the solar_hijri calendar has 29 days"):
            to_gregorian(S, 1398, 12, 30)


REF_JUNE = D("2022-06-08")  # a Wednesday


def at(text: str, language: str, reference: dt.date | None = REF_JUNE) -> list[tuple[str, str | None, str | None]]:
    """What the whole extractor reads as dates: (quote, first day, last day)."""
    return [
        (m.text, str(m.value.lower) if m.value.lower else None, str(m.value.upper) if m.value.upper else None)
        for m in extract(text, language, reference)
        if m.kind is Kind.DATE
    ]


class TestRealNewsDates:
    """Date forms of news copy, on sentences written for these tests."""

    @pytest.mark.parametrize(
        ("text", "language", "quote", "day"),
        [
            ("أعلن الأحد ٥ يونيو ٢٠٢٢ عن الخطة", "ar", "الأحد ٥ يونيو ٢٠٢٢", "2022-06-05"),
            ("صدر القرار في 15-07-2022", "ar", "15-07-2022", "2022-07-15"),
            ("صدر القرار في ١٥/٠٧/٢٠٢٢", "ar", "١٥/٠٧/٢٠٢٢", "2022-07-15"),
            ("در تاریخ ۱۵-۰۷-۱۴۰۱ اعلام شد", "fa", "۱۵-۰۷-۱۴۰۱", "2022-10-07"),
            ("در ۱۰ ارديبهشت ۱۴۰۰ تصویب شد", "fa", "۱۰ ارديبهشت ۱۴۰۰", "2021-04-30"),
            ("در ۵ اذر ۱۴۰۰ تصویب شد", "fa", "۵ اذر ۱۴۰۰", "2021-11-26"),
            ("روز بیستم آبان ۱۴۰۰ اعلام شد", "fa", "بیستم آبان ۱۴۰۰", "2021-11-11"),
            ("روز سی‌ام دلو ۱۴۰۰ اعلام شد", "fa", "سی‌ام دلو ۱۴۰۰", "2022-02-19"),
            ("وقع في السابع من أغسطس 2021", "ar", "السابع من أغسطس 2021", "2021-08-07"),
            ("في الحادي عشر من أيار 2022", "ar", "الحادي عشر من أيار 2022", "2022-05-11"),
            ("روز دوشنبه ۲۹ دلو ۱۳۹۹ برگزار شد", "fa", "روز دوشنبه ۲۹ دلو ۱۳۹۹", "2021-02-17"),
            ("They met on MARCH 3, 2021.", "en", "MARCH 3, 2021", "2021-03-03"),
            ("They met on the first of May 2021.", "en", "first of May 2021", "2021-05-01"),
        ],
    )
    def test_a_day(self, text: str, language: str, quote: str, day: str) -> None:
        assert (quote, day, day) in at(text, language)

    @pytest.mark.parametrize(
        ("text", "language", "quote", "lower", "upper"),
        [
            ("در بهمن ماه ۱۳۹۹ تصویب شد", "fa", "بهمن ماه ۱۳۹۹", "2021-01-20", "2021-02-18"),
            ("در آذرماه ۱۴۰۱ تورم بالا رفت", "fa", "آذرماه ۱۴۰۱", "2022-11-22", "2022-12-21"),
            ("في انتخابات 2018 فاز الحزب", "ar", "2018", "2018-01-01", "2018-12-31"),
            ("لایحه بودجه ۱۴۰۱ تصویب شد", "fa", "۱۴۰۱", "2022-03-21", "2023-03-20"),
            ("the 2018 election was close", "en", "2018", "2018-01-01", "2018-12-31"),
            ("ميزانية العام المالي 1441/1442 هـ", "ar", "1441/1442 هـ", "2019-08-31", "2021-08-08"),
            ("the 2019/2020 season", "en", "2019/2020", "2019-01-01", "2020-12-31"),
            ("by mid-2019 prices fell", "en", "mid-2019", "2019-04-01", "2019-09-30"),
            ("في منتصف 2019 انخفضت الأسعار", "ar", "منتصف 2019", "2019-04-01", "2019-09-30"),
            ("اواخر سال ۱۳۹۹", "fa", "اواخر سال ۱۳۹۹", "2020-11-21", "2021-03-20"),
            ("by the end of October 2021", "en", "the end of October 2021", "2021-10-21", "2021-10-31"),
            ("في أواخر مارس 2020", "ar", "أواخر مارس 2020", "2020-03-21", "2020-03-31"),
        ],
    )
    def test_a_month_a_year_or_a_part(self, text: str, language: str, quote: str, lower: str, upper: str) -> None:
        assert (quote, lower, upper) in at(text, language)

    @pytest.mark.parametrize(
        ("text", "language", "quote", "day"),
        [
            ("the minister said Friday that", "en", "Friday", "2022-06-03"),
            ("Monday's vote was delayed", "en", "Monday", "2022-06-06"),
            ("قال مسؤولون الأحد إن الهجوم", "ar", "الأحد", "2022-06-05"),
            ("أعلنت الوزارة الثلاثاء عن خطة", "ar", "الثلاثاء", "2022-06-07"),
            ("روز گذشته اعلام شد", "fa", "روز گذشته", "2022-06-07"),
            ("قبل 5 أيام وقع الزلزال", "ar", "قبل 5 أيام", "2022-06-03"),
            ("سيعود بعد ثلاثة أيام", "ar", "بعد ثلاثة أيام", "2022-06-11"),
            ("it happened 3 days ago", "en", "3 days ago", "2022-06-05"),
            ("وقع الحادث في 18 فبراير", "ar", "18 فبراير", "2022-02-18"),  # the nearest past occurrence
            ("وقع الحادث في 18 أكتوبر", "ar", "18 أكتوبر", "2021-10-18"),
        ],
    )
    def test_a_relative_day_resolved_against_the_article(self, text: str, language: str, quote: str, day: str) -> None:
        assert (quote, day, day) in at(text, language)

    @pytest.mark.parametrize(
        ("text", "language", "quote", "lower", "upper"),
        [
            ("۷ سال پیش اتفاق افتاد", "fa", "۷ سال پیش", "2015-03-21", "2016-03-19"),  # seven solar years
            ("سال آینده اجرا می‌شود", "fa", "سال آینده", "2023-03-21", "2024-03-19"),
            ("بودجه سال جاری", "fa", "سال جاری", "2022-03-21", "2023-03-20"),
            ("two weeks ago", "en", "two weeks ago", "2022-05-24", "2022-05-26"),
            ("in the coming year", "en", "the coming year", "2023-01-01", "2023-12-31"),
            ("قبل ثلاثة أشهر", "ar", "قبل ثلاثة أشهر", "2022-03-01", "2022-03-31"),
        ],
    )
    def test_a_relative_span_resolved_against_the_article(self, text, language, quote, lower, upper) -> None:
        assert (quote, lower, upper) in at(text, language)

    @pytest.mark.parametrize(
        ("text", "language", "quote", "lower", "upper"),
        [
            # the past three months, not last month
            ("در سه ماه گذشته", "fa", "سه ماه گذشته", "2022-03-08", "2022-06-08"),
            ("در هفت ماه آینده", "fa", "هفت ماه آینده", "2022-06-08", "2023-01-08"),
            ("in the past two years", "en", "the past two years", "2020-06-08", "2022-06-08"),
        ],
    )
    def test_a_count_of_units_with_a_qualifier_is_a_period(self, text, language, quote, lower, upper) -> None:
        (m,) = extract(text, language, REF_JUNE)

        assert (m.text, str(m.value.lower), str(m.value.upper), m.rule) == (quote, lower, upper, "relative.period")

    @pytest.mark.parametrize(
        ("text", "language", "quote", "lower", "upper"),
        [
            ("نما حجم التجارة من يناير إلى نوفمبر 2022", "ar", "من يناير إلى نوفمبر 2022", "2022-01-01", "2022-11-30"),
            ("بين عامي 2014 و2019", "ar", "بين عامي 2014 و2019", "2014-01-01", "2019-12-31"),
            ("از ۱۳۹۸ تا ۱۴۰۰", "fa", "از ۱۳۹۸ تا ۱۴۰۰", "2019-03-21", "2022-03-20"),
            (
                "from March 21, 2016 to March 20, 2017",
                "en",
                "from March 21, 2016 to March 20, 2017",
                "2016-03-21",
                "2017-03-20",
            ),
        ],
    )
    def test_a_range_is_one_mention(self, text: str, language: str, quote: str, lower: str, upper: str) -> None:
        found = extract(text, language, REF_JUNE)

        assert [(m.text, str(m.value.lower), str(m.value.upper), m.modifier) for m in found] == [
            (quote, lower, upper, Modifier.RANGE)
        ]

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("صلاة الجمعة في المسجد", "ar"),  # a weekday as a name
            ("بعد ثلاثة أيام من الزلزال", "ar"),  # counted from an event, not the article
            ("سه روز بعد از زلزله", "fa"),
            ("ارتفاع 2000 م", "ar"),  # metres
            ("رقم 2254", "ar"),
            ("وصل عدد النازحين إلى 1980", "ar"),  # a figure the verb reached
        ],
    )
    def test_these_are_not_dates(self, text: str, language: str) -> None:
        assert at(text, language) == []


class TestMoreDateForms:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "lower", "upper", "modifier"),
        [
            (
                "عقد المؤتمر من 19 إلى 20 نوفمبر 2021",
                "ar",
                "19 إلى 20 نوفمبر 2021",
                "2021-11-19",
                "2021-11-20",
                Modifier.RANGE,
            ),
            (
                "عقد المؤتمر يومي 19-20 نوفمبر 2021",
                "ar",
                "19-20 نوفمبر 2021",
                "2021-11-19",
                "2021-11-20",
                Modifier.RANGE,
            ),
            ("بين 3 و12 سبتمبر 2021", "ar", "3 و12 سبتمبر 2021", "2021-09-03", "2021-09-12", Modifier.RANGE),
            ("the talks ran 4-7 June 2021", "en", "4-7 June 2021", "2021-06-04", "2021-06-07", Modifier.RANGE),
            ("من 2014 حتى 2018", "ar", "من 2014 حتى 2018", "2014-01-01", "2018-12-31", Modifier.RANGE),
            ("منذ 2014 حتى 2018", "ar", "منذ 2014 حتى 2018", "2014-01-01", "2018-12-31", Modifier.RANGE),
            ("في مارس من العام الماضي", "ar", "مارس من العام الماضي", "2021-03-01", "2021-03-31", Modifier.RELATIVE),
            ("يونيو العام المقبل", "ar", "يونيو العام المقبل", "2023-06-01", "2023-06-30", Modifier.RELATIVE),
            ("in June of last year", "en", "June of last year", "2021-06-01", "2021-06-30", Modifier.RELATIVE),
            # A part of a month the reference fixes stays relative: the bounds came from the article's date.
            ("عادوا مطلع فبراير الماضي", "ar", "مطلع فبراير الماضي", "2022-02-01", "2022-02-10", Modifier.RELATIVE),
            ("اوایل آذر ماه گذشته", "fa", "اوایل آذر ماه گذشته", "2021-11-22", "2021-12-01", Modifier.RELATIVE),
            (
                "في الربع الثالث من عام 2016",
                "ar",
                "الربع الثالث من عام 2016",
                "2016-07-01",
                "2016-09-30",
                Modifier.EXACT,
            ),
            (
                "in the third quarter of 2016",
                "en",
                "the third quarter of 2016",
                "2016-07-01",
                "2016-09-30",
                Modifier.EXACT,
            ),
            ("در سه‌ماهه اول ۱۴۰۰", "fa", "سه‌ماهه اول ۱۴۰۰", "2021-03-21", "2021-06-21", Modifier.EXACT),
            ("in the 1990s", "en", "1990s", "1990-01-01", "1999-12-31", Modifier.RANGE),
            (
                "الأول من شهر نوفمبر لعام ألفين وعشرة",
                "ar",
                "الأول من شهر نوفمبر لعام ألفين وعشرة",
                "2010-11-01",
                "2010-11-01",
                Modifier.EXACT,
            ),
            ("في عام ألفين وعشرين", "ar", "في عام ألفين وعشرين", "2020-01-01", "2020-12-31", Modifier.EXACT),
            (
                "الثانية والعشرون من يونيو 2021",
                "ar",
                "الثانية والعشرون من يونيو 2021",
                "2021-06-22",
                "2021-06-22",
                Modifier.EXACT,
            ),
            ("أول يناير 2021", "ar", "أول يناير 2021", "2021-01-01", "2021-01-01", Modifier.EXACT),
            ("في 2/2013", "ar", "2/2013", "2013-02-01", "2013-02-28", Modifier.EXACT),
        ],
    )
    def test_the_form_is_read(self, text, language, quote, lower, upper, modifier) -> None:
        found = [m for m in extract(text, language, REF_JUNE) if m.kind is Kind.DATE]

        assert [(m.text, str(m.value.lower), str(m.value.upper), m.modifier) for m in found] == [
            (quote, lower, upper, modifier)
        ]

    @pytest.mark.parametrize(("text", "language"), [("عام واحد", "ar"), ("3/4 of them", "en"), ("بين 3 و12", "ar")])
    def test_these_are_not_dates(self, text: str, language: str) -> None:
        assert [m for m in extract(text, language, REF_JUNE) if m.kind is Kind.DATE] == []


class TestAConjunctionGluedToTheDay:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "nominal"),
        [
            ("وصلت القافلة الأولى في 3 آذار و17 نيسان 2023", "ar", "17 نيسان 2023", "2023-04-17"),
            ("سافر الوفد و9 أيار 2021 عاد", "ar", "9 أيار 2021", "2021-05-09"),
            ("جلسه اول ۲ مهر و۹ آبان ۱۴۰۰ برگزار شد", "fa", "۹ آبان ۱۴۰۰", "2021-10-31"),
        ],
    )
    def test_the_date_is_read_and_the_conjunction_stays_outside(self, text, language, quote, nominal) -> None:
        mention = by_text(dates(text, language=language), quote)
        assert mention.value.nominal == nominal


def test_dari_names_a_quarter_of_the_year_rub() -> None:
    # `ربع سوم` (Dari) is `سه ماهه سوم`: the third quarter of the solar year.
    mention = one("صادرات در ربع سوم سال ۱۴۰۰ افزایش یافت", language="fa")
    assert (mention.value.lower, mention.value.upper) == (dt.date(2021, 9, 23), dt.date(2021, 12, 21))
