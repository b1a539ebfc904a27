"""Quantity and identifier mentions: hedges, scales, vague words, duals, units (pure, no database)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from corpus.domain.text import normalize
from corpus.extraction.extraction import blocked_spans
from corpus.extraction.mentions import IdentifierValue, Kind, Mention, Modifier, QuantityValue
from corpus.extraction.quantities import find_quantities, interval

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_LANGUAGE = {"001": "fa"}  # the others are Arabic


def quantities(text: str, language: str = "ar", blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    return find_quantities(normalize(text), language=language, blocked=blocked or [])


def mention_at(text: str, quote: str, language: str = "ar") -> Mention:
    """The one mention whose quote is `quote`; fails listing what was found otherwise."""
    found = quantities(text, language)
    matching = [m for m in found if m.text == quote]
    assert len(matching) == 1, [m.text for m in found]
    return matching[0]


def dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# (text, language, quote, rule, modifier, nominal, lower, upper, lower_open, upper_open, unit, noun)
SEED_PHRASES = [
    (
        "في نحو ثلاثين بلداً من البلدان الأعضاء",
        "ar",
        "نحو ثلاثين بلداً",
        "hedge.about",
        Modifier.ABOUT,
        "30",
        "27",
        "33",
        False,
        False,
        "country",
        "بلداً",
    ),
    (
        "إضافة إلى ثلاثة بلدان مدعوة وهي سريلانكا",
        "ar",
        "ثلاثة بلدان",
        "hedge.exact",
        Modifier.EXACT,
        "3",
        "3",
        "3",
        False,
        False,
        "country",
        "بلدان",
    ),
    (
        "على أراض تفوق مساحتها 110 آلاف كيلومتر مربع بين سورية والعراق",
        "ar",
        "تفوق مساحتها 110 آلاف كيلومتر مربع",
        "hedge.more_than",
        Modifier.MORE_THAN,
        "110000",
        "110000",
        None,
        True,
        False,
        "km2",
        "كيلومتر مربع",
    ),
    (
        "ويضم اليوم 80 بلداً ومنظمة دولية",
        "ar",
        "80 بلداً",
        "hedge.exact",
        Modifier.EXACT,
        "80",
        "80",
        "80",
        False,
        False,
        "country",
        "بلداً",
    ),
    (
        "بعد أكثر من أربعة أعوام من الجهود المشتركة",
        "ar",
        "أكثر من أربعة أعوام",
        "hedge.more_than",
        Modifier.MORE_THAN,
        "4",
        "4",
        None,
        True,
        False,
        "year",
        "أعوام",
    ),
    (
        "وزارت های امور خارجه دستکم سی کشور عضو ائتلاف",
        "fa",
        "دستکم سی کشور",
        "hedge.at_least",
        Modifier.AT_LEAST,
        "30",
        "30",
        None,
        False,
        False,
        "country",
        "کشور",
    ),
    (
        "و از سه کشور مهمان (سریلانکا، بورکینا فاسو و مالی)",
        "fa",
        "سه کشور",
        "hedge.exact",
        Modifier.EXACT,
        "3",
        "3",
        "3",
        False,
        False,
        "country",
        "کشور",
    ),
    (
        "بر سرزمینی به مساحت ۰۰۰ ۱۱۰ کلیومترمربع میان کشورهای عراق و سوریه",
        "fa",
        "۰۰۰ ۱۱۰ کلیومترمربع",
        "hedge.exact",
        Modifier.EXACT,
        "110000",
        "110000",
        "110000",
        False,
        False,
        "km2",
        "کلیومترمربع",
    ),
    (
        "اکنون ائتلاف مذکور ۸۰ کشور جهان و سازمان های بین المللی را گردهم آورده است",
        "fa",
        "۸۰ کشور",
        "hedge.exact",
        Modifier.EXACT,
        "80",
        "80",
        "80",
        False,
        False,
        "country",
        "کشور",
    ),
    (
        "در شرق میانه بعد از بیش از چهار سال بذل تلاش های مشترک",
        "fa",
        "بیش از چهار سال",
        "hedge.more_than",
        Modifier.MORE_THAN,
        "4",
        "4",
        None,
        True,
        False,
        "year",
        "سال",
    ),
    (
        "قد تعهّدوا حتى الآن بأكثر من 600 مليون دولار من أصل هدفهم",
        "ar",
        "أكثر من 600 مليون دولار",
        "hedge.more_than",
        Modifier.MORE_THAN,
        "600000000",
        "600000000",
        None,
        True,
        False,
        "USD",
        "دولار",
    ),
    (
        "من أصل هدفهم في تأمين 670 مليون دولار للعام 2021.",
        "ar",
        "670 مليون دولار",
        "hedge.exact",
        Modifier.EXACT,
        "670000000",
        "670000000",
        "670000000",
        False,
        False,
        "USD",
        "دولار",
    ),
    (
        "استمرار احتجاز الآلاف من مقاتلي داعش في شمال شرق سوريا",
        "ar",
        "الآلاف من مقاتلي",
        "vague.thousands",
        Modifier.VAGUE,
        "2000",
        "2000",
        "9999",
        False,
        False,
        "person",
        "مقاتلي",
    ),
    (
        "وأن ما يقرب من ثمانية ملايين شخص تحرروا من سيطرته",
        "ar",
        "ما يقرب من ثمانية ملايين شخص",
        "hedge.nearly",
        Modifier.NEARLY,
        "8000000",
        "7200000",
        "8000000",
        False,
        False,
        "person",
        "شخص",
    ),
    (
        "وقتل عشرات المدنيين في الأيام الأخيرة جراء الهجوم",
        "ar",
        "عشرات المدنيين",
        "vague.tens",
        Modifier.VAGUE,
        "20",
        "20",
        "99",
        False,
        False,
        "person",
        "المدنيين",
    ),
    (
        "فيما يستمر نزوح الآلاف من المنطقة",
        "ar",
        "الآلاف",
        "vague.thousands",
        Modifier.VAGUE,
        "2000",
        "2000",
        "9999",
        False,
        False,
        None,
        None,
    ),
    (
        "وانطلاقا من كونها الدولة المضيفة لمركزي هداية وصواب، تعلن",
        "ar",
        "مركزي",
        "dual",
        Modifier.EXACT,
        "2",
        "2",
        "2",
        False,
        False,
        "center",
        "مركزي",
    ),
    (
        "في العراق وسوريا والتي بلغت قيمتها 178.3 مليون دولار.",
        "ar",
        "178.3 مليون دولار",
        "hedge.exact",
        Modifier.EXACT,
        "178300000",
        "178300000",
        "178300000",
        False,
        False,
        "USD",
        "دولار",
    ),
    (
        "الذي قتل فيه أكثر من 55 من قوات الأمن.",
        "ar",
        "أكثر من 55 من قوات الأمن",
        "hedge.more_than",
        Modifier.MORE_THAN,
        "55",
        "55",
        None,
        True,
        False,
        "person",
        "قوات الأمن",
    ),
]


class TestSeedPhrases:
    @pytest.mark.parametrize(
        (
            "text",
            "language",
            "quote",
            "rule",
            "modifier",
            "nominal",
            "lower",
            "upper",
            "lower_open",
            "upper_open",
            "unit",
            "noun",
        ),
        SEED_PHRASES,
    )
    def test_reads_each_seed_figure_with_its_hedge_unit_and_interval(
        self,
        text: str,
        language: str,
        quote: str,
        rule: str,
        modifier: Modifier,
        nominal: str,
        lower: str | None,
        upper: str | None,
        lower_open: bool,
        upper_open: bool,
        unit: str | None,
        noun: str | None,
    ) -> None:
        m = mention_at(text, quote, language)
        assert (m.kind, m.rule, m.modifier) == (Kind.QUANTITY, rule, modifier)
        assert m.value == QuantityValue(dec(nominal), dec(lower), dec(upper), lower_open, upper_open, unit, noun)
        assert text[m.start : m.end] == quote

    @pytest.mark.parametrize(
        ("text", "quote"),
        [
            ("وفقا لقرار مجلس الأمن رقم 2254.", "قرار مجلس الأمن رقم 2254"),
            (
                "تماشيًا مع قرار مجلس الأمن التابع للأمم المتحدة رقم (2254)”.",
                "قرار مجلس الأمن التابع للأمم المتحدة رقم (2254)",
            ),
            ("بموجب ثوابت قرار مجلس الأمن رقم “2254”.", "قرار مجلس الأمن رقم “2254”"),
        ],
    )
    def test_reads_the_security_council_resolution_as_an_identifier(self, text: str, quote: str) -> None:
        (m,) = quantities(text)
        assert (m.text, m.kind, m.modifier, m.rule) == (quote, Kind.IDENTIFIER, Modifier.EXACT, "identifier")
        assert m.value == IdentifierValue(nominal="2254", scheme="un_security_council_resolution")

    def test_reads_two_amounts_in_the_pledge_sentence(self) -> None:
        text = "بأكثر من 600 مليون دولار من أصل هدفهم في تأمين 670 مليون دولار"
        first, second = quantities(text)
        assert (first.modifier, first.value.nominal, first.value.unit) == (
            Modifier.MORE_THAN,
            Decimal(600_000_000),
            "USD",
        )
        assert (second.modifier, second.value.nominal, second.value.unit) == (
            Modifier.EXACT,
            Decimal(670_000_000),
            "USD",
        )


class TestHedges:
    @pytest.mark.parametrize(
        ("text", "language", "rule", "nominal"),
        [
            ("أكثر من 50 شخصاً", "ar", "hedge.more_than", "50"),
            ("ما يزيد عن 50 شخصاً", "ar", "hedge.more_than", "50"),
            ("ما يزيد على 50 شخصاً", "ar", "hedge.more_than", "50"),
            ("تفوق 50", "ar", "hedge.more_than", "50"),
            ("يتجاوز عددهم 500", "ar", "hedge.more_than", "500"),
            ("نحو 50 شخصاً", "ar", "hedge.about", "50"),
            ("حوالي 50 شخصاً", "ar", "hedge.about", "50"),
            ("قرابة 50 شخصاً", "ar", "hedge.about", "50"),
            ("زهاء 50 شخصاً", "ar", "hedge.about", "50"),
            ("ما يقرب من 50 شخصاً", "ar", "hedge.nearly", "50"),
            ("على الأقل 20 قتيلا", "ar", "hedge.at_least", "20"),
            ("20 قتيلاً على الأقل", "ar", "hedge.at_least", "20"),
            ("ما لا يقل عن 20 قتيلا", "ar", "hedge.at_least", "20"),
            ("أقل من 10 أشخاص", "ar", "hedge.less_than", "10"),
            ("حتى 50 شخصاً", "ar", "hedge.at_most", "50"),
            ("دستکم ۱۰ نفر", "fa", "hedge.at_least", "10"),
            ("حداقل ۱۰ نفر", "fa", "hedge.at_least", "10"),
            ("بیش از ۲۰ کشور", "fa", "hedge.more_than", "20"),
            ("بیشتر از ۲۰ کشور", "fa", "hedge.more_than", "20"),
            ("حدود ۱۵ هزار نفر", "fa", "hedge.about", "15000"),
            ("تقریباً ۳۰ کشور", "fa", "hedge.about", "30"),
            ("more than 30 countries", "en", "hedge.more_than", "30"),
            ("over 30 countries", "en", "hedge.more_than", "30"),
            ("about 30 countries", "en", "hedge.about", "30"),
            ("around 30 countries", "en", "hedge.about", "30"),
            ("nearly 8 million people", "en", "hedge.nearly", "8000000"),
            ("almost 8 million people", "en", "hedge.nearly", "8000000"),
            ("at least 30 countries", "en", "hedge.at_least", "30"),
            ("up to 50 people", "en", "hedge.at_most", "50"),
            ("less than 10 percent", "en", "hedge.less_than", "10"),
        ],
    )
    def test_turns_each_hedge_into_its_policy_rule(self, text: str, language: str, rule: str, nominal: str) -> None:
        (m,) = quantities(text, language)
        assert (m.text, m.rule, m.value.nominal) == (text, rule, Decimal(nominal))

    @pytest.mark.parametrize(
        ("rule", "lower", "upper", "lower_open", "upper_open"),
        [
            ("hedge.about", "45", "55", False, False),
            ("hedge.nearly", "45", "50", False, False),
            ("hedge.more_than", "50", None, True, False),
            ("hedge.at_least", "50", None, False, False),
            ("hedge.at_most", None, "50", False, False),
            ("hedge.less_than", None, "50", False, True),
            ("hedge.exact", "50", "50", False, False),
        ],
    )
    def test_gives_each_rule_the_interval_the_policy_describes(
        self, rule: str, lower: str | None, upper: str | None, lower_open: bool, upper_open: bool
    ) -> None:
        _, lo, hi, lo_open, hi_open = interval(rule, Decimal(50))
        assert (lo, hi, lo_open, hi_open) == (dec(lower), dec(upper), lower_open, upper_open)

    def test_leaves_a_proclitic_on_the_hedge_outside_the_quote(self) -> None:
        (m,) = quantities("تعهدوا بأكثر من 600 مليون دولار")
        assert m.text == "أكثر من 600 مليون دولار"

    def test_does_not_reach_a_verb_more_than_two_words_away(self) -> None:
        (m,) = quantities("تفوق مساحة الأراضي المحررة اليوم 110 آلاف كيلومتر مربع")
        assert (m.rule, m.text) == ("hedge.exact", "110 آلاف كيلومتر مربع")

    def test_reads_a_hedge_word_not_followed_by_a_figure_as_nothing(self) -> None:
        assert quantities("السبيل نحو تحقيق المزيد من التسامح") == []


class TestVagueAmounts:
    @pytest.mark.parametrize(
        ("text", "language", "rule", "lower", "upper"),
        [
            ("عشرات", "ar", "vague.tens", "20", "99"),
            ("مئات", "ar", "vague.hundreds", "200", "999"),
            ("آلاف", "ar", "vague.thousands", "2000", "9999"),
            ("الآلاف", "ar", "vague.thousands", "2000", "9999"),
            ("عشرات الآلاف", "ar", "vague.tens_of_thousands", "20000", "99999"),
            ("مئات الآلاف", "ar", "vague.hundreds_of_thousands", "200000", "999999"),
            ("ملايين", "ar", "vague.millions", "2000000", "9999999"),
            ("ده‌ها", "fa", "vague.tens", "20", "99"),
            ("دهها", "fa", "vague.tens", "20", "99"),
            ("صدها", "fa", "vague.hundreds", "200", "999"),
            ("هزاران", "fa", "vague.thousands", "2000", "9999"),
            ("dozens", "en", "vague.tens", "20", "99"),
            ("hundreds", "en", "vague.hundreds", "200", "999"),
            ("thousands", "en", "vague.thousands", "2000", "9999"),
            ("tens of thousands", "en", "vague.tens_of_thousands", "20000", "99999"),
        ],
    )
    def test_reads_vague_words_with_policy_bounds(
        self, text: str, language: str, rule: str, lower: str, upper: str
    ) -> None:
        (m,) = quantities(text, language)
        assert (m.text, m.modifier, m.rule) == (text, Modifier.VAGUE, rule)
        assert (m.value.lower, m.value.upper) == (Decimal(lower), Decimal(upper))

    @pytest.mark.parametrize(
        ("text", "language", "quote", "unit"),
        [
            ("عشرات المدنيين", "ar", "عشرات المدنيين", "person"),
            ("عشرات الآلاف من النازحين", "ar", "عشرات الآلاف من النازحين", "person"),
            ("ده‌ها نفر", "fa", "ده‌ها نفر", "person"),
            ("dozens of civilians", "en", "dozens of civilians", "person"),
        ],
    )
    def test_takes_the_noun_that_follows_the_vague_word(self, text: str, language: str, quote: str, unit: str) -> None:
        (m,) = quantities(text, language)
        assert (m.text, m.value.unit) == (quote, unit)

    @pytest.mark.parametrize(("text", "nominal"), [("110 آلاف", "110000"), ("ثلاثة آلاف", "3000")])
    def test_reads_a_plural_scale_after_a_figure_as_a_scale_not_a_vague_word(self, text: str, nominal: str) -> None:
        (m,) = quantities(text)
        assert (m.rule, m.value.nominal) == ("hedge.exact", Decimal(nominal))


class TestDual:
    @pytest.mark.parametrize(
        ("text", "quote", "unit"),
        [
            ("افتتاح مركزين جديدين", "مركزين", "center"),
            ("الدولة المضيفة لمركزي هداية وصواب", "مركزي", "center"),
            ("وقع الاتفاق بلدين من المنطقة", "بلدين", "country"),
            ("خلال عامين", "عامين", "year"),
            ("خلال الشهرين الماضيين", "الشهرين", "month"),  # with the article, a span of time still counts
            ("بعد شهرين", "شهرين", "month"),
        ],
    )
    def test_reads_a_curated_dual_noun_as_two(self, text: str, quote: str, unit: str) -> None:
        (m,) = quantities(text)
        assert (m.text, m.rule, m.modifier, m.value.nominal, m.value.unit) == (
            quote,
            "dual",
            Modifier.EXACT,
            Decimal(2),
            unit,
        )

    @pytest.mark.parametrize("text", ["البنك المركزي", "مركزي", "الفنانين", "المدنيين", "التحالف الدولي"])
    def test_does_not_guess_duals_from_endings(self, text: str) -> None:
        assert quantities(text) == []

    @pytest.mark.parametrize("text", ["لحماية استقرار البلدين", "وزيرا خارجية الدولتين", "بين المنظمتين"])
    def test_a_dual_with_the_article_points_back_and_counts_nothing(self, text: str) -> None:
        # "the two countries" names things already counted; a fact-checker records no figure.
        assert quantities(text) == []

    def test_a_hedge_applies_to_a_dual(self) -> None:
        (m,) = quantities("أكثر من عامين")
        assert (m.rule, m.value.nominal, m.value.lower_open) == ("hedge.more_than", Decimal(2), True)

    def test_reads_a_dual_scale_word_as_two_thousand(self) -> None:
        (m,) = quantities("ألفين شخص")
        assert (m.rule, m.value.nominal, m.value.unit) == ("dual", Decimal(2000), "person")


class TestRanges:
    @pytest.mark.parametrize(
        ("text", "language", "lower", "upper"),
        [
            ("بين 50 و60 شخصا", "ar", "50", "60"),
            ("ما بين 50 و 60 شخصا", "ar", "50", "60"),
            ("من 50 إلى 60 شخصا", "ar", "50", "60"),
            ("از ۵۰ تا ۶۰ نفر", "fa", "50", "60"),
            ("between 50 and 60 people", "en", "50", "60"),
            ("50-60 people", "en", "50", "60"),
            ("بين 50 و60 مليون دولار", "ar", "50000000", "60000000"),
        ],
    )
    def test_reads_a_range_as_one_closed_interval(self, text: str, language: str, lower: str, upper: str) -> None:
        (m,) = quantities(text, language)
        assert (m.text, m.modifier, m.rule) == (text, Modifier.RANGE, "hedge.range")
        assert (m.value.nominal, m.value.lower, m.value.upper) == (Decimal(lower), Decimal(lower), Decimal(upper))

    @pytest.mark.parametrize("text", ["2019-2020", "08-07-2019", "12-7-30", "بين 2019 و2020"])
    def test_does_not_read_year_spans_or_dates_as_ranges(self, text: str) -> None:
        assert quantities(text) == []

    def test_does_not_pair_figures_joined_by_a_bare_and(self) -> None:
        found = quantities("قتل 50 و60 جرحوا")
        assert [m.value.nominal for m in found] == [Decimal(50), Decimal(60)]


class TestUnits:
    @pytest.mark.parametrize(
        ("text", "language", "unit", "noun"),
        [
            ("110 000 كيلومتر مربع", "ar", "km2", "كيلومتر مربع"),
            ("110,000 km²", "en", "km2", "km²"),
            ("110,000 km2", "en", "km2", "km2"),
            ("110,000 square kilometres", "en", "km2", "square kilometres"),
            ("۱۵ هزار کیلومتر مربع", "fa", "km2", "کیلومتر مربع"),
            ("600 dollars", "en", "USD", "dollars"),
            ("۵ میلیون دالر", "fa", "USD", "دالر"),
            ("5 USD", "en", "USD", "usd"),
            ("5 يورو", "ar", "EUR", "يورو"),
            ("ثلاث دول", "ar", "country", "دول"),
            ("30 countries", "en", "country", "countries"),
            ("10 أشخاص", "ar", "person", "أشخاص"),
            ("۱۰ نفر", "fa", "person", "نفر"),
            ("20 civilians", "en", "person", "civilians"),
            ("25 عضواً", "ar", "member", "عضواً"),
            ("5 سنوات", "ar", "year", "سنوات"),
            ("5 years", "en", "year", "years"),
            ("3 منظمات", "ar", "organization", "منظمات"),
            ("50%", "ar", "percent", "%"),
            ("50 في المئة", "ar", "percent", "في المئة"),
            ("۲۵ درصد", "fa", "percent", "درصد"),
        ],
    )
    def test_reads_the_unit_or_counted_noun_after_the_figure(
        self, text: str, language: str, unit: str, noun: str
    ) -> None:
        (m,) = quantities(text, language)
        assert (m.text, m.value.unit) == (text, unit)
        assert m.value.noun is not None
        assert m.value.noun.lower() == noun

    @pytest.mark.parametrize(
        ("text", "quote", "unit", "nominal"),
        [
            ("more than $600 million", "more than $600 million", "USD", "600000000"),
            ("$5 billion", "$5 billion", "USD", "5000000000"),
            ("€5", "€5", "EUR", "5"),
        ],
    )
    def test_reads_a_currency_sign_before_the_figure(self, text: str, quote: str, unit: str, nominal: str) -> None:
        (m,) = quantities(text, "en")
        assert (m.text, m.value.unit, m.value.nominal) == (quote, unit, Decimal(nominal))

    def test_takes_the_first_noun_of_a_coordination(self) -> None:
        (m,) = quantities("ويضم اليوم 80 بلداً ومنظمة دولية")
        assert (m.value.unit, m.value.noun) == ("country", "بلداً")

    def test_keeps_the_tanween_of_the_noun_inside_the_quote(self) -> None:
        (m,) = quantities("في نحو ثلاثين بلداً من")
        assert m.text.endswith("بلداً")

    def test_reports_a_figure_without_a_known_noun_with_no_unit(self) -> None:
        (m,) = quantities("عقوبات على أربعة مستوطنين")
        assert (m.text, m.value.unit, m.value.noun) == ("أربعة", None, None)


class TestIdentifiers:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "nominal", "scheme"),
        [
            ("قرار مجلس الأمن رقم 2254", "ar", "قرار مجلس الأمن رقم 2254", "2254", "un_security_council_resolution"),
            ("رقم (2254)", "ar", "رقم (2254)", "2254", "number"),
            ("رقم “2254”", "ar", "رقم “2254”", "2254", "number"),
            ("القرار 2254", "ar", "القرار 2254", "2254", "number"),
            ("resolution 2254", "en", "resolution 2254", "2254", "number"),
            (
                "Security Council resolution 2254",
                "en",
                "Security Council resolution 2254",
                "2254",
                "un_security_council_resolution",
            ),
            ("قطعنامه ۲۲۵۴ شورای امنیت", "fa", "قطعنامه ۲۲۵۴", "2254", "number"),
            ("المادة 5 من الدستور", "ar", "المادة 5", "5", "article"),
            ("ماده ۵ قانون", "fa", "ماده ۵", "5", "article"),
            ("article 5 of the treaty", "en", "article 5", "5", "article"),
        ],
    )
    def test_reads_numbers_that_name_things_as_identifiers(
        self, text: str, language: str, quote: str, nominal: str, scheme: str
    ) -> None:
        (m,) = quantities(text, language)
        assert (m.text, m.kind, m.modifier, m.rule) == (quote, Kind.IDENTIFIER, Modifier.EXACT, "identifier")
        assert m.value == IdentifierValue(nominal=nominal, scheme=scheme)

    def test_does_not_take_the_security_council_from_a_previous_sentence(self) -> None:
        (m,) = quantities("اجتمع مجلس الأمن أمس. وصدر القرار رقم 12")
        assert m.value == IdentifierValue(nominal="12", scheme="number")


class TestNotQuantities:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("بروز سه شنبه", "fa"),
            ("يوم الأحد", "ar"),
            ("الثاني", "ar"),
            ("في كانون الثاني الماضي", "ar"),
            ("أول اجتماع رفيع المستوى", "ar"),
            ("الأولوية الأولى للتحالف", "ar"),
            ("the first meeting", "en"),
            ("WTV_Frequency", "ar"),
            ("COVID-19", "en"),
            ("G20 summit", "en"),
            ("محض یک مرحله ای است", "fa"),
            ("یک شبکهء مجاری منطقوی", "fa"),
            ("أحد الأسواق الشعبية", "ar"),
            ("مرة أخرى", "ar"),
            ("سي إن إن", "ar"),
            ("سی‌ان‌ان", "fa"),
            ("في صيف عام 2014", "ar"),
            ("منذ 2019", "ar"),
            ("سال ۱۳۹۳ هجری شمسی", "fa"),
            ("الجمعة 29 مارس 2024", "ar"),
            ("الأربعاء 11 من أيار", "ar"),
            ("(۴ سرطان ۱۳۹۸)", "fa"),
            ("في 26 آب/أغسطس", "ar"),
            ("تاریخ نشر 08/07/2019", "fa"),
            ("اتصل على 0791234567", "ar"),
            ("لست أدري", "ar"),
        ],
    )
    def test_reports_nothing(self, text: str, language: str) -> None:
        assert quantities(text, language) == []

    def test_reports_a_year_shaped_number_with_a_counted_noun(self) -> None:
        (m,) = quantities("2000 شخص")
        assert (m.value.nominal, m.value.unit) == (Decimal(2000), "person")

    def test_reports_a_year_shaped_number_written_with_a_group_separator(self) -> None:
        (m,) = quantities("2,000")
        assert m.value.nominal == Decimal(2000)


class TestBlocked:
    def test_reports_nothing_in_a_blocked_time_of_day(self) -> None:
        norm = normalize("الأربعاء 26 يونيو 2019, 05:49 مساء")
        time = norm.text.index("05:49")
        assert find_quantities(norm, language="ar", blocked=[(time, time + 5)]) == []

    def test_reports_nothing_inside_a_blocked_date_span(self) -> None:
        text = "في 23 قتيلا 2019 قتل 5 أشخاص"
        norm = normalize(text)
        date_start = norm.text.index("23")
        (m,) = find_quantities(norm, language="ar", blocked=[(date_start, date_start + 14)])
        assert m.text == "5 أشخاص"

    def test_drops_a_hedge_that_lies_in_a_blocked_span_but_keeps_the_figure(self) -> None:
        norm = normalize("أكثر من 50 شخصا")
        (m,) = find_quantities(norm, language="ar", blocked=[(0, 4)])
        assert (m.text, m.rule) == ("50 شخصا", "hedge.exact")


def _seed_cases() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per seed: (quote, rule, nominal) that must be found in the whole file."""
    return [
        (
            "000",
            [
                ("نحو ثلاثين بلداً", "hedge.about", "30"),
                ("ثلاثة بلدان", "hedge.exact", "3"),
                ("تفوق مساحتها 110 آلاف كيلومتر مربع", "hedge.more_than", "110000"),
                ("80 بلداً", "hedge.exact", "80"),
                ("أكثر من أربعة أعوام", "hedge.more_than", "4"),
            ],
        ),
        (
            "001",
            [
                ("دستکم سی کشور", "hedge.at_least", "30"),
                ("سه کشور", "hedge.exact", "3"),
                ("۰۰۰ ۱۱۰ کلیومترمربع", "hedge.exact", "110000"),
                ("۸۰ کشور", "hedge.exact", "80"),
                ("بیش از چهار سال", "hedge.more_than", "4"),
            ],
        ),
        (
            "002",
            [
                ("أكثر من 600 مليون دولار", "hedge.more_than", "600000000"),
                ("670 مليون دولار", "hedge.exact", "670000000"),
                ("الآلاف من مقاتلي", "vague.thousands", "2000"),
            ],
        ),
        (
            "003",
            [
                ("قرار مجلس الأمن التابع للأمم المتحدة رقم (2254)", "identifier", "2254"),
                ("قرار مجلس الأمن رقم “2254”", "identifier", "2254"),
            ],
        ),
        (
            "004",
            [
                ("ما يقرب من ثمانية ملايين شخص", "hedge.nearly", "8000000"),
                ("عشرات المدنيين", "vague.tens", "20"),
                ("الآلاف", "vague.thousands", "2000"),
                ("مركزي", "dual", "2"),
                ("178.3 مليون دولار", "hedge.exact", "178300000"),
                ("أكثر من 55 من قوات الأمن", "hedge.more_than", "55"),
                ("قرار مجلس الأمن رقم 2254", "identifier", "2254"),
            ],
        ),
    ]


_URL_RE = re.compile(r"https?://\S+")


class TestWholeSeeds:
    @pytest.mark.parametrize(("seed", "expected"), _seed_cases())
    def test_finds_every_seed_figure_with_exact_offsets_and_nothing_in_urls(
        self, seed: str, expected: list[tuple[str, str, str]]
    ) -> None:
        (path,) = SEEDS.glob(f"{seed}_*.txt")
        original = path.read_text(encoding="utf-8")
        norm = normalize(original)
        found = find_quantities(norm, language=SEED_LANGUAGE.get(seed, "ar"), blocked=blocked_spans(norm))

        for m in found:
            assert m.text == original[m.start : m.end]
        urls = [u.span() for u in _URL_RE.finditer(original)]
        assert not [m.text for m in found for s, e in urls if m.start < e and s < m.end]
        got = {(m.text, m.rule, str(m.value.nominal)) for m in found}
        assert set(expected) <= got

    def test_reports_no_year_and_no_date_day_in_the_seeds(self) -> None:
        for path in sorted(SEEDS.glob("*.txt")):
            norm = normalize(path.read_text(encoding="utf-8"))
            found = find_quantities(norm, language="fa" if path.name.startswith("001") else "ar", blocked=[])
            nominals = {str(m.value.nominal) for m in found if m.kind == Kind.QUANTITY}
            assert not nominals & {"2014", "2018", "2019", "2021", "2024", "1393", "1397", "1398", "26", "23"}


# (text, language, rule, nominal, lower, upper, lower_open, upper_open)
ONE_SIDED_PHRASES = [
    ("عدد السيارات أكبر من ٤٥٦٥", "ar", "hedge.more_than", "4565", "4565", None, True, False),
    ("هذا الرقم فوق ١٠٠٠", "ar", "hedge.more_than", "1000", "1000", None, True, False),
    ("الرقم المكتوب أصغر من او يساوي ١٠٠", "ar", "hedge.at_most", "100", None, "100", False, False),
    ("النتيجة الصحيحة أقل من أو يساوي ١٠٠", "ar", "hedge.at_most", "100", None, "100", False, False),
    ("طوله تحت ١٧٠.", "ar", "hedge.less_than", "170", None, "170", False, True),
    ("الرقم أصغر من ٣٠٠", "ar", "hedge.less_than", "300", None, "300", False, True),
    ("أكبر من او يساوي ثلاثة آلاف وتسع مائة و خمس وستون", "ar", "hedge.at_least", "3965", "3965", None, False, False),
    ("يساوي او اكثر من ٣٠", "ar", "hedge.at_least", "30", "30", None, False, False),
    ("عمره لا أقل من ثلاثين", "ar", "hedge.at_least", "30", "30", None, False, False),
    ("ما لا يزيد عن ٥٠ شخصاً", "ar", "hedge.at_most", "50", None, "50", False, False),
    ("المبلغ المطلوب خمس مائة او أقل", "ar", "hedge.at_most", "500", None, "500", False, False),
    ("فيه خمس مائة وأكثر منتجات", "ar", "hedge.at_least", "500", "500", None, False, False),
    ("نتيجتها أقل من ٥٠٠٠ او يساوي", "ar", "hedge.at_most", "5000", None, "5000", False, False),
    ("يساوي ٥٠٠٠ او اكثر من", "ar", "hedge.at_least", "5000", "5000", None, False, False),
    ("اكثر من ٥٠٠٠ او يساوي", "ar", "hedge.at_least", "5000", "5000", None, False, False),
    ("عندما تكون >٣٠؟", "ar", "hedge.more_than", "30", "30", None, True, False),
    ("عندما تكون >=٣٠؟", "ar", "hedge.at_least", "30", "30", None, False, False),
    ("أوجد الأرقام التي تكون <=١٠٠", "ar", "hedge.at_most", "100", None, "100", False, False),
    ("عندما تكون <-٣٠؟", "ar", "hedge.less_than", "-30", None, "-30", False, True),
    ("عندما تكون <= -٣٠؟", "ar", "hedge.at_most", "-30", None, "-30", False, False),
    ("x ≥ 5", "en", "hedge.at_least", "5", "5", None, False, False),
    ("greater than 12", "en", "hedge.more_than", "12", "12", None, True, False),
    ("10 or less", "en", "hedge.at_most", "10", None, "10", False, False),
    ("بیشتر از ۵۰", "fa", "hedge.more_than", "50", "50", None, True, False),
]


@pytest.mark.parametrize(
    ("text", "language", "rule", "nominal", "lower", "upper", "lower_open", "upper_open"), ONE_SIDED_PHRASES
)
def test_one_sided_hedges(
    text: str,
    language: str,
    rule: str,
    nominal: str,
    lower: str | None,
    upper: str | None,
    lower_open: bool,
    upper_open: bool,
) -> None:
    found = quantities(text, language)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert m.rule == rule
    assert isinstance(m.value, QuantityValue)
    assert m.value.nominal == Decimal(nominal)
    assert (m.value.lower, m.value.upper) == (dec(lower), dec(upper))
    assert (m.value.lower_open, m.value.upper_open) == (lower_open, upper_open)


def test_two_comparisons_in_one_sentence() -> None:
    found = quantities("س>١٠ و ص<٢٠")
    assert [(m.rule, m.value.nominal) for m in found] == [  # type: ignore[union-attr]
        ("hedge.more_than", Decimal(10)),
        ("hedge.less_than", Decimal(20)),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("<b>5</b> people", "en"),  # a closing markup tag is not a comparison
        ("في ٢٠ بلداً", "ar"),
    ],
)
def test_not_one_sided(text: str, language: str) -> None:
    found = quantities(text, language)
    assert found
    assert all(m.rule == "hedge.exact" for m in found), [(m.text, m.rule) for m in found]


@pytest.mark.parametrize(
    ("text", "language", "nominal", "lower", "upper"),
    [
        ("سالب ثمانية آلاف و ثلاثمائة و أربعة و عشرون", "ar", "-8324", "-8324", "-8324"),
        ("منفی دویست و سه", "fa", "-203", "-203", "-203"),
        ("it fell to -5 degrees", "en", "-5", "-5", "-5"),
        ("from -5 to 10", "en", "-5", "-5", "10"),
        ("نحو -20", "ar", "-20", "-22", "-18"),
        ("between 50-60 people", "en", "50", "50", "60"),
    ],
)
def test_negative_figures(text: str, language: str, nominal: str, lower: str, upper: str) -> None:
    found = quantities(text, language)
    assert len(found) == 1, [m.text for m in found]
    assert isinstance(found[0].value, QuantityValue)
    value = found[0].value
    assert (value.nominal, value.lower, value.upper) == (Decimal(nominal), Decimal(lower), Decimal(upper))


def test_interval_about_a_negative_figure_is_ordered() -> None:
    _, lower, upper, _, _ = interval("hedge.about", Decimal(-100))
    assert (lower, upper) == (Decimal(-110), Decimal(-90))


# (text, language, quote, lower, upper, lower_open, upper_open)
JOINED_BOUNDS = [
    ("هذا هو الرقم الذي أكبر من ١٠٠ وأصغر من ٣٠٠.", "ar", "أكبر من ١٠٠ وأصغر من ٣٠٠", "100", "300", True, True),
    ("الرقم أكبر من 100 وأقل من 150", "ar", "أكبر من 100 وأقل من 150", "100", "150", True, True),
    (
        "هذا العدد أكبر من أو يساوي 100 و أقل من أو يساوي ثلاثمائة",
        "ar",
        "أكبر من أو يساوي 100 و أقل من أو يساوي ثلاثمائة",
        "100",
        "300",
        False,
        False,
    ),
    ("هناك على الأكثر 100 و على الأقل 20 تفاحة.", "ar", "على الأكثر 100 و على الأقل 20", "20", "100", False, False),
    ("هذا الرقم فوق ١٠٠ وتحت ١٥٠.", "ar", "فوق ١٠٠ وتحت ١٥٠", "100", "150", True, True),
    ("more than 10 and less than 20", "en", "more than 10 and less than 20", "10", "20", True, True),
]


@pytest.mark.parametrize(("text", "language", "quote", "lower", "upper", "lower_open", "upper_open"), JOINED_BOUNDS)
def test_lower_and_upper_hedges_join_into_a_range(
    text: str, language: str, quote: str, lower: str, upper: str, lower_open: bool, upper_open: bool
) -> None:
    m = mention_at(text, quote, language)
    assert (m.rule, m.modifier) == ("hedge.between", Modifier.RANGE)
    assert isinstance(m.value, QuantityValue)
    assert (m.value.lower, m.value.upper) == (Decimal(lower), Decimal(upper))
    assert (m.value.lower_open, m.value.upper_open) == (lower_open, upper_open)


@pytest.mark.parametrize(
    ("text", "language", "rules"),
    [
        # an empty interval is not joined
        ("أكثر من ٤٠ وأقل من ١٠", "ar", ["hedge.more_than", "hedge.less_than"]),
        # two hedges of the same side are not joined
        ("أكثر من ١٠ وأكثر من ٢٠", "ar", ["hedge.more_than", "hedge.more_than"]),
        # different units count different things
        ("more than 5 people and less than 10 dollars", "en", ["hedge.more_than", "hedge.less_than"]),
        # `أو يساوي` before another figure and `أو أقل من` compare with that figure
        ("العدد الكامل اكثر من ٥٠٠٠ او يساوي ٦٠٠٠", "ar", ["hedge.more_than", "hedge.exact"]),
        ("عدد سكّان الحي يساوي ٥٠٠٠ أو أقل من ٦٠٠٠", "ar", ["hedge.exact", "hedge.less_than"]),
    ],
)
def test_hedges_not_joined(text: str, language: str, rules: list[str]) -> None:
    assert [m.rule for m in quantities(text, language)] == rules


class TestRealNewsFigures:
    """Phenomena of news copy, on sentences written for these tests."""

    @pytest.mark.parametrize(
        ("text", "language", "quote", "nominal", "unit"),
        [
            ("صوّت 12 مليون 345 ألف و678 ناخبًا في الجولة", "ar", "12 مليون 345 ألف و678 ناخبًا", "12345678", "person"),
            ("أعلنت الشرطة مقتل87 شخصا", "ar", "87 شخصا", "87", "person"),
            ("وسجلت الوزارة و2310 مصابين", "ar", "2310 مصابين", "2310", "person"),
            ("تضرر 340 منزلا و12 مبنى", "ar", "340 منزلا", "340", "building"),
            ("عادت 33 ألف أسرة", "ar", "33 ألف أسرة", "33000", "family"),
            ("سجلت 13 إصابة جديدة", "ar", "13 إصابة", "13", "case"),
            ("بلغت الخسائر 40 مليون جنيه", "ar", "40 مليون جنيه", "40000000", "EGP"),
            ("۳۸ هزار میلیارد تومان", "fa", "۳۸ هزار میلیارد تومان", "38000000000000", "IRT"),
            ("بیش از ۵۰۰ خانواده آواره شدند", "fa", "بیش از ۵۰۰ خانواده", "500", "family"),
            ("۲۰۰ میلیون افغانی", "fa", "۲۰۰ میلیون افغانی", "200000000", "AFN"),
            ("a 12-member council", "en", "12-member", "12", "member"),
            ("a 30-year lease", "en", "30-year", "30", "year"),
            ("a one-year plan", "en", "one-year", "1", "year"),
            ("one death was recorded", "en", "one death", "1", "person"),
            ("about 400 households", "en", "about 400 households", "400", "family"),
        ],
    )
    def test_figures_with_their_counted_nouns(self, text, language, quote, nominal, unit) -> None:
        m = mention_at(text, quote, language)

        assert (m.value.nominal, m.value.unit) == (Decimal(nominal), unit)

    @pytest.mark.parametrize(
        ("text", "language", "quote"),
        [
            ("ارتفع عدد القتلى إلى 2310", "ar", "2310"),
            ("وصل عدد النازحين إلى 1980", "ar", "1980"),
            ("بلغت حصيلة الضحايا 2014", "ar", "2014"),
            ("شمار کشته‌ها به ۲۰۵۰ رسید", "fa", "۲۰۵۰"),
            ("the death toll rose to 2015", "en", "2015"),
        ],
    )
    def test_a_year_shaped_figure_a_verb_of_reaching_reached_is_a_count(self, text, language, quote) -> None:
        m = mention_at(text, quote, language)

        assert (m.kind, m.rule) == (Kind.QUANTITY, "hedge.exact")

    @pytest.mark.parametrize(("text", "language"), [("قال الوزير في مؤتمر عام 2014", "ar"), ("في 2014 تغير", "ar")])
    def test_a_year_shaped_figure_without_such_a_verb_is_no_count(self, text: str, language: str) -> None:
        assert [m for m in quantities(text, language) if m.kind == Kind.QUANTITY] == []

    @pytest.mark.parametrize(
        ("text", "quote", "unit"),
        [("قتل شخص واحد وجرح ثلاثة", "شخص واحد", "person"), ("سقطت قتيلة واحدة", None, None)],
    )
    def test_wahid_after_the_noun_it_counts_is_one(self, text: str, quote: str | None, unit: str | None) -> None:
        found = [m for m in quantities(text) if m.value.nominal == 1]

        assert [(m.text, m.value.unit) for m in found] == ([(quote, unit)] if quote else [])

    @pytest.mark.parametrize("text", ["في آن واحد", "على مستوى واحد", "وفي الوقت ذاته واحد من"])
    def test_wahid_after_another_word_is_no_figure(self, text: str) -> None:
        assert quantities(text) == []


class TestMoreModifiers:
    @pytest.mark.parametrize(
        ("text", "language", "quote", "modifier"),
        [
            ("عدد يقل عن 50 طالبا", "ar", "يقل عن 50 طالبا", Modifier.LESS_THAN),
            ("أعمار تقل عن 18 عاما", "ar", "تقل عن 18 عاما", Modifier.LESS_THAN),
            ("جاوز عدد اللاجئين 600 ألف", "ar", "جاوز عدد اللاجئين 600 ألف", Modifier.MORE_THAN),
            ("وتجاوزت الخسائر 3 مليارات دولار", "ar", "تجاوزت الخسائر 3 مليارات دولار", Modifier.MORE_THAN),
            ("as many as 300 people", "en", "as many as 300 people", Modifier.AT_MOST),
            ("children under the age of 5", "en", "under the age of 5", Modifier.LESS_THAN),
            ("بالاتر از ۵۱ درصد", "fa", "بالاتر از ۵۱ درصد", Modifier.MORE_THAN),
            ("نزدیک ۶۸ درصد", "fa", "نزدیک ۶۸ درصد", Modifier.NEARLY),
            ("کم‌وبیش یک میلیارد دالر", "fa", "کم‌وبیش یک میلیارد دالر", Modifier.ABOUT),
            ("بهحدود ۲۵ هزار خانواده", "fa", "بهحدود ۲۵ هزار خانواده", Modifier.ABOUT),
            ("قتل 107 أشخاص آخرين على الأقل.", "ar", "107 أشخاص آخرين على الأقل", Modifier.AT_LEAST),
        ],
    )
    def test_the_hedge_sets_the_modifier(self, text: str, language: str, quote: str, modifier: Modifier) -> None:
        assert mention_at(text, quote, language).modifier is modifier

    def test_a_hedge_after_a_gap_word_before_a_figure_belongs_to_that_figure(self) -> None:
        found = quantities("قتل 5 أشخاص واعتقل على الأقل 3")

        assert [(m.text, m.modifier) for m in found] == [
            ("5 أشخاص", Modifier.EXACT),
            ("على الأقل 3", Modifier.AT_LEAST),
        ]

    @pytest.mark.parametrize(
        ("text", "quote", "lower", "upper"),
        [
            ("حصل على مابين 40 و50 في المئة", "مابين 40 و50 في المئة", "40", "50"),
            ("بين 25 و20 في المئة", "بين 25 و20 في المئة", "20", "25"),  # between, in either order
        ],
    )
    def test_more_ranges(self, text: str, quote: str, lower: str, upper: str) -> None:
        m = mention_at(text, quote)

        assert (m.modifier, m.value.lower, m.value.upper) == (Modifier.RANGE, Decimal(lower), Decimal(upper))

    def test_from_a_larger_figure_to_a_smaller_is_a_change_not_a_range(self) -> None:
        assert [m.modifier for m in quantities("انخفض العدد من 50 إلى 40")] == [Modifier.EXACT, Modifier.EXACT]

    @pytest.mark.parametrize(
        ("text", "language", "quote", "scheme"),
        [
            ("طبق تبصره ۷ قانون بودجه", "fa", "تبصره ۷", "article"),
            ("بند ۳ این قانون", "fa", "بند ۳", "article"),
            ("اصل ۴۴ قانون اساسی", "fa", "اصل ۴۴", "article"),
            ("under clause 12 of the deal", "en", "clause 12", "article"),
            ("الفصل 80 من الدستور", "ar", "الفصل 80", "article"),
        ],
    )
    def test_clause_and_law_numbers_are_identifiers(self, text: str, language: str, quote: str, scheme: str) -> None:
        m = mention_at(text, quote, language)

        assert (m.kind, m.value.scheme) == (Kind.IDENTIFIER, scheme)


class TestVagueAmountsOfAScale:
    @pytest.mark.parametrize(
        ("text", "language", "lower", "upper"),
        [
            ("هزاران میلیارد تومان", "fa", "2000000000000", "9999000000000"),
            ("هزاران میلیاردی", "fa", "2000000000000", "9999000000000"),
            ("thousands billion", "en", "2000000000000", "9999000000000"),
        ],
    )
    def test_a_scale_word_after_a_vague_word_multiplies_its_range(self, text, language, lower, upper) -> None:
        (m,) = quantities(text, language)

        assert (m.modifier, m.value.lower, m.value.upper) == (Modifier.VAGUE, Decimal(lower), Decimal(upper))


@pytest.mark.parametrize(
    ("text", "language", "quote", "unit"),
    [
        ("raised £5 million", "en", "£5 million", "GBP"),
        ("won 120 seats", "en", "120 seats", "seat"),
        ("حصل الحزب على 25 مقعدا", "ar", "25 مقعدا", "seat"),
        ("نال 40 ألف صوت", "ar", "40 ألف صوت", "vote"),
        ("۵ میلیون رای", "fa", "۵ میلیون رای", "vote"),
    ],
)
def test_seats_votes_and_pounds(text: str, language: str, quote: str, unit: str) -> None:
    assert mention_at(text, quote, language).value.unit == unit


class TestOneBeforeACountedNoun:
    """English `one` counts only before a counted noun; singular nouns are counted nouns too."""

    @pytest.mark.parametrize(
        ("text", "quote", "unit"),
        [
            ("Police said one officer and one child were hurt", "one child", "person"),
            ("one resident was trapped under the rubble", "one resident", "person"),
            ("the storm left one woman dead", "one woman", "person"),
            ("a convoy of one tonne of flour", "one tonne", "tonne"),
        ],
    )
    def test_one_with_a_singular_noun_is_a_count_of_one(self, text: str, quote: str, unit: str) -> None:
        m = mention_at(text, quote, "en")
        assert (m.value.nominal, m.value.unit) == (Decimal(1), unit)

    @pytest.mark.parametrize("text", ["one of the survivors spoke", "at one point the road closed", "no one knows"])
    def test_one_without_a_counted_noun_is_no_figure(self, text: str) -> None:
        assert quantities(text, "en") == []


class TestPersianAdjectivesOfMeasure:
    """A suffix on the unit makes an adjective (`۵۰ درصدی`); the figure keeps its unit."""

    @pytest.mark.parametrize(
        ("text", "quote", "nominal", "unit"),
        [
            ("با رشد ۴۰ درصدی قیمت نان", "۴۰ درصدی", "40", "percent"),
            ("پسر ۹ ساله نجات یافت", "۹ ساله", "9", "year"),
            ("راهپیمایی ۳۰ هزار نفری در شهر", "۳۰ هزار نفری", "30000", "person"),
            ("یک هیئت ۷ نفره اعزام شد", "۷ نفره", "7", "person"),
        ],
    )
    def test_the_suffixed_unit_is_read(self, text: str, quote: str, nominal: str, unit: str) -> None:
        m = mention_at(text, quote, "fa")
        assert (m.value.nominal, m.value.unit) == (Decimal(nominal), unit)
