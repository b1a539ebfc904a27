"""The cross-check: do the claims about one fact agree, and if not, who says what.

For one fact's claims (plain values, no database):
- one claim → `single`;
- the intervals intersect → `consistent`, the intersection is the consensus;
- they intersect only once stated figures are widened by their rounding (see
  `intervals.rounding_width`) → `consistent_within_rounding`. The claims named as needing it
  are those outside the largest group whose *stated* intervals meet inside the widened
  consensus: widening just them is enough, and there is always at least one (were there none,
  the stated intervals would meet and the verdict be `consistent`). The consensus is the
  intersection of the group's stated intervals with the named claims' widened ones;
- no common point → `conflict`: every pair without a common value is listed with its reason,
  and the majority is counted in independent sources (one vote per source, however many claims
  it made: a sweep over the sorted endpoints, O(n log n), finds the points most sources
  support). It is named only when one group of at least two sources supports it; when two
  groups tie, or no two sources agree (a three-way split), no majority is named;
- a time-varying property whose claims fall in different `as_of` periods → `timeline`: only
  claims of one period are compared with each other (80 members in 2019 and 86 in 2023 is
  growth, not a conflict); if any period conflicts, the fact is in `conflict`;
- a cumulative property (a toll of killed, injured, missing, displaced; returnees: figures that
  grow as they are counted) → its claims are ordered by when they hold (`as_of`, else the
  article's date, `reported_on`) and grouped into moments (the same day, or within the
  policy's `moment_gap_days`). Claims of one moment are compared as above: two sources
  disagreeing about the same moment is a conflict. A series rising over several moments is an
  update, reported with the existing verdict `timeline` (not a new verdict: the stored
  verdicts, the `?verdict=` filter and the database choices already name it, and a client
  reading `timeline` already knows to look at the periods) with the latest figure in `latest`;
  a later figure lying entirely below an earlier one (1,500 then 900) cannot be a count that
  grows, and is a `conflict` (pairs of kind `falls`). Within one moment, a figure entirely
  below another of the same source is that source's earlier count ("the toll rose from 900 to
  1,500"): it is `superseded`, set aside, and not a conflict. Undated claims cannot be placed
  in the series: they are compared only with each other.

Every report also carries, for presenters, each claim's interval as stated and as widened (with
the rule and width that widened it) and, given `Terms`, one readable sentence per finding
(`explain.findings`), in the value's terms: ISO dates, figures with their unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from claims.domain.explain import Terms, conflict_sentence, findings, rounding_sentence
from corpus.extraction.intervals import ROUNDING_MODIFIERS, ROUNDING_RULE, Interval, rounding_width
from corpus.extraction.policy import POLICY

PERIOD_GAP = dt.timedelta(days=int(POLICY["timeline"]["period_gap_days"]))
MOMENT_GAP = dt.timedelta(days=int(POLICY["timeline"]["moment_gap_days"]))
_NEG_INF = Decimal("-Infinity")


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    CONSISTENT_WITHIN_ROUNDING = "consistent_within_rounding"
    CONFLICT = "conflict"
    SINGLE = "single"
    TIMELINE = "timeline"


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """What the cross-check needs of a claim.

    `source` identifies the independent source (an outlet): claims of one source are one vote;
    None makes the claim its own source. `reported_on` is the article's date, when a cumulative
    figure holds if it has no `as_of`. `who`, `unit` and `text` only feed the sentences.
    """

    id: int
    interval: Interval
    nominal: Decimal | None = None
    modifier: str = "exact"
    rule: str = ""
    as_of: dt.date | None = None
    source: Hashable | None = None
    reported_on: dt.date | None = None
    who: str = ""
    unit: str = ""
    text: str = ""

    @property
    def width(self) -> Decimal:
        """How far the rounding of the stated figure may widen it (0: not at all)."""
        return rounding_width(self.nominal) if self.modifier in ROUNDING_MODIFIERS else Decimal(0)

    @property
    def rounding_rule(self) -> str:
        return ROUNDING_RULE

    @property
    def voter(self) -> Hashable:
        return ("claim", self.id) if self.source is None else self.source

    @property
    def when(self) -> dt.date | None:
        """When the claim holds: its as-of date, else its article's date."""
        return self.as_of or self.reported_on

    def rounded(self) -> Interval:
        """The interval widened by the rounding of its stated figure, where the policy allows."""
        if self.modifier not in ROUNDING_MODIFIERS:
            return self.interval
        return self.interval.widen(rounding_width(self.nominal))


@dataclass(frozen=True, slots=True)
class ConflictPair:
    """Two claims that cannot both be right. `kind`: `disagree` (no common value about one moment)
    or `falls` (`b`, later, lies entirely below `a`: a cumulative figure cannot fall)."""

    a: int
    b: int
    reason: str
    kind: str = "disagree"


@dataclass(frozen=True, slots=True)
class Widening:
    """A claim's interval as stated and, when the cross-check widened it, as widened and why."""

    claim: int
    stated: Interval
    widened: Interval | None = None
    rule: str = ""
    width: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Report:
    verdict: Verdict
    claim_ids: tuple[int, ...]
    consensus: Interval | None = None
    rounded: tuple[int, ...] = ()  # claims that agree only within their rounding
    majority: tuple[int, ...] = ()
    majority_interval: Interval | None = None
    outliers: tuple[int, ...] = ()
    conflicts: tuple[ConflictPair, ...] = ()
    periods: tuple[Report, ...] = ()
    period: tuple[dt.date | None, dt.date | None] | None = None
    notes: tuple[str, ...] = field(default=())
    sources: int = 0  # independent sources among the claims
    majority_sources: int = 0  # sources in the majority (or in each tied group)
    tied_groups: tuple[tuple[int, ...], ...] = ()  # equally large groups when no majority is named
    widenings: tuple[Widening, ...] = ()  # every claim: stated, and widened where the verdict widened it
    timeline: str = ""  # "periods" (time-varying) or "moments" (cumulative) when split in time
    latest: Interval | None = None  # cumulative: the figure at the latest moment
    latest_on: dt.date | None = None
    superseded: tuple[tuple[int, int], ...] = ()  # cumulative: (claim, by a higher one of its source)
    findings: tuple[str, ...] = ()  # one sentence per finding (see `explain.findings`)

    @property
    def tie(self) -> bool:
        return bool(self.tied_groups)


def crosscheck(
    claims: Sequence[ClaimValue],
    *,
    time_varying: bool = False,
    cumulative: bool = False,
    terms: Terms | None = None,
    explain: bool = True,
) -> Report:
    """The verdict for one fact's claims (at least one), with its sentences in `terms`.

    `explain=False` skips the sentences (`findings`) for callers that store or count verdicts
    (the refresh of stored verdicts, the audit, benchmarks): they cost more than the verdict.
    """
    if not claims:
        raise ValueError("a cross-check needs at least one claim")
    if terms is None:
        terms = Terms(unit=next((c.unit for c in claims if c.unit), ""))
    report = _crosscheck(claims, time_varying=time_varying, cumulative=cumulative, terms=terms)
    if not explain:
        return report
    values = {c.id: c for c in claims}
    periods = tuple(replace(p, findings=findings(p, values, terms)) for p in report.periods)
    return replace(report, periods=periods, findings=findings(report, values, terms))


def _crosscheck(claims: Sequence[ClaimValue], *, time_varying: bool, cumulative: bool, terms: Terms) -> Report:
    if cumulative:
        moments, undated = split_moments(claims)
        if len(moments) + bool(undated) > 1:
            return _series(claims, moments, undated, terms)
        return _compare_moment(claims, terms)
    if time_varying:
        periods = split_periods(claims)
        if len(periods) > 1:
            reports = tuple(_with_period(compare(p, terms=terms), p, key=_as_of) for p in periods)
            verdict = Verdict.CONFLICT if any(r.verdict == Verdict.CONFLICT for r in reports) else Verdict.TIMELINE
            return Report(
                verdict=verdict,
                claim_ids=_ids(claims),
                periods=reports,
                conflicts=tuple(p for r in reports for p in r.conflicts),
                sources=_sources(claims),
                widenings=_stated(claims),
                timeline="periods",
            )
    return compare(claims, terms=terms)


def is_conflict(claims: Sequence[ClaimValue], *, time_varying: bool = False, cumulative: bool = False) -> bool:
    """`crosscheck(claims).verdict == CONFLICT`, without building the report.

    For bulk scans: a group conflicts when even the rounded intervals share no point (widening
    only bare figures gives a subset of widening all, so the two-step search of `compare` ends in
    conflict exactly when this does); a time-varying fact conflicts when one of its periods does;
    a cumulative one when one of its moments does or a later figure falls below an earlier one.
    """
    if cumulative:
        moments, undated = split_moments(claims)
        if len(moments) + bool(undated) > 1:
            kept = [_supersede(m)[0] for m in moments]
            return any(_group_conflicts(g) for g in [*kept, _supersede(undated)[0]]) or _falls_anywhere(kept)
        return _group_conflicts(_supersede(claims)[0])
    groups = split_periods(claims) if time_varying else [claims]
    return any(_group_conflicts(group) for group in groups)


def _group_conflicts(group: Sequence[ClaimValue]) -> bool:
    return (
        len(group) > 1
        and _intersect_all(c.interval for c in group).is_empty
        and _intersect_all(c.rounded() for c in group).is_empty
    )


def compare(claims: Sequence[ClaimValue], *, terms: Terms | None = None) -> Report:
    """Compare claims that are all about the same moment."""
    terms = terms or Terms()
    ids = _ids(claims)
    sources = _sources(claims)
    if len(claims) == 1:
        return Report(Verdict.SINGLE, ids, consensus=claims[0].interval, sources=1, widenings=_stated(claims))
    consensus = _intersect_all(c.interval for c in claims)
    if not consensus.is_empty:
        return Report(Verdict.CONSISTENT, ids, consensus=consensus, sources=sources, widenings=_stated(claims))

    # Widen bare figures first (they are the ones most likely rounded), then every figure.
    for widen in (lambda c: c.modifier == "exact", lambda _c: True):
        intervals = {c.id: c.rounded() if widen(c) else c.interval for c in claims}
        within = _intersect_all(intervals.values())
        if not within.is_empty:
            return _within_rounding(claims, intervals, within, sources, terms)

    rounded = {c.id: c.rounded() for c in claims}
    by_id = {c.id: c for c in claims}
    best, groups = source_groups(list(rounded.items()), {c.id: c.voter for c in claims})
    majority: tuple[int, ...] = ()
    majority_interval = None
    tied: tuple[tuple[int, ...], ...] = ()
    if len(groups) == 1 and best > 1:
        majority, majority_interval = groups[0]
    elif len(groups) > 1 or best <= 1:
        tied = tuple(members for members, _ in groups)
    outliers = tuple(i for i in ids if i not in set(majority)) if majority else ()
    conflicts = tuple(
        ConflictPair(a, b, _reason(by_id[a], rounded[a], by_id[b], rounded[b], terms))
        for a, b in combinations(ids, 2)
        if not rounded[a].overlaps(rounded[b])
    )
    return Report(
        Verdict.CONFLICT,
        ids,
        majority=majority,
        majority_interval=majority_interval,
        outliers=outliers,
        conflicts=conflicts,
        sources=sources,
        majority_sources=best,
        tied_groups=tied,
        widenings=tuple(_widening(c, rounded[c.id]) for c in claims),
    )


def _within_rounding(
    claims: Sequence[ClaimValue], widened: dict[int, Interval], within: Interval, sources: int, terms: Terms
) -> Report:
    """The claims agree once `widened`: name the fewest that need it (see the module docstring)."""
    clipped = [(c.id, c.interval.intersect(within)) for c in claims]
    clipped = [(i, iv) for i, iv in clipped if not iv.is_empty]
    group, _ = majority_group(clipped) if clipped else ((), Interval(None, None))
    needed = tuple(c.id for c in claims if c.id not in set(group))
    consensus = _intersect_all(widened[c.id] if c.id in needed else c.interval for c in claims)
    by_id = {c.id: c for c in claims}
    others = [by_id[i] for i in group]
    notes = tuple(rounding_sentence(by_id[i], others, terms) for i in needed)
    return Report(
        Verdict.CONSISTENT_WITHIN_ROUNDING,
        _ids(claims),
        consensus=consensus,
        rounded=needed,
        notes=notes,
        sources=sources,
        widenings=tuple(_widening(c, widened[c.id]) if c.id in needed else Widening(c.id, c.interval) for c in claims),
    )


def majority_group(items: Sequence[tuple[int, Interval]]) -> tuple[tuple[int, ...], Interval]:
    """The largest set of intervals sharing a common point, by one sweep over sorted endpoints.

    Each interval is its own vote here (see `source_groups` for votes by source). Ties between
    equally large groups go to the lowest common point.
    """
    best, groups = source_groups(items, {ident: ident for ident, _ in items})
    return groups[0] if groups else ((), Interval(None, None))


def source_groups(
    items: Sequence[tuple[int, Interval]], source_of: dict[int, Hashable]
) -> tuple[int, list[tuple[tuple[int, ...], Interval]]]:
    """The most sources any point is supported by, and every group of claims reaching it.

    One sweep over the sorted endpoints: endpoints at the same value are ordered so that open
    and closed ends meet correctly (an open upper end leaves before the point, closed lower ends
    enter at it, closed upper ends leave after it, open lower ends enter just after it). A source
    is active while any of its claims is, so its repeated claims are one vote. Groups are told
    apart by their sets of sources, lowest point first; a second group means a tie. O(n log n)
    plus the size of the groups.
    """
    events: list[tuple[Decimal, int, int, int]] = []  # (value, rank, +1 enter / -1 leave, id)
    for ident, interval in items:
        lower = _NEG_INF if interval.lower is None else interval.lower
        events.append((lower, 4 if interval.lower_open else 1, 1, ident))
        if interval.upper is not None:
            events.append((interval.upper, 0 if interval.upper_open else 3, -1, ident))
    events.sort(key=lambda e: (e[0], e[1]))
    best = 0
    count: dict[Hashable, int] = {}
    for _value, _rank, step, ident in events:
        source = source_of[ident]
        count[source] = count.get(source, 0) + step
        if step > 0 and count[source] == 1:
            best = max(best, sum(1 for n in count.values() if n > 0))
    # Replay to name the members of every group at the best depth.
    count = {}
    depth = 0
    active: set[int] = set()
    groups: dict[frozenset, tuple[int, ...]] = {}
    run_open = False  # enters since the last group was recorded, no leave in between
    for _value, _rank, step, ident in events:
        source = source_of[ident]
        count[source] = count.get(source, 0) + step
        if step > 0:
            active.add(ident)
            depth += count[source] == 1
            if depth == best:
                key = frozenset(source_of[i] for i in active)
                if key not in groups or run_open:
                    groups[key] = tuple(sorted(active))
                run_open = True
        else:
            active.discard(ident)
            depth -= count[source] == 0
            run_open = False
    intervals = dict(items)
    return best, [(members, _intersect_all(intervals[i] for i in members)) for members in groups.values()]


def split_periods(claims: Sequence[ClaimValue]) -> list[list[ClaimValue]]:
    """Group claims by `as_of`: a gap longer than the policy's period starts a new period.

    Undated claims cannot be placed in time, so they are compared within every period.
    """
    periods = _split(claims, key=_as_of, gap=PERIOD_GAP)
    undated = [c for c in claims if c.as_of is None]
    if not periods:
        return [undated]
    return [p + undated for p in periods]


def split_moments(claims: Sequence[ClaimValue]) -> tuple[list[list[ClaimValue]], list[ClaimValue]]:
    """Cumulative claims by the moment they hold (`when`), and the claims with no date at all."""
    return _split(claims, key=_when, gap=MOMENT_GAP), [c for c in claims if c.when is None]


def _split(claims: Sequence[ClaimValue], *, key, gap: dt.timedelta) -> list[list[ClaimValue]]:
    dated = sorted((c for c in claims if key(c) is not None), key=lambda c: (key(c), c.id))
    groups: list[list[ClaimValue]] = []
    for claim in dated:
        if groups and key(claim) - key(groups[-1][-1]) <= gap:
            groups[-1].append(claim)
        else:
            groups.append([claim])
    return groups


def _as_of(claim: ClaimValue) -> dt.date | None:
    return claim.as_of


def _when(claim: ClaimValue) -> dt.date | None:
    return claim.when


def _series(
    claims: Sequence[ClaimValue], moments: list[list[ClaimValue]], undated: list[ClaimValue], terms: Terms
) -> Report:
    """A cumulative fact over several moments: compare each moment, flag figures that fall."""
    reports = [_with_period(_compare_moment(m, terms), m, key=_when) for m in moments]
    if undated:
        reports.append(replace(_compare_moment(undated, terms), period=(None, None)))
    kept = [_supersede(m)[0] for m in moments]
    falls = tuple(
        ConflictPair(a.id, b.id, conflict_sentence(a, a.rounded(), b, b.rounded(), terms, kind="falls"), "falls")
        for i, earlier in enumerate(kept)
        for later in kept[i + 1 :]
        for a in earlier
        for b in later
        if _below(b.rounded(), a.rounded())
    )
    conflicted = falls or any(r.verdict == Verdict.CONFLICT for r in reports)
    last = reports[len(moments) - 1]
    return Report(
        verdict=Verdict.CONFLICT if conflicted else Verdict.TIMELINE,
        claim_ids=_ids(claims),
        periods=tuple(reports),
        conflicts=falls + tuple(p for r in reports for p in r.conflicts),
        sources=_sources(claims),
        widenings=_stated(claims),
        timeline="moments",
        latest=last.consensus if last.consensus is not None else last.majority_interval,
        latest_on=last.period[1] if last.period else None,
        superseded=tuple(pair for r in reports for pair in r.superseded),
    )


def _supersede(moment: Sequence[ClaimValue]) -> tuple[list[ClaimValue], list[tuple[ClaimValue, ClaimValue]]]:
    """A cumulative moment's claims without those a higher figure of the same source updated.

    One article (or one outlet on one day) often gives an earlier count beside the new one ("the
    toll rose from 900 to 1,500"): a figure lying entirely below another of its own source about
    the same moment is that source's earlier count, not a second opinion. Returns the claims
    kept, in order, and the (superseded, by) pairs.
    """
    by_source: dict[Hashable, list[ClaimValue]] = {}
    for claim in moment:
        by_source.setdefault(claim.voter, []).append(claim)
    dropped: list[tuple[ClaimValue, ClaimValue]] = []
    for same in by_source.values():
        if len(same) < 2:
            continue
        for claim in same:
            higher = next((d for d in same if _below(claim.rounded(), d.rounded())), None)
            if higher is not None:
                dropped.append((claim, higher))
    if not dropped:
        return list(moment), []
    gone = {c.id for c, _ in dropped}
    return [c for c in moment if c.id not in gone], dropped


def _compare_moment(moment: Sequence[ClaimValue], terms: Terms) -> Report:
    """Compare a cumulative moment's claims, each source's superseded counts set aside."""
    kept, dropped = _supersede(moment)
    report = compare(kept, terms=terms)
    if not dropped:
        return report
    return replace(
        report,
        claim_ids=_ids(moment),
        superseded=tuple((c.id, by.id) for c, by in dropped),
        widenings=report.widenings + _stated([c for c, _ in dropped]),
    )


def _falls_anywhere(moments: list[list[ClaimValue]]) -> bool:
    """Does any claim lie entirely below a claim of an earlier moment? One pass, keeping the
    highest lower bound seen so far (a claim below any earlier one is below that one)."""
    floor: Interval | None = None
    for moment in moments:
        if floor is not None and any(_below(c.rounded(), floor) for c in moment):
            return True
        for claim in moment:
            lower = claim.rounded()
            if lower.lower is None:
                continue
            if (
                floor is None
                or floor.lower is None
                or lower.lower > floor.lower
                or (lower.lower == floor.lower and lower.lower_open)
            ):
                floor = Interval(lower.lower, None, lower.lower_open)
    return False


def _with_period(report: Report, claims: Sequence[ClaimValue], *, key) -> Report:
    dates = [key(c) for c in claims if key(c) is not None]
    return replace(report, period=(min(dates), max(dates)) if dates else (None, None))


def _intersect_all(intervals) -> Interval:
    result = Interval(None, None)
    for interval in intervals:
        result = result.intersect(interval)
    return result


def _ids(claims: Sequence[ClaimValue]) -> tuple[int, ...]:
    return tuple(c.id for c in claims)


def _sources(claims: Sequence[ClaimValue]) -> int:
    return len({c.voter for c in claims})


def _stated(claims: Sequence[ClaimValue]) -> tuple[Widening, ...]:
    return tuple(Widening(c.id, c.interval) for c in claims)


def _widening(claim: ClaimValue, widened: Interval) -> Widening:
    if widened == claim.interval:
        return Widening(claim.id, claim.interval)
    return Widening(claim.id, claim.interval, widened, ROUNDING_RULE, claim.width)


def _reason(a: ClaimValue, a_iv: Interval, b: ClaimValue, b_iv: Interval, terms: Terms) -> str:
    if _below(a_iv, b_iv):
        return conflict_sentence(a, a_iv, b, b_iv, terms, kind="disagree")
    return conflict_sentence(b, b_iv, a, a_iv, terms, kind="disagree")


def _below(a: Interval, b: Interval) -> bool:
    """True when `a` lies entirely below `b` (no common point, and `a` ends first)."""
    if a.upper is None or b.lower is None:
        return False
    return a.upper < b.lower or (a.upper == b.lower and (a.upper_open or b.lower_open))
