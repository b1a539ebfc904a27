"""Number tokens: digits and number words read into exact Decimals (pure, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from corpus.domain.text import fold
from corpus.extraction.numbers import clean_decimal, find_numbers, parse_digits, words_to_number


def values(text: str, language: str) -> list[Decimal]:
    return [t.value for t in find_numbers(fold(text), language=language)]


class TestDigits:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("80", "80"),
            ("٨٠", "80"),
            ("۸۰", "80"),
            ("178.3", "178.3"),
            ("178٫3", "178.3"),
            ("۱۲٫۵", "12.5"),
            ("110,000", "110000"),
            ("١١٠٬٠٠٠", "110000"),
            ("1,234,567.5", "1234567.5"),
            ("110 000", "110000"),
            ("110\u00a0000", "110000"),
            ("۱۱۰ ۰۰۰", "110000"),
            ("2254", "2254"),
            ("٢٢٥٤", "2254"),
        ],
    )
    @pytest.mark.parametrize("language", ["ar", "fa", "en"])
    def test_reads_digits_in_every_script_with_separators(self, written: str, expected: str, language: str) -> None:
        assert words_to_number(written, language=language) == Decimal(expected)

    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("۰۰۰ ۱۱۰", "110000"),  # seed 001: به مساحت ۰۰۰ ۱۱۰ کلیومترمربع
            ("000 110", "110000"),
            ("۰۰۰ ۲۵۰ ۱", "1250000"),
            ("۰۰۰ ۸", "8000"),
        ],
    )
    def test_reads_groups_stored_in_reverse_when_the_first_group_starts_with_zero(
        self, written: str, expected: str
    ) -> None:
        assert words_to_number(written, language="fa") == Decimal(expected)

    def test_parse_digits_reads_one_folded_digit_string(self) -> None:
        assert parse_digits("110,000", language="en") == Decimal(110000)
        assert parse_digits("abc", language="en") is None

    @pytest.mark.parametrize(
        ("written", "language", "expected"),
        [
            ("110 آلاف", "ar", "110000"),
            ("670 مليون", "ar", "670000000"),
            ("178.3 مليون", "ar", "178300000"),
            ("۱۵ هزار", "fa", "15000"),
            ("2 مليار", "ar", "2000000000"),
            ("8 million", "en", "8000000"),
            ("3 ملايين", "ar", "3000000"),
            ("۲ میلیارد", "fa", "2000000000"),
            ("1.5 billion", "en", "1500000000"),
        ],
    )
    def test_applies_a_scale_word_that_follows_the_digits(self, written: str, language: str, expected: str) -> None:
        assert words_to_number(written, language=language) == Decimal(expected)

    @pytest.mark.parametrize(
        "text",
        [
            "G20",
            "COVID-19",
            "km2",
            "A4",
            "WTV_2",
            "08/07/2019",
            "05:49",
            "0791234567",
            "2,5",
            "12345678901234",
        ],
    )
    def test_does_not_read_digits_that_are_part_of_codes_dates_or_times(self, text: str) -> None:
        assert values(text, "en") == []

    def test_reads_digits_behind_a_one_letter_arabic_proclitic(self) -> None:
        assert values("ب600 دولار", "ar") == [Decimal(600)]
        assert values("و60", "ar") == [Decimal(60)]

    def test_does_not_read_digits_glued_to_an_arabic_word(self) -> None:
        assert values("كلم2", "ar") == []

    def test_records_the_digits_as_written_and_whether_they_were_grouped(self) -> None:
        plain, grouped = find_numbers(fold("2019 و 2,019"), language="ar")
        assert (plain.digits, plain.grouped) == ("2019", False)
        assert (grouped.digits, grouped.grouped) == ("2019", True)


class TestArabicWords:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("ثلاثة", 3),
            ("ثلاث", 3),
            ("ثلاثين", 30),
            ("ثلاثون", 30),
            ("أربعة", 4),
            ("اثنين", 2),
            ("ثمانية ملايين", 8_000_000),
            ("خمسة وعشرون", 25),
            ("خمسة و عشرون", 25),
            ("ثلاثة عشر", 13),
            ("أحد عشر", 11),
            ("اثنا عشر", 12),
            ("مئة", 100),
            ("مائة", 100),
            ("مئتان", 200),
            ("ثلاثمائة", 300),
            ("ثلاث مئة", 300),
            ("مائة وخمسون", 150),
            ("مئة وخمسة وعشرون", 125),
            ("ألف", 1000),
            ("ألفين", 2000),
            ("ثلاثة آلاف", 3000),
            ("ثلاثة آلاف وخمسمئة", 3500),
            ("مليون", 1_000_000),
            ("مليونين", 2_000_000),
            ("مليار", 1_000_000_000),
            ("عشرين ألفاً", 20_000),
            ("ثلاثة ملايين وخمسمئة ألف", 3_500_000),
        ],
    )
    def test_reads_cardinals_compounds_and_gender_and_case_forms(self, written: str, expected: int) -> None:
        assert words_to_number(written, language="ar") == Decimal(expected)

    @pytest.mark.parametrize(("written", "expected"), [("وعشرون", 20), ("بثلاثة", 3), ("لخمسين", 50)])
    def test_reads_a_word_behind_a_proclitic_and_leaves_the_proclitic_outside_the_token(
        self, written: str, expected: int
    ) -> None:
        (token,) = find_numbers(fold(written), language="ar")
        assert (token.value, token.start) == (Decimal(expected), 1)

    @pytest.mark.parametrize(
        "text",
        [
            "الأحد",  # Sunday
            "يوم الاثنين",  # Monday
            "الثلاثاء",  # Tuesday
            "الأربعاء",  # Wednesday
            "الخميس",  # Thursday
            "الثاني",  # second
            "كانون الثاني",  # January
            "الأول",  # first
            "أحد الأسواق",  # one of the markets
            "مرة",
            "آلاف",  # alone it is vague, not a figure
            "ملايين",
            "لست أدري",  # "I do not know", not "for six"
        ],
    )
    def test_does_not_read_false_friends(self, text: str) -> None:
        assert values(text, "ar") == []

    def test_reads_persian_only_words_as_nothing_in_arabic_text(self) -> None:
        assert values("سي إن إن", "ar") == []
        assert values("صد الهجوم", "ar") == []


class TestPersianWords:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("سه", 3),
            ("سی", 30),
            ("چهار", 4),
            ("صد و بیست", 120),
            ("بیست و پنج", 25),
            ("یکصد و بیست", 120),
            ("دویست", 200),
            ("هزار", 1000),
            ("سه هزار و پانصد", 3500),
            ("میلیون", 1_000_000),
            ("دو میلیون", 2_000_000),
            ("میلیارد", 1_000_000_000),
            ("یازده", 11),
            ("ده", 10),
        ],
    )
    def test_reads_cardinals_and_compounds_joined_by_va(self, written: str, expected: int) -> None:
        assert words_to_number(written, language="fa") == Decimal(expected)

    @pytest.mark.parametrize("text", ["سه شنبه", "سه‌شنبه", "یکشنبه", "دوشنبه", "سی‌ان‌ان", "بی‌بی‌سی"])
    def test_does_not_read_weekdays_or_words_joined_by_zwnj(self, text: str) -> None:
        assert values(text, "fa") == []

    @pytest.mark.parametrize("word", ["یک", "نه", "ده"])
    def test_marks_words_that_are_usually_not_figures_as_weak(self, word: str) -> None:
        (token,) = find_numbers(fold(word), language="fa")
        assert token.weak

    @pytest.mark.parametrize("phrase", ["یک میلیون", "بیست و یک", "نه هزار"])
    def test_a_weak_word_inside_a_compound_is_not_weak(self, phrase: str) -> None:
        (token,) = find_numbers(fold(phrase), language="fa")
        assert not token.weak


class TestEnglishWords:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("two", 2),
            ("thirty", 30),
            ("twenty-five", 25),
            ("twenty five", 25),
            ("three hundred and twenty", 320),
            ("two hundred thousand", 200_000),
            ("one million", 1_000_000),
            ("eleven", 11),
        ],
    )
    def test_reads_cardinals_and_compounds(self, written: str, expected: int) -> None:
        assert words_to_number(written, language="en") == Decimal(expected)

    def test_reads_english_words_in_english_only(self) -> None:
        assert values("thirty", "ar") == []
        assert values("thirty", "fa") == []
        assert values("ثلاثين", "en") == []


class TestCleanDecimal:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [("178300000.0", "178300000"), ("27.00", "27"), ("12.50", "12.5"), ("1E+3", "1000")],
    )
    def test_keeps_the_value_and_drops_the_noise(self, raw: str, clean: str) -> None:
        result = clean_decimal(Decimal(raw))
        assert result == Decimal(clean)
        assert str(result) == clean


class TestCompoundWahid:
    """`واحد` / `واحدة` is a figure only inside a compound it is joined to by `و`."""

    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("ثلاثة آلاف و خمس مئة و واحد", "3501"),
            ("أربعمائة و واحد و ثلاثون", "431"),
            ("واحد وعشرون", "21"),
            ("مئة وواحد", "101"),
            ("ألف وواحدة", "1001"),
        ],
    )
    def test_inside_a_compound(self, written: str, expected: str) -> None:
        assert words_to_number(written, language="ar") == Decimal(expected)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("واحد", []),
            ("في آن واحد", []),
            ("رجل واحد وثلاثة أطفال", ["3"]),
            ("مليون واحد", ["1000000"]),
            ("واحد مليون", ["1000000"]),
            ("أحد عشر", ["11"]),
        ],
    )
    def test_alone_it_is_not_a_figure(self, text: str, expected: list[str]) -> None:
        found = find_numbers(fold(text), language="ar")

        assert [t.value for t in found if not t.after_noun] == [Decimal(v) for v in expected]
        assert all(t.weak for t in found if t.after_noun)  # it may still count the noun before it


class TestNegatives:
    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("سالب ثمانية آلاف و ثلاثمائة و أربعة و عشرون", "ar", ["-8324"]),
            ("سالب اثنان و عشرون", "ar", ["-22"]),
            ("سالب واحد", "ar", ["-1"]),
            ("منفی دویست و سه", "fa", ["-203"]),
            ("منفی ۳ هزار", "fa", ["-3000"]),
            ("minus 40", "en", ["-40"]),
            ("-5", "en", ["-5"]),
            ("it fell to -5 degrees", "en", ["-5"]),
            ("عندما تكون <-٣٠", "ar", ["-30"]),
        ],
    )
    def test_signed(self, text: str, language: str, expected: list[str]) -> None:
        assert values(text, language) == [Decimal(v) for v in expected]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("50-60", ["50", "60"]),
            ("5 - 10", ["5", "10"]),
            ("COVID-19", []),
            ("twenty-five", ["25"]),
        ],
    )
    def test_hyphens_are_not_signs(self, text: str, expected: list[str]) -> None:
        assert values(text, "en") == [Decimal(v) for v in expected]


class TestFiguresAcrossScales:
    """Parts of one figure written across scale words: `12 مليون 345 ألف و678` is 12,345,678."""

    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("صوّت 12 مليون 345 ألف و678 ناخبا", "ar", ["12345678"]),
            ("بلغ عدد المصابين 15 ألفا و320 شخصا", "ar", ["15320"]),
            ("نحو ثلاثة آلاف و574 مصابا", "ar", ["3574"]),
            ("بودجه ۳ میلیون و ۴۵۰ هزار دلار است", "fa", ["3450000"]),
            ("حدود یک هزار و 624 نفر", "fa", ["1624"]),
            ("یک میلیارد و ۶۰۰ میلیون دالر", "fa", ["1600000000"]),
            ("2 million 300 thousand people", "en", ["2300000"]),
        ],
    )
    def test_the_parts_join_into_one_figure(self, text: str, language: str, expected: list[str]) -> None:
        assert values(text, language) == [Decimal(v) for v in expected]

    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("3 ملايين و5 ملايين", "ar", ["3000000", "5000000"]),  # the second is no smaller part
            ("عام 2019 و300 جريح", "ar", ["2019", "300"]),  # no scale before the second figure
            ("12 مليون، 345", "ar", ["12000000", "345"]),  # a comma separates figures
        ],
    )
    def test_figures_that_are_not_parts_stay_apart(self, text: str, language: str, expected: list[str]) -> None:
        assert values(text, language) == [Decimal(v) for v in expected]

    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("۳۸ هزار میلیارد تومان", "fa", "38000000000000"),
            ("پنج هزار میلیارد ریال", "fa", "5000000000000"),
            ("۳۱.۷ هزار میلیارد", "fa", "31700000000000"),
            ("ألف مليار دولار", "ar", "1000000000000"),
        ],
    )
    def test_a_larger_scale_right_after_a_scale_multiplies_it(self, text: str, language: str, expected: str) -> None:
        assert values(text, language)[0] == Decimal(expected)


class TestHowEachLanguageWritesFigures:
    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("بلغ التضخم 2,5 في المئة", "ar", ["2.5"]),  # a comma before one or two digits
            ("حصل على 30،20 في المئة", "ar", ["30.2"]),
            ("نما الاقتصاد 5ر2 في المئة", "ar", ["2.5"]),  # the Saudi mark, digits in reverse
            ("بلغ 8ر1 مليون", "ar", ["1800000"]),
            ("أصيب 12.400 شخص", "ar", ["12400"]),  # dots group thousands
            ("بمبلغ (320.000.000.000) ريال", "ar", ["320000000000"]),
            ("نحو 12.300 ألف", "ar", ["12300"]),  # before a scale word a single dot is a decimal point
            ("2,500 دولار", "ar", ["2500"]),  # three digits after a comma: a group
            ("an inflation of 2,5", "en", []),  # English writes no decimal comma
            ("کسری ۳,۸ میلیارد دلاری", "fa", ["3800000000"]),  # Persian pages: a comma before a scale word
            ("تورم به ۴۱،۷ درصد رسید", "fa", ["41.7"]),  # an Arabic comma before a unit
            ("بدهی ۷/۲ میلیون دلار", "fa", ["7200000"]),  # a slash before a scale word
            ("رشد ۳/۴ درصد بود", "fa", ["3.4"]),
            ("کلاس‌های ۳،۴ و ۵", "fa", ["3", "4", "5"]),  # before no unit: a list, not 3.4
            ("جلسه ۱۸/۹ برگزار شد", "fa", []),  # a bare slash pair may be a day and month
            ("1.200 tonnes", "en", ["1.2"]),  # nor groups with dots
            ("The fund raised 3.4m euros", "en", ["3400000"]),  # glued scales
            ("loans of $1.2bn", "en", ["1200000000"]),
            ("6mn metric tons", "en", ["6000000"]),
            ("a 5 m wall", "en", ["5"]),  # spaced, `m` may be metres
        ],
    )
    def test_decimal_marks_groups_and_glued_scales(self, text: str, language: str, expected: list[str]) -> None:
        assert values(text, language) == [Decimal(v) for v in expected]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("أعلنت الشرطة مقتل87 شخصا", ["87"]),  # copy that dropped a space
            ("قفز من212.4 مليار ريال", ["212400000000"]),
            ("خلال الـ11 شهرا الماضية", ["11"]),
            ("وسجلت و2310 مصابين", ["2310"]),
            ("مساحة 40 كلم2", ["40"]),  # word and digits together are a unit
        ],
    )
    def test_digits_glued_to_an_arabic_word(self, text: str, expected: list[str]) -> None:
        assert values(text, "ar") == [Decimal(v) for v in expected]

    def test_digits_glued_to_a_persian_word_are_not_a_figure(self) -> None:
        assert values("مدل۲۰", "fa") == []


class TestFractionsAndDecimalWords:
    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("ثلث السكان", "ar", ["0.333333"]),
            ("ربع المنازل", "ar", ["0.25"]),
            ("ثلثي الأراضي", "ar", ["0.666667"]),
            ("نصف مليون نازح", "ar", ["500000"]),  # a fraction of a scale
            ("عشرة ونصف", "ar", ["10.5"]),
            ("ثلاثة فاصلة خمسة في المئة", "ar", ["3.5"]),
            ("دو سوم مردم", "fa", ["0.666667"]),
            ("یک سوم کشور", "fa", ["0.333333"]),
            ("دوازده و نیم", "fa", ["12.5"]),
            ("یک ممیز پنج درصد", "fa", ["1.5"]),
            ("نیم میلیون نفر", "fa", ["500000"]),
            ("two thirds of voters", "en", ["0.666667"]),
            ("two and a half", "en", ["2.5"]),
            ("one point five percent", "en", ["1.5"]),
        ],
    )
    def test_fractions_and_decimals_in_words(self, text: str, language: str, expected: list[str]) -> None:
        assert values(text, language) == [Decimal(v) for v in expected]

    def test_the_first_half_is_no_fraction_in_english(self) -> None:
        assert values("in the first half of the year", "en") == []


class TestMoreWords:
    @pytest.mark.parametrize(
        ("written", "language", "expected"),
        [
            ("تريليون", "ar", 10**12),
            ("ثلاثة تريليونات", "ar", 3 * 10**12),
            ("المليونين", "ar", 2_000_000),
            ("دوصد و پنجاه و سه", "fa", 253),
            ("پنجصد", "fa", 500),
            ("شش‌صد", "fa", 600),
            ("ششصد", "fa", 600),
            ("چار هزار", "fa", 4000),
            ("two trillion", "en", 2 * 10**12),
        ],
    )
    def test_scales_duals_and_dari_spellings(self, written: str, language: str, expected: int) -> None:
        assert words_to_number(written, language=language) == Decimal(expected)


class TestPhenomenaFromRealNews:
    """Ways real pages write figures, each in a sentence written for the test."""

    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("the camps now hold half a million people", "en", ["500000"]),
            ("a quarter of a million tonnes of wheat", "en", ["250000"]),
            ("nearly three quarters of a million voters", "en", ["750000"]),
            ("قیمت هر لیتر ۶۵ اعشاریه ۵ افغانی است", "fa", ["65.5"]),  # Dari's decimal word
            ("یکهزار خانواده کمک دریافت کردند", "fa", ["1000"]),  # one thousand as one word
            ("یکهزار و ۲۵۰ نفر بازگشتند", "fa", ["1250"]),
        ],
    )
    def test_values(self, text: str, language: str, expected: list[str]) -> None:
        assert values(text, language) == [Decimal(v) for v in expected]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("a 6.8-magnitude earthquake", ["6.8"]), ("COVID-19 spread", [])],
    )
    def test_a_measure_word_after_a_hyphen_leaves_the_figure(self, text: str, expected: list[str]) -> None:
        assert values(text, "en") == [Decimal(v) for v in expected]


class TestSouthAsianEnglish:
    """Lakh and crore, digits grouped in twos, and the rupee's `Rs` written before the figure."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("the state spent Rs 2.4 lakh crore on roads", ["2400000000000"]),
            ("nearly 12 lakh farmers applied", ["1200000"]),
            ("a grant of Rs 450 crore", ["4500000000"]),
            ("receipts of Rs 2,34,567.80 crore", ["2345678000000"]),
            ("wheat sold at Rs2,150 a quintal", ["2150"]),
            ("a fine of Rs.5,000", ["5000"]),
            ("the 10,000 acres", ["10000"]),  # western grouping is unchanged
        ],
    )
    def test_values(self, text: str, expected: list[str]) -> None:
        assert values(text, "en") == [Decimal(v) for v in expected]

    @pytest.mark.parametrize("text", ["hrs500 shifts", "the G20 summit", "mrs2 form"])
    def test_a_code_inside_a_word_glues_nothing(self, text: str) -> None:
        assert values(text, "en") == []
