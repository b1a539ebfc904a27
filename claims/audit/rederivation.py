"""The `rederivation` check: every extracted claim is what today's extractor derives at its
span, so an extractor regression shows up as a named claim."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from claims.audit.findings import FAILURE, WARNING, Finding, claim_label
from corpus.extraction.mentions import DateValue, Mention, QuantityValue


def sentence_mentions(text: str, *, language: str, reference_date: dt.date | None) -> dict[tuple[int, int], Mention]:
    """The extractor's mentions of one sentence, keyed by their span in the sentence."""
    from corpus.extraction.extraction import extract

    return {(m.start, m.end): m for m in extract(text, language, reference_date)}


def _value_diffs(claim, mention: Mention) -> list[str]:
    """How a stored claim's value differs from the mention the extractor finds at its span."""
    value = mention.value
    expected: dict[str, Any] = {"modifier": str(mention.modifier)}
    if isinstance(value, QuantityValue):
        expected |= {
            "nominal": format(value.nominal.normalize(), "f"),
            "lower": value.lower,
            "upper": value.upper,
            "lower_open": value.lower_open,
            "upper_open": value.upper_open,
        }
    elif isinstance(value, DateValue):
        expected |= {
            "nominal": value.nominal or "",
            "date_lower": value.lower,
            "date_upper": value.upper,
            "date_precision": str(value.precision),
            "calendar": str(value.calendar),
        }
    else:
        return [f"the extractor reads it as a {mention.kind}, not a figure or date"]
    diffs = []
    for name, want in expected.items():
        have = getattr(claim, name)
        if name == "nominal" and isinstance(value, QuantityValue) and have:
            have = format(Decimal(have).normalize(), "f")
        if have != want:
            diffs.append(f"{name} is {_show(have)}, the extractor derives {_show(want)}")
    return diffs


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)


def check_rederivation(items: Iterable[tuple[Any, Any, dict[tuple[int, int], Mention]]]) -> list[Finding]:
    """Every extracted claim's value is what the extractor derives today at its span.

    `items` are (claim, evidence, mentions of the evidence's sentence keyed by sentence span).
    """
    findings = []
    for claim, evidence, mentions in items:
        if claim.origin != "extracted":
            continue
        span = (evidence.start - evidence.sentence.start, evidence.end - evidence.sentence.start)
        mention = mentions.get(span)
        if mention is None:
            # A curator rejected this figure, and the extractor no longer offers it: the two agree,
            # which is worth a note and is no failure. Any other claim losing its mention is one.
            rejected = claim.status == "rejected"
            findings.append(
                Finding(
                    "rederivation",
                    WARNING if rejected else FAILURE,
                    claim_label(claim),
                    f"the extractor no longer finds a mention at {evidence.quote!r} [{evidence.start}, {evidence.end})"
                    + (" (the claim is rejected)" if rejected else ""),
                )
            )
            continue
        findings.extend(
            Finding("rederivation", FAILURE, claim_label(claim), f"{evidence.quote!r}: {diff}")
            for diff in _value_diffs(claim, mention)
        )
    return findings
