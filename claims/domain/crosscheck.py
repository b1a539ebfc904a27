"""The cross-check: do the claims about one fact agree, and if not, who says what.

For one fact's claims (plain values, no database):
- one claim → `single`;
- the intervals intersect → `consistent`, the intersection is the consensus;
- they intersect only once stated figures are widened by their rounding (see
  `intervals.rounding_width`) → `consistent_within_rounding`, naming the claims that needed it;
- no common point → `conflict`: a sweep over the sorted endpoints (O(n log n)) finds the
  largest group of mutually agreeing claims (the majority interval); the others are outliers,
  and every pair without a common value is listed with the reason;
- a time-varying property whose claims fall in different `as_of` periods → `timeline`: only
  claims of one period are compared with each other (80 members in 2019 and 86 in 2023 is
  growth, not a conflict); if any period conflicts, the fact is in `conflict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from corpus.extraction.intervals import ROUNDING_MODIFIERS, ROUNDING_RULE, Interval, rounding_width
from corpus.extraction.policy import POLICY

PERIOD_GAP = dt.timedelta(days=int(POLICY["timeline"]["period_gap_days"]))
_NEG_INF = Decimal("-Infinity")


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    CONSISTENT_WITHIN_ROUNDING = "consistent_within_rounding"
    CONFLICT = "conflict"
    SINGLE = "single"
    TIMELINE = "timeline"


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """What the cross-check needs of a claim."""

    id: int
    interval: Interval
    nominal: Decimal | None = None
    modifier: str = "exact"
    rule: str = ""
    as_of: dt.date | None = None

    def rounded(self) -> Interval:
        """The interval widened by the rounding of its stated figure, where the policy allows."""
        if self.modifier not in ROUNDING_MODIFIERS:
            return self.interval
        return self.interval.widen(rounding_width(self.nominal))


@dataclass(frozen=True, slots=True)
class ConflictPair:
    a: int
    b: int
    reason: str


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


def crosscheck(claims: Sequence[ClaimValue], *, time_varying: bool = False) -> Report:
    """The verdict for one fact's claims (at least one)."""
    if not claims:
        raise ValueError("a cross-check needs at least one claim")
    if time_varying:
        periods = split_periods(claims)
        if len(periods) > 1:
            reports = tuple(_with_period(compare(p), p) for p in periods)
            verdict = Verdict.CONFLICT if any(r.verdict == Verdict.CONFLICT for r in reports) else Verdict.TIMELINE
            return Report(verdict=verdict, claim_ids=_ids(claims), periods=reports)
    return compare(claims)


def is_conflict(claims: Sequence[ClaimValue], *, time_varying: bool = False) -> bool:
    """`crosscheck(claims).verdict == CONFLICT`, without building the report.

    For bulk scans: a group conflicts when even the rounded intervals share no point (widening
    only bare figures gives a subset of widening all, so the two-step search of `compare` ends in
    conflict exactly when this does); a time-varying fact conflicts when one of its periods does.
    """
    groups = split_periods(claims) if time_varying else [claims]
    return any(
        len(group) > 1
        and _intersect_all(c.interval for c in group).is_empty
        and _intersect_all(c.rounded() for c in group).is_empty
        for group in groups
    )


def compare(claims: Sequence[ClaimValue]) -> Report:
    """Compare claims that are all about the same moment."""
    ids = _ids(claims)
    if len(claims) == 1:
        return Report(Verdict.SINGLE, ids, consensus=claims[0].interval)
    consensus = _intersect_all(c.interval for c in claims)
    if not consensus.is_empty:
        return Report(Verdict.CONSISTENT, ids, consensus=consensus)

    # Widen bare figures first (they are the ones most likely rounded), then every figure.
    for widen in (lambda c: c.modifier == "exact", lambda _c: True):
        intervals = [c.rounded() if widen(c) else c.interval for c in claims]
        within = _intersect_all(intervals)
        if not within.is_empty:
            needed = tuple(c.id for c in claims if not c.interval.overlaps(within))
            notes = tuple(
                f"claim {c.id} ({c.modifier} {_fmt(c.nominal)}) agrees only within the rounding of its figure "
                f"(±{_fmt(rounding_width(c.nominal))}, rule {ROUNDING_RULE})"
                for c in claims
                if c.id in needed
            )
            return Report(Verdict.CONSISTENT_WITHIN_ROUNDING, ids, consensus=within, rounded=needed, notes=notes)

    rounded = {c.id: c.rounded() for c in claims}
    majority_ids, majority_interval = majority_group(list(rounded.items()))
    outliers = tuple(i for i in ids if i not in set(majority_ids))
    by_id = {c.id: c for c in claims}
    conflicts = tuple(
        ConflictPair(a, b, _reason(by_id[a], rounded[a], by_id[b], rounded[b]))
        for a, b in combinations(ids, 2)
        if not rounded[a].overlaps(rounded[b])
    )
    return Report(
        Verdict.CONFLICT,
        ids,
        majority=tuple(sorted(majority_ids)),
        majority_interval=majority_interval,
        outliers=outliers,
        conflicts=conflicts,
    )


def majority_group(items: Sequence[tuple[int, Interval]]) -> tuple[tuple[int, ...], Interval]:
    """The largest set of intervals sharing a common point, by one sweep over sorted endpoints.

    Endpoints at the same value are ordered so that open and closed ends meet correctly:
    an open upper end leaves before the point, closed lower ends enter at it, closed upper
    ends leave after it, and open lower ends enter just after it. Ties between equally large
    groups go to the lowest common point. O(n log n) plus the size of the answer.
    """
    events: list[tuple[Decimal, int, int, int]] = []  # (value, rank, +1 enter / -1 leave, id)
    for ident, interval in items:
        lower = _NEG_INF if interval.lower is None else interval.lower
        events.append((lower, 4 if interval.lower_open else 1, 1, ident))
        if interval.upper is not None:
            events.append((interval.upper, 0 if interval.upper_open else 3, -1, ident))
    events.sort(key=lambda e: (e[0], e[1]))
    depth = best = 0
    best_index = -1
    for index, (_value, _rank, step, _ident) in enumerate(events):
        depth += step
        if step > 0 and depth > best:
            best, best_index = depth, index
    # Replay up to the best moment to name its members (only once, so the sweep stays linear).
    active: set[int] = set()
    for _value, _rank, step, ident in events[: best_index + 1]:
        if step > 0:
            active.add(ident)
        else:
            active.discard(ident)
    members = tuple(sorted(active))
    interval = _intersect_all(iv for i, iv in items if i in active)
    return members, interval


def split_periods(claims: Sequence[ClaimValue]) -> list[list[ClaimValue]]:
    """Group claims by `as_of`: a gap longer than the policy's period starts a new period.

    Undated claims cannot be placed in time, so they are compared within every period.
    """
    dated = sorted((c for c in claims if c.as_of is not None), key=lambda c: (c.as_of, c.id))
    undated = [c for c in claims if c.as_of is None]
    periods: list[list[ClaimValue]] = []
    for claim in dated:
        if periods and claim.as_of - periods[-1][-1].as_of <= PERIOD_GAP:
            periods[-1].append(claim)
        else:
            periods.append([claim])
    if not periods:
        return [undated]
    return [p + undated for p in periods]


def _with_period(report: Report, claims: Sequence[ClaimValue]) -> Report:
    dates = [c.as_of for c in claims if c.as_of is not None]
    from dataclasses import replace

    return replace(report, period=(min(dates), max(dates)) if dates else (None, None))


def _intersect_all(intervals) -> Interval:
    result = Interval(None, None)
    for interval in intervals:
        result = result.intersect(interval)
    return result


def _ids(claims: Sequence[ClaimValue]) -> tuple[int, ...]:
    return tuple(c.id for c in claims)


def _reason(a: ClaimValue, a_iv: Interval, b: ClaimValue, b_iv: Interval) -> str:
    low, low_iv, high, high_iv = (a, a_iv, b, b_iv) if _below(a_iv, b_iv) else (b, b_iv, a, a_iv)
    return (
        f"claim {low.id} ({low.modifier} {_fmt(low.nominal)}: {low_iv.describe()}) lies entirely below "
        f"claim {high.id} ({high.modifier} {_fmt(high.nominal)}: {high_iv.describe()})"
    )


def _below(a: Interval, b: Interval) -> bool:
    """True when `a` ends before `b` starts (the two are known to be disjoint)."""
    return a.upper is not None and (b.lower is None or a.upper <= b.lower) and b.lower is not None


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():f}"
