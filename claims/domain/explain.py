"""Cross-check reports in the value's own terms: intervals as ISO dates or figures with their
unit, claims as their sources state them, and one readable sentence per finding.

Why a module of its own: the engine (`crosscheck`) reasons on intervals of Decimals (a date is
a day ordinal there); a curator or a client reading "[738,286, 738,286]" learns nothing. Every
presenter (API, admin, audit) reads the same sentences from here. Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claims.domain.display import describe_quantity, format_number, unit_words
from corpus.extraction.intervals import Interval

# The engine's `ClaimValue` and `Report`, read by attribute: this module is imported by the
# engine, so it does not import it back.
ClaimValue = Any
Report = Any


@dataclass(frozen=True, slots=True)
class Terms:
    """How a fact's values read: dates (day ordinals shown as ISO dates) or figures in `unit`."""

    dates: bool = False
    unit: str = ""

    def bound(self, value: Decimal | None) -> str:
        if value is None:
            return "…"
        if self.dates:
            return dt.date.fromordinal(int(value)).isoformat()
        return format_number(value)

    def interval(self, interval: Interval | None) -> str:
        """ "[2019-03-23, 2019-03-31]", "2019-03-23", "(110,000, 110,500] km²", "nothing"."""
        if interval is None or interval.is_empty:
            return "nothing"
        if self.dates:
            if interval.lower is not None and interval.lower == interval.upper:
                return self.bound(interval.lower)
            return f"[{self.bound(interval.lower)}, {self.bound(interval.upper)}]"
        left = "(−∞" if interval.lower is None else f"{'(' if interval.lower_open else '['}{self.bound(interval.lower)}"
        right = "∞)" if interval.upper is None else f"{self.bound(interval.upper)}{')' if interval.upper_open else ']'}"
        words = unit_words(self.unit, None)
        return f"{left}, {right}" + (f" {words}" if words else "")

    def value(self, claim: ClaimValue) -> str:
        """The claim's value as its source states it ("more than 110,000 km²")."""
        if claim.text:
            return claim.text
        if self.dates or claim.nominal is None:
            return self.interval(claim.interval)
        try:
            return describe_quantity(
                modifier=claim.modifier,
                nominal=str(claim.nominal),
                lower=claim.interval.lower,
                upper=claim.interval.upper,
                unit=claim.unit or self.unit,
            )
        except ArithmeticError:
            return self.interval(claim.interval)

    def figure(self, value: Decimal | None) -> str:
        return format_number(value) if value is not None else "?"


def who(claim: ClaimValue) -> str:
    return claim.who or f"claim {claim.id}"


def stated(claim: ClaimValue, terms: Terms) -> str:
    """ "110,000 km² (Tolo News in Persian/Dari, exact)"."""
    return f"{terms.value(claim)} ({who(claim)}, {claim.modifier})"


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def rounding_sentence(claim: ClaimValue, others: Sequence[ClaimValue], terms: Terms) -> str:
    """Why a claim agrees only once its figure is read as rounded."""
    with_whom = _names([f"'{terms.value(o)}'" for o in others]) if others else "the other claims"
    return (
        f"{stated(claim, terms)} agrees with {with_whom} only once {terms.figure(claim.nominal)} is read as "
        f"a rounded figure, ±{terms.figure(claim.width)} (rule {claim.rounding_rule})"
    )


def conflict_sentence(a: ClaimValue, a_iv: Interval, b: ClaimValue, b_iv: Interval, terms: Terms, *, kind: str) -> str:
    """One conflict, in the value's terms; `a` is the lower (or, for a fall, the earlier) claim."""
    if kind == "falls":
        return (
            f"{stated(b, terms)} on {_day(b.when)} is lower than {stated(a, terms)} reported on {_day(a.when)}: "
            f"a cumulative figure cannot fall ({terms.interval(b_iv)} lies entirely below {terms.interval(a_iv)})"
        )
    widened = " even read as rounded figures" if (a.width or b.width) else ""
    return (
        f"{stated(a, terms)} lies entirely below {stated(b, terms)}{widened}: "
        f"{terms.interval(a_iv)} against {terms.interval(b_iv)}"
    )


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "an unknown day"


def findings(report: Report, claims: dict[int, ClaimValue], terms: Terms, *, prefix: str = "") -> tuple[str, ...]:
    """One sentence per finding of a report (and of each of its periods or moments)."""
    verdict = str(report.verdict)
    if report.periods:
        return _timeline_findings(report, claims, terms)
    set_aside = {old for old, _new in report.superseded}
    members = [claims[i] for i in report.claim_ids if i not in set_aside]
    sources = report.sources or len(members)
    out: list[str] = []
    if verdict == "single":
        out.append(
            f"{prefix}Only {who(members[0])} states it: {terms.value(members[0])} ({terms.interval(report.consensus)})."
        )
    elif verdict == "consistent":
        out.append(
            f"{prefix}All {len(members)} claims from {_count(sources, 'source')} agree: together they say "
            f"{terms.interval(report.consensus)}."
        )
    elif verdict == "consistent_within_rounding":
        out.extend(f"{prefix}{note}." for note in report.notes)
        out.append(f"{prefix}Read so, all {_count(sources, 'source')} agree on {terms.interval(report.consensus)}.")
    elif verdict == "conflict":
        out.append(f"{prefix}The sources conflict: no value fits every claim.")
        out.append(prefix + majority_sentence(report, claims, terms))
        out.extend(f"{prefix}{pair.reason}." for pair in report.conflicts)
    out.extend(
        f"{prefix}{stated(claims[old], terms)} is an earlier count of the same source, updated to "
        f"{terms.value(claims[new])}: set aside, not a conflict."
        for old, new in report.superseded
    )
    return tuple(out)


def majority_sentence(report: Report, claims: dict[int, ClaimValue], terms: Terms) -> str:
    if report.majority:
        names = _names(sorted({who(claims[i]) for i in report.majority}))
        # "Most" only for more than half of the sources; else it is the largest group, no more.
        lead = "Most sources agree" if 2 * report.majority_sources > report.sources else "The largest agreeing group"
        text = (
            f"{lead}: {report.majority_sources} of {report.sources} sources ({names}) say "
            f"{terms.interval(report.majority_interval)}"
        )
        if report.outliers:
            text += f"; outside that: {_names([stated(claims[i], terms) for i in report.outliers])}"
        return text + "."
    if report.tied_groups and report.majority_sources > 1:
        groups = "; ".join(_names(sorted({who(claims[i]) for i in g})) for g in report.tied_groups)
        return (
            f"No majority: {len(report.tied_groups)} groups of {report.majority_sources} sources each tie ({groups})."
        )
    return f"No majority: no two of the {report.sources} sources agree."


def _timeline_findings(report: Report, claims: dict[int, ClaimValue], terms: Terms) -> tuple[str, ...]:
    out: list[str] = []
    if report.timeline == "moments":
        series = ", then ".join(
            f"{terms.interval(_band(p))} on {_day(p.period[1] if p.period else None)}"
            for p in report.periods
            if p.period and p.period[1]
        )
        out.append(f"The figure is cumulative, ordered by when each claim holds: {series}.")
    else:
        out.append("The figure changes over time; claims are compared period by period.")
    for period in report.periods:
        start, end = period.period or (None, None)
        if start is None:
            label = "Undated claims (not placed in time): "
        elif start == end:
            label = f"{start}: "
        else:
            label = f"{start} – {end}: "
        out.extend(findings(period, claims, terms, prefix=label))
    out.extend(f"{pair.reason}." for pair in report.conflicts if pair.kind == "falls")
    if report.latest is not None:
        out.append(f"The latest figure is {terms.interval(report.latest)} ({_day(report.latest_on)}).")
    return tuple(out)


def _band(report: Report) -> Interval | None:
    return report.consensus if report.consensus is not None else report.majority_interval


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
