"""Claims write operations. Every change writes its `Revision` rows in the same transaction.

Services take keyword arguments, validate with `full_clean()` before the first save, raise the
exceptions defined here, and never see a request. `via` says where a change came from
(`admin`, `api`, `command`, `import`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from claims.domain.cleaning import InvisibleText, clean_text
from claims.domain.crosscheck import crosscheck
from claims.domain.values import ClaimValue, PropertyRules, claim_errors, rederived_bounds
from claims.domain.vocabulary import UnitFamily as FamilyRecord
from claims.models import (
    CLAIM_VALUE_FIELDS,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    Entity,
    Evidence,
    Fact,
    Property,
    Revision,
    UnitFamily,
    ValueType,
    evidence_validate,
)
from claims.revisions import User, revision_record
from claims.revisions import jsonable as _jsonable
from claims.selectors import claim_value_from_row, fact_claim_rows
from claims.vocabulary.learning import candidates_offer
from corpus.extraction.units import KNOWN_UNITS, unit_error
from corpus.models import Document, Sentence
from corpus.models import Mention as StoredMention
from project.errors import DuplicateObject, StaleVersion

CONTEXT_CHARS = 32


class DuplicateClaim(DuplicateObject):
    """A claim with the same identity (document, span, property) exists: `existing` is it.

    The API answers 409 with its URL; see `Claim` for why the subject is not part of it.
    """

    route = "claim-detail"
    code = "duplicate_claim"

    def __init__(self, existing: Claim) -> None:
        super().__init__(
            f"claim {existing.pk} already states {existing.property or 'a claim without property'} "
            f"at [{existing.span_start}, {existing.span_end}) of document {existing.document_id}",
            existing_pk=existing.pk,
        )
        self.existing = existing


def claim_at_identity(claim: Claim) -> Claim | None:
    """Another stored claim with `claim`'s identity (document, span, property), if any."""
    if claim.span_start is None:
        return None
    return (
        Claim.objects.filter(
            document_id=claim.document_id,
            span_start=claim.span_start,
            span_end=claim.span_end,
            # no property yet: the (document, span) constraint among claims without one
            **({"property_id": claim.property_id} if claim.property_id is not None else {"property__isnull": True}),
        )
        .exclude(pk=claim.pk)
        .select_related("property")
        .first()
    )


def _refuse_duplicate(claim: Claim) -> None:
    if (existing := claim_at_identity(claim)) is not None:
        raise DuplicateClaim(existing)


@contextmanager
def _identity_race(claim: Claim) -> Iterator[None]:
    """A savepoint around the write of `claim`: when a concurrent write stored a claim with its
    identity between `_refuse_duplicate` and this write, the unique constraint refuses it here,
    only this write is undone, and the caller gets `DuplicateClaim` naming the winner."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        if (existing := claim_at_identity(claim)) is not None:
            raise DuplicateClaim(existing) from None
        raise


# --- facts ------------------------------------------------------------------------------


def fact_key(*, subject_id: int, property_id: int, qualifiers: dict[str, Any]) -> str:
    return f"{subject_id}|{property_id}|{json.dumps(qualifiers, sort_keys=True, ensure_ascii=False)}"


def fact_for(*, subject: Entity, prop: Property, qualifiers: dict[str, Any]) -> Fact:
    """The fact (subject + property + qualifiers) a claim belongs to, created on first use."""
    key = fact_key(subject_id=subject.pk, property_id=prop.pk, qualifiers=qualifiers)
    fact, _ = Fact.objects.get_or_create(
        key=key, defaults={"subject": subject, "property": prop, "qualifiers": qualifiers}
    )
    return fact


def _is_date_property(claim: Claim) -> bool:
    return claim.property is not None and claim.property.value_type == ValueType.DATE


def _fact_for_claim(claim: Claim) -> Fact | None:
    if claim.subject_id is None or claim.property_id is None:
        return None
    subject, prop = claim.subject, claim.property
    if subject is None or prop is None:
        return None
    return fact_for(subject=subject, prop=prop, qualifiers=claim.qualifiers or {})


# --- claims -----------------------------------------------------------------------------

CLAIM_EDITABLE_FIELDS = (
    "subject",
    "property",
    "qualifiers",
    "fact",
    *CLAIM_VALUE_FIELDS,
    "as_of",
    "status",
    "confidence",
)

# The fields that make up a claim's value: a curator who changes one of them on an extracted
# claim makes it `curated`, so the audit stops re-deriving it from the extractor.
CURATED_VALUE_FIELDS = tuple(f for f in CLAIM_VALUE_FIELDS if f not in ("rule", "noun"))


@transaction.atomic
def claim_update(*, claim: Claim, expected_version: int, user: User, via: str, **changes: Any) -> Claim:
    """Apply `changes` to a claim if nobody changed it since `expected_version`.

    The check is a conditional UPDATE (`WHERE id = … AND version = …`), not read-then-save, so
    it holds on SQLite too, where `select_for_update` does nothing. Changing subject, property
    or qualifiers regroups the claim into the matching fact unless a fact is given.
    """
    old_fact_id = claim.fact_id
    before, changes = _apply(claim, changes)
    regroup = {"subject", "property", "qualifiers"} & set(changes)
    # An accepted claim is compared in its fact: one stored before facts were kept gets it now.
    unfiled = changes.get("status") == ClaimStatus.ACCEPTED and claim.fact_id is None
    if "fact" not in changes and (regroup or unfiled):
        claim.fact = _fact_for_claim(claim)
        changes["fact"] = claim.fact
        before["fact"] = old_fact_id
    _sync_date_bounds(claim)
    claim.full_clean(exclude=["document"])
    diff = {f: (before[f], getattr(claim, f)) for f in changes if _jsonable(before[f]) != _jsonable(getattr(claim, f))}
    if not diff:
        return claim
    if claim.origin == ClaimOrigin.EXTRACTED and set(CURATED_VALUE_FIELDS) & set(diff):
        diff["origin"] = (claim.origin, ClaimOrigin.CURATED)
        claim.origin = ClaimOrigin.CURATED
    fields = sorted({*diff, "lower", "upper"} if {"date_lower", "date_upper"} & set(diff) else set(diff))
    with _identity_race(claim):
        updated = Claim.objects.filter(pk=claim.pk, version=expected_version).update(
            **{f: getattr(claim, f) for f in fields}, version=F("version") + 1, updated_at=dt.datetime.now(dt.UTC)
        )
    if updated != 1:
        raise StaleVersion("claim", claim.pk, expected_version)
    claim.version = expected_version + 1
    revision_record(obj=claim, action=Revision.Action.UPDATE, changes=diff, user=user, via=via)
    facts_refresh(fact_ids=[old_fact_id, claim.fact_id])
    if user is not None and user.is_authenticated and {"subject", "property"} & set(diff):
        # A curator's correction offers the words that tie the figure to it as candidates.
        candidates_offer(claim=claim, changed={"subject", "property"} & set(diff), user=user, via=via)
    return claim


def _apply(claim: Claim, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set `changes` on the claim in memory, bounds re-derived, and check the result: the
    values before, and the changes with what followed from them. Writes nothing."""
    unknown = set(changes) - set(CLAIM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({f: "This field cannot be changed." for f in sorted(unknown)})
    _unit_check(changes)
    changes = dict(changes)
    if changes.get("fact") is not None:
        # Moving a claim to another fact: its subject, property and qualifiers follow the fact.
        target = changes["fact"]
        changes.update(subject=target.subject, property=target.property, qualifiers=target.qualifiers)
    before = {f: getattr(claim, f) for f in (*changes, *BOUND_FIELDS, "rule")}
    for field, value in changes.items():
        setattr(claim, field, value)
    if "property" in changes and claim.property_id and _is_date_property(claim):
        claim.value_type = ValueType.DATE
    _refuse_numbers_on_dates(claim, changes)
    changes |= _rederive(claim, changes)
    claim_value_check(claim, changed=changes)
    _refuse_duplicate(claim)
    return before, changes


def claim_update_check(*, claim: Claim, changes: dict[str, Any]) -> dict[str, Any]:
    """What `claim_update` would change (bounds re-derived included), or the `ValidationError`
    or `DuplicateClaim` it would raise; the claim is left as it is. For forms that show the
    errors beside their fields (the admin) before anything is saved."""
    _, applied = _apply(copy.copy(claim), changes)
    return applied


def claims_set_status(*, claims: Iterable[Claim], status: str, user: User, via: str) -> int:
    """Accept, reject or re-propose claims; one revision per claim that changed."""
    changed = 0
    with transaction.atomic():
        for claim in claims:
            if claim.status == status:
                continue
            try:
                claim_update(claim=claim, expected_version=claim.version, user=user, via=via, status=status)
            except ValidationError as exc:  # one claim refused refuses the batch, naming it
                raise ValidationError(
                    {
                        field: [f"claim {claim.pk}: {m}" for m in messages]
                        for field, messages in exc.message_dict.items()
                    }
                ) from exc
            changed += 1
    return changed


def _unit_check(fields: dict[str, Any]) -> None:
    """Refuse a unit that is neither empty nor known (`corpus.extraction.units`).

    Only a unit being written is checked: a claim stored before the rule keeps its unit until
    someone changes it.
    """
    if "unit" in fields:
        error = unit_error(fields["unit"] or "")
        if error:
            raise ValidationError({"unit": error})


def _sync_date_bounds(claim: Claim) -> None:
    """Date claims keep their interval as day ordinals too, so one numeric scan covers both."""
    if claim.value_type == ValueType.DATE:
        claim.lower = Decimal(claim.date_lower.toordinal()) if claim.date_lower else None
        claim.upper = Decimal(claim.date_upper.toordinal()) if claim.date_upper else None


def unit_families() -> dict[str, tuple[FamilyRecord, frozenset[str]]]:
    """Every unit family with the units it takes, currencies resolved (one query)."""
    families = {}
    for row in UnitFamily.objects.all():
        family = FamilyRecord(row.name, tuple(row.units), row.currencies, row.unit_required, row.minimum, row.maximum)
        families[row.name] = (family, family.resolve(KNOWN_UNITS | set(family.units)))
    return families


def property_rules(
    prop: Property | None, families: dict[str, tuple[FamilyRecord, frozenset[str]]] | None = None
) -> PropertyRules | None:
    """What `prop` lets a claim's value be: its unit family and qualifiers (`families` as
    `unit_families()` reads them, read here if not given)."""
    if prop is None:
        return None
    families = unit_families() if families is None else families
    family, units = families.get(prop.unit_family, (None, None))
    return PropertyRules(
        slug=prop.slug,
        value_type=prop.value_type,
        units=units if family else None,
        classified=frozenset().union(*(u for _, u in families.values())),
        unit_required=bool(family and family.unit_required),
        minimum=family.minimum if family else None,
        maximum=family.maximum if family else None,
        qualifier_keys=frozenset(prop.qualifier_keys or ()),
    )


BOUND_FIELDS = ("lower", "upper", "lower_open", "upper_open")


def _refuse_numbers_on_dates(claim: Claim, given: Iterable[str]) -> None:
    """A date claim's numeric bounds are its days (`_sync_date_bounds`): numbers given for them
    would be dropped without a word, so they are refused naming the field."""
    if claim.value_type == ValueType.DATE and (numeric := sorted({"lower", "upper", "unit"} & set(given))):
        raise ValidationError(
            {name: f"{name} belongs to figures; a date claim takes date_lower and date_upper" for name in numeric}
        )


def _rederive(claim: Claim, changes: dict[str, Any]) -> dict[str, Any]:
    """The bounds a new stated figure or hedge gives by the policy, unless bounds were given.

    Applied to the claim and returned as further changes (empty when nothing is re-derived:
    dates, ranges and vague amounts keep the bounds they were given, which the value check
    then holds against the figure).
    """
    if claim.value_type == ValueType.DATE or not {"nominal", "modifier"} & set(changes):
        return {}
    if set(BOUND_FIELDS) & set(changes):
        return {}
    derived = rederived_bounds(nominal=claim.nominal, modifier=claim.modifier)
    if derived is None:
        return {}
    for name, value in derived.items():
        setattr(claim, name, value)
    return derived


def claim_value_check(claim: Claim, *, changed: Iterable[str] | None = None) -> None:
    """Refuse a claim whose value, qualifiers or status break `claims.domain.values`' rules,
    with a `ValidationError` naming each field. With `changed`, only the errors an edit of
    those fields is answerable for (an old claim's unit does not block accepting it)."""
    prop = claim.property if claim.property_id else None
    errors = claim_errors(
        ClaimValue.of({name: getattr(claim, name) for name in ClaimValue.__slots__}),
        property_rules(prop),
        status=claim.status,
        has_subject=claim.subject_id is not None,
        has_property=claim.property_id is not None,
        changed=None if changed is None else set(changed),
    )
    if errors:
        raise ValidationError(errors)


# --- evidence ---------------------------------------------------------------------------


def evidence_build(*, claim: Claim, sentence: Sentence, start: int, end: int) -> Evidence:
    """Evidence for the span, quote and context taken from the document (validated)."""
    document = sentence.document
    text = document.text
    quote = text[start:end]
    evidence_validate(document=document, sentence=sentence, start=start, end=end, quote=quote)
    return Evidence(
        claim=claim,
        document=document,
        sentence=sentence,
        start=start,
        end=end,
        quote=quote,
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


@transaction.atomic
def fact_update(*, fact: Fact, user: User, via: str, expected_version: int | None = None, **changes: Any) -> Fact:
    """Change a fact's resolution (note, preferred claim), with a revision.

    With `expected_version` (the API's If-Match) the change is a conditional UPDATE that
    raises `StaleVersion` when someone changed the fact since that version, as for claims.
    """
    allowed = {"resolution_note", "preferred_claim"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({f: "This field cannot be changed." for f in sorted(unknown)})
    if "resolution_note" in changes and changes["resolution_note"]:
        try:
            changes["resolution_note"] = clean_text(changes["resolution_note"])
        except InvisibleText as exc:
            raise ValidationError({"resolution_note": str(exc)}) from exc
    preferred = changes.get("preferred_claim")
    if preferred is not None and preferred.fact_id != fact.pk:
        raise ValidationError({"preferred_claim": "The preferred claim must belong to this fact."})
    diff = {f: (getattr(fact, f), v) for f, v in changes.items() if _jsonable(getattr(fact, f)) != _jsonable(v)}
    if not diff:
        return fact
    for field, (_, new) in diff.items():
        setattr(fact, field, new)
    fact.full_clean()
    if expected_version is not None:
        updated = Fact.objects.filter(pk=fact.pk, version=expected_version).update(
            **{f: getattr(fact, f) for f in diff}, version=F("version") + 1, updated_at=dt.datetime.now(dt.UTC)
        )
        if updated != 1:
            raise StaleVersion("fact", fact.pk, expected_version)
        fact.version = expected_version + 1
    else:
        fact.version += 1
        fact.save(update_fields=[*diff, "version", "updated_at"])
    revision_record(obj=fact, action=Revision.Action.UPDATE, changes=diff, user=user, via=via)
    return fact


def claim_move(*, claim: Claim, fact: Fact, user: User, via: str) -> Claim:
    """Move a claim to another fact (a curator's regrouping); subject/property follow the fact."""
    return claim_update(claim=claim, expected_version=claim.version, user=user, via=via, fact=fact)


def facts_refresh(*, fact_ids: Iterable[int | None]) -> int:
    """Recompute and store the verdict and consensus of facts over their accepted claims.

    The stored verdict is what list filters (`?verdict=conflict`) read; every service that
    changes claims calls this for the facts it touched, in the same transaction. A cumulative
    fact (a toll) is a series in time: rising figures on different days are a `timeline` (no
    single consensus is stored; the report names the latest figure), a fall is a `conflict`.
    """
    ids = sorted({i for i in fact_ids if i is not None})
    if not ids:
        return 0
    rows = fact_claim_rows(ids)
    facts = list(Fact.objects.filter(pk__in=ids).select_related("property"))
    for fact in facts:
        fact_rows = rows.get(fact.pk, [])
        report = (
            crosscheck(
                [claim_value_from_row(r) for r in fact_rows],
                time_varying=fact.property.time_varying,
                cumulative=fact.property.cumulative,
                explain=False,
            )
            if fact_rows
            else None
        )
        consensus = report.consensus if report else None
        fact.verdict = str(report.verdict) if report else ""
        fact.claim_count = len(fact_rows)
        fact.consensus_lower = consensus.lower if consensus else None
        fact.consensus_upper = consensus.upper if consensus else None
        fact.consensus_lower_open = consensus.lower_open if consensus else False
        fact.consensus_upper_open = consensus.upper_open if consensus else False
    Fact.objects.bulk_update(
        facts,
        [
            "verdict",
            "claim_count",
            "consensus_lower",
            "consensus_upper",
            "consensus_lower_open",
            "consensus_upper_open",
        ],
    )
    return len(facts)


@transaction.atomic
def claim_create(
    *, document: Document, start: int, end: int, quote: str | None, user: User, via: str, **fields: Any
) -> Claim:
    """A curated claim with its evidence span; refused unless the span lies in one sentence of
    the document and `quote` (when given) is the text there."""
    sentence = (
        Sentence.objects.filter(document=document, start__lte=start, end__gte=end).select_related("document").first()
    )
    if sentence is None:
        raise ValidationError(
            {"evidence": f"span [{start}, {end}) is not inside one sentence of document {document.pk}"}
        )
    if quote is not None and document.text[start:end] != quote:
        raise ValidationError(
            {
                "evidence": f"quote {quote!r} differs from the document text at [{start}, {end}): {document.text[start:end]!r}"
            }
        )
    unknown = set(fields) - set(CLAIM_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({f: "This field cannot be set." for f in sorted(unknown)})
    _unit_check(fields)
    # `as_of` (the day the claim holds at) defaults to the article's trusted date.
    fields.setdefault("as_of", document.trusted_date)
    claim = Claim(document=document, span_start=start, span_end=end, origin=ClaimOrigin.CURATED, **fields)
    if claim.property_id and _is_date_property(claim):
        claim.value_type = ValueType.DATE
    if fields.get("fact") is not None:
        # A claim created into a fact takes the fact's subject, property and qualifiers.
        target = fields["fact"]
        claim.subject, claim.property, claim.qualifiers = target.subject, target.property, target.qualifiers
    _refuse_numbers_on_dates(claim, [f for f, v in fields.items() if v not in (None, "")])
    fields |= _rederive(claim, fields)
    claim_value_check(claim)
    _refuse_duplicate(claim)
    _sync_date_bounds(claim)
    if fields.get("fact") is None:
        claim.fact = _fact_for_claim(claim)
    claim.full_clean()
    with _identity_race(claim):
        claim.save()
    evidence_build(claim=claim, sentence=sentence, start=start, end=end).save()
    revision_record(
        obj=claim,
        action=Revision.Action.CREATE,
        changes={f: (None, getattr(claim, f)) for f in fields},
        user=user,
        via=via,
    )
    facts_refresh(fact_ids=[claim.fact_id])
    return claim


@transaction.atomic
def claim_delete(*, claim: Claim, user: User, via: str, expected_version: int | None = None) -> None:
    """Delete a claim (and its evidence), recording what it was.

    With `expected_version` (the API's If-Match) the claim's row is locked and the delete is
    refused with `StaleVersion` when someone changed the claim since that version: a delete
    must not discard an edit its author never saw.
    """
    if expected_version is not None:
        current = Claim.objects.select_for_update().filter(pk=claim.pk).values_list("version", flat=True).first()
        if current != expected_version:
            raise StaleVersion("claim", claim.pk, expected_version)
    fact_id = claim.fact_id
    revision_record(
        obj=claim,
        action=Revision.Action.DELETE,
        changes={"status": (claim.status, None), "nominal": (claim.nominal, None)},
        user=user,
        via=via,
    )
    claim.delete()
    facts_refresh(fact_ids=[fact_id])


def claims_link_mentions(*, document_ids: Iterable[int]) -> int:
    """Point each claim without a mention at the stored mention its evidence quotes exactly.

    For claims that arrived without one (a fixture, an import, a curator's typed-in claim whose
    span happens to be a mention). A span quoted by no mention stays unlinked.
    """
    ids = list(document_ids)
    mentions = {
        (m.document_id, m.start, m.end): m.pk
        for m in StoredMention.objects.filter(document_id__in=ids).only("id", "document_id", "start", "end")
    }
    linked = []
    for claim_id, document_id, start, end in Evidence.objects.filter(
        document_id__in=ids, claim__mention__isnull=True
    ).values_list("claim_id", "document_id", "start", "end"):
        mention_id = mentions.get((document_id, start, end))
        if mention_id is not None:
            linked.append(Claim(pk=claim_id, mention_id=mention_id))
    Claim.objects.bulk_update(linked, ["mention"])
    return len(linked)
