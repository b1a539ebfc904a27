"""Intervals and rounding widths (pure)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from corpus.extraction.intervals import Interval, rounding_width


class TestIntersection:
    @pytest.mark.parametrize(
        ("a", "b", "expected", "empty"),
        [
            (Interval(D(80), D(80)), Interval(D(80), D(80)), Interval(D(80), D(80)), False),
            (Interval(D(27), D(33)), Interval(D(30), None), Interval(D(30), D(33)), False),
            (Interval(D(110000), None, lower_open=True), Interval(D(110000), D(110000)), None, True),
            (Interval(None, D(5), upper_open=True), Interval(D(5), None), None, True),
            (Interval(None, D(5)), Interval(D(5), None), Interval(D(5), D(5)), False),
            (Interval(None, None), Interval(D(1), D(2), True, True), Interval(D(1), D(2), True, True), False),
        ],
    )
    def test_intersection_respects_open_closed_and_unbounded_ends(self, a, b, expected, empty) -> None:
        result = a.intersect(b)

        assert result.is_empty is empty
        if expected is not None:
            assert result == expected
        assert a.overlaps(b) is not empty
        assert b.overlaps(a) is not empty

    def test_unbounded_ends_cannot_be_open(self) -> None:
        with pytest.raises(ValueError, match="unbounded lower end"):
            Interval(None, D(1), lower_open=True)
        with pytest.raises(ValueError, match="unbounded upper end"):
            Interval(D(1), None, upper_open=True)

    def test_describe_uses_interval_notation(self) -> None:
        assert Interval(D(600_000_000), None, lower_open=True).describe() == "(600,000,000, ∞)"
        assert Interval(D(27), D(33)).describe() == "[27, 33]"


class TestRoundingWidth:
    @pytest.mark.parametrize(
        ("nominal", "width"),
        [
            (D(110000), D(500)),  # "110 thousand": known to the thousand
            (D(80), D(5)),
            (D(30), D(5)),
            (D(670_000_000), D(500_000)),
            (D(8_000_000), D(500_000)),
            (D(1000), D(500)),
            (D(55), D(0)),
            (D("178.3"), D(0)),
            (D(0), D(0)),
            (None, D(0)),
        ],
    )
    def test_half_a_unit_of_the_last_significant_digit(self, nominal, width) -> None:
        assert rounding_width(nominal) == width

    def test_widening_moves_bounded_ends_only(self) -> None:
        assert Interval(D(110000), D(110000)).widen(D(500)) == Interval(D(109500), D(110500))
        assert Interval(D(30), None).widen(D(5)) == Interval(D(25), None)
