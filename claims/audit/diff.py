"""`audit --diff`: what changed between two versions of a fixture, fact by fact and claim by
claim, computed from the JSON alone."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from claims.audit.findings import fact_label
from claims.audit.fixtures import FixtureData, decimal_or_none, ref
from claims.domain.crosscheck import ClaimValue, crosscheck
from corpus.extraction.intervals import Interval


def _value_text(fields: dict[str, Any]) -> str:
    if fields.get("value_type") == "date":
        return f"{fields.get('modifier')} [{fields.get('date_lower')}, {fields.get('date_upper')}]"
    interval = Interval(
        decimal_or_none(fields.get("lower")),
        decimal_or_none(fields.get("upper")),
        fields["lower_open"],
        fields["upper_open"],
    )
    return f"{fields.get('modifier')} {fields.get('nominal')} {interval.describe()}"


def _claim_value_of(pk: Any, fields: dict[str, Any], document: dict[str, Any] | None = None) -> ClaimValue:
    nominal = None
    if fields.get("value_type") == "quantity" and fields.get("nominal"):
        try:
            nominal = Decimal(fields["nominal"])
        except ArithmeticError:
            nominal = None
    as_of = fields.get("as_of")
    return ClaimValue(
        id=pk,
        interval=Interval(
            decimal_or_none(fields.get("lower")),
            decimal_or_none(fields.get("upper")),
            fields["lower_open"],
            fields["upper_open"],
        ),
        nominal=nominal,
        modifier=fields.get("modifier") or "exact",
        rule=fields.get("rule") or "",
        as_of=dt.date.fromisoformat(as_of) if as_of else None,
        source=(document or {}).get("source"),
        reported_on=_day_or_none((document or {}).get("published_on")),
    )


def _day_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _describe(interval: Interval | None, *, dates: bool) -> str:
    """An interval as text; day ordinals of date claims as ISO dates."""
    if interval is None:
        return "none"
    if not dates:
        return interval.describe()

    def day(value: Decimal | None, open_: bool, unbounded: str) -> str:
        return (
            unbounded if value is None else dt.date.fromordinal(int(value)).isoformat() + (" (open)" if open_ else "")
        )

    return f"[{day(interval.lower, interval.lower_open, '-∞')}, {day(interval.upper, interval.upper_open, '∞')}]"


@dataclass(frozen=True, slots=True)
class _FactState:
    values: dict[str, str]
    verdict: str
    consensus: str


def _fact_states(data: FixtureData) -> tuple[dict[str, _FactState], dict[str, tuple[str, str]]]:
    """Per fact label, its claims' values and the recomputed verdict and consensus; and per
    claim key, (fact label, status). Claims are keyed by where they are stated (document sha256
    and span) so renumbered pks do not show as changes."""
    slugs = {pk: f["slug"] for pk, f in data.of("claims.entity").items()}
    properties = data.of("claims.property")
    documents = data.of("corpus.document")
    shas = {pk: f["sha256"] for pk, f in documents.items()}
    spans: dict[Any, tuple[int, int]] = {}
    for _pk, ev in sorted(data.of("claims.evidence").items()):
        spans.setdefault(ev["claim"], (ev["start"], ev["end"]))
    values: dict[str, dict[str, str]] = defaultdict(dict)
    accepted: dict[str, list[ClaimValue]] = defaultdict(list)
    time_varying: dict[str, bool] = {}
    cumulative: dict[str, bool] = {}
    value_types: dict[str, str] = {}
    claims: dict[str, tuple[str, str]] = {}
    for pk, fields in sorted(data.of("claims.claim").items()):
        prop = properties.get(ref(fields.get("property"))) or {}
        label = fact_label(slugs.get(ref(fields.get("subject"))), prop.get("slug"), fields.get("qualifiers"))
        start, end = spans.get(pk, (None, None))
        key = f"{shas.get(fields['document'], '?')[:12]}[{start},{end}) {prop.get('slug') or '?'}"
        claims[key] = (label, fields["status"])
        values[label][key] = _value_text(fields)
        time_varying[label] = bool(prop.get("time_varying"))
        cumulative[label] = bool(prop.get("cumulative"))
        value_types[label] = fields.get("value_type", "")
        if fields["status"] == "accepted":
            accepted[label].append(_claim_value_of(pk, fields, documents.get(fields["document"])))
    states = {}
    for label, claim_values in values.items():
        verdict = consensus = "none"
        if accepted.get(label):
            report = crosscheck(
                accepted[label], time_varying=time_varying[label], cumulative=cumulative[label], explain=False
            )
            verdict = str(report.verdict)
            consensus = _describe(report.consensus, dates=value_types.get(label) == "date")
        states[label] = _FactState(claim_values, verdict, consensus)
    return states, claims


@dataclass(slots=True)
class FixtureDiff:
    facts: dict[str, list[str]] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    restatused: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.facts or self.added or self.removed or self.restatused)

    def as_dict(self) -> dict[str, Any]:
        return {
            "facts": self.facts,
            "claims_added": self.added,
            "claims_removed": self.removed,
            "claims_restatused": self.restatused,
        }

    def as_text(self) -> str:
        lines = [f"facts changed: {len(self.facts)}"]
        for label, changes in self.facts.items():
            lines.append(f"  {label}")
            lines.extend(f"    {change}" for change in changes)
        for title, items in (("added", self.added), ("removed", self.removed), ("re-statused", self.restatused)):
            lines.append(f"claims {title}: {len(items)}")
            lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def fixture_diff(old: FixtureData, new: FixtureData) -> FixtureDiff:
    """What changed between two versions of a fixture: facts whose claim values, consensus or
    verdict changed, and claims added, removed or given another status."""
    old_facts, old_claims = _fact_states(old)
    new_facts, new_claims = _fact_states(new)
    diff = FixtureDiff()
    for label in sorted(set(old_facts) | set(new_facts)):
        before, after = old_facts.get(label), new_facts.get(label)
        changes = []
        if before is None or after is None:
            changes.append("fact added" if before is None else "fact removed")
        else:
            for key in sorted(set(before.values) & set(after.values)):
                if before.values[key] != after.values[key]:
                    changes.append(f"claim {key}: value {before.values[key]} → {after.values[key]}")
            if before.verdict != after.verdict:
                changes.append(f"verdict {before.verdict} → {after.verdict}")
            if before.consensus != after.consensus:
                changes.append(f"consensus {before.consensus} → {after.consensus}")
        if changes:
            diff.facts[label] = changes
    for key in sorted(set(new_claims) - set(old_claims)):
        diff.added.append(f"{key} ({new_claims[key][0]}, {new_claims[key][1]})")
    for key in sorted(set(old_claims) - set(new_claims)):
        diff.removed.append(f"{key} ({old_claims[key][0]}, {old_claims[key][1]})")
    for key in sorted(set(old_claims) & set(new_claims)):
        (_, old_status), (new_label, new_status) = old_claims[key], new_claims[key]
        if old_status != new_status:
            diff.restatused.append(f"{key} ({new_label}): {old_status} → {new_status}")
    return diff
