"""The `verdicts` check: each fact's cross-check verdict over its accepted claims is the one the
expectations file promises, and the one stored on the fact."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from claims.audit.findings import FAILURE, Finding, fact_label
from claims.domain.crosscheck import ClaimValue, Report, crosscheck
from corpus.extraction.intervals import Interval


@dataclass(frozen=True, slots=True)
class Expectation:
    subject: str
    property: str
    qualifiers: dict[str, Any]
    verdict: str
    claims: int | None = None

    @property
    def label(self) -> str:
        return fact_label(self.subject, self.property, self.qualifiers)


def load_expectations(path: Path) -> list[Expectation]:
    """Read an expectations file: `{"facts": [{"subject", "property", "qualifiers", "verdict", "claims"?}]}`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["facts"] if isinstance(data, dict) else data
    return [
        Expectation(
            subject=item["subject"],
            property=item["property"],
            qualifiers=item.get("qualifiers") or {},
            verdict=item["verdict"],
            claims=item.get("claims"),
        )
        for item in items
    ]


@dataclass(frozen=True, slots=True)
class FactRow:
    """A fact with what the verdict check needs: its label, stored verdict and accepted claims."""

    label: str
    stored_verdict: str
    claims: tuple[ClaimValue, ...]
    time_varying: bool
    cumulative: bool = False


def check_verdicts(facts: Sequence[FactRow], expectations: Sequence[Expectation]) -> list[Finding]:
    """Each fact's verdict, recomputed over its accepted claims, is the expected one."""
    findings = []
    expected = {e.label: e for e in expectations}
    seen = set()
    for fact in facts:
        if not fact.claims:
            continue  # a fact without accepted claims has no verdict to keep
        seen.add(fact.label)
        report = crosscheck(fact.claims, time_varying=fact.time_varying, cumulative=fact.cumulative, explain=False)
        verdict = str(report.verdict)
        want = expected.get(fact.label)
        if want is None:
            findings.append(
                Finding("verdicts", FAILURE, f"fact {fact.label}", f"verdict {verdict} is not in the expectations file")
            )
        elif verdict != want.verdict:
            findings.append(
                Finding(
                    "verdicts",
                    FAILURE,
                    f"fact {fact.label}",
                    f"verdict is {verdict}, expected {want.verdict} ({_claims_summary(report)})",
                )
            )
        elif want.claims is not None and len(fact.claims) != want.claims:
            findings.append(
                Finding(
                    "verdicts",
                    FAILURE,
                    f"fact {fact.label}",
                    f"{len(fact.claims)} accepted claims compared, expected {want.claims}",
                )
            )
        if fact.stored_verdict != verdict:
            findings.append(
                Finding(
                    "verdicts",
                    FAILURE,
                    f"fact {fact.label}",
                    f"stored verdict {fact.stored_verdict or '(none)'} is stale: the claims give {verdict}",
                )
            )
    findings.extend(
        Finding("verdicts", FAILURE, f"fact {label}", "expected in the expectations file but has no accepted claims")
        for label in sorted(set(expected) - seen)
    )
    return findings


def _claims_summary(report: Report) -> str:
    return f"claims {', '.join(map(str, report.claim_ids))}"


def claim_value(row, document=None) -> ClaimValue:
    """The engine's view of a claim (a model instance or anything with the same attributes);
    `document` (its source and date) places a cumulative figure in time and counts its vote."""
    nominal = None
    if row.value_type == "quantity" and row.nominal:
        try:
            nominal = Decimal(row.nominal)
        except ArithmeticError:
            nominal = None
    return ClaimValue(
        id=row.pk,
        interval=Interval(row.lower, row.upper, row.lower_open, row.upper_open),
        nominal=nominal,
        modifier=row.modifier,
        rule=row.rule,
        as_of=row.as_of,
        source=document.source_id if document is not None else None,
        reported_on=document.published_on if document is not None else None,
    )
