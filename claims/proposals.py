"""Proposed claims for a stored document, and the reason for every figure left without one.

`document_propose` reads the document's stored sentences and the mentions found in them, asks the
vocabulary's matcher (`claims.domain.proposer`) for a property and a subject for each, and writes:
a proposed `Claim` with its `Evidence` where a property was found (the subject an entity, or an
event found or created by kind, place and date); a `MentionReview` for every mention, saying
what became of it and why. It is idempotent: a span that already holds a claim (proposed,
curated or rejected) is left alone, and a second run with the same vocabulary writes no claim.

The mentions are the ones ingest stored (`corpus.models.Mention`, refreshed by `reextract`), read
through `document_mentions` as one list of `StoredMention` records per sentence: the proposer
never re-analyses the text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction

from claims.domain.proposer import REASONS, Article, Figure, Proposal, Reason, propose_article
from claims.models import Claim, ClaimOrigin, ClaimStatus, Entity, Evidence, MentionReview, Property, ValueType
from claims.revisions import User, jsonable, revision_record
from claims.services import _fact_for_claim, _sync_date_bounds, evidence_build, facts_refresh
from claims.vocabulary.cache import vocabulary_current
from claims.vocabulary.services import event_resolve
from corpus.extraction.mentions import DateValue, IdentifierValue, Mention, QuantityValue
from corpus.models import Document, Sentence
from corpus.models import Mention as StoredMentionRow


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A mention of a stored sentence, with the value columns a claim copies (those of
    `corpus.models.Mention`). Offsets are code points `[start, end)` into `Document.text`.
    """

    start: int
    end: int
    text: str
    kind: str
    modifier: str = "exact"
    rule: str = ""
    nominal: str = ""
    lower: Decimal | None = None
    upper: Decimal | None = None
    lower_open: bool = False
    upper_open: bool = False
    unit: str = ""
    noun: str = ""
    date_lower: dt.date | None = None
    date_upper: dt.date | None = None
    date_precision: str = ""
    calendar: str = ""
    mention_id: int | None = None

    def figure(self, sentence_start: int) -> Figure:
        value = None
        if self.kind == "quantity" and self.nominal:
            try:
                value = Decimal(self.nominal)
            except ArithmeticError:
                value = None
        return Figure(
            start=self.start - sentence_start,
            end=self.end - sentence_start,
            text=self.text,
            kind=self.kind,
            unit=self.unit or None,
            date_lower=self.date_lower,
            date_upper=self.date_upper,
            value=value,
        )

    def claim_fields(self) -> dict[str, Any]:
        """The claim columns this mention fills."""
        fields: dict[str, Any] = {"modifier": self.modifier, "rule": self.rule}
        if self.kind == "date":
            return fields | {
                "value_type": ValueType.DATE,
                "nominal": self.nominal,
                "date_lower": self.date_lower,
                "date_upper": self.date_upper,
                "date_precision": self.date_precision,
                "calendar": self.calendar,
            }
        return fields | {
            "value_type": ValueType.QUANTITY,
            "nominal": _figure_text(self.nominal),
            "lower": self.lower,
            "upper": self.upper,
            "lower_open": self.lower_open,
            "upper_open": self.upper_open,
            "unit": self.unit,
            "noun": self.noun[:120],
        }


def _figure_text(nominal: str) -> str:
    """A quantity's nominal as claims write it (`80`, not `80.000000`)."""
    try:
        return str(jsonable(Decimal(nominal)))
    except ArithmeticError:
        return nominal


def stored_mention(mention: Mention) -> StoredMention:
    """An extractor mention (document offsets) as the columns a stored mention has."""
    value = mention.value
    base = {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "kind": str(mention.kind),
        "modifier": str(mention.modifier),
        "rule": mention.rule,
    }
    if isinstance(value, QuantityValue):
        return StoredMention(
            **base,
            nominal=format(value.nominal.normalize(), "f"),
            lower=value.lower,
            upper=value.upper,
            lower_open=value.lower_open,
            upper_open=value.upper_open,
            unit=value.unit or "",
            noun=value.noun or "",
        )
    if isinstance(value, DateValue):
        return StoredMention(
            **base,
            nominal=value.nominal or "",
            date_lower=value.lower,
            date_upper=value.upper,
            date_precision=str(value.precision),
            calendar=str(value.calendar),
        )
    if isinstance(value, IdentifierValue):
        return StoredMention(**base, nominal=value.nominal)
    return StoredMention(**base)


MENTION_COLUMNS = (
    "id", "sentence_id", "start", "end", "text", "kind", "modifier", "rule", "nominal", "lower", "upper",
    "lower_open", "upper_open", "unit", "noun", "date_lower", "date_upper", "date_precision", "calendar",
)  # fmt: skip


def document_mentions(document: Document, sentences: list[Sentence]) -> dict[int, list[StoredMention]]:
    """The stored mentions of each sentence (by sentence id), in order of position (one query)."""
    by_sentence: dict[int, list[StoredMention]] = {s.pk: [] for s in sentences}
    rows = StoredMentionRow.objects.filter(document=document).order_by("start", "end", "id").values(*MENTION_COLUMNS)
    for row in rows:
        mention_id, sentence_id = row.pop("id"), row.pop("sentence_id")
        if sentence_id in by_sentence:
            by_sentence[sentence_id].append(StoredMention(**row, mention_id=mention_id))
    return by_sentence


# Two-letter domains sold worldwide: they say nothing of where an outlet is.
GENERIC_TLDS = frozenset({"ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "so", "to", "tv", "ws"})
TLD_COUNTRY = {"uk": "GB"}  # the country-code domains that are not ISO 3166 codes


def _home_country(document: Document) -> str:
    """The slug of the outlet's country: its source's, else its address's country-code domain."""
    code = (document.source.country or "").upper()
    if not code and document.url:
        tld = (urlsplit(document.url).hostname or "").rsplit(".", 1)[-1].lower()
        if len(tld) == 2 and tld.isalpha() and tld not in GENERIC_TLDS:
            code = TLD_COUNTRY.get(tld, tld.upper())
    if not code:
        return ""
    return Entity.objects.filter(country_code=code).values_list("slug", flat=True).first() or ""


@dataclass(slots=True)
class ProposalResult:
    """What one `propose` run did with a document's mentions; `created + skipped` is every mention."""

    created: int = 0
    skipped: int = 0
    with_subject: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # why mentions were skipped
    reviews: list[MentionReview] = field(default_factory=list)

    def merge(self, other: ProposalResult) -> None:
        self.created += other.created
        self.skipped += other.skipped
        self.with_subject += other.with_subject
        self.reasons.update(other.reasons)


@transaction.atomic
def document_propose(*, document: Document, user: User = None, via: str = "command") -> ProposalResult:
    """Propose claims for a stored document's mentions and record what became of each one."""
    vocabulary = vocabulary_current()
    sentences = list(Sentence.objects.filter(document=document).order_by("index"))
    mentions = document_mentions(document, sentences)
    article = Article(
        language=document.language,
        sentences=tuple(s.text for s in sentences),
        figures=tuple(tuple(m.figure(s.start) for m in mentions[s.pk]) for s in sentences),
        title=document.title,
        published_on=document.trusted_date,
        home_country=_home_country(document),
    )
    proposals = propose_article(vocabulary, article)
    records = {
        (s.pk, m.start - s.start, m.end - s.start): m for s in sentences for m in mentions[s.pk]
    }  # the proposer sorts figures, so find each proposal's record by its span
    taken = {
        (e.start, e.end): e.claim_id for e in Evidence.objects.filter(document=document).only("start", "end", "claim")
    }
    slugs = {p.subject for p in proposals if p.subject}
    entities = {e.slug: e for e in Entity.objects.filter(slug__in=slugs)}
    properties = {p.slug: p for p in Property.objects.filter(slug__in={p.property for p in proposals if p.property})}
    existing = {(r.start, r.end): r for r in MentionReview.objects.filter(document=document)}

    result = ProposalResult()
    touched: set[int | None] = set()
    reviews: list[MentionReview] = []
    for proposal in proposals:
        sentence = sentences[proposal.sentence]
        record = records[(sentence.pk, proposal.figure.start, proposal.figure.end)]
        span = (record.start, record.end)
        review = existing.get(span) or MentionReview(document=document, start=span[0], end=span[1])
        review.sentence, review.text, review.kind = sentence, record.text, record.kind
        review.mention_id = record.mention_id
        review.vocabulary_version = vocabulary.version
        if span in taken:
            review.outcome, review.reason, review.detail = MentionReview.Outcome.CLAIMED, Reason.ALREADY_CLAIMED, ""
            review.claim_id = taken[span]
            result.skipped += 1
            result.reasons[Reason.ALREADY_CLAIMED] += 1
        elif proposal.property is None or proposal.property not in properties:
            reason = proposal.reason or Reason.NO_CUE
            review.outcome, review.reason = MentionReview.Outcome.UNCLAIMED, reason
            review.detail = (proposal.detail or REASONS[reason])[:300]
            review.claim = None
            result.skipped += 1
            result.reasons[reason] += 1
        else:
            claim = _claim_create(
                document, sentence, record, proposal, entities, properties[proposal.property], user, via
            )
            touched.add(claim.fact_id)
            taken[span] = claim.pk
            review.outcome, review.claim = MentionReview.Outcome.PROPOSED, claim
            review.reason = proposal.reason if claim.subject_id is None else ""
            review.detail = (proposal.detail if claim.subject_id is None else "")[:300]
            result.created += 1
            result.with_subject += claim.subject_id is not None
        reviews.append(review)
    MentionReview.objects.bulk_create([r for r in reviews if r.pk is None])
    MentionReview.objects.bulk_update(
        [r for r in reviews if r.pk is not None],
        ["sentence", "mention", "text", "kind", "outcome", "reason", "detail", "claim", "vocabulary_version"],
    )
    facts_refresh(fact_ids=touched)
    result.reviews = reviews
    return result


def _claim_create(
    document: Document,
    sentence: Sentence,
    record: StoredMention,
    proposal: Proposal,
    entities: dict[str, Entity],
    prop: Property,
    user: User,
    via: str,
) -> Claim:
    subject = entities.get(proposal.subject) if proposal.subject else None
    if subject is None and proposal.event is not None:
        subject = event_resolve(ref=proposal.event, user=user, via=via)
    claim = Claim(
        document=document,
        span_start=record.start,
        span_end=record.end,
        subject=subject,
        property=prop,
        qualifiers=proposal.qualifiers,
        as_of=document.trusted_date,
        status=ClaimStatus.PROPOSED,
        origin=ClaimOrigin.EXTRACTED,
        confidence=proposal.confidence,
        cue=proposal.cue[:200],
        mention_id=record.mention_id,
        **record.claim_fields(),
    )
    _sync_date_bounds(claim)
    claim.fact = _fact_for_claim(claim)
    claim.full_clean()
    claim.save()
    evidence_build(claim=claim, sentence=sentence, start=record.start, end=record.end).save()
    revision_record(
        obj=claim,
        action="create",
        changes={"status": (None, claim.status), "nominal": (None, claim.nominal), "cue": (None, claim.cue)},
        user=user,
        via=via,
    )
    return claim


@transaction.atomic
def mention_claim(*, document: Document, start: int, end: int, user: User, via: str, **fields: Any) -> Claim:
    """A claim for a mention that `propose` left unclaimed: a curator's decision.

    The value is the extractor's (origin `extracted`, so the audit re-derives it); `fields` set
    subject, property, qualifiers and status (a `rejected` claim marks a mention that is not a
    claim, so `propose` never offers it).
    """
    from django.core.exceptions import ValidationError

    allowed = {"subject", "property", "qualifiers", "status"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({f: "This field cannot be set." for f in sorted(unknown)})
    if Evidence.objects.filter(document=document, start=start, end=end).exists():
        raise ValidationError({"evidence": f"a claim already holds [{start}, {end}) of document {document.pk}"})
    sentences = list(Sentence.objects.filter(document=document).order_by("index"))
    mentions = document_mentions(document, sentences)
    found = [(s, m) for s in sentences for m in mentions[s.pk] if (m.start, m.end) == (start, end)]
    if not found:
        raise ValidationError({"evidence": f"no mention at [{start}, {end}) of document {document.pk}"})
    sentence, record = found[0]
    claim = Claim(
        document=document,
        span_start=start,
        span_end=end,
        subject=fields.get("subject"),
        property=fields.get("property"),
        qualifiers=fields.get("qualifiers") or {},
        as_of=document.trusted_date,
        status=fields.get("status", ClaimStatus.PROPOSED),
        origin=ClaimOrigin.EXTRACTED,
        mention_id=record.mention_id,
        **record.claim_fields(),
    )
    _sync_date_bounds(claim)
    claim.fact = _fact_for_claim(claim)
    claim.full_clean()
    claim.save()
    evidence_build(claim=claim, sentence=sentence, start=start, end=end).save()
    revision_record(
        obj=claim,
        action="create",
        changes={f: (None, getattr(claim, f)) for f in ("status", "nominal", *fields)},
        user=user,
        via=via,
    )
    MentionReview.objects.filter(document=document, start=start, end=end).update(
        outcome=MentionReview.Outcome.CLAIMED, reason=Reason.ALREADY_CLAIMED, detail="", claim=claim
    )
    facts_refresh(fact_ids=[claim.fact_id])
    return claim
