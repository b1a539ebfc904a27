"""The pure value check every claim write runs (`claims.domain.values`), without a database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from claims.domain.values import (
    ClaimValue,
    PropertyRules,
    claim_errors,
    hidden_text_error,
    rederived_bounds,
    related_to,
    status_errors,
    value_errors,
)

MEMBERS = PropertyRules(
    slug="member_count",
    value_type="quantity",
    units=frozenset({"country", "member"}),
    classified=frozenset({"country", "member", "person", "USD"}),
    unit_required=True,
)
MAGNITUDE = PropertyRules(slug="magnitude", value_type="quantity", minimum=Decimal(0), maximum=Decimal(10))
FOUNDED = PropertyRules(slug="founded_on", value_type="date", qualifier_keys=frozenset({"place"}))


def _figure(**fields) -> ClaimValue:
    return ClaimValue.of({"nominal": "80", "lower": Decimal(80), "upper": Decimal(80), "unit": "country", **fields})


class TestValueErrors:
    def test_a_consistent_figure_has_no_error(self) -> None:
        assert value_errors(_figure(), MEMBERS) == {}

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"lower": Decimal(81), "upper": Decimal(90)}, "lower"),
            ({"lower": Decimal(70), "upper": Decimal(79)}, "upper"),
            ({"lower": Decimal(90), "upper": Decimal(80)}, "lower"),
            ({"lower": None, "lower_open": True}, "lower_open"),
            ({"upper": None, "upper_open": True}, "upper_open"),
            ({"modifier": "roughly"}, "modifier"),
            ({"unit": "person"}, "unit"),
            ({"unit": ""}, "unit"),
            ({"unit": "parsecs"}, "unit"),
            ({"date_lower": dt.date(2021, 1, 1)}, "date_lower"),
            ({"date_precision": "day"}, "date_precision"),
            ({"qualifiers": {"year": 2021}}, "qualifiers"),
            ({"qualifiers": {"Year": 2021}}, "qualifiers"),
            ({"nominal": "8\u202e0"}, "nominal"),
            ({"noun": "بلد\u2066ا"}, "noun"),
            ({"qualifiers": {"year": "20\x0721"}}, "qualifiers"),
        ],
    )
    def test_each_broken_rule_names_its_field(self, fields, field) -> None:
        errors = value_errors(_figure(**fields), MEMBERS)

        assert field in errors, errors

    def test_the_stated_figure_may_be_the_open_end_of_its_interval(self) -> None:
        more_than = _figure(nominal="55", lower=Decimal(55), upper=None, lower_open=True, modifier="more_than")

        assert value_errors(more_than, MEMBERS) == {}

    def test_a_unit_no_family_lists_is_not_refused(self) -> None:
        # The extractor may know units the vocabulary does not classify yet.
        assert value_errors(_figure(unit="km2"), MEMBERS) == {}

    def test_the_family_bounds_the_stated_figure(self) -> None:
        eleven = ClaimValue.of({"nominal": "11", "lower": Decimal(11), "upper": Decimal(11)})

        assert "nominal" in value_errors(eleven, MAGNITUDE)

    def test_a_date_takes_no_unit_and_its_days_are_ordered(self) -> None:
        date = ClaimValue.of(
            {
                "value_type": "date",
                "unit": "USD",
                "date_lower": dt.date(2021, 5, 2),
                "date_upper": dt.date(2021, 5, 1),
                "qualifiers": {"place": "Kabul"},
            }
        )

        assert set(value_errors(date, FOUNDED)) == {"unit", "date_lower"}

    def test_without_a_property_no_qualifier_key_is_refused_for_being_undeclared(self) -> None:
        assert value_errors(_figure(qualifiers={"year": 2021}), None) == {}

    def test_persian_joiners_are_part_of_words(self) -> None:
        assert hidden_text_error("می\u200cشود") is None
        assert hidden_text_error("a\u200bb") is not None


class TestRederivedBounds:
    @pytest.mark.parametrize(
        ("modifier", "expected"),
        [
            ("exact", (Decimal(81), Decimal(81), False, False)),
            ("nearly", (Decimal("72.9"), Decimal(81), False, False)),
            ("about", (Decimal("72.9"), Decimal("89.1"), False, False)),
            ("more_than", (Decimal(81), None, True, False)),
            ("at_most", (None, Decimal(81), False, False)),
            ("less_than", (None, Decimal(81), False, True)),
        ],
    )
    def test_a_single_figure_hedge_gives_the_policys_interval(self, modifier, expected) -> None:
        derived = rederived_bounds(nominal="81", modifier=modifier)

        assert derived is not None
        assert (derived["lower"], derived["upper"], derived["lower_open"], derived["upper_open"]) == expected
        assert derived["rule"].startswith("hedge.")

    @pytest.mark.parametrize(("nominal", "modifier"), [("81", "range"), ("81", "vague"), ("عشرات", "exact")])
    def test_a_range_a_vague_amount_or_a_figure_in_words_keeps_its_bounds(self, nominal, modifier) -> None:
        assert rederived_bounds(nominal=nominal, modifier=modifier) is None


class TestStatusAndEdits:
    def test_accepting_needs_subject_and_property(self) -> None:
        assert set(status_errors(status="accepted", has_subject=False, has_property=False)) == {"subject", "property"}
        assert status_errors(status="proposed", has_subject=False, has_property=False) == {}

    def test_an_edit_answers_only_for_what_it_touches(self) -> None:
        errors = {"unit": "old unit", "upper": "leaves out the figure"}

        assert related_to(errors, {"status"}) == {}
        assert related_to(errors, {"nominal"}) == {"upper": "leaves out the figure"}
        assert related_to(errors, {"property"}) == errors


class TestClaimErrors:
    def test_a_new_claim_answers_for_its_value_and_its_status(self) -> None:
        errors = claim_errors(_figure(unit=""), MEMBERS, status="accepted", has_subject=False, has_property=True)

        assert set(errors) == {"unit", "subject"}

    def test_an_edit_answers_only_for_what_it_changed(self) -> None:
        old = _figure(unit="")  # stored before the unit rule, without a subject

        renamed = claim_errors(old, MEMBERS, status="accepted", has_subject=False, has_property=True, changed={"cue"})
        accepted = claim_errors(
            old, MEMBERS, status="accepted", has_subject=False, has_property=True, changed={"status"}
        )
        retyped = claim_errors(old, MEMBERS, status="proposed", has_subject=False, has_property=True, changed={"unit"})

        assert renamed == {}
        assert set(accepted) == {"subject"}
        assert set(retyped) == {"unit"}
