"""Curator text and qualifiers (pure)."""

from __future__ import annotations

import pytest

from claims.domain.cleaning import InvisibleText, clean_text
from claims.domain.qualifiers import qualifier_errors


class TestCleanText:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("\u202eISIS\u202c", "ISIS"),
            ("\u2067داعش\u2069", "داعش"),
            ("می\u200cشود", "می\u200cشود"),  # ZWNJ kept
            ("Global Coalition", "Global Coalition"),
        ],
    )
    def test_bidi_controls_are_removed_and_zwnj_kept(self, raw, clean) -> None:
        assert clean_text(raw) == clean

    @pytest.mark.parametrize("raw", ["\u200c", "\u200e\u200f", "\u202e\u202c", "   ", ""])
    def test_values_of_only_invisible_characters_are_refused(self, raw) -> None:
        with pytest.raises(InvisibleText):
            clean_text(raw)


class TestQualifiers:
    @pytest.mark.parametrize("value", [{}, {"year": 2021}, {"victim_group": "security_forces"}, {"a": True}])
    def test_flat_scalar_objects_are_fine(self, value) -> None:
        assert qualifier_errors(value) == []

    @pytest.mark.parametrize(
        "value",
        [
            [],
            {"Year": 2021},
            {"year": {"nested": 1}},
            {"year": 1.5},
            {"year": "20\x0021"},
            {"year": "\ud800"},
            {"year": " "},
            {"k": "x" * 201},
            {f"k{i}": i for i in range(11)},
        ],
    )
    def test_anything_else_is_refused_with_a_reason(self, value) -> None:
        assert qualifier_errors(value)


def test_qualifier_integers_beyond_what_json_clients_read_exactly_are_refused() -> None:
    assert qualifier_errors({"year": 2**53 - 1}) == []
    assert qualifier_errors({"year": 2**53})
