"""The `dates` and `calendars` checks: weekdays named with dates, documents whose own date the
text contradicts, and one date written in two calendars that must denote the same days."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from claims.audit.findings import FAILURE, WARNING, Finding, claim_label, document_label
from corpus.extraction.mentions import Mention

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# What may separate one date from the same date in another calendar: `۲۵ جون ۲۰۱۹ / ۴ سرطان ۱۳۹۸`,
# `... ۲۰۱۹ میلادی (۴ سرطان ...`, `2019-03-23 - 1398/01/03`.
PAIR_GAP_RE = re.compile(r"[\s()\[\]/\-–—،,]{1,6}")


def check_weekdays(items: Iterable[tuple[Any, Any, dict[tuple[int, int], Mention]]]) -> list[Finding]:
    """A weekday written with a date (`بروز سه شنبه ۲۵ جون ۲۰۱۹`) is that date's weekday.

    Applies to curated claims too: a curator who dates "Wednesday 11 May" must pick a Wednesday.
    """
    findings = []
    for claim, evidence, mentions in items:
        if claim.value_type != "date" or claim.date_lower is None or claim.date_lower != claim.date_upper:
            continue
        span = (evidence.start - evidence.sentence.start, evidence.end - evidence.sentence.start)
        mention = mentions.get(span)
        named = mention.extra.get("weekday") if mention is not None else None
        if named is None:
            continue
        actual = WEEKDAYS[claim.date_lower.weekday()]
        if actual != named:
            findings.append(
                Finding(
                    "dates",
                    FAILURE,
                    claim_label(claim),
                    f"{evidence.quote!r} names a {named}, but {claim.date_lower.isoformat()} is a {actual}",
                )
            )
    return findings


def check_document_dates(documents: Iterable) -> list[Finding]:
    """A relative date in the body must not contradict the document's own date.

    A `stated` date that the text contradicts is a failure: relative dates were resolved
    against it. A `page_header` date is only the day a page was saved and is never used as a
    reference, so a contradiction there is a warning that names the untrustworthy header.
    """
    from corpus.domain.chrome import classify_lines
    from corpus.domain.dating import contradicting_mention

    findings = []
    for document in documents:
        if document.published_on is None or document.published_basis not in ("stated", "page_header"):
            continue
        lines = classify_lines(document.text)
        mention = contradicting_mention(
            document.text, lines=lines, language=document.language, on=document.published_on
        )
        if mention is None:
            continue
        read_on = f"{document.published_on:%A} {document.published_on.isoformat()}"
        if document.published_basis == "stated":
            findings.append(
                Finding(
                    "dates",
                    FAILURE,
                    document_label(document),
                    f"stated date {read_on} is contradicted by {mention.text!r} in the text",
                )
            )
        else:
            findings.append(
                Finding(
                    "dates",
                    WARNING,
                    document_label(document),
                    f"page-header date {read_on} is untrustworthy: read on that day, {mention.text!r} names the "
                    "wrong weekday (the header is not used to resolve relative dates)",
                )
            )
    return findings


def check_calendars(pairs: Iterable[tuple[Any, Any, str]]) -> list[Finding]:
    """Adjacent dates in two calendars denote the same days.

    `pairs` are (claim, claim, text between their spans). Two day-precise dates must be equal;
    coarser ones (a Gregorian year next to a solar-hijri year, which overlap by nine months)
    must share at least one day.
    """
    findings = []
    for a, b, gap in pairs:
        if a.calendar == b.calendar or a.date_lower is None or b.date_lower is None:
            continue
        if not PAIR_GAP_RE.fullmatch(gap):
            continue
        a_days, b_days = (a.date_lower, a.date_upper), (b.date_lower, b.date_upper)
        if a.date_precision == b.date_precision == "day":
            agree = a_days == b_days
            rule = "the same day"
        else:
            agree = a.date_lower <= b.date_upper and b.date_lower <= a.date_upper
            rule = "overlapping days"
        if not agree:
            findings.append(
                Finding(
                    "calendars",
                    FAILURE,
                    f"{claim_label(a)} and {claim_label(b)}",
                    f"{a.calendar} {a.nominal} [{a_days[0]}, {a_days[1]}] and {b.calendar} {b.nominal} "
                    f"[{b_days[0]}, {b_days[1]}] are written as one date but do not denote {rule}",
                )
            )
    return findings


def calendar_pairs(claims_with_evidence: Iterable[tuple[Any, Any]], texts: dict[int, str]) -> list[tuple]:
    """Consecutive date claims of one sentence, with the document text between their spans."""
    by_sentence: dict[int, list[tuple[Any, Any]]] = defaultdict(list)
    for claim, evidence in claims_with_evidence:
        if claim.value_type == "date":
            by_sentence[evidence.sentence_id].append((claim, evidence))
    pairs = []
    for items in by_sentence.values():
        items.sort(key=lambda ce: (ce[1].start, ce[1].end))
        for (a, ea), (b, eb) in zip(items, items[1:], strict=False):
            if ea.end <= eb.start:
                pairs.append((a, b, texts[ea.document_id][ea.end : eb.start]))
    return pairs
