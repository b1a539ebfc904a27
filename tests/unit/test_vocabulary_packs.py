"""The vocabulary packs as data, and the phrase syntax they are written in (pure, no database)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from claims.domain.packs import PACKS_DIR, PackError, read_pack
from claims.domain.phrases import compile_phrase
from claims.domain.vocabulary import CueRecord, PropertyRecord, UnitFamily, Vocabulary, VocabularyError
from corpus.domain.text import normalize
from corpus.extraction.units import KNOWN_UNITS
from tests.packs import pack_vocabulary

# The property slugs issue 11 asks the general pack for.
ISSUE_SLUGS = frozenset(
    [
        "killed",
        "injured",
        "missing",
        "displaced",
        "evacuated",
        "rescued",
        "detained",
        "refugees",
        "returnees",
        "affected_people",
        "people_in_need",
        "people_liberated",
        "registered_voters",
        "votes_cast",
        "population",
        "troops",
        "attackers",
        "candidates",
        "seats",
        "budget_amount",
        "revenue",
        "expenditure",
        "deficit",
        "debt",
        "aid_amount",
        "pledged_amount",
        "pledge_target",
        "price",
        "exchange_rate",
        "investment_amount",
        "trade_value",
        "inflation_rate",
        "growth_rate",
        "unemployment_rate",
        "turnout_rate",
        "deficit_rate",
        "magnitude",
        "territory_area",
        "buildings_damaged",
        "member_count",
        "meeting_attendance",
        "invited_count",
        "occurred_on",
        "started_on",
        "ended_on",
        "founded_on",
        "issued_on",
        "announced_on",
        "duration",
    ]
)


class TestGeneralPack:
    def test_it_has_every_property_the_issue_lists_with_labels_in_three_languages(self) -> None:
        pack = read_pack("general")
        properties = {p.slug: p for p in pack.properties}

        assert set(properties) >= ISSUE_SLUGS
        assert all(p.label_en and p.label_ar and p.label_fa for p in properties.values())

    @pytest.mark.parametrize("language", ["ar", "fa", "en"])
    def test_every_property_has_cues_in_each_language(self, language: str) -> None:
        pack = read_pack("general")

        with_cues = {c.property for c in pack.cues if c.property and c.language in (language, "")}

        assert ISSUE_SLUGS - with_cues == set()

    def test_quantity_properties_name_a_unit_family_and_dates_none(self) -> None:
        pack = read_pack("general")

        assert all(p.unit_family for p in pack.properties if p.value_type == "quantity")
        assert not any(p.unit_family for p in pack.properties if p.value_type == "date")

    def test_tolls_and_counts_that_grow_are_cumulative(self) -> None:
        properties = {p.slug: p for p in read_pack("general").properties}

        assert {s for s, p in properties.items() if p.cumulative} >= {
            "killed",
            "injured",
            "missing",
            "displaced",
            "returnees",
        }

    def test_every_unit_the_extractor_knows_is_in_a_family(self) -> None:
        assert pack_vocabulary("general").classified >= KNOWN_UNITS

    def test_nothing_seed_specific_is_in_it(self) -> None:
        general = read_pack("general")
        seed = read_pack("seed")

        assert not any(c.subject for c in general.cues)
        assert not {e.slug for e in general.entities} & {e.slug for e in seed.entities}
        assert seed.requires == ("general", "gazetteer")


class TestGazetteer:
    def test_it_is_what_the_generator_builds_from_cldr(self) -> None:
        pytest.importorskip("babel")
        from benchmarks.build_gazetteer import build

        committed = json.loads((PACKS_DIR / "gazetteer" / "countries.json").read_text(encoding="utf-8"))

        assert committed == build()

    def test_countries_carry_their_code_and_names_in_three_languages(self) -> None:
        countries = {e.slug: e for e in read_pack("gazetteer").entities if e.kind == "country"}

        turkiye = countries["turkiye"]
        assert len(countries) > 240
        assert turkiye.country_code == "TR"
        assert {a.language for a in turkiye.aliases} == {"ar", "fa", "en"}

    @pytest.mark.parametrize(
        ("text", "language", "slug"),
        [
            ("Turkish inflation", "en", "turkiye"),
            ("السلطات التركية", "ar", "turkiye"),
            ("سیل در ایران", "fa", "iran"),
            ("عاد إلى كابول", "ar", "kabul"),
            ("the UAE", "en", "united_arab_emirates"),
            ("وجمهورية مالي", "ar", "mali"),
        ],
    )
    def test_short_names_demonyms_and_cities_are_found(self, text: str, language: str, slug: str) -> None:
        vocabulary = pack_vocabulary("general", "gazetteer")

        hits = vocabulary.find_entities(normalize(text).text, language)

        assert slug in {h.slug for h in hits}

    @pytest.mark.parametrize(
        ("text", "language"),
        [("الدعم المالي", "ar"), ("تأمین مالی", "fa"), ("چک پول", "fa"), ("مدارس البنين", "ar")],
    )
    def test_cldr_names_that_are_common_words_are_left_out(self, text: str, language: str) -> None:
        vocabulary = pack_vocabulary("general", "gazetteer")

        assert vocabulary.find_entities(normalize(text).text, language) == []

    def test_a_city_lies_in_its_country(self) -> None:
        assert pack_vocabulary("general", "gazetteer").country_of("kabul") == "afghanistan"


class TestPhrases:
    @pytest.mark.parametrize(
        ("phrase", "language", "text", "found"),
        [
            ("قتلى", "ar", "عدد القتلى", True),  # an Arabic cue takes the article
            ("قتلى", "ar", "وللقتلى", True),
            ("رای", "fa", "برای", False),  # Persian takes no ب proclitic
            ("رای", "fa", "بهرای", True),  # a `به` that lost its space
            ("کشته‌شدگان", "fa", "کشته شدگان", True),  # a ZWNJ is optional
            ("کشته‌شدگان", "fa", "کشتهشدگان", True),
            ("زمین لرزه", "fa", "زمینلرزه", True),
            ("quake*", "en", "quakes", True),
            ("quake*", "en", "earthquake", False),
        ],
    )
    def test_the_syntax(self, phrase: str, language: str, text: str, found: bool) -> None:
        compiled = compile_phrase(phrase, article=True, gaps=False, language=language)

        assert compiled.search(normalize(text).text) is found


class TestRefusals:
    def _vocabulary(self, **cue) -> Vocabulary:
        prop = PropertyRecord("killed", "quantity", "killed", unit_family="person")
        return Vocabulary.build(
            properties=[prop],
            cues=[CueRecord(**{"words": ("killed",), "confidence": Decimal(1), "property": "killed", **cue})],
            unit_families=[UnitFamily("person", ("person",))],
        )

    @pytest.mark.parametrize(
        ("cue", "message"),
        [
            ({"property": "nope"}, "nope"),
            ({"subject": "ghost"}, "ghost"),
            ({"units": ("contry",)}, r"unknown units \['contry'\]"),
            ({"language": "xx"}, "language"),
            ({"property": "", "event_type": ""}, "exactly one"),
            ({"event_type": "picnic", "property": ""}, "picnic"),
        ],
    )
    def test_a_bad_cue_is_refused_with_a_reason(self, cue: dict, message: str) -> None:
        with pytest.raises(VocabularyError, match=message):
            self._vocabulary(**cue)

    def test_a_unit_family_of_unknown_units_is_refused(self) -> None:
        with pytest.raises(VocabularyError, match="usd"):
            Vocabulary.build(unit_families=[UnitFamily("money", ("usd",))])

    @pytest.mark.parametrize(
        ("toml", "message"),
        [
            ("[pack]\ntitle = 'x'\n", "needs a name"),
            ("[pack]\nname = 'x'\n[property.p]\nvalue_type = 'quantity'\ncolour = 'red'\n", "unknown keys"),
            ("[pack]\nname = 'x'\n[[entity]]\nname = 'A'\nkind = 'place'\n", "needs a slug"),
            ("[pack]\nname = 'x'\n[[cue]]\nproperty = 'p'\nwords = ['a']\nconfidence = 'high'\n", "confidence"),
        ],
    )
    def test_a_malformed_pack_file_is_refused_with_a_reason(self, tmp_path: Path, toml: str, message: str) -> None:
        (tmp_path / "pack.toml").write_text(toml, encoding="utf-8")

        with pytest.raises(PackError, match=message):
            read_pack(tmp_path)
