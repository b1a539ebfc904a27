"""The bulk conflict scan (one grouped SQL query) agrees with the Python engine."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from claims import selectors
from claims.domain.crosscheck import Verdict, crosscheck
from claims.models import Claim, Entity, Fact, Property
from claims.services import fact_for
from corpus.extraction.intervals import Interval
from tests.factories import DocumentFactory


def _random_interval(rng: random.Random) -> tuple[Decimal | None, Decimal | None, bool, bool]:
    lower = None if rng.random() < 0.15 else Decimal(rng.randint(0, 12))
    upper = None if rng.random() < 0.15 else Decimal(rng.randint(0, 12))
    if lower is not None and upper is not None and lower > upper:
        lower, upper = upper, lower
    lower_open = lower is not None and rng.random() < 0.3
    upper_open = upper is not None and rng.random() < 0.3
    if lower is not None and lower == upper and (lower_open or upper_open):
        lower_open = upper_open = False
    return lower, upper, lower_open, upper_open


@pytest.fixture
def random_facts(db) -> list[Fact]:
    rng = random.Random(20261123)
    document = DocumentFactory()
    props = [Property.objects.get(slug="territory_area"), Property.objects.get(slug="member_count")]
    facts = []
    claims = []
    for i in range(120):
        entity = Entity.objects.create(name=f"E{i}", slug=f"e{i}", kind="organization")
        prop = props[i % 2]
        fact = fact_for(subject=entity, prop=prop, qualifiers={})
        facts.append(fact)
        for _ in range(rng.randint(1, 5)):
            lower, upper, lower_open, upper_open = _random_interval(rng)
            claims.append(
                Claim(
                    document=document,
                    subject=entity,
                    property=prop,
                    fact=fact,
                    nominal=str(lower if lower is not None else upper or 0),
                    lower=lower,
                    upper=upper,
                    lower_open=lower_open,
                    upper_open=upper_open,
                    modifier=rng.choice(["exact", "about", "more_than"]),
                    status="accepted" if rng.random() < 0.85 else "proposed",
                    as_of=dt.date(2019, 1, 1) + dt.timedelta(days=rng.choice([0, 30, 900])),
                )
            )
    Claim.objects.bulk_create(claims)
    return facts


def _engine(fact: Fact):
    rows = selectors.fact_claim_rows([fact.pk]).get(fact.pk, [])
    values = [selectors.claim_value_from_row(r) for r in rows]
    return values, (crosscheck(values, time_varying=fact.property.time_varying) if values else None)


@pytest.mark.django_db
def test_whole_fact_scan_finds_every_fact_without_a_common_rounded_value(random_facts) -> None:
    expected = set()
    for fact in random_facts:
        values, _ = _engine(fact)
        common = Interval(None, None)
        for value in values:
            common = common.intersect(value.rounded())
        if len(values) > 1 and common.is_empty:
            expected.add(fact.pk)

    assert expected  # the random data does exercise the scan
    assert set(selectors.rounded_conflict_fact_ids()) == expected


@pytest.mark.django_db
def test_period_aware_candidates_are_exactly_the_engine_conflicts(random_facts) -> None:
    # The nominals here are plain digits, which the SQL rounding rule reads exactly as the engine
    # does, so the candidates are not merely a superset: no timeline and no within-rounding fact
    # is left for the engine to discard.
    conflicts = {f.pk for f in random_facts if (report := _engine(f)[1]) and report.verdict == Verdict.CONFLICT}
    timelines = {f.pk for f in random_facts if (report := _engine(f)[1]) and report.verdict == Verdict.TIMELINE}
    whole_fact = set(selectors.rounded_conflict_fact_ids())

    assert timelines & whole_fact  # some timelines have no common value over all their years ...
    assert selectors.conflict_candidate_fact_ids() == sorted(conflicts)  # ... and are not candidates


@pytest.mark.django_db
def test_confirmed_conflicts_equal_the_engine_verdicts(random_facts) -> None:
    expected = {f.pk for f in random_facts if (report := _engine(f)[1]) and report.verdict == Verdict.CONFLICT}

    assert set(selectors.facts_in_conflict()) == expected
    assert expected


@pytest.mark.django_db
def test_scan_is_one_query(random_facts, django_assert_num_queries) -> None:
    # 1. the candidate facts (grouped scan, then periods), 2. their claim rows
    with django_assert_num_queries(2):
        selectors.facts_in_conflict()


NOMINALS = [
    "110000", "110000.5", "80", "-50", "-", "--50", "0", "000", "0110", "1.5", "50.0", "110,000", "", "5",
    "670000000", "1000", "10000", "100000", "1000000", "12345678900000000000000", "١٠٠", "1e3", " 50", "+50",
]  # fmt: skip


@pytest.mark.django_db
def test_stored_rounding_never_exceeds_the_engine_rule_and_equals_it_on_plain_digits() -> None:
    document = DocumentFactory()
    rng = random.Random(7)
    nominals = NOMINALS + [str(rng.randint(1, 99) * 10 ** rng.randint(0, 20)) for _ in range(200)]
    modifiers = ["exact", "about", "range", "more_than"]
    zero = {"document": document, "lower": Decimal(0), "upper": Decimal(0)}  # the widening is read off 0
    Claim.objects.bulk_create(
        Claim(nominal=n, modifier=modifiers[i % 4], value_type="quantity", **zero) for i, n in enumerate(nominals)
    )
    # A range's bounds are stated, not rounded; a date is never widened; an unbounded end stays so.
    Claim.objects.create(nominal="1000", modifier="range", value_type="quantity", **zero)
    Claim.objects.create(nominal="1000", value_type="date", **zero)
    unbounded = Claim.objects.create(document=document, nominal="1000", lower=Decimal(1000), modifier="at_least")

    unbounded.refresh_from_db()
    assert (unbounded.rounded_lower, unbounded.rounded_upper) == (Decimal(500), None)
    for claim in Claim.objects.exclude(pk=unbounded.pk).order_by("id"):
        value = selectors.claim_value_from_row(
            {f: getattr(claim, f) for f in selectors.ENGINE_ROW_FIELDS if f not in ("id", "fact_id") and "__" not in f}
            | {"id": claim.pk, "fact_id": None, "lower": Decimal(0), "upper": Decimal(0)}
        )
        engine = value.rounded().upper
        rounding = claim.rounded_upper  # the upper bound 0, widened by the database
        assert claim.rounded_lower == -rounding
        assert rounding <= engine, claim.nominal
        plain = claim.nominal.removeprefix("-").isascii() and claim.nominal.removeprefix("-").isdigit()
        if plain:
            assert rounding == engine, (claim.nominal, claim.modifier, claim.value_type)
    assert Claim.objects.filter(rounded_upper=500000).exists()
    assert Claim.objects.get(modifier="range", nominal="1000").rounded_upper == 0
    assert Claim.objects.get(value_type="date").rounded_upper == 0
