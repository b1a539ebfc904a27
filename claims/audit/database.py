"""The whole audit over one database: each table read once, then every check run on the rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from claims.audit.dates import PAIR_GAP_RE, calendar_pairs, check_calendars, check_document_dates, check_weekdays
from claims.audit.findings import AuditReport, fact_label
from claims.audit.provenance import check_claims, check_documents, check_evidence, check_sentences
from claims.audit.rederivation import check_rederivation, sentence_mentions
from claims.audit.verdicts import Expectation, FactRow, check_verdicts, claim_value
from claims.domain.crosscheck import ClaimValue
from corpus.extraction.mentions import Mention


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
    evidence_spans: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for item in evidence:
        evidence_count[item.claim_id] += 1
        evidence_spans[item.claim_id].add((item.start, item.end))
    findings += check_claims(claims.values(), evidence_count=evidence_count, evidence_spans=evidence_spans)

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
        1 for a, b, gap in pairs if a.calendar != b.calendar and PAIR_GAP_RE.fullmatch(gap)
    )
    findings += check_weekdays(items)
    findings += check_document_dates(documents)

    accepted: dict[int, list[ClaimValue]] = defaultdict(list)
    for claim in claims.values():
        if claim.status == "accepted" and claim.fact_id is not None:
            accepted[claim.fact_id].append(claim_value(claim, by_id.get(claim.document_id)))
    rows = [
        FactRow(
            label=fact_label(fact.subject.slug, fact.property.slug, fact.qualifiers),
            stored_verdict=fact.verdict,
            claims=tuple(accepted.get(fact.pk, ())),
            time_varying=fact.property.time_varying,
            cumulative=fact.property.cumulative,
        )
        for fact in facts
    ]
    findings += check_verdicts(rows, expectations)
    report.counts["extracted claims re-derived"] = sum(1 for c, _, _ in items if c.origin == "extracted")
    report.counts["facts checked"] = sum(1 for r in rows if r.claims)
    return report
