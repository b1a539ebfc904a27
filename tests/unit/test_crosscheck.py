"""The cross-check engine (pure), with a property test of the sweep against brute force."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.domain.crosscheck import ClaimValue, Verdict, crosscheck, majority_group, split_periods
from corpus.extraction.intervals import Interval


def exact(ident: int, n: int, **kw) -> ClaimValue:
    return ClaimValue(ident, Interval(D(n), D(n)), nominal=D(n), modifier="exact", **kw)


class TestVerdicts:
    def test_one_claim_is_single(self) -> None:
        assert crosscheck([exact(1, 80)]).verdict == Verdict.SINGLE

    def test_member_count_80_and_80_is_consistent_on_80(self) -> None:
        report = crosscheck([exact(1, 80), exact(2, 80)])

        assert report.verdict == Verdict.CONSISTENT
        assert report.consensus == Interval(D(80), D(80))

    def test_about_30_and_at_least_30_agree_on_30_to_33(self) -> None:
        about = ClaimValue(1, Interval(D(27), D(33)), nominal=D(30), modifier="about")
        at_least = ClaimValue(2, Interval(D(30), None), nominal=D(30), modifier="at_least")

        report = crosscheck([about, at_least])

        assert report.verdict == Verdict.CONSISTENT
        assert report.consensus == Interval(D(30), D(33))

    def test_more_than_110000_and_110000_agree_only_within_rounding(self) -> None:
        more = ClaimValue(1, Interval(D(110000), None, lower_open=True), nominal=D(110000), modifier="more_than")
        bare = exact(2, 110000)

        report = crosscheck([more, bare])

        assert report.verdict == Verdict.CONSISTENT_WITHIN_ROUNDING
        assert report.rounded == (2,)
        assert report.consensus == Interval(D(110000), D(110500), lower_open=True)
        assert report.notes == (
            "110,000 (claim 2, exact) agrees with 'more than 110,000' only once 110,000 is read as a rounded figure, "
            "±500 (rule rounding_half_unit)",
        )

    def test_dates_compare_like_numbers(self) -> None:
        day = D(dt.date(2019, 3, 23).toordinal())
        march = Interval(D(dt.date(2019, 3, 1).toordinal()), D(dt.date(2019, 3, 31).toordinal()))

        report = crosscheck(
            [ClaimValue(1, Interval(day, day)), ClaimValue(2, Interval(day, day)), ClaimValue(3, march)]
        )

        assert report.verdict == Verdict.CONSISTENT
        assert report.consensus == Interval(day, day)

    def test_conflict_names_majority_outliers_and_pairs(self) -> None:
        claims = [exact(1, 80), exact(2, 80), ClaimValue(3, Interval(D(79), D(81)), D(80), "about"), exact(4, 63)]

        report = crosscheck(claims)

        assert report.verdict == Verdict.CONFLICT
        assert report.majority == (1, 2, 3)
        assert report.outliers == (4,)
        assert {(p.a, p.b) for p in report.conflicts} == {(1, 4), (2, 4), (3, 4)}
        assert report.conflicts[0].reason == (
            "63 (claim 4, exact) lies entirely below 80 (claim 1, exact) even read as rounded figures: "
            "[63, 63] against [75, 85]"
        )

    def test_time_varying_claims_in_different_periods_form_a_timeline(self) -> None:
        claims = [
            exact(1, 80, as_of=dt.date(2019, 6, 26)),
            exact(2, 80, as_of=dt.date(2019, 7, 8)),
            exact(3, 86, as_of=dt.date(2023, 6, 1)),
        ]

        report = crosscheck(claims, time_varying=True)

        assert report.verdict == Verdict.TIMELINE
        assert [p.claim_ids for p in report.periods] == [(1, 2), (3,)]
        assert [p.verdict for p in report.periods] == [Verdict.CONSISTENT, Verdict.SINGLE]
        assert report.periods[0].period == (dt.date(2019, 6, 26), dt.date(2019, 7, 8))

    def test_a_conflict_inside_one_period_is_a_conflict(self) -> None:
        claims = [
            exact(1, 80, as_of=dt.date(2019, 6, 1)),
            exact(2, 63, as_of=dt.date(2019, 6, 2)),
            exact(3, 86, as_of=dt.date(2023, 6, 1)),
        ]

        assert crosscheck(claims, time_varying=True).verdict == Verdict.CONFLICT

    def test_the_same_claims_without_time_variation_conflict(self) -> None:
        claims = [exact(1, 80, as_of=dt.date(2019, 6, 26)), exact(3, 86, as_of=dt.date(2023, 6, 1))]

        assert crosscheck(claims, time_varying=False).verdict == Verdict.CONFLICT

    def test_undated_claims_join_every_period(self) -> None:
        claims = [exact(1, 80, as_of=dt.date(2019, 1, 1)), exact(2, 86, as_of=dt.date(2023, 1, 1)), exact(3, 80)]

        assert [[c.id for c in p] for p in split_periods(claims)] == [[1, 3], [2, 3]]

    def test_no_claims_is_an_error(self) -> None:
        with pytest.raises(ValueError, match="at least one claim"):
            crosscheck([])


# --- the sweep against brute force ----------------------------------------------------------

bounds = st.one_of(st.none(), st.integers(min_value=-20, max_value=20))


@st.composite
def intervals(draw) -> Interval:
    lower, upper = draw(bounds), draw(bounds)
    if lower is not None and upper is not None and lower > upper:
        lower, upper = upper, lower
    lower_open = lower is not None and draw(st.booleans())
    upper_open = upper is not None and draw(st.booleans())
    interval = Interval(
        None if lower is None else D(lower), None if upper is None else D(upper), lower_open, upper_open
    )
    if interval.is_empty:
        interval = Interval(interval.lower, interval.upper)
    return interval


def _contains(interval: Interval, x: D) -> bool:
    if interval.lower is not None and (x < interval.lower or (interval.lower_open and x == interval.lower)):
        return False
    return not (interval.upper is not None and (x > interval.upper or (interval.upper_open and x == interval.upper)))


def _brute_force_depth(items: list[Interval]) -> int:
    """Try every endpoint, every midpoint between endpoints and points beyond them."""
    points = sorted({v for iv in items for v in (iv.lower, iv.upper) if v is not None} | {D(0)})
    candidates = set(points) | {(a + b) / 2 for a, b in zip(points, points[1:], strict=False)}
    candidates |= {points[0] - 1, points[-1] + 1}
    return max(sum(_contains(iv, x) for iv in items) for x in candidates)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(intervals(), min_size=1, max_size=12))
def test_sweep_finds_the_largest_group_with_a_common_point(items: list[Interval]) -> None:
    members, common = majority_group(list(enumerate(items)))

    assert len(members) == _brute_force_depth(items)
    assert not common.is_empty
    for a, b in combinations(members, 2):
        assert items[a].overlaps(items[b])


@st.composite
def claim_values(draw) -> list[ClaimValue]:
    items = draw(st.lists(intervals(), min_size=1, max_size=8))
    return [
        ClaimValue(
            i,
            iv,
            nominal=iv.lower if iv.lower is not None else iv.upper,
            modifier=draw(st.sampled_from(["exact", "about", "more_than", "vague"])),
            as_of=draw(
                st.one_of(st.none(), st.sampled_from([dt.date(2019, 1, 1), dt.date(2019, 3, 1), dt.date(2023, 1, 1)]))
            ),
            reported_on=draw(st.one_of(st.none(), st.sampled_from([dt.date(2019, 1, 1), dt.date(2019, 1, 2)]))),
            source=draw(st.sampled_from(["a", "b", "c", None])),
        )
        for i, iv in enumerate(items)
    ]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(claim_values(), st.booleans(), st.booleans())
def test_is_conflict_equals_the_full_verdict(claims: list[ClaimValue], time_varying: bool, cumulative: bool) -> None:
    from claims.domain.crosscheck import is_conflict

    assert is_conflict(claims, time_varying=time_varying, cumulative=cumulative) == (
        crosscheck(claims, time_varying=time_varying, cumulative=cumulative).verdict == Verdict.CONFLICT
    )


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.tuples(intervals(), st.sampled_from("abcd")), min_size=1, max_size=10))
def test_source_groups_find_the_point_most_sources_support(items: list[tuple[Interval, str]]) -> None:
    from claims.domain.crosscheck import source_groups

    best, groups = source_groups(
        [(i, iv) for i, (iv, _s) in enumerate(items)], {i: s for i, (_iv, s) in enumerate(items)}
    )

    points = sorted({v for iv, _ in items for v in (iv.lower, iv.upper) if v is not None} | {D(0)})
    candidates = set(points) | {(a + b) / 2 for a, b in zip(points, points[1:], strict=False)}
    candidates |= {points[0] - 1, points[-1] + 1}
    assert best == max(len({s for iv, s in items if _contains(iv, x)}) for x in candidates)
    assert groups
    for members, common in groups:
        assert len({items[i][1] for i in members}) == best
        assert not common.is_empty
    assert len({frozenset(items[i][1] for i in m) for m, _ in groups}) == len(groups)


@st.composite
def round_figures(draw) -> list[ClaimValue]:
    """Figures as sources state them, round (widened by their rounding) or not (103: never)."""
    out = []
    for i in range(draw(st.integers(min_value=2, max_value=6))):
        n = D(draw(st.sampled_from([100, 103, 110, 120, 1000, 1100])))
        modifier = draw(st.sampled_from(["exact", "more_than", "at_least", "at_most", "less_than", "about"]))
        interval = {
            "exact": Interval(n, n),
            "more_than": Interval(n, None, lower_open=True),
            "at_least": Interval(n, None),
            "at_most": Interval(None, n),
            "less_than": Interval(None, n, upper_open=True),
            "about": Interval(n * D("0.9"), n * D("1.1")),
        }[modifier]
        out.append(ClaimValue(i, interval, n, modifier, source=draw(st.sampled_from("abc"))))
    return out


@settings(max_examples=400, deadline=None, derandomize=True)
@given(round_figures())
def test_within_rounding_names_claims_and_widening_just_them_is_enough(claims: list[ClaimValue]) -> None:
    report = crosscheck(claims)

    if report.verdict == Verdict.CONSISTENT_WITHIN_ROUNDING:
        VERDICTS_SEEN.add(report.verdict)
        assert report.rounded, "at least one claim needed its rounding"
        assert len(report.notes) == len(report.rounded)
        widened = {w.claim: w.widened for w in report.widenings if w.widened is not None}
        assert set(widened) == set(report.rounded)
        together = Interval(None, None)
        for c in claims:
            together = together.intersect(widened.get(c.id, c.interval))
        assert not together.is_empty
        assert together == report.consensus


VERDICTS_SEEN: set[Verdict] = set()


def test_the_rounding_property_test_met_the_verdict_it_is_about() -> None:
    test_within_rounding_names_claims_and_widening_just_them_is_enough()

    assert Verdict.CONSISTENT_WITHIN_ROUNDING in VERDICTS_SEEN
