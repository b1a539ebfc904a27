"""What the audit reports: findings (which check, how bad, about what, why), the report that
collects them, and the labels that name claims, documents and facts in them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

FAILURE = "failure"
WARNING = "warning"
CHECKS = ("provenance", "rederivation", "calendars", "dates", "verdicts", "integrity")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which check, how bad, about what (a claim, document or fact) and why."""

    check: str
    level: str
    subject: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(slots=True)
class AuditReport:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.level == FAILURE]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    @property
    def passed(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "counts": self.counts,
            "failures": [f.as_dict() for f in self.failures],
            "warnings": [f.as_dict() for f in self.warnings],
        }

    def as_text(self) -> str:
        lines = [f"audit: {', '.join(f'{n} {k}' for k, n in self.counts.items())}"]
        for check in CHECKS:
            found = [f for f in self.findings if f.check == check]
            bad = [f for f in found if f.level == FAILURE]
            lines.append(f"  {check:<13} {'FAIL' if bad else 'ok'}" + (f" ({len(bad)} failures)" if bad else ""))
            lines.extend(f"    {f.level}: {f.subject}: {f.reason}" for f in found)
        verdict = "PASSED" if self.passed else f"FAILED ({len(self.failures)} failures)"
        lines.append(f"audit {verdict}, {len(self.warnings)} warnings")
        return "\n".join(lines)


# --- labels -------------------------------------------------------------------------------
# The checks read plain attributes; Django model instances fit, and so would any row object.


def claim_label(claim) -> str:
    return f"claim {claim.pk} ({claim.nominal or '?'} in document {claim.document_id})"


def document_label(document) -> str:
    return f"document {document.pk} ({document.file_name or document.title[:40]})"


def fact_label(subject: str | None, prop: str | None, qualifiers: dict[str, Any] | None) -> str:
    """`global_coalition.member_count`, `global_coalition.pledged_amount{"year": 2021}`."""
    if subject is None and prop is None:
        return "(no subject or property)"
    label = f"{subject or '?'}.{prop or '?'}"
    if qualifiers:
        label += json.dumps(qualifiers, sort_keys=True, ensure_ascii=False)
    return label
