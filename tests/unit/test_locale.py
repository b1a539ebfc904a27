"""Locale files (pure, no database): the shipped data checked as data, and a language added by a file."""

from __future__ import annotations

import ast
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale as CldrLocale

from corpus.domain.text import fold
from corpus.extraction import locale as locale_module
from corpus.extraction.extraction import extract
from corpus.extraction.locale import LOCALES_DIR, Cat, Locale, LocaleError, get_locale, read_locale, shipped
from corpus.extraction.mentions import Calendar, Kind, Modifier
from corpus.extraction.policy import POLICY
from corpus.extraction.units import KNOWN_UNITS

ENGINE = Path(locale_module.__file__).parent
LOCALES = [get_locale(code) for code in shipped()]
SCRIPT = {"ar": "arabic", "fa": "arabic", "en": "latin"}


def _script(word: str) -> set[str]:
    scripts = set()
    for ch in word:
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
            scripts.add("arabic")
        elif ch.isascii() and ch.isalpha():
            scripts.add("latin")
    return scripts


def _words(lo: Locale) -> dict[str, set[str]]:
    """Every phrase of a locale, by the table it comes from."""
    return {
        "numbers": set(lo.number_words),
        "units": set(lo.units),
        "hedges.before": set(lo.hedges_before),
        "hedges.verbs": set(lo.hedge_verbs),
        "hedges.after": set(lo.hedges_after),
        "vague": set(lo.vague),
        "duals": set(lo.duals),
        "identifiers": set(lo.identifiers) | set(lo.security_council),
        "months": set(lo.months),
        "weekdays": set(lo.weekdays),
        "relative": set(lo.relative),
        "seasons": set(lo.seasons),
        "qualifiers": set(lo.qualifiers_before) | set(lo.qualifiers_after),
        "dayparts": set(lo.dayparts),
        "since_until": set(lo.since) | set(lo.until),
        "year_cues": set(lo.year_cues),
    }


# Tables whose words may not be shared: one word, two meanings the engine cannot tell apart.
CONFLICTS = [
    ("numbers", "units"),
    ("numbers", "months"),
    ("numbers", "weekdays"),
    ("units", "vague"),
    ("units", "hedges.before"),
    ("months", "weekdays"),
    ("months", "relative"),
    ("weekdays", "relative"),
    ("vague", "duals"),
    ("qualifiers", "relative"),
    ("seasons", "months"),
]


@pytest.mark.parametrize("lo", LOCALES, ids=[lo.code for lo in LOCALES])
class TestShippedData:
    def test_the_file_is_named_after_its_code(self, lo: Locale) -> None:
        assert lo.source == f"{lo.code}.toml"

    @pytest.mark.parametrize(("first", "second"), CONFLICTS)
    def test_no_word_means_two_things(self, lo: Locale, first: str, second: str) -> None:
        words = _words(lo)

        assert words[first] & words[second] == set()

    def test_a_vague_word_that_is_a_number_word_is_a_plural_scale(self, lo: Locale) -> None:
        # `آلاف` alone is "thousands" (vague); after a figure (`110 آلاف`) it is the scale.
        shared = set(lo.vague) & set(lo.number_words)

        assert {lo.number_words[w].cat for w in shared} <= {Cat.SCALE_PLURAL}

    def test_every_unit_is_a_known_claim_unit(self, lo: Locale) -> None:
        assert lo.unit_codes <= KNOWN_UNITS

    def test_every_hedge_vague_and_season_rule_is_a_policy_rule(self, lo: Locale) -> None:
        rules = {
            *lo.hedges_before.values(),
            *lo.hedge_verbs.values(),
            *lo.hedges_after.values(),
            *lo.hedge_signs.values(),
        }

        assert {r.removeprefix("hedge.") for r in rules} <= set(POLICY["hedge"])
        assert {r.removeprefix("vague.") for r in lo.vague.values()} <= set(POLICY["vague"])
        assert set(lo.seasons.values()) <= set(POLICY["season"])

    def test_every_hedge_rule_has_words(self, lo: Locale) -> None:
        one_sided = {"more_than", "at_least", "about", "nearly", "at_most", "less_than"}

        assert {r.removeprefix("hedge.") for r in lo.hedges_before.values()} == one_sided

    def test_every_vague_rule_and_every_season_has_words(self, lo: Locale) -> None:
        assert {r.removeprefix("vague.") for r in lo.vague.values()} == set(POLICY["vague"])
        assert set(lo.seasons.values()) == set(POLICY["season"])

    def test_every_gregorian_month_and_weekday_has_a_name(self, lo: Locale) -> None:
        gregorian = {m.month for m in lo.months.values() if m.calendar is Calendar.GREGORIAN}

        assert gregorian == set(range(1, 13))
        assert set(lo.weekdays.values()) == set(range(7))

    def test_the_cldr_month_names_are_month_names(self, lo: Locale) -> None:
        cldr = CldrLocale.parse(lo.code).months["format"]["wide"]

        for month, name in cldr.items():
            assert lo.months[" ".join(fold(name).split())].month == month

    def test_the_words_are_in_the_languages_script(self, lo: Locale) -> None:
        root = read_locale(LOCALES_DIR / "root.toml", root=None)
        signs = set(root.units) | set(root.currency_before) | set(root.glued_suffixes)
        foreign = {
            word for table, words in _words(lo).items() for word in words - signs if _script(word) - {SCRIPT[lo.code]}
        }

        assert foreign == set()

    def test_the_relative_rules_are_those_the_resolver_knows(self, lo: Locale) -> None:
        known = {
            "today", "yesterday", "day_before_yesterday", "tomorrow", "early_week", "week_ago", "last_week",
            "this_week", "next_week", "last_month", "this_month", "next_month", "last_year", "this_year", "next_year",
        }  # fmt: skip

        assert set(lo.relative.values()) <= known


class TestTheEngineNamesNoLanguage:
    CODES = {code for lo in LOCALES for code in (lo.code, *lo.aliases)}

    @pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
    def test_no_module_compares_with_a_language_code(self, path: Path) -> None:
        literals = {
            node.value
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }

        assert literals & self.CODES == set()

    @pytest.mark.parametrize("text", ["ثلاثين", "سی کشور", "عشرات المدنيين", "الثلاثاء الماضي", "دیروز"])
    def test_english_text_runs_on_english_words_only(self, text: str) -> None:
        assert extract(text, "en", dt.date(2021, 3, 30)) == []
        assert extract(text, "fa" if "ی" in text else "ar", dt.date(2021, 3, 30)) != []


class TestGetLocale:
    @pytest.mark.parametrize(("code", "expected"), [("ar", "ar"), ("fa-AF", "fa"), ("prs", "fa"), ("EN", "en")])
    def test_a_code_or_an_alias_finds_its_file(self, code: str, expected: str) -> None:
        assert get_locale(code).code == expected

    def test_a_language_without_a_file_is_refused(self) -> None:
        with pytest.raises(LookupError, match="no locale for language 'tr'"):
            get_locale("tr")

    def test_a_locale_is_its_own_locale(self) -> None:
        lo = get_locale("ar")

        assert get_locale(lo) is lo


class TestTheLoaderRefusesBadData:
    def write(self, tmp_path: Path, body: str) -> Path:
        path = tmp_path / "xx.toml"
        path.write_text('[locale]\ncode = "xx"\n' + body, encoding="utf-8")
        return path

    @pytest.mark.parametrize(
        ("body", "says"),
        [
            ('[hedges.before]\nmore_than = ["over"]\nless_than = ["over"]\n', "sets two rules"),
            ('[hedges.before]\nmost = ["over"]\n', "is no rule of policy.toml"),
            ('[vague]\nheaps = ["heaps"]\n', "is no rule of policy.toml"),
            ('[units]\nperson = ["people"]\ncountry = ["people"]\n', "is two units"),
            ('[duals]\n"pair" = "pair"\n', "no unit of [units]"),
            ('[numbers.words.lots]\n"lots" = 1000\n', "no category"),
            ('[numbers.words.unit]\n"two words" = 2\n', "is one word"),
            ('[numbers]\nweak = ["one"]\n', "no number word"),
            ('[dates.months.gregorian]\nnames = [["jan"]]\n', "twelve months"),
            ('[dates.months.gregorian]\ncldr = ["zz_ZZ"]\n', "no CLDR locale"),
            ('[dates.months.gregorian]\ncldr = ["en"]\nstrict = ["mayo"]\n', "no month name"),
            ("[dates.months.moon]\nnames = []\n", "is no calendar"),
            (
                '[dates.relative]\ntoday = ["now"]\n[dates.relative_ambiguous."then"]\nnot_after = ["a"]\n',
                "no relative",
            ),
        ],
    )
    def test_a_file_with_a_mistake_is_refused_with_its_name_and_key(self, tmp_path: Path, body: str, says: str) -> None:
        path = self.write(tmp_path, body)

        with pytest.raises(LocaleError, match=re.escape(says)) as error:
            read_locale(path)
        assert str(error.value).startswith("xx.toml: [")


# A fourth language, Turkish, as a small file: what adding a language takes. Its month and
# weekday names come from CLDR; Turkish `on` is ten, which is why no language reads another's words.
TURKISH = """
[locale]
code = "tr"
name = "Turkish (a test's sample)"

[numbers]
conjunctions = []
weak = ["bir"]

[numbers.words.unit]
"bir" = 1
"iki" = 2
"üç" = 3
"dört" = 4
"beş" = 5

[numbers.words.tens]
"on" = 10
"yirmi" = 20
"otuz" = 30

[numbers.words.hundred]
"yüz" = 100

[numbers.words.scale]
"bin" = 1_000
"milyon" = 1_000_000

[units]
person = ["kişi"]
country = ["ülke"]

[hedges.before]
at_least = ["en az"]
about = ["yaklaşık"]
at_most = ["en fazla"]

[dates.months.gregorian]
cldr = ["tr"]

[dates.weekdays]
cldr = "tr"
"""


class TestAddingALanguageIsAddingAFile:
    @pytest.fixture
    def turkish(self, tmp_path: Path) -> Locale:
        path = tmp_path / "tr.toml"
        path.write_text(TURKISH, encoding="utf-8")
        return read_locale(path)

    def test_a_hedged_figure_with_its_counted_noun(self, turkish: Locale) -> None:
        (m,) = extract("Depremde en az 1200 kişi öldü", turkish)

        assert (m.text, m.rule, m.value.nominal, m.value.unit) == (
            "en az 1200 kişi",
            "hedge.at_least",
            Decimal(1200),
            "person",
        )

    def test_number_words_and_a_scale(self, turkish: Locale) -> None:
        found = extract("yaklaşık üç yüz bin kişi ve on beş ülke", turkish)

        assert [(m.text, m.modifier, m.value.nominal) for m in found] == [
            ("yaklaşık üç yüz bin kişi", Modifier.ABOUT, Decimal(300_000)),
            ("on beş ülke", Modifier.EXACT, Decimal(15)),
        ]

    def test_a_date_with_cldr_month_names(self, turkish: Locale) -> None:
        found = extract("Deprem 6 Şubat 2023 Pazartesi sabahı oldu, 15 Mart günü", turkish, dt.date(2023, 4, 1))

        assert [(m.text, m.value.lower) for m in found] == [
            ("6 Şubat 2023", dt.date(2023, 2, 6)),
            ("15 Mart", dt.date(2023, 3, 15)),
        ]

    def test_its_words_do_not_reach_english(self, turkish: Locale) -> None:
        assert [m.kind for m in extract("on Tuesday", turkish)] == [Kind.QUANTITY]
        assert [m.kind for m in extract("on Tuesday", "en", dt.date(2021, 3, 30))] == [Kind.DATE]
