"""Claim units (pure, no database): the known list, how it is extended, and the check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.extraction.extraction import extract
from corpus.extraction.mentions import QuantityValue
from corpus.extraction.policy import POLICY_PATH, load_policy
from corpus.extraction.quantities import UNITS as EXTRACTED_UNITS
from corpus.extraction.units import KNOWN_UNITS, known_units, unit_error

ROOT = Path(__file__).resolve().parents[2]


class TestKnownUnits:
    @pytest.mark.parametrize(
        ("text", "language", "unit"),
        [
            ("ويضم التحالف 80 بلداً", "ar", "country"),
            ("۸۰ کشور", "fa", "country"),
            ("أكثر من 600 مليون دولار", "ar", "USD"),
            ("$600", "en", "USD"),
            ("110 آلاف كيلومتر مربع", "ar", "km2"),
            ("55 من قوات الأمن", "ar", "person"),
            ("لمركزي هداية", "ar", "center"),
            ("20 في المئة", "ar", "percent"),
        ],
    )
    def test_every_unit_the_extractor_produces_is_known(self, text: str, language: str, unit: str) -> None:
        values = [m.value for m in extract(text, language) if isinstance(m.value, QuantityValue)]

        assert [v.unit for v in values] == [unit]
        assert unit_error(unit) is None

    def test_the_seed_articles_yield_only_known_units(self) -> None:
        units = {
            m.value.unit
            for path in sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()
            for m in extract(line, "fa" if path.name.startswith("001") else "ar")
            if isinstance(m.value, QuantityValue) and m.value.unit
        }

        assert units
        assert units <= KNOWN_UNITS

    def test_the_curated_fixture_uses_only_known_units(self) -> None:
        objects = json.loads((ROOT / "fixtures" / "curated" / "seeds.json").read_text(encoding="utf-8"))
        curated = {o["fields"]["unit"] for o in objects if o["model"] == "claims.claim"}

        assert {u for u in curated if unit_error(u)} == set()

    def test_the_known_units_are_the_extractors_and_the_policys_extra(self) -> None:
        assert EXTRACTED_UNITS <= KNOWN_UNITS
        assert known_units() == KNOWN_UNITS


class TestUnitError:
    @pytest.mark.parametrize("unit", ["", "country", "USD", "km2", "person"])
    def test_an_empty_or_known_unit_passes(self, unit: str) -> None:
        assert unit_error(unit) is None

    @pytest.mark.parametrize(
        ("unit", "says"),
        [
            ("contry", "Unknown unit 'contry'. Known units: "),
            ("usd", "did you mean 'USD'?"),
            ("Country", "did you mean 'country'?"),
            ("دولار", "Unknown unit 'دولار'"),
            (" country", "did you mean 'country'?"),
        ],
    )
    def test_an_unknown_unit_is_refused_with_the_list_and_how_to_extend_it(self, unit: str, says: str) -> None:
        error = unit_error(unit)

        assert error is not None
        assert says in error
        assert "[units] extra in corpus/extraction/policy.toml" in error
        assert "country" in error.split("Known units:")[1]


class TestExtendingTheList:
    def test_a_unit_added_to_the_policy_file_becomes_known(self, tmp_path) -> None:
        text = POLICY_PATH.read_text(encoding="utf-8")
        assert "\nextra = []\n" in text  # the documented place
        edited = tmp_path / "policy.toml"
        edited.write_text(text.replace("\nextra = []\n", '\nextra = ["vehicle", "GBP"]\n'), encoding="utf-8")

        known = known_units(load_policy(edited))

        assert {"vehicle", "GBP"} <= known
        assert unit_error("vehicle", known) is None
        assert unit_error("vehicle") is not None  # the shipped policy does not have it

    @pytest.mark.parametrize("extra", ["vehicle", [""], [" vehicle"], ["x" * 21], [3]])
    def test_a_malformed_extra_list_is_refused(self, extra) -> None:
        with pytest.raises(ValueError, match=r"\[units\] extra"):
            known_units({"units": {"extra": extra}})
