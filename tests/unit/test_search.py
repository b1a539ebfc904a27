"""Search patterns that fold scripts (claims.domain.search): pure, no database."""

from __future__ import annotations

import re

import pytest

from claims.domain.display import fact_name
from claims.domain.search import folded_contains, folded_pattern, folded_term


class TestFoldedPattern:
    @pytest.mark.parametrize(
        ("term", "text"),
        [
            ("110", "أكثر من ۱۱۰ هزار"),  # Latin digits find Persian digits
            ("110", "نحو ١١٠ آلاف"),  # and Arabic-Indic digits
            ("۱۱۰", "more than 110,000"),  # and the other way round
            ("١١٠", "۱۱۰ کیلومتر"),
            ("178.3", "۱۷۸٫۳ ملیون"),  # the Arabic decimal separator
            ("کیلومتر", "110 آلاف كيلومتر مربع"),  # keheh and yeh find kaf and Arabic yeh
            ("الامارات", "أعلنت الإمارات"),  # hamza carriers
            ("المتحده", "الأمم المتحدة"),  # teh marbuta
            ("سازمان ملل", "سازمـان مِلل متحد"),  # tatweel and a diacritic in the text
            ("دهها", "ده‌ها نفر"),  # a ZWNJ in the text
            ("ده‌ها", "دهها نفر"),  # a ZWNJ in the term
            ("islamic state", "Islamic  State"),  # case, and a run of spaces
        ],
    )
    def test_a_term_matches_its_spellings_in_other_scripts(self, term: str, text: str) -> None:
        pattern = folded_pattern(term)

        assert folded_contains(pattern, text)

    @pytest.mark.parametrize(
        ("term", "text"),
        [("110", "۱۰۱"), ("کابل", "بابل"), ("80", "8 0")],
    )
    def test_it_does_not_match_other_words(self, term: str, text: str) -> None:
        assert not folded_contains(folded_pattern(term), text)

    def test_punctuation_is_literal(self) -> None:
        pattern = folded_pattern("a.b (c)")

        assert folded_contains(pattern, "a.b (c)")
        assert not folded_contains(pattern, "axb (c)")

    def test_the_pattern_keeps_to_syntax_sqlite_and_postgresql_share(self) -> None:
        pattern = folded_pattern("110 - كيلومتر «مربع» [x]")

        re.compile(pattern)
        assert "\\d" not in pattern
        assert "\\w" not in pattern
        assert "(?" not in pattern

    def test_an_empty_term_gives_an_empty_pattern_that_matches_nothing(self) -> None:
        assert folded_pattern("  ") == ""
        assert not folded_contains("", "anything")

    def test_the_folded_term_drops_zwnj_and_collapses_spaces(self) -> None:
        assert folded_term("  ده‌ها   نفر ") == "دهها نفر"


class TestFactName:
    def test_a_fact_reads_subject_dot_property(self) -> None:
        assert fact_name("Islamic State", "territory_area") == "Islamic State · territory area"

    def test_qualifiers_follow_after_another_dot(self) -> None:
        assert fact_name("Coalition", "pledged amount", {"year": 2021}) == "Coalition · pledged amount · year 2021"

    def test_missing_parts_are_named(self) -> None:
        assert fact_name(None, None) == "(no subject) · (no property)"
