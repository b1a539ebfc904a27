"""Verdicts that explain themselves, majorities counted in sources, cumulative figures (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from claims.domain.crosscheck import ClaimValue, Verdict, crosscheck, is_conflict
from claims.domain.explain import Terms
from corpus.extraction.intervals import Interval

DAY1, DAY2, DAY3 = dt.date(2021, 3, 27), dt.date(2021, 3, 28), dt.date(2021, 3, 29)


def exact(ident: int, n: int, source: str | None = None, **kw) -> ClaimValue:
    return ClaimValue(
        ident, Interval(D(n), D(n)), nominal=D(n), modifier="exact", source=source, who=source or "", **kw
    )


def day(value: dt.date) -> D:
    return D(value.toordinal())


class TestWithinRounding:
    def test_the_bare_figure_is_named_and_explained_in_km2(self) -> None:
        more = ClaimValue(
            1, Interval(D(110000), None, lower_open=True), D(110000), "more_than", who="Al Sharq, Arabic", unit="km2"
        )
        bare = ClaimValue(2, Interval(D(110000), D(110000)), D(110000), "exact", who="Dari", unit="km2")

        report = crosscheck([more, bare], terms=Terms(unit="km2"))

        assert report.rounded == (2,)
        assert report.notes == (
            "110,000 km² (Dari, exact) agrees with 'more than 110,000 km²' only once 110,000 is read as a rounded "
            "figure, ±500 (rule rounding_half_unit)",
        )
        assert report.findings[-1] == "Read so, all 2 sources agree on (110,000, 110,500] km²."

    def test_claims_that_each_meet_the_widened_consensus_are_still_named(self) -> None:
        # "at most 100" and "more than 100" share no value; widened by their rounding (±50) they
        # meet on (50, 150], and each stated interval meets that on its own: before, none was named.
        at_most = ClaimValue(1, Interval(None, D(100)), D(100), "at_most")
        more = ClaimValue(2, Interval(D(100), None, lower_open=True), D(100), "more_than")

        report = crosscheck([at_most, more])

        assert report.verdict == Verdict.CONSISTENT_WITHIN_ROUNDING
        assert report.rounded == (2,)
        assert len(report.notes) == 1
        assert report.consensus == Interval(D(50), D(100), lower_open=True)

    def test_widenings_carry_the_stated_and_widened_interval_and_the_rule(self) -> None:
        more = ClaimValue(1, Interval(D(110000), None, lower_open=True), D(110000), "more_than")
        bare = exact(2, 110000)

        report = crosscheck([more, bare])

        by_claim = {w.claim: w for w in report.widenings}
        assert by_claim[1].widened is None
        assert by_claim[2].stated == Interval(D(110000), D(110000))
        assert by_claim[2].widened == Interval(D(109500), D(110500))
        assert (by_claim[2].rule, by_claim[2].width) == ("rounding_half_unit", D(500))


class TestMajorityInSources:
    def test_two_claims_of_one_outlet_do_not_outvote_another_outlet(self) -> None:
        report = crosscheck([exact(1, 80, "a"), exact(2, 80, "a"), exact(3, 63, "b")])

        assert report.verdict == Verdict.CONFLICT
        assert report.majority == ()
        assert report.sources == 2
        assert report.findings[1] == "No majority: no two of the 2 sources agree."

    def test_two_outlets_outvote_one_outlet_repeating_itself(self) -> None:
        report = crosscheck([exact(1, 80, "a"), exact(2, 80, "a"), exact(3, 63, "b"), exact(4, 63, "c")])

        assert report.majority == (3, 4)
        assert report.majority_sources == 2
        assert report.outliers == (1, 2)
        assert report.findings[1].startswith("Most sources agree: 2 of 3 sources (b and c) say [63, 63]")

    def test_the_largest_group_of_a_four_way_field_is_not_called_most(self) -> None:
        claims = [exact(1, 80, "a"), exact(2, 80, "b"), exact(3, 63, "c"), exact(4, 97, "d")]

        report = crosscheck(claims)

        assert report.majority == (1, 2)
        assert report.findings[1].startswith("The largest agreeing group: 2 of 4 sources (a and b) say [75, 85]")

    def test_a_tie_is_said_to_be_a_tie(self) -> None:
        report = crosscheck([exact(1, 80, "a"), exact(2, 80, "b"), exact(3, 63, "c"), exact(4, 63, "d")])

        assert report.majority == ()
        assert report.tie
        assert report.tied_groups == ((3, 4), (1, 2))
        assert report.findings[1] == "No majority: 2 groups of 2 sources each tie (c and d; a and b)."

    def test_a_three_way_split_names_no_majority(self) -> None:
        report = crosscheck([exact(1, 900, "a"), exact(2, 1200, "b"), exact(3, 1500, "c")])

        assert report.majority == ()
        assert report.outliers == ()
        assert report.findings[1] == "No majority: no two of the 3 sources agree."

    def test_conflicts_carry_their_reasons_in_dates(self) -> None:
        a = ClaimValue(1, Interval(day(DAY1), day(DAY1)), who="a")
        b = ClaimValue(2, Interval(day(DAY3), day(DAY3)), who="b")

        report = crosscheck([a, b], terms=Terms(dates=True))

        assert (
            report.conflicts[0].reason
            == "2021-03-27 (a, exact) lies entirely below 2021-03-29 (b, exact): 2021-03-27 against 2021-03-29"
        )
        assert "738" not in " ".join(report.findings)


class TestCumulative:
    def test_a_toll_rising_over_days_is_a_timeline_with_the_latest_figure(self) -> None:
        claims = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "b", reported_on=DAY3)]

        report = crosscheck(claims, cumulative=True, terms=Terms(unit="person"))

        assert report.verdict == Verdict.TIMELINE
        assert report.timeline == "moments"
        assert [p.claim_ids for p in report.periods] == [(1,), (2,)]
        assert (report.latest, report.latest_on) == (Interval(D(1500), D(1500)), DAY3)
        assert report.findings[0] == (
            "The figure is cumulative, ordered by when each claim holds: "
            "[900, 900] people on 2021-03-27, then [1,500, 1,500] people on 2021-03-29."
        )
        assert report.findings[-1] == "The latest figure is [1,500, 1,500] people (2021-03-29)."

    def test_the_same_toll_is_a_conflict_without_the_cumulative_flag(self) -> None:
        claims = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "b", reported_on=DAY3)]

        assert crosscheck(claims).verdict == Verdict.CONFLICT

    def test_two_sources_disagreeing_about_one_day_conflict(self) -> None:
        claims = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "b", reported_on=DAY1)]

        report = crosscheck(claims, cumulative=True)

        assert report.verdict == Verdict.CONFLICT
        assert [(p.a, p.b, p.kind) for p in report.conflicts] == [(1, 2, "disagree")]

    def test_a_toll_that_falls_is_a_conflict(self) -> None:
        claims = [exact(1, 1500, "a", reported_on=DAY1), exact(2, 900, "b", reported_on=DAY2)]

        report = crosscheck(claims, cumulative=True)

        assert report.verdict == Verdict.CONFLICT
        assert [(p.a, p.b, p.kind) for p in report.conflicts] == [(1, 2, "falls")]
        assert report.conflicts[0].reason.startswith(
            "900 (b, exact) on 2021-03-28 is lower than 1,500 (a, exact) reported on 2021-03-27: "
            "a cumulative figure cannot fall"
        )
        assert is_conflict(claims, cumulative=True)

    def test_as_of_orders_the_series_before_the_article_date(self) -> None:
        # Reported later, but said to hold earlier: 900 as of day 1 then 1,500 on day 2 rises.
        claims = [
            exact(1, 1500, "a", reported_on=DAY2),
            exact(2, 900, "b", reported_on=DAY3, as_of=DAY1),
        ]

        report = crosscheck(claims, cumulative=True)

        assert report.verdict == Verdict.TIMELINE
        assert [p.claim_ids for p in report.periods] == [(2,), (1,)]

    def test_a_rounded_later_figure_is_not_a_fall(self) -> None:
        # "about 1,000" on day 2 after 990 on day 1: read with its tolerance it has not fallen.
        claims = [
            exact(1, 990, "a", reported_on=DAY1),
            ClaimValue(2, Interval(D(900), D(1100)), D(1000), "about", reported_on=DAY2),
        ]

        assert crosscheck(claims, cumulative=True).verdict == Verdict.TIMELINE
        assert not is_conflict(claims, cumulative=True)

    def test_one_sources_earlier_count_beside_its_new_one_is_set_aside(self) -> None:
        # "The toll rose from 900 to 1,500": both figures in one article.
        claims = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "a", reported_on=DAY1)]

        report = crosscheck(claims, cumulative=True)

        assert report.verdict == Verdict.SINGLE
        assert report.superseded == ((1, 2),)
        assert report.claim_ids == (1, 2)
        assert report.consensus == Interval(D(1500), D(1500))
        assert report.findings[-1] == (
            "900 (a, exact) is an earlier count of the same source, updated to 1,500: set aside, not a conflict."
        )
        assert not is_conflict(claims, cumulative=True)

    def test_another_source_is_compared_with_the_updated_count(self) -> None:
        base = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "a", reported_on=DAY1)]

        agrees = crosscheck([*base, exact(3, 1500, "b", reported_on=DAY1)], cumulative=True)
        differs = crosscheck([*base, exact(3, 1200, "b", reported_on=DAY1)], cumulative=True)

        assert agrees.verdict == Verdict.CONSISTENT
        assert differs.verdict == Verdict.CONFLICT
        assert [(p.a, p.b) for p in differs.conflicts] == [(2, 3)]

    def test_an_earlier_count_quoted_later_is_not_a_fall(self) -> None:
        claims = [
            exact(1, 1200, "a", reported_on=DAY1),
            exact(2, 900, "b", reported_on=DAY2),  # "up from 900"
            exact(3, 1500, "b", reported_on=DAY2),
        ]

        report = crosscheck(claims, cumulative=True)

        assert report.verdict == Verdict.TIMELINE
        assert report.superseded == ((2, 3),)
        assert not is_conflict(claims, cumulative=True)

    def test_outside_cumulative_figures_one_source_can_still_conflict_with_itself(self) -> None:
        claims = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "a", reported_on=DAY1)]

        assert crosscheck(claims).verdict == Verdict.CONFLICT

    def test_undated_claims_are_compared_only_with_each_other(self) -> None:
        claims = [exact(1, 900, "a", reported_on=DAY1), exact(2, 1500, "b", reported_on=DAY3), exact(3, 100, "c")]

        report = crosscheck(claims, cumulative=True)

        assert report.verdict == Verdict.TIMELINE
        assert report.periods[-1].period == (None, None)
        assert report.periods[-1].claim_ids == (3,)
        assert report.latest_on == DAY3


def test_without_explanations_the_verdict_is_the_same_and_no_sentence_is_built() -> None:
    claims = [exact(1, 1500, "a", reported_on=DAY1), exact(2, 900, "b", reported_on=DAY2)]

    quiet = crosscheck(claims, cumulative=True, explain=False)
    full = crosscheck(claims, cumulative=True)

    assert quiet.verdict == full.verdict == Verdict.CONFLICT
    assert quiet.findings == ()
    assert full.findings
