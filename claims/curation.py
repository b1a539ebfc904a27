"""The curator's workspace calls the write path through these functions, and only these.

The review page, the queue and the fact comparison page never call `claims.services` directly:
the write path is being reshaped by other work (one validated claim write path and fact
versions; entity creation for the vocabulary in the database; readable verdict explanations),
and each function here is the one place to re-point when that lands. Each says which call it
stands in for. All of them take keyword arguments, write revisions through the services and
raise `CurationRefused` (a sentence for the curator), `services.StaleVersion` or Django's
`ValidationError`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from claims import services
from claims.domain.cleaning import InvisibleText, clean_text
from claims.domain.crosscheck import Report
from claims.domain.search import folded_pattern
from claims.models import Claim, ClaimStatus, Entity, EntityKind, Fact, Property, ValueType
from claims.vocabulary import services as vocabulary
from corpus.models import Mention

VIA = "admin"
User = services.User


class CurationRefused(Exception):
    """A curator's action that the rules refuse; the message says what to do instead."""


# --- claims -------------------------------------------------------------------------------


def claim_set_status(*, claim: Claim, status: str, expected_version: int, user: User) -> Claim:
    """Accept, reject or re-propose one claim at the version the curator saw.

    An accepted claim must say what it is about: without a subject or a property it is refused
    here, as the integrity work's write path will refuse it (then this check can go).
    """
    if status not in ClaimStatus.values:
        raise CurationRefused(f"Unknown status {status!r}.")
    if status == ClaimStatus.ACCEPTED:
        missing = [
            name for name, value in (("subject", claim.subject_id), ("property", claim.property_id)) if not value
        ]
        if missing:
            raise CurationRefused(f"Pick a {' and a '.join(missing)} before accepting this claim.")
    return services.claim_update(claim=claim, expected_version=expected_version, user=user, via=VIA, status=status)


def claim_edit(*, claim: Claim, expected_version: int, user: User, **changes: Any) -> Claim:
    """Change a claim's subject, property, qualifiers or value at the version the curator saw."""
    return services.claim_update(claim=claim, expected_version=expected_version, user=user, via=VIA, **changes)


# The value columns a stored mention gives a claim made from it.
_MENTION_VALUE_FIELDS = ("nominal", "modifier", "rule", "unit", "noun")
_QUANTITY_FIELDS = ("lower", "upper", "lower_open", "upper_open")
_DATE_FIELDS = ("date_lower", "date_upper", "date_precision", "calendar")


def claim_from_mention(*, mention: Mention, prop: Property, subject: Entity | None, user: User) -> Claim:
    """A claim for a mention that had none, once the curator names its property.

    Its value is the mention's; the evidence is the mention's span. Stands in for the propose
    service's single-mention entry point, if one appears.
    """
    is_date = mention.kind == "date"
    if (prop.value_type == ValueType.DATE) != is_date:
        raise CurationRefused(f"Property {prop.slug} takes {prop.value_type} values; this mention is a {mention.kind}.")
    fields: dict[str, Any] = {f: getattr(mention, f) for f in _MENTION_VALUE_FIELDS}
    fields |= {f: getattr(mention, f) for f in (_DATE_FIELDS if is_date else _QUANTITY_FIELDS)}
    fields["noun"] = (fields["noun"] or "")[:120]
    with transaction.atomic():
        claim = services.claim_create(
            document=mention.document,
            start=mention.start,
            end=mention.end,
            quote=mention.text,
            user=user,
            via=VIA,
            property=prop,
            subject=subject,
            **fields,
        )
        Claim.objects.filter(pk=claim.pk).update(mention=mention)
        claim.mention = mention
    return claim


# --- entities -------------------------------------------------------------------------------


@transaction.atomic
def entity_create(*, name: str, language: str, kind: str, user: User) -> Entity:
    """A new entity named by words of an article, with those words as its alias in the article's language.

    Goes through the vocabulary services (revision, vocabulary version bump, so the matcher sees
    it on the next proposal). An entity of the same kind already named by the same words in
    another spelling (ی/ي, with or without ZWNJ or hamza) is returned instead of a twin.
    """
    try:
        name = " ".join(clean_text(name).split())
    except InvisibleText as exc:
        raise ValidationError({"name": str(exc)}) from exc
    if kind not in EntityKind.values:
        raise ValidationError({"kind": f"Unknown kind {kind!r}."})
    same_name = f"^{folded_pattern(name)}$"
    existing = (
        Entity.objects.filter(kind=kind)
        .filter(Q(aliases__name__iregex=same_name) | Q(name__iregex=same_name))
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing
    entity = vocabulary.entity_create(name=name, kind=kind, user=user, via=VIA)
    vocabulary.alias_create(entity=entity, name=name, language=language, user=user, via=VIA)
    return entity


# --- facts ----------------------------------------------------------------------------------


def fact_resolve(*, fact: Fact, expected_version: int, user: User, **changes: Any) -> Fact:
    """Set a fact's preferred claim or note, refused (`StaleVersion`) if the fact changed since
    `expected_version`, the version the curator's form was read at.

    `fact_update`'s conditional UPDATE (`WHERE version = …`) decides, so two curators saving
    over one version cannot both win, on SQLite as on PostgreSQL.
    """
    return services.fact_update(fact=fact, user=user, via=VIA, expected_version=expected_version, **changes)


def fact_explanation(report: Report | None) -> list[str]:
    """The verdict of a fact in sentences a curator reads: the cross-check's own findings (who
    says what, in the value's terms, the majority counted in sources, each conflict's reason)."""
    if report is None:
        return ["No accepted claim yet: accept claims to compare them."]
    return list(report.findings)
