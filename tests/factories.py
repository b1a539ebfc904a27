"""factory_boy factories for the models tests need."""

from __future__ import annotations

import hashlib

import factory

from corpus.models import Document, Sentence, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    language = "ar"
    text = factory.Sequence(lambda n: f"تستضيف فرنسا اجتماعا رقم {n}. ويضم التحالف 80 بلدا.")
    sha256 = factory.Sequence(lambda n: hashlib.sha256(f"factory-document-{n}".encode()).hexdigest())
    published_basis = "unknown"


class SentenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sentence

    document = factory.SubFactory(DocumentFactory)
    index = factory.Sequence(int)
    start = 0
    end = factory.LazyAttribute(lambda o: len(o.document.text))
    text = factory.LazyAttribute(lambda o: o.document.text[o.start : o.end])


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "claims.Entity"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Entity {n}")
    slug = factory.Sequence(lambda n: f"entity-{n}")
    kind = "organization"


def claim_with_evidence(*, document=None, quote: str = "80 بلداً", **fields):
    """A claim on a fresh document sentence holding `quote`, with its evidence (valid offsets)."""
    from decimal import Decimal

    from claims.models import Claim, Evidence, Property

    if document is None:
        document = DocumentFactory(text=f"العنوان\nويضم التحالف اليوم {quote} ومنظمة دولية.")
    start_sentence = document.text.index("\n") + 1 if "\n" in document.text else 0
    if start_sentence:
        Sentence.objects.get_or_create(
            document=document,
            index=0,
            defaults={"start": 0, "end": start_sentence - 1, "text": document.text[: start_sentence - 1]},
        )
    sentence, _ = Sentence.objects.get_or_create(
        document=document,
        index=1,
        defaults={"start": start_sentence, "end": len(document.text), "text": document.text[start_sentence:]},
    )
    defaults = {
        "property": Property.objects.get(slug="member_count"),
        "nominal": "80",
        "lower": Decimal(80),
        "upper": Decimal(80),
        "unit": "country",
        "modifier": "exact",
        "rule": "hedge.exact",
    }
    start = document.text.index(quote)
    claim = Claim.objects.create(
        document=document, span_start=start, span_end=start + len(quote), **{**defaults, **fields}
    )
    if claim.subject_id and claim.property_id and "fact" not in fields:
        from claims.services import fact_for

        claim.fact = fact_for(subject=claim.subject, prop=claim.property, qualifiers=claim.qualifiers or {})
        claim.save(update_fields=["fact"])
    Evidence.objects.create(
        claim=claim,
        document=document,
        sentence=sentence,
        start=start,
        end=start + len(quote),
        quote=quote,
    )
    return claim


def claim_create_body(*, document_id: int, start: int, end: int, quote: str | None = None, **fields) -> dict:
    """A `POST /api/v1/claims/` body for "80 countries" (member_count, no subject) at a span."""
    evidence = {"document": document_id, "start": start, "end": end}
    if quote is not None:
        evidence["quote"] = quote
    return {
        "subject": None,
        "property": "member_count",
        "nominal": "80",
        "lower": "80",
        "upper": "80",
        "unit": "country",
        "evidence": evidence,
        **fields,
    }
