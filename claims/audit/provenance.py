"""The `provenance` and `integrity` checks: documents, sentences and evidence are the stored
text they claim to be, and claims are well-formed (an accepted claim has evidence, no interval
is upside down)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from claims.audit.findings import FAILURE, Finding, claim_label, document_label


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


def check_claims(
    claims: Iterable, *, evidence_count: dict[int, int], evidence_spans: dict[int, set[tuple[int, int]]] | None = None
) -> list[Finding]:
    """No accepted claim without evidence; no interval with its lower end above its upper end;
    the span a claim is identified by (`span_start`/`span_end`) is one of its evidence spans."""
    findings = []
    for claim in claims:
        spans = (evidence_spans or {}).get(claim.pk)
        if spans and (claim.span_start, claim.span_end) not in spans:
            findings.append(
                Finding(
                    "integrity",
                    FAILURE,
                    claim_label(claim),
                    f"identity span [{claim.span_start}, {claim.span_end}) is none of its evidence spans "
                    f"{sorted(spans)}",
                )
            )
        if claim.status == "accepted" and not evidence_count.get(claim.pk):
            findings.append(Finding("integrity", FAILURE, claim_label(claim), "accepted claim without evidence"))
        for low, high, what in (("lower", "upper", "interval"), ("date_lower", "date_upper", "date interval")):
            lower, upper = getattr(claim, low), getattr(claim, high)
            if lower is not None and upper is not None and lower > upper:
                findings.append(
                    Finding("integrity", FAILURE, claim_label(claim), f"{what} lower end {lower} lies above {upper}")
                )
    return findings
