"""Read side of the review workspace: the queue, and one document's mentions and claims.

A document is reviewed item by item. An item is one claim (with the mention it was made from,
when there is one), or one stored mention that no claim was made from; items are in reading
order. Items at the same words share one mark in the text, and a mark shows the state of its
items: `proposed` while any is, else `accepted`, else `rejected`; `none` for a mention with no
claim. The state is a plain dict (JSON for the page's script), built in a constant number of
queries for any document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse

from claims.admin_display import (
    claim_interval,
    claim_value,
    fact_title,
    interval_text,
    property_label,
    qualifiers_text,
    value_words,
)
from claims.domain.search import folded_contains, folded_pattern, folded_term
from claims.models import Claim, ClaimStatus, Entity, Evidence, Property, ValueType
from corpus.models import Document, Mention

STATE_ORDER = ("proposed", "accepted", "rejected", "none")


# --- the queue --------------------------------------------------------------------------------


def review_queue() -> QuerySet[Document]:
    """Documents with proposals left to review, newest article first: count, language, source, date.

    One query: the claim counts are aggregated in it (`proposed`, `claims`).
    """
    return (
        Document.objects.with_source()
        .defer("text")
        .annotate(
            proposed=Count("claims", filter=Q(claims__status=ClaimStatus.PROPOSED)),
            claim_total=Count("claims"),
        )
        .filter(proposed__gt=0)
        .order_by(F("published_on").desc(nulls_last=True), "-id")
    )


def review_next(*, after: int | None) -> int | None:
    """The document `n` opens after document `after`: the next one in the queue's order, else
    the first one (the queue wraps); None when nothing is left but `after` itself."""
    ids = list(review_queue().values_list("id", flat=True))
    if after in ids:
        position = ids.index(after)
        ids = ids[position + 1 :] + ids[:position]
    return ids[0] if ids else None


# --- one document -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the article: chrome (outside every sentence), plain sentence text, or a mark."""

    text: str
    chrome: bool = False
    mark: int | None = None


def _claims_of(document: Document) -> list[Claim]:
    return list(
        Claim.objects.filter(document=document)
        .select_related("subject", "property", "fact", "fact__subject", "fact__property")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .order_by("id")
    )


def review_items(document: Document) -> tuple[list[Mention], list[Claim], list[dict[str, Any]]]:
    """The mentions, the claims and the review items of a document (three queries)."""
    mentions = list(Mention.objects.filter(document=document).order_by("start", "end", "id"))
    claims = _claims_of(document)
    by_id = {m.pk: m for m in mentions}
    by_span: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        by_span.setdefault((mention.start, mention.end), mention)
    claimed: set[int] = set()
    items: list[dict[str, Any]] = []
    for claim in claims:
        evidence = claim.evidence.all()
        span = (evidence[0].start, evidence[0].end) if evidence else None
        mention = by_id.get(claim.mention_id) or (by_span.get(span) if span else None)
        if mention is not None:
            claimed.add(mention.pk)
            span = (mention.start, mention.end)
        if span is None:
            continue  # a claim without evidence has no place in the text
        items.append({"key": f"c{claim.pk}", "span": span, "claim": claim, "mention": mention})
    for mention in mentions:
        if mention.pk not in claimed:
            items.append(
                {"key": f"m{mention.pk}", "span": (mention.start, mention.end), "claim": None, "mention": mention}
            )
    items.sort(key=lambda i: (i["span"][0], i["span"][1], i["claim"].pk if i["claim"] else 0))
    return mentions, claims, items


def _marks(items: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The marked spans in reading order; an item whose span overlaps an earlier mark joins it."""
    marks: list[tuple[int, int]] = []
    for item in items:
        start, end = item["span"]
        if marks and start < marks[-1][1]:
            item["mark"] = len(marks) - 1
            marks[-1] = (marks[-1][0], max(marks[-1][1], end))
            continue
        marks.append((start, end))
        item["mark"] = len(marks) - 1
    return marks


def article_segments(document: Document, marks: list[tuple[int, int]]) -> list[Segment]:
    """The whole text cut into chrome, sentence text and marks (a mark never leaves its sentence)."""
    text = document.text
    sentences = sorted((s.start, s.end) for s in document.sentences.all())
    boundaries = {0, len(text)}
    for start, end in sentences:
        boundaries |= {start, end}
    for start, end in marks:
        boundaries |= {start, end}
    cuts = sorted(boundaries)
    mark_at = {start: index for index, (start, _end) in enumerate(marks)}
    mark_end = {index: end for index, (_start, end) in enumerate(marks)}
    segments: list[Segment] = []
    sentence_index = 0
    current_mark: int | None = None
    for left, right in zip(cuts, cuts[1:], strict=False):
        while sentence_index < len(sentences) and sentences[sentence_index][1] <= left:
            sentence_index += 1
        inside = sentence_index < len(sentences) and sentences[sentence_index][0] <= left
        if current_mark is not None and left >= mark_end[current_mark]:
            current_mark = None
        if left in mark_at:
            current_mark = mark_at[left]
        segments.append(Segment(text=text[left:right], chrome=not inside and current_mark is None, mark=current_mark))
    return segments


def _state(claim: Claim | None) -> str:
    return claim.status if claim is not None else "none"


def _mention_data(mention: Mention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    value_type = ValueType.DATE if mention.kind == "date" else ValueType.QUANTITY
    words = (
        value_words(
            value_type=value_type,
            modifier=mention.modifier,
            nominal=mention.nominal,
            lower=mention.lower,
            upper=mention.upper,
            unit=mention.unit,
            date_lower=mention.date_lower,
            date_upper=mention.date_upper,
            date_precision=mention.date_precision,
        )
        if mention.kind in ("quantity", "date")
        else mention.text
    )
    return {
        "id": mention.pk,
        "text": mention.text,
        "kind": mention.kind,
        "value": words,
        "interval": interval_text(
            value_type=value_type,
            lower=mention.lower,
            upper=mention.upper,
            lower_open=mention.lower_open,
            upper_open=mention.upper_open,
            date_lower=mention.date_lower,
            date_upper=mention.date_upper,
            unit=mention.unit,
        )
        if mention.kind in ("quantity", "date")
        else "",
        "modifier": mention.modifier,
        "rule": mention.rule,
    }


def _claim_data(claim: Claim) -> dict[str, Any]:
    prop, subject, fact = claim.property, claim.subject, claim.fact
    return {
        "id": claim.pk,
        "version": claim.version,
        "status": claim.status,
        "origin": claim.origin,
        "value": claim_value(claim),
        "interval": claim_interval(claim),
        "value_type": claim.value_type,
        "nominal": claim.nominal,
        "modifier": claim.modifier,
        "rule": claim.rule,
        "unit": claim.unit,
        "lower": None if claim.lower is None else str(claim.lower.normalize()),
        "upper": None if claim.upper is None else str(claim.upper.normalize()),
        "date_lower": claim.date_lower.isoformat() if claim.date_lower else None,
        "date_upper": claim.date_upper.isoformat() if claim.date_upper else None,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "confidence": f"{claim.confidence:.2f}",
        "cue": claim.cue,
        "subject": {"id": subject.pk, "label": subject.name, "hint": subject.kind} if subject else None,
        "property": {
            "id": prop.pk,
            "label": property_label(prop),
            "hint": prop.slug,
            "qualifier_keys": list(prop.qualifier_keys or []),
            "value_type": prop.value_type,
        }
        if prop
        else None,
        "qualifiers": claim.qualifiers or {},
        "qualifiers_text": qualifiers_text(claim.qualifiers),
        "fact": {
            "id": fact.pk,
            "name": fact_title(fact),
            "verdict": fact.verdict or "none yet",
            "claims": fact.claim_count,
            "url": reverse("admin:claims_fact_change", args=[fact.pk]),
        }
        if fact
        else None,
        "url": reverse("admin:claims_claim_change", args=[claim.pk]),
    }


def document_review(document: Document) -> tuple[dict[str, Any], list[tuple[int, int]]]:
    """What the review page shows of a document: the state (items for the panel, the state of
    each mark, the counts) and the marked spans, for `article_segments`."""
    _mentions, claims, items = review_items(document)
    marks = _marks(items)
    reviewed = sum(1 for c in claims if c.status != ClaimStatus.PROPOSED and c.evidence.all())
    total = sum(1 for c in claims if c.evidence.all())
    mark_states: dict[int, list[str]] = {}
    out_items = []
    for item in items:
        claim = item["claim"]
        mark_states.setdefault(item["mark"], []).append(_state(claim))
        out_items.append(
            {
                "key": item["key"],
                "mark": item["mark"],
                "start": item["span"][0],
                "end": item["span"][1],
                "state": _state(claim),
                "claim": _claim_data(claim) if claim else None,
                "mention": _mention_data(item["mention"]),
            }
        )
    return {
        "document": document.pk,
        "items": out_items,
        "marks": {index: min(states, key=STATE_ORDER.index) for index, states in mark_states.items()},
        "reviewed": reviewed,
        "total": total,
        "proposed": total - reviewed,
    }, marks


# --- pickers ----------------------------------------------------------------------------------


def entity_choices(query: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Entities whose name or an alias matches `query` in any script; prefix matches first."""
    term = folded_term(query)
    if not term:
        return []
    pattern = folded_pattern(query)
    rows = (
        Entity.objects.filter(
            Q(aliases__normalized__icontains=term) | Q(name__iregex=pattern) | Q(slug__icontains=term)
        )
        .distinct()
        .prefetch_related("aliases")
        .order_by("name", "id")[:200]
    )
    scored = []
    for entity in rows:
        names = [entity.name, *(a.name for a in entity.aliases.all())]
        folded = [folded_term(n) for n in names]
        prefix = any(f.startswith(term) for f in folded)
        matched = next((n for n, f in zip(names, folded, strict=True) if term in f), entity.name)
        scored.append((not prefix, len(entity.name), entity.pk, entity, matched))
    scored.sort(key=lambda row: row[:3])
    return [
        {"id": e.pk, "label": e.name, "hint": f"{e.kind}" + (f" · {m}" if m != e.name else "")}
        for *_key, e, m in scored[:limit]
    ]


def property_choices(query: str, *, value_type: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Properties whose slug or a label matches `query` in any script (properties are few: read in Python)."""
    pattern = folded_pattern(query)
    properties = Property.objects.order_by("slug", "id")
    if value_type in (ValueType.DATE, ValueType.QUANTITY):
        properties = properties.filter(value_type=value_type)
    out = []
    for prop in properties:
        labels = [prop.slug, prop.slug.replace("_", " "), prop.label_en, prop.label_ar, prop.label_fa]
        if pattern and not any(folded_contains(pattern, label) for label in labels if label):
            continue
        out.append(
            {
                "id": prop.pk,
                "label": property_label(prop),
                "hint": " · ".join(x for x in (prop.slug, prop.label_ar, prop.label_fa) if x),
                "qualifier_keys": list(prop.qualifier_keys or []),
                "value_type": prop.value_type,
            }
        )
    term = folded_term(query)
    out.sort(key=lambda row: (not folded_term(row["label"]).startswith(term), row["label"]))
    return out[:limit]
