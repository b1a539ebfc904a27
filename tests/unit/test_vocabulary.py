"""The vocabulary packs and the matcher that proposes subject, property and qualifiers (pure, no database).

The seed outcomes (`SEED_TABLE`, `EXTRACTED`) run the general pack, the gazetteer and the seed
topic's pack over the seed articles' sentences, as `make run` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from claims.domain.phrases import normalize_alias
from corpus.domain.segmentation import SentenceSpan, segment
from corpus.domain.text import nfc, normalize
from corpus.extraction.mentions import (
    Calendar,
    DateValue,
    IdentifierValue,
    Kind,
    Mention,
    Modifier,
    Precision,
    QuantityValue,
)
from tests.packs import figure_at, figure_of, pack_vocabulary, propose_one

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_LANGUAGE = {"000": "ar", "001": "fa", "002": "ar", "003": "ar", "004": "ar"}


def seed_vocabulary():
    return pack_vocabulary("general", "gazetteer", "seed")


@cache
def seed_sentences(prefix: str) -> tuple[SentenceSpan, ...]:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return tuple(segment(nfc(path.read_text(encoding="utf-8"))))


def seed_sentence(prefix: str, locator: str) -> tuple[SentenceSpan, list[str]]:
    """The first sentence of a seed containing `locator`, and the two sentences before it."""
    spans = seed_sentences(prefix)
    for i, span in enumerate(spans):
        if locator in span.text:
            return span, [s.text for s in spans[max(0, i - 2) : i]]
    raise AssertionError(f"no sentence of seed {prefix} contains {locator!r}")


def quantity(sentence: str, text: str, nominal: str, unit: str | None = None) -> Mention:
    start = sentence.index(text)
    n = Decimal(nominal)
    return Mention(
        start, start + len(text), text, Kind.QUANTITY, Modifier.EXACT, "hedge.exact", QuantityValue(n, n, n, unit=unit)
    )


def date(sentence: str, text: str, lower: dt.date, upper: dt.date, calendar: Calendar = Calendar.GREGORIAN) -> Mention:
    start = sentence.index(text)
    precision = Precision.DAY if lower == upper else Precision.SEASON if lower.month != upper.month else Precision.MONTH
    if (lower.month, lower.day, upper.month, upper.day) == (1, 1, 12, 31):
        precision = Precision.YEAR
    value = DateValue(lower.isoformat(), lower, upper, precision, calendar)
    return Mention(start, start + len(text), text, Kind.DATE, Modifier.EXACT, "date", value)


def day(text: str, iso: str, calendar: Calendar = Calendar.GREGORIAN) -> Callable[[str], Mention]:
    return lambda s: date(s, text, dt.date.fromisoformat(iso), dt.date.fromisoformat(iso), calendar)


def count(text: str, nominal: str, unit: str | None) -> Callable[[str], Mention]:
    return lambda s: quantity(s, text, nominal, unit)


def year_2021(sentence: str) -> Mention:
    return date(sentence, "للعام 2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def suggest(sentence: str, mention: Mention, others=(), language: str = "ar", before=()):
    """The seed vocabulary's proposal for one mention of `sentence`."""
    return propose_one(
        seed_vocabulary(), sentence, figure_of(mention), [figure_of(m) for m in others], language, before=before
    )


class TestSeedEntities:
    @pytest.mark.parametrize(
        ("slug", "kind"),
        [
            ("global_coalition", "organization"),
            ("isis", "organization"),
            ("france", "country"),
            ("united_arab_emirates", "country"),
            ("kabul", "place"),
            ("antony_blinken", "person"),
            ("operation_inherent_resolve", "operation"),
            ("operation_chammal", "operation"),
            ("paris_meeting_2019", "event"),
            ("fall_of_baghouz_2019", "event"),
            ("unsc_resolution_2254", "document"),
        ],
    )
    def test_the_seed_entities_are_in_the_packs(self, slug, kind):
        assert seed_vocabulary().entity(slug).kind == kind

    def test_seed_events_carry_their_type_place_and_day(self):
        event = seed_vocabulary().entity("paris_meeting_2019")

        assert (event.event_type, event.place, event.event_date_lower) == ("meeting", "paris", dt.date(2019, 6, 25))
        assert seed_vocabulary().country_of("paris_meeting_2019") == "france"


class TestNormalizeAlias:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("  التحالف   الدولي ", "التحالف الدولي"),
            ("ائتلاف بین المللی", "ايتلاف بين المللي"),
            ("أنتوني بلينكن", "انتوني بلينكن"),
            ("بوريطة", "بوريطه"),
            ("Global\u00a0Coalition", "global coalition"),
        ],
    )
    def test_folds_letters_and_collapses_whitespace(self, name, expected):
        assert normalize_alias(name) == expected


def slugs_in(text: str, language: str | None = None) -> list[str]:
    return [hit.slug for hit in seed_vocabulary().find_entities(normalize(text).text, language)]


class TestFindEntities:
    @pytest.mark.parametrize(
        ("text", "slug"),
        [
            ("التحالف الدولى", "global_coalition"),  # alef maksura ى
            ("ائتلاف بين المللي", "global_coalition"),  # Arabic yeh for Persian ی
            ("ائتلاف بین المللی", "global_coalition"),
            ("کابول", "kabul"),  # Persian keheh for Arabic kaf
            ("ناصر بوريطه", "nasser_bourita"),  # heh for teh marbuta
            ("الامارات", "united_arab_emirates"),  # bare alef for hamza
            ("إيطاليا", "italy"),
            ("ايطاليا", "italy"),
            ("داعِش", "isis"),  # a stray kasra
            ("داعـــش", "isis"),  # tatweel
            ("أفغانستان", "afghanistan"),
            ("دولت اسلامی", "isis"),
            ("ISIS", "isis"),
            ("Daesh", "isis"),
            ("باغوز", "baghouz"),
            ("الباغوز", "baghouz"),
        ],
    )
    def test_matches_across_letter_variants(self, text, slug):
        assert slugs_in(text) == [slug]

    @pytest.mark.parametrize(
        ("text", "slug"),
        [
            ("وداعش", "isis"),
            ("لداعش", "isis"),
            ("بداعش", "isis"),
            ("والعراق", "iraq"),
            ("للتحالف الدولي", "global_coalition"),
            ("وجمهورية مالي", "mali"),
            ("لريم بنت إبراهيم الهاشمي", "reem_al_hashimy"),
        ],
    )
    def test_arabic_attached_prefixes_are_allowed(self, text, slug):
        assert slugs_in(text) == [slug]

    @pytest.mark.parametrize(
        "text",
        [
            "مساهمتها المالية",  # financial, not Mali
            "الدعم المالي",
            "في شمال موزمبيق",  # north, not Operation Chammal (Mozambique only)
            "داعشي",
            "the US and us",
        ],
    )
    def test_whole_words_only(self, text):
        assert "mali" not in slugs_in(text)
        assert "operation_chammal" not in slugs_in(text)
        assert "isis" not in slugs_in(text)
        assert "united_states" not in slugs_in(text)

    def test_the_longest_name_wins(self):
        text = normalize("أنشئ التحالف الدولي ضد تنظيم «داعش» في صيف عام 2014").text

        hits = seed_vocabulary().find_entities(text)

        assert [(h.slug, text[h.start : h.end]) for h in hits] == [
            ("global_coalition", 'التحالف الدولي ضد تنظيم "داعش')
        ]

    def test_north_america_is_not_the_united_states(self):
        assert slugs_in("أوروبا وأمريكا الشمالية") == ["north_america"]

    def test_hits_exclude_the_attached_prefix(self):
        text = normalize("ولداعش").text

        (hit,) = seed_vocabulary().find_entities(text)

        assert text[hit.start : hit.end] == "داعش"

    def test_a_discontinuous_event_alias_encloses_the_names_inside_it(self):
        sentence = "تستضيف فرنسا اجتماعاً لخبراء في نحو ثلاثين بلداً من التحالف الدولي ضد تنظيم داعش، في باريس."
        text = normalize(sentence).text

        hits = seed_vocabulary().find_entities(text)

        event = next(h for h in hits if h.slug == "paris_meeting_2019")
        assert event.discontinuous
        assert text[event.start : event.end].startswith("اجتماعا")
        assert text[event.start : event.end].endswith("باريس")
        assert {"france", "global_coalition", "paris"} <= {h.slug for h in hits}

    def test_strict_aliases_follow_the_article_language(self):
        assert slugs_in("مراكش", "ar") == ["marrakesh"]
        assert slugs_in("مراکش", "fa") == ["morocco"]


# The seed table: (seed, sentence locator, mention builder, other mentions, property, subject, qualifiers,
# whether the preceding sentences are passed as context).
SEED_TABLE = [
    pytest.param(
        "000", "ويضم اليوم", count("80 بلداً", "80", "country"), [], "member_count", "global_coalition", {}, False,
        id="000-member_count",
    ),
    pytest.param(
        "001", "گردهم آورده", count("۸۰ کشور", "80", "country"), [], "member_count", "global_coalition", {}, False,
        id="001-member_count",
    ),
    pytest.param(
        "000", "تفوق مساحتها", count("110 آلاف كيلومتر مربع", "110000", "km2"), [], "territory_area", "isis", {},
        False, id="000-territory_area",
    ),
    pytest.param(
        "001", "کلیومترمربع", count("۰۰۰ ۱۱۰ کلیومترمربع", "110000", "km2"), [], "territory_area", "isis", {}, False,
        id="001-territory_area",
    ),
    pytest.param(
        "000", "في نحو ثلاثين", count("نحو ثلاثين بلداً", "30", "country"), [], "meeting_attendance",
        "paris_meeting_2019", {}, False, id="000-meeting_attendance",
    ),
    pytest.param(
        "001", "دستکم سی کشور", count("دستکم سی کشور", "30", "country"), [], "meeting_attendance",
        "paris_meeting_2019", {}, False, id="001-meeting_attendance",
    ),
    pytest.param(
        "000", "ثلاثة بلدان مدعوة", count("ثلاثة بلدان", "3", "country"), [], "invited_count", "paris_meeting_2019",
        {}, False, id="000-invited_count",
    ),
    pytest.param(
        "001", "سه کشور مهمان", count("سه کشور", "3", "country"), [], "invited_count", "paris_meeting_2019", {}, False,
        id="001-invited_count",
    ),
    pytest.param(
        "002", "تعهّدوا", count("أكثر من 600 مليون دولار", "600000000", "USD"),
        [count("670 مليون دولار", "670000000", "USD"), year_2021],
        "pledged_amount", "global_coalition", {"year": 2021}, False, id="002-pledged_amount",
    ),
    pytest.param(
        "002", "تعهّدوا", count("670 مليون دولار", "670000000", "USD"),
        [count("أكثر من 600 مليون دولار", "600000000", "USD"), year_2021],
        "pledge_target", "global_coalition", {"year": 2021}, False, id="002-pledge_target",
    ),
    pytest.param(
        "004", "ثمانية ملايين", count("ما يقرب من ثمانية ملايين شخص", "8000000", "person"), [], "people_liberated",
        "isis", {}, False, id="004-people_liberated",
    ),
    pytest.param(
        "004", "وقتل عشرات المدنيين", count("عشرات المدنيين", "20", "person"), [count("الآلاف", "2000", None)],
        "killed", "palma_attack_2021", {"victim_group": "civilians"}, True, id="004-killed-civilians",
    ),
    pytest.param(
        "004", "قتل فيه أكثر من 55", count("أكثر من 55 من قوات الأمن", "55", "person"), [], "killed",
        "palma_attack_2021", {"victim_group": "security_forces"}, False, id="004-killed-security_forces",
    ),
    pytest.param(
        "004", "نزوح الآلاف", count("الآلاف", "2000", None), [count("عشرات المدنيين", "20", "person")], "displaced",
        "palma_attack_2021", {}, True, id="004-displaced",
    ),
    pytest.param(
        "002", "احتجاز الآلاف", count("الآلاف من مقاتلي", "2000", "person"), [], "detained", "isis", {}, False,
        id="002-detained",
    ),
    pytest.param(
        "004", "178.3", count("178.3 مليون دولار", "178300000", "USD"), [], "aid_amount", "united_arab_emirates", {},
        False,
        id="004-aid_amount",
    ),
    pytest.param(
        "000", "صيف عام 2014", lambda s: date(s, "صيف عام 2014", dt.date(2014, 6, 1), dt.date(2014, 8, 31)), [],
        "founded_on", "global_coalition", {}, False, id="000-founded_on",
    ),
    pytest.param(
        "001", "تشکیل گردید",
        lambda s: date(s, "تابستان سال ۲۰۱۴ میلادی", dt.date(2014, 6, 1), dt.date(2014, 8, 31)), [],
        "founded_on", "global_coalition", {}, False, id="001-founded_on",
    ),
    pytest.param(
        "001", "بروز سه شنبه", day("۲۵ جون ۲۰۱۹", "2019-06-25"), [], "occurred_on", "paris_meeting_2019", {}, False,
        id="001-occurred_on-paris-gregorian",
    ),
    pytest.param(
        "001", "بروز سه شنبه", day("۴ سرطان ۱۳۹۸", "2019-06-25", Calendar.SOLAR_HIJRI), [], "occurred_on",
        "paris_meeting_2019", {}, False, id="001-occurred_on-paris-solar-hijri",
    ),
    pytest.param(
        "001", "جلسهء متخصصین ارشد در وزارت اروپا", day("۲۵ جون ۲۰۱۹", "2019-06-25"), [], "occurred_on",
        "paris_meeting_2019", {}, False, id="001-occurred_on-paris-title",
    ),
    pytest.param(
        "000", "سقوط معقل الباغوز", day("23 مارس 2019", "2019-03-23"), [], "occurred_on", "fall_of_baghouz_2019", {},
        False, id="000-occurred_on-baghouz",
    ),
    pytest.param(
        "001", "سقوط مورخ", day("۲۳ مارچ ۲۰۱۹", "2019-03-23"), [], "occurred_on", "fall_of_baghouz_2019", {}, False,
        id="001-occurred_on-baghouz-gregorian",
    ),
    pytest.param(
        "001", "سقوط مورخ", day("۳ حمل ۱۳۹۸", "2019-03-23", Calendar.SOLAR_HIJRI), [], "occurred_on",
        "fall_of_baghouz_2019", {}, False, id="001-occurred_on-baghouz-solar-hijri",
    ),
    pytest.param(
        "002", "26 آب/أغسطس", day("26 آب/أغسطس", "2021-08-26"), [], "occurred_on", "kabul_airport_attack_2021", {},
        False, id="002-occurred_on-kabul",
    ),
]  # fmt: skip


class TestSuggestOnSeedSentences:
    @pytest.mark.parametrize(
        ("seed", "locator", "build", "build_others", "prop", "subject", "qualifiers", "with_context"), SEED_TABLE
    )
    def test_proposes_the_expected_property_subject_and_qualifiers(
        self, seed, locator, build, build_others, prop, subject, qualifiers, with_context
    ):
        sentence, before = seed_sentence(seed, locator)
        mention = build(sentence.text)
        others = [other(sentence.text) for other in build_others]

        proposal = suggest(sentence.text, mention, others, SEED_LANGUAGE[seed], before if with_context else ())

        assert (proposal.property, proposal.subject, proposal.qualifiers) == (prop, subject, qualifiers)
        assert proposal.cue.startswith(f"{prop}: ")
        assert Decimal("0.5") <= proposal.confidence <= 1

    def test_the_cue_names_the_property_and_the_word(self):
        sentence, _ = seed_sentence("000", "ويضم اليوم")

        proposal = suggest(sentence.text, quantity(sentence.text, "80 بلداً", "80", "country"))

        assert proposal.cue == "member_count: يضم"
        assert proposal.subject_basis == "cue"
        assert proposal.confidence == Decimal("0.90")

    def test_without_context_an_anaphoric_attack_is_the_event_the_article_names_and_less_sure(self):
        sentence, _ = seed_sentence("004", "وقتل عشرات المدنيين")
        mention = quantity(sentence.text, "عشرات المدنيين", "20", "person")

        proposal = suggest(sentence.text, mention)

        assert proposal.property == "killed"
        assert proposal.subject is None
        assert proposal.event is not None
        assert proposal.event.event_type == "attack"
        assert proposal.confidence < Decimal("0.85")

    def test_a_mention_no_cue_explains_gets_no_property_and_a_reason(self):
        sentence, _ = seed_sentence("000", "ومنذ عام 2018")
        mention = date(sentence.text, "منذ عام 2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31))

        proposal = suggest(sentence.text, mention)

        assert (proposal.subject, proposal.property, proposal.qualifiers, proposal.cue) == (None, None, {}, "")
        assert proposal.reason in ("no_cue", "cue_too_far")
        assert proposal.detail

    def test_an_identifier_is_never_a_claim(self):
        sentence, _ = seed_sentence("004", "رقم 2254")
        start = sentence.text.index("قرار")
        end = sentence.text.index("2254") + 4
        mention = Mention(
            start, end, sentence.text[start:end], Kind.IDENTIFIER, Modifier.EXACT, "identifier", IdentifierValue("2254")
        )

        proposal = suggest(sentence.text, mention)

        assert (proposal.property, proposal.confidence, proposal.reason) == (None, Decimal(0), "identifier")

    def test_a_unit_the_cue_does_not_take_rules_it_out(self):
        sentence = "ويضم التحالف أراضي تبلغ 80 كيلومتراً"
        mention = quantity(sentence, "80 كيلومتراً", "80", "km")

        proposal = suggest(sentence, mention)

        assert proposal.property != "member_count"

    def test_a_target_word_after_the_figure_does_not_make_it_a_target(self):
        sentence = "تعهد الشركاء بـ600 مليون دولار من أصل هدفهم"
        mention = quantity(sentence, "600 مليون دولار", "600000000", "USD")

        assert suggest(sentence, mention).property == "pledged_amount"

    def test_a_date_set_off_by_commas_belongs_to_the_clause_before_it(self):
        # `the ministry said in a statement, on 9 May, that the meeting is held…`: the statement's date.
        sentence, _ = seed_sentence("003", "في 9 من أيار الحالي")
        mention = date(sentence.text, "9 من أيار الحالي", dt.date(2022, 5, 9), dt.date(2022, 5, 9))

        proposal = suggest(sentence.text, mention)

        assert proposal.property == "announced_on"

    def test_a_fronted_date_takes_a_cue_from_a_later_clause(self):
        sentence, _ = seed_sentence("003", "وفي حزيران 2021")
        mention = date(sentence.text, "حزيران 2021", dt.date(2021, 6, 1), dt.date(2021, 6, 30))

        proposal = suggest(sentence.text, mention)

        assert (proposal.property, proposal.subject) == ("occurred_on", "rome_ministerial_2021")

    def test_a_mention_outside_the_sentence_is_an_error(self):
        mention = quantity("80 بلداً", "80 بلداً", "80", "country")

        with pytest.raises(ValueError, match="outside"):
            suggest("80", mention)


# The real extractor on the seed sentences: (seed, locator, figure inside the mention, property, subject).
EXTRACTED = [
    ("000", "ويضم اليوم", "80", "member_count", "global_coalition"),
    ("001", "گردهم آورده", "۸۰", "member_count", "global_coalition"),
    ("000", "تفوق مساحتها", "110", "territory_area", "isis"),
    ("001", "کلیومترمربع", "۱۱۰", "territory_area", "isis"),
    ("000", "في نحو ثلاثين", "ثلاثين", "meeting_attendance", "paris_meeting_2019"),
    ("001", "دستکم سی کشور", "سی", "meeting_attendance", "paris_meeting_2019"),
    ("000", "ثلاثة بلدان مدعوة", "ثلاثة", "invited_count", "paris_meeting_2019"),
    ("001", "سه کشور مهمان", "سه کشور", "invited_count", "paris_meeting_2019"),
    ("002", "تعهّدوا", "600", "pledged_amount", "global_coalition"),
    ("002", "تعهّدوا", "670", "pledge_target", "global_coalition"),
    ("004", "ثمانية ملايين", "ثمانية", "people_liberated", "isis"),
    ("004", "وقتل عشرات المدنيين", "عشرات", "killed", "palma_attack_2021"),
    ("004", "وقتل عشرات المدنيين", "الآلاف", "displaced", "palma_attack_2021"),
    ("004", "قتل فيه أكثر من 55", "55", "killed", "palma_attack_2021"),
    ("002", "احتجاز الآلاف", "الآلاف", "detained", "isis"),
    ("004", "178.3", "178.3", "aid_amount", "united_arab_emirates"),
    ("000", "صيف عام 2014", "2014", "founded_on", "global_coalition"),
    ("001", "تشکیل گردید", "۲۰۱۴", "founded_on", "global_coalition"),
    ("001", "بروز سه شنبه", "۲۵ جون", "occurred_on", "paris_meeting_2019"),
    ("001", "بروز سه شنبه", "۴ سرطان", "occurred_on", "paris_meeting_2019"),
    ("000", "سقوط معقل الباغوز", "23 مارس", "occurred_on", "fall_of_baghouz_2019"),
    ("001", "سقوط مورخ", "۲۳ مارچ", "occurred_on", "fall_of_baghouz_2019"),
    ("001", "سقوط مورخ", "۳ حمل", "occurred_on", "fall_of_baghouz_2019"),
    ("002", "26 آب/أغسطس", "26 آب", "occurred_on", "kabul_airport_attack_2021"),
]


class TestSuggestOnExtractedMentions:
    @pytest.mark.parametrize(("seed", "locator", "figure", "prop", "subject"), EXTRACTED)
    def test_the_extractor_and_the_vocabulary_agree_on_the_seeds(self, seed, locator, figure, prop, subject):
        from corpus.extraction.extraction import extract

        sentence, before = seed_sentence(seed, locator)
        mentions = extract(sentence.text, SEED_LANGUAGE[seed], dt.date(2021, 9, 30))
        at = sentence.text.index(figure, sentence.text.index(locator) if figure in locator else 0)
        (mention,) = [m for m in mentions if m.start <= at < m.end]
        others = [m for m in mentions if m is not mention]

        proposal = suggest(sentence.text, mention, others, SEED_LANGUAGE[seed], before)

        assert (proposal.property, proposal.subject) == (prop, subject)


class TestACueBetweenTwoFiguresBelongsToTheFirst:
    """`A were affected and B displaced`: the cue between two figures is the first one's predicate.

    The second figure takes the cue on its own side of the conjunction (after it in Persian and in
    English passives, before it in Arabic verb-first clauses); the shared cue is only a fallback.
    """

    @pytest.mark.parametrize(
        ("language", "sentence", "first", "second", "expected"),
        [
            ("en", "Some 40,000 people were affected and 2,300 were displaced", "40,000 people", "2,300", "displaced"),
            ("en", "The blast killed 14 people and 60 were injured", "14 people", "60", "injured"),
            ("fa", "۸ هزار نفر آسیب دیدند و ۹۰۰ نفر آواره شدند", "۸ هزار نفر", "۹۰۰ نفر", "displaced"),
            ("fa", "۱۲ نفر کشته شدند و ۴۰ نفر زخمی شدند", "۱۲ نفر", "۴۰ نفر", "injured"),
            ("ar", "تضرر 8 آلاف شخص ونزح 900 آخرون", "8 آلاف شخص", "900", "displaced"),
        ],
    )
    def test_the_second_figure_takes_its_own_cue(self, language, sentence, first, second, expected):
        vocabulary = pack_vocabulary("general", "gazetteer")
        figures = [figure_at(sentence, first, unit="person"), figure_at(sentence, second)]

        proposal = propose_one(vocabulary, sentence, figures[1], [figures[0]], language)

        assert proposal.property == expected

    def test_a_lone_cue_across_a_conjunction_still_applies(self):
        # Crossing is a rank, not a refusal: with no cue of its own the figure keeps the shared one.
        sentence = "Officials said 30 people were killed and 12 more in the second town"
        vocabulary = pack_vocabulary("general", "gazetteer")
        first, second = figure_at(sentence, "30 people", unit="person"), figure_at(sentence, "12")

        assert propose_one(vocabulary, sentence, second, [first], "en").property == "killed"


def test_a_conversion_rate_of_currency_is_an_exchange_rate():
    # `نرخ تسعیر ارز` (the rate at which a budget converts foreign currency): not a price.
    sentence = "بودجه با نرخ تسعیر ارز ۲۸ هزار تومانی بسته شد"
    figure = figure_at(sentence, "۲۸ هزار تومانی", unit="IRT")

    proposal = propose_one(pack_vocabulary("general", "gazetteer"), sentence, figure, language="fa")

    assert proposal.property == "exchange_rate"


def test_a_figure_in_brackets_does_not_stand_between_a_cue_and_its_figure():
    # `(۱۲ حوت)` is an aside: the returning verb after it still belongs to the count before it.
    sentence = "۳۰۰ تن از مهاجرین افغان (۱۲ حوت) به کشور برگشتند"
    count = figure_at(sentence, "۳۰۰ تن", unit="person")
    day = figure_at(sentence, "۱۲ حوت", kind="date")

    proposal = propose_one(pack_vocabulary("general", "gazetteer"), sentence, count, [day], language="fa")

    assert proposal.property == "returnees"


@pytest.mark.parametrize(
    ("language", "sentence", "quote", "expected"),
    [
        ("en", "The agency counts 48,000 registered refugees in the camps", "48,000", "refugees"),
        ("en", "Some 48,000 people registered for the vote in the district", "48,000 people", "registered_voters"),
        ("ar", "يقيم في المخيم نحو 48 ألف لاجئ مسجل لدى المفوضية", "48 ألف لاجئ", "refugees"),
        ("ar", "بلغ عدد المسجلين في القوائم 48 ألفا قبل الاقتراع", "48 ألفا", "registered_voters"),
    ],
)
def test_registered_means_voters_only_in_a_sentence_about_a_vote(language, sentence, quote, expected):
    figure = figure_at(sentence, quote, unit="person")

    proposal = propose_one(pack_vocabulary("general", "gazetteer"), sentence, figure, language=language)

    assert proposal.property == expected
