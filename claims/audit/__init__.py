"""The audit of a fixture of curated claims: does every claim still match its source, and does
every fact have the verdict the fixture promises?

Each check is a function over already-fetched rows that returns `Finding`s; `audit_database`
fetches the rows of one database (by alias, so the command can point it at a scratch database)
and runs them all. The checks, by name:

- `provenance`: every document's `sha256` is the hash of its text (the seeds are NFC and UTF-8
  already, so the hash of `text.encode()` equals the hash of the raw bytes that ingestion
  stored), every sentence is the document text at its offsets, every evidence quote is the
  document text at its offsets;
- `rederivation`: every `extracted` claim's value and modifier are what today's extractor
  derives for its span (run on the evidence sentence, with the document's trusted date), so an
  extractor regression shows up as a named claim;
- `calendars`: one date written in two calendars side by side (`۲۵ جون ۲۰۱۹ / ۴ سرطان ۱۳۹۸`,
  or one in parentheses after the other) must denote the same days;
- `dates`: a weekday named with a date must be that date's weekday, and a document dated by a
  `stated` date must not contradict itself ("yesterday, Monday" on a Friday). A `page_header`
  date that the text contradicts is reported as a warning: ingestion already distrusts it;
- `verdicts`: each fact's cross-check verdict over its accepted claims equals the expected one,
  and equals the verdict stored on the fact;
- `integrity`: no accepted claim without evidence, no interval whose lower end lies above its
  upper end, no evidence outside its document or its sentence.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from claims.domain.crosscheck import ClaimValue, Report, crosscheck
from claims.domain.intervals import Interval
from claims.domain.mentions import DateValue, Mention, QuantityValue

FAILURE = "failure"
WARNING = "warning"
CHECKS = ("provenance", "rederivation", "calendars", "dates", "verdicts", "integrity")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# What may separate one date from the same date in another calendar: `۲۵ جون ۲۰۱۹ / ۴ سرطان ۱۳۹۸`,
# `... ۲۰۱۹ میلادی (۴ سرطان ...`, `2019-03-23 - 1398/01/03`.
_PAIR_GAP_RE = re.compile(r"[\s()\[\]/\-–—،,]{1,6}")


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


# --- rows ---------------------------------------------------------------------------------
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


# --- provenance and integrity -----------------------------------------------------------------


def check_documents(documents: Iterable) -> list[Finding]:
    """Each document's sha256 is the hash of its text (seed texts are NFC UTF-8 as received)."""
    findings = []
    for document in documents:
        digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        if digest != document.sha256:
            findings.append(
                Finding(
                    "provenance",
                    FAILURE,
                    document_label(document),
                    f"sha256 of the text is {digest[:16]}…, the document records {document.sha256[:16]}…: "
                    "the text was changed",
                )
            )
    return findings


def check_sentences(sentences: Iterable, texts: dict[int, str]) -> list[Finding]:
    """Each sentence is the document text at its offsets (`texts`: document id → text)."""
    findings = []
    for sentence in sentences:
        text = texts[sentence.document_id]
        if (
            not (0 <= sentence.start < sentence.end <= len(text))
            or text[sentence.start : sentence.end] != sentence.text
        ):
            findings.append(
                Finding(
                    "provenance",
                    FAILURE,
                    f"sentence {sentence.index} of document {sentence.document_id}",
                    f"differs from the document text at [{sentence.start}, {sentence.end})",
                )
            )
    return findings


def check_evidence(evidence: Iterable, *, texts: dict[int, str], sentences: dict[int, Any]) -> list[Finding]:
    """Each quote is the document text at its span, and the span lies in its sentence."""
    findings = []
    for item in evidence:
        subject = f"claim {item.claim_id} (evidence {item.pk}, document {item.document_id})"
        text = texts[item.document_id]
        sentence = sentences[item.sentence_id]
        if not 0 <= item.start < item.end <= len(text):
            findings.append(
                Finding(
                    "integrity",
                    FAILURE,
                    subject,
                    f"span [{item.start}, {item.end}) lies outside the document (length {len(text)})",
                )
            )
            continue
        if text[item.start : item.end] != item.quote:
            findings.append(
                Finding(
                    "provenance",
                    FAILURE,
                    subject,
                    f"quote {item.quote!r} does not match the document text at [{item.start}, {item.end}): "
                    f"{text[item.start : item.end]!r}",
                )
            )
        if sentence.document_id != item.document_id or not (sentence.start <= item.start and item.end <= sentence.end):
            findings.append(
                Finding(
                    "integrity",
                    FAILURE,
                    subject,
                    f"span [{item.start}, {item.end}) lies outside its sentence {sentence.index} "
                    f"[{sentence.start}, {sentence.end}) of document {sentence.document_id}",
                )
            )
    return findings


def check_claims(claims: Iterable, *, evidence_count: dict[int, int]) -> list[Finding]:
    """No accepted claim without evidence; no interval with its lower end above its upper end."""
    findings = []
    for claim in claims:
        if claim.status == "accepted" and not evidence_count.get(claim.pk):
            findings.append(Finding("integrity", FAILURE, claim_label(claim), "accepted claim without evidence"))
        for low, high, what in (("lower", "upper", "interval"), ("date_lower", "date_upper", "date interval")):
            lower, upper = getattr(claim, low), getattr(claim, high)
            if lower is not None and upper is not None and lower > upper:
                findings.append(
                    Finding("integrity", FAILURE, claim_label(claim), f"{what} lower end {lower} lies above {upper}")
                )
    return findings


# --- re-derivation and dates ------------------------------------------------------------------


def sentence_mentions(text: str, *, language: str, reference_date: dt.date | None) -> dict[tuple[int, int], Mention]:
    """The extractor's mentions of one sentence, keyed by their span in the sentence."""
    from claims.domain.extraction import extract

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
            findings.append(
                Finding(
                    "rederivation",
                    FAILURE,
                    claim_label(claim),
                    f"the extractor no longer finds a mention at {evidence.quote!r} [{evidence.start}, {evidence.end})",
                )
            )
            continue
        findings.extend(
            Finding("rederivation", FAILURE, claim_label(claim), f"{evidence.quote!r}: {diff}")
            for diff in _value_diffs(claim, mention)
        )
    return findings


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
        if not _PAIR_GAP_RE.fullmatch(gap):
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


# --- verdicts -------------------------------------------------------------------------------


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


def check_verdicts(facts: Sequence[FactRow], expectations: Sequence[Expectation]) -> list[Finding]:
    """Each fact's verdict, recomputed over its accepted claims, is the expected one."""
    findings = []
    expected = {e.label: e for e in expectations}
    seen = set()
    for fact in facts:
        if not fact.claims:
            continue  # a fact without accepted claims has no verdict to keep
        seen.add(fact.label)
        report = crosscheck(fact.claims, time_varying=fact.time_varying)
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


def claim_value(row) -> ClaimValue:
    """The engine's view of a claim (a model instance or anything with the same attributes)."""
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
    )


# --- the whole audit over one database -------------------------------------------------------


def audit_database(*, using: str, expectations: Sequence[Expectation]) -> AuditReport:
    """Run every check over the documents, claims and facts of the database `using`.

    Reads each table once; the extractor runs once per sentence that holds evidence.
    """
    from claims.models import Claim, Evidence, Fact
    from corpus.models import Document, Sentence

    documents = list(Document.objects.using(using).order_by("id"))
    texts = {d.pk: d.text for d in documents}
    by_id = {d.pk: d for d in documents}
    sentences = {s.pk: s for s in Sentence.objects.using(using).order_by("document_id", "index")}
    claims = {c.pk: c for c in Claim.objects.using(using).order_by("id")}
    evidence = list(Evidence.objects.using(using).order_by("id"))
    facts = list(Fact.objects.using(using).select_related("subject", "property").order_by("id"))

    report = AuditReport(
        counts={
            "documents": len(documents),
            "sentences": len(sentences),
            "claims": len(claims),
            "evidence": len(evidence),
            "facts": len(facts),
        }
    )
    findings = report.findings
    findings += check_documents(documents)
    findings += check_sentences(sentences.values(), texts)
    findings += check_evidence(evidence, texts=texts, sentences=sentences)
    evidence_count: dict[int, int] = defaultdict(int)
    for item in evidence:
        evidence_count[item.claim_id] += 1
    findings += check_claims(claims.values(), evidence_count=evidence_count)

    # Re-derivation and weekdays need each claim with its first in-bounds evidence and the
    # extractor's mentions of that evidence's sentence.
    mentions_cache: dict[int, dict[tuple[int, int], Mention]] = {}
    items = []
    paired = []
    first: dict[int, Any] = {}
    for item in evidence:
        first.setdefault(item.claim_id, item)
    for claim_id, item in first.items():
        sentence = sentences[item.sentence_id]
        document = by_id[item.document_id]
        item.sentence = sentence  # already fetched; avoids a query per evidence
        if sentence.pk not in mentions_cache:
            mentions_cache[sentence.pk] = sentence_mentions(
                sentence.text, language=document.language, reference_date=document.trusted_date
            )
        claim = claims[claim_id]
        items.append((claim, item, mentions_cache[sentence.pk]))
        if claim.status != "rejected":
            paired.append((claim, item))
    findings += check_rederivation(items)
    pairs = calendar_pairs(paired, texts)
    findings += check_calendars(pairs)
    report.counts["dual-calendar pairs"] = sum(
        1 for a, b, gap in pairs if a.calendar != b.calendar and _PAIR_GAP_RE.fullmatch(gap)
    )
    findings += check_weekdays(items)
    findings += check_document_dates(documents)

    accepted: dict[int, list[ClaimValue]] = defaultdict(list)
    for claim in claims.values():
        if claim.status == "accepted" and claim.fact_id is not None:
            accepted[claim.fact_id].append(claim_value(claim))
    rows = [
        FactRow(
            label=fact_label(fact.subject.slug, fact.property.slug, fact.qualifiers),
            stored_verdict=fact.verdict,
            claims=tuple(accepted.get(fact.pk, ())),
            time_varying=fact.property.time_varying,
        )
        for fact in facts
    ]
    findings += check_verdicts(rows, expectations)
    report.counts["extracted claims re-derived"] = sum(1 for c, _, _ in items if c.origin == "extracted")
    report.counts["facts checked"] = sum(1 for r in rows if r.claims)
    return report


# --- fixtures as JSON (no database) ------------------------------------------------------------


@dataclass(slots=True)
class FixtureData:
    """The objects of Django JSON fixtures, by model label and pk (fields as written)."""

    objects: dict[str, dict[Any, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))

    def of(self, model: str) -> dict[Any, dict[str, Any]]:
        return self.objects.get(model, {})


def read_fixtures(paths: Iterable[Path]) -> FixtureData:
    """Read Django JSON fixtures (a list of `{"model", "pk", "fields"}`) into one `FixtureData`."""
    data = FixtureData()
    for path in paths:
        for obj in json.loads(Path(path).read_text(encoding="utf-8")):
            data.objects[obj["model"]][obj.get("pk")] = obj["fields"]
    return data


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def check_fixture_rows(data: FixtureData) -> list[Finding]:
    """Integrity problems the database would refuse, named before loading (a refused load
    otherwise says only which constraint failed, not which claim)."""
    findings = []
    for pk, fields in sorted(data.of("claims.claim").items()):
        label = f"claim {pk} ({fields.get('nominal') or '?'} in document {fields.get('document')})"
        for low, high, what in (("lower", "upper", "interval"), ("date_lower", "date_upper", "date interval")):
            lower, upper = fields.get(low), fields.get(high)
            if lower in (None, "") or upper in (None, ""):
                continue
            if (_dec(lower) if low == "lower" else lower) > (_dec(upper) if high == "upper" else upper):
                findings.append(Finding("integrity", FAILURE, label, f"{what} lower end {lower} lies above {upper}"))
    for pk, fields in sorted(data.of("claims.evidence").items()):
        if fields["start"] >= fields["end"] or fields["start"] < 0:
            findings.append(
                Finding(
                    "integrity",
                    FAILURE,
                    f"claim {fields['claim']} (evidence {pk})",
                    f"empty or negative span [{fields['start']}, {fields['end']})",
                )
            )
    return findings


def _value_text(fields: dict[str, Any]) -> str:
    if fields.get("value_type") == "date":
        return f"{fields.get('modifier')} [{fields.get('date_lower')}, {fields.get('date_upper')}]"
    interval = Interval(
        _dec(fields.get("lower")), _dec(fields.get("upper")), fields["lower_open"], fields["upper_open"]
    )
    return f"{fields.get('modifier')} {fields.get('nominal')} {interval.describe()}"


def _claim_value_of(pk: Any, fields: dict[str, Any]) -> ClaimValue:
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
            _dec(fields.get("lower")), _dec(fields.get("upper")), fields["lower_open"], fields["upper_open"]
        ),
        nominal=nominal,
        modifier=fields.get("modifier") or "exact",
        rule=fields.get("rule") or "",
        as_of=dt.date.fromisoformat(as_of) if as_of else None,
    )


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
    shas = {pk: f["sha256"] for pk, f in data.of("corpus.document").items()}
    spans: dict[Any, tuple[int, int]] = {}
    for _pk, ev in sorted(data.of("claims.evidence").items()):
        spans.setdefault(ev["claim"], (ev["start"], ev["end"]))
    values: dict[str, dict[str, str]] = defaultdict(dict)
    accepted: dict[str, list[ClaimValue]] = defaultdict(list)
    time_varying: dict[str, bool] = {}
    value_types: dict[str, str] = {}
    claims: dict[str, tuple[str, str]] = {}
    for pk, fields in sorted(data.of("claims.claim").items()):
        prop = properties.get(fields.get("property")) or {}
        label = fact_label(slugs.get(fields.get("subject")), prop.get("slug"), fields.get("qualifiers"))
        start, end = spans.get(pk, (None, None))
        key = f"{shas.get(fields['document'], '?')[:12]}[{start},{end}) {prop.get('slug') or '?'}"
        claims[key] = (label, fields["status"])
        values[label][key] = _value_text(fields)
        time_varying[label] = bool(prop.get("time_varying"))
        value_types[label] = fields.get("value_type", "")
        if fields["status"] == "accepted":
            accepted[label].append(_claim_value_of(pk, fields))
    states = {}
    for label, claim_values in values.items():
        verdict = consensus = "none"
        if accepted.get(label):
            report = crosscheck(accepted[label], time_varying=time_varying[label])
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


# --- a scratch database -------------------------------------------------------------------------


@contextmanager
def scratch_database(purpose: str = "audit") -> Iterator[str]:
    """A migrated, empty database next to `default` (same engine and server), dropped on exit.

    Yields its connection alias. SQLite gets a private in-memory database; PostgreSQL a database
    named after `default` plus the purpose and process id, so concurrent runs and the test
    database never collide. The user's data is never touched.
    """
    from django.db import connections

    alias = f"sanad_{purpose}_{os.getpid()}"
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    test = dict(settings_dict.get("TEST") or {})
    if settings_dict["ENGINE"].endswith("sqlite3"):
        test["NAME"] = None  # in memory, named after the alias
    else:
        test["NAME"] = f"{settings_dict['NAME']}_{purpose}_{os.getpid()}"
    settings_dict["TEST"] = test
    connections.settings[alias] = settings_dict
    connection = connections[alias]
    old_name = settings_dict["NAME"]
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        yield alias
    finally:
        try:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        finally:
            connection.close()
            del connections[alias]
            del connections.settings[alias]
